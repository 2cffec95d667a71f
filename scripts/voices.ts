// npm run voices [-- --prune] [scenario files or folders…]: the voice clips of every phone scenario
// (channel: phone; default: scenarios/*.yaml). Each customer and manager line and variant, and each
// reply's `response`, is planned at every mood stage play can show it at, and every line of the
// scenario's effective reaction table (every key: shared defaults, persona, scenario) at the three
// REACTION_STAGES (src/lib/voice/clip-plan.ts); each is spoken by espeak-ng's
// Mandarin voice with that stage's prosody (src/lib/voice/prosody.ts) and encoded by ffmpeg as Opus
// in WebM and as MP3 into static/audio/voices/<clipName>.{webm,mp3}. A clip whose files exist is
// kept (the name is a hash of engine, stage and text), so only changed lines are made again.
// --prune removes clips no scenario needs. The clips are committed: only regenerating needs
// espeak-ng and ffmpeg. Other scripts can plan and make clips of their own with generateClips().
import { checkQuizFile, quizFiles } from '../src/lib/quiz/files';
import { listenClipSpecs } from '../src/lib/quiz/listen';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { compileScenarioFile, scenarioFiles } from '../src/lib/scenario/files';
import type { MoodStageId } from '../src/lib/domain';
import { clipName, VOICE_DIR, VOICE_FORMATS } from '../src/lib/voice/clip-name';
import { isPhoneScenario, voicePlan, type ClipSpec, type PlanOptions, type VoicePlan } from '../src/lib/voice/clip-plan';
import { clipExists, clipPaths } from '../src/lib/voice/files';
import { espeakArgs } from '../src/lib/voice/prosody';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const INSTALL_HINT = 'sudo apt-get install -y espeak-ng ffmpeg';
/** espeak-ng's Mandarin voice. */
export const ESPEAK_VOICE = 'cmn';
/** Encoder settings: mono speech, small. Changing them means bumping VOICE_ENGINE (clip-name.ts). */
export const ENCODINGS = {
	webm: ['-c:a', 'libopus', '-b:a', '24k', '-application', 'voip', '-f', 'webm'],
	mp3: ['-c:a', 'libmp3lame', '-b:a', '32k', '-f', 'mp3']
} as const satisfies Record<(typeof VOICE_FORMATS)[number], readonly string[]>;

export interface ScenarioVoices {
	file: string;
	id: string;
	plan: VoicePlan;
}

/** The phone scenarios among files and folders (default: scenarios/), each with its voice plan. */
export function phoneScenarioPlans(targets: string[] = [join(ROOT, 'scenarios')], opts: PlanOptions = {}): ScenarioVoices[] {
	const files = targets.flatMap((t) => (statSync(t).isDirectory() ? scenarioFiles(t) : [t]));
	const out: ScenarioVoices[] = [];
	for (const file of files) {
		const r = compileScenarioFile(file);
		if (!r.scenario) {
			const first = r.diagnostics.find((d) => d.severity === 'error');
			throw new Error(`${file} does not compile${first ? `: ${first.line}:${first.col}: ${first.message}` : ''} (npm run scenarios:check)`);
		}
		if (isPhoneScenario(r.scenario)) out.push({ file, id: r.scenario.meta.id, plan: voicePlan(r.scenario, opts) });
	}
	return out;
}

/** One spec per clip name (a text said twice at one stage is one clip). */
export function uniqueSpecs(specs: readonly ClipSpec[]): (ClipSpec & { name: string })[] {
	const byName = new Map<string, ClipSpec & { name: string }>();
	for (const s of specs) {
		const name = clipName(s.text, s.stage);
		if (!byName.has(name)) byName.set(name, { text: s.text, stage: s.stage, name });
	}
	return [...byName.values()];
}

/** Null when both tools run, else the message to show. */
export function missingTools(): string | null {
	const missing = [
		['espeak-ng', ['--version']],
		['ffmpeg', ['-version']]
	].filter(([cmd, args]) => spawnSync(cmd as string, args as string[], { stdio: 'ignore' }).status !== 0).map(([cmd]) => cmd as string);
	if (!missing.length) return null;
	return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed: generating voice clips needs espeak-ng and ffmpeg.\nInstall them with:\n  ${INSTALL_HINT}\n(the committed clips play without them)`;
}

function run(cmd: string, args: string[], input?: Buffer | string): Promise<Buffer> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (d: Buffer) => out.push(d));
		child.stderr.on('data', (d: Buffer) => err.push(d));
		child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}${(e as NodeJS.ErrnoException).code === 'ENOENT' ? ` (${INSTALL_HINT})` : ''}`)));
		child.on('close', (code) => (code === 0 ? resolvePromise(Buffer.concat(out)) : reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(err).toString().trim().slice(0, 500)}`))));
		child.stdin.on('error', () => {}); // a tool that failed early closes its input; 'close' reports it
		child.stdin.end(input ?? '');
	});
}

/** Speaks a text at a stage: a WAV file's bytes (espeak-ng reads the words from stdin). */
export function speak(text: string, stage: MoodStageId): Promise<Buffer> {
	return run('espeak-ng', ['-v', ESPEAK_VOICE, ...espeakArgs(stage), '--stdout'], text);
}

/** Makes one clip's files under `root` (written beside, then renamed: an interrupted run leaves no half clip). */
export async function generateClip(spec: ClipSpec, root = ROOT): Promise<{ name: string; bytes: Record<(typeof VOICE_FORMATS)[number], number> }> {
	const name = clipName(spec.text, spec.stage);
	const wav = await speak(spec.text, spec.stage);
	const dir = join(root, VOICE_DIR);
	mkdirSync(dir, { recursive: true });
	const bytes = {} as Record<(typeof VOICE_FORMATS)[number], number>;
	for (const format of VOICE_FORMATS) {
		const file = join(dir, `${name}.${format}`);
		const part = `${file}.part`;
		const common = ['-hide_banner', '-v', 'error', '-y', '-f', 'wav', '-i', 'pipe:0', '-ac', '1', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact'];
		await run('ffmpeg', [...common, ...ENCODINGS[format], part], wav);
		renameSync(part, file);
		bytes[format] = statSync(file).size;
	}
	return { name, bytes };
}

export interface GenerateSummary {
	/** Clip names made now, and those whose files were there already. */
	generated: string[];
	kept: string[];
	/** Bytes of the clips made now, per format. */
	bytes: Record<(typeof VOICE_FORMATS)[number], number>;
	ms: number;
}

/**
 * Makes the clips of `specs` that are not on disk yet (`force`: all of them), a few at a time.
 * Throws with the install hint when espeak-ng or ffmpeg is missing and something is to be made.
 */
export async function generateClips(
	specs: readonly ClipSpec[],
	opts: { root?: string; force?: boolean; concurrency?: number; onClip?: (name: string, done: number, total: number) => void } = {}
): Promise<GenerateSummary> {
	const root = opts.root ?? ROOT;
	const start = performance.now();
	const all = uniqueSpecs(specs);
	const todo = opts.force ? all : all.filter((s) => !clipExists(s.name, root));
	const summary: GenerateSummary = { generated: [], kept: all.filter((s) => !todo.includes(s)).map((s) => s.name), bytes: { webm: 0, mp3: 0 }, ms: 0 };
	if (todo.length) {
		const problem = missingTools();
		if (problem) throw new Error(problem);
	}
	let next = 0;
	const worker = async () => {
		while (next < todo.length) {
			const spec = todo[next++];
			const made = await generateClip(spec, root);
			summary.generated.push(made.name);
			for (const f of VOICE_FORMATS) summary.bytes[f] += made.bytes[f];
			opts.onClip?.(made.name, summary.generated.length, todo.length);
		}
	};
	const n = Math.max(1, Math.min(opts.concurrency ?? Math.max(1, cpus().length), todo.length || 1));
	await Promise.all(Array.from({ length: n }, worker));
	summary.ms = Math.round(performance.now() - start);
	return summary;
}

/** The clip names in the voice folder (a name with all its formats or some). */
export function clipNamesOnDisk(root = ROOT): string[] {
	let files: string[];
	try {
		files = readdirSync(join(root, VOICE_DIR));
	} catch {
		return [];
	}
	const names = new Set<string>();
	for (const f of files) {
		const m = /^([0-9a-f]{16})\.(webm|mp3)(\.part)?$/.exec(f);
		if (m) names.add(m[1]);
	}
	return [...names].sort();
}

/** Removes every clip (and leftover part file) whose name is not in `keep`. */
export function pruneClips(keep: ReadonlySet<string>, root = ROOT): { pruned: string[]; bytes: number } {
	const pruned: string[] = [];
	let bytes = 0;
	for (const name of clipNamesOnDisk(root)) {
		const paths = [...clipPaths(name, root), ...clipPaths(name, root).map((p) => `${p}.part`)];
		for (const p of keep.has(name) ? paths.filter((x) => x.endsWith('.part')) : paths) {
			try {
				bytes += statSync(p).size;
				rmSync(p);
			} catch {
				/* not there */
			}
		}
		if (!keep.has(name)) pruned.push(name);
	}
	return { pruned, bytes };
}

/** Bytes on disk of the given clips, per format. */
export function clipBytes(names: Iterable<string>, root = ROOT): Record<(typeof VOICE_FORMATS)[number], number> {
	const out = { webm: 0, mp3: 0 };
	for (const name of names)
		for (const f of VOICE_FORMATS) {
			try {
				out[f] += statSync(join(root, VOICE_DIR, `${name}.${f}`)).size;
			} catch {
				/* missing: counted by the checker */
			}
		}
	return out;
}

/** The clips the quizzes' listen questions play (scenarios/quizzes, every quiz that compiles). */
export function listenQuizSpecs(dir = join(ROOT, 'scenarios', 'quizzes')): ClipSpec[] {
	return quizFiles(dir).flatMap((f) => {
		const quiz = checkQuizFile(f).quiz;
		return quiz ? listenClipSpecs(quiz) : [];
	});
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function main(argv: string[]): Promise<number> {
	if (argv.includes('--help')) {
		process.stdout.write('npm run voices [-- --prune] [--force] [scenario files or folders…]\n');
		return 0;
	}
	const prune = argv.includes('--prune');
	const force = argv.includes('--force');
	const targets = argv.filter((a) => !a.startsWith('--'));
	let scenarios: ScenarioVoices[];
	try {
		scenarios = phoneScenarioPlans(targets.length ? targets : undefined);
	} catch (e) {
		process.stderr.write(`voices: ${(e as Error).message}\n`);
		return 1;
	}
	// The listen questions of every quiz (听声辨情) are voiced the same way.
	const quizSpecs = targets.length ? [] : listenQuizSpecs();
	const specs = [...scenarios.flatMap((s) => s.plan.clips), ...quizSpecs];
	let summary: GenerateSummary;
	try {
		summary = await generateClips(specs, {
			force,
			onClip: (name, done, total) => {
				if (done === total || done % 10 === 0) process.stderr.write(`  ${done}/${total} made\n`);
			}
		});
	} catch (e) {
		process.stderr.write(`voices: ${(e as Error).message}\n`);
		return 1;
	}
	const needed = new Set(uniqueSpecs(specs).map((s) => s.name));
	// Pruning with only some scenarios named would remove the others' clips: it always plans them all.
	const keep = prune && targets.length ? new Set([...phoneScenarioPlans().flatMap((s) => s.plan.clips), ...listenQuizSpecs()].map((c) => clipName(c.text, c.stage))) : needed;
	const pruned = prune ? pruneClips(keep) : { pruned: [], bytes: 0 };
	for (const s of scenarios) {
		const names = new Set(s.plan.clips.map((c) => c.name));
		const b = clipBytes(names);
		process.stdout.write(`${basename(s.file)}: ${s.plan.lines.length} voiced lines, ${names.size} clips, webm ${kb(b.webm)}, mp3 ${kb(b.mp3)}${s.plan.exact ? '' : ' (stages from mood ranges: too many play states to explore)'}\n`);
	}
	if (quizSpecs.length) {
		const names = new Set(uniqueSpecs(quizSpecs).map((c) => c.name));
		const b = clipBytes(names);
		process.stdout.write(`quizzes (listen questions): ${names.size} clips, webm ${kb(b.webm)}, mp3 ${kb(b.mp3)}\n`);
	}
	const total = clipBytes(needed);
	process.stdout.write(
		`voices: ${summary.generated.length} generated (${kb(summary.bytes.webm + summary.bytes.mp3)}, ${(summary.ms / 1000).toFixed(1)} s), ${summary.kept.length} kept, ${pruned.pruned.length} pruned (${kb(pruned.bytes)}); ` +
			`${needed.size} clips in ${VOICE_DIR}: webm ${kb(total.webm)} + mp3 ${kb(total.mp3)} = ${total.webm + total.mp3} bytes\n`
	);
	return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(await main(process.argv.slice(2)));
