// Voice clips on disk (node only: the voices script, the checker CLI and the bench): which planned
// clips and authored recordings exist, and the checker's warnings for those that do not.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { at, type Located } from '../scenario/compiler';
import type { CompiledScenario, Diagnostic } from '../scenario/types';
import type { ScenarioFile } from '../scenario/schema';
import { VOICE_DIR, VOICE_FORMATS } from './clip-name';
import { isPhoneScenario, voicePlan, type VoiceLine, type VoicePlan } from './clip-plan';

/** Where authored recordings live: `audio:` paths are relative to it. */
export const AUDIO_DIR = 'static/audio';

/** The files of a generated clip, one per format, under `root`. */
export function clipPaths(name: string, root = '.'): string[] {
	return VOICE_FORMATS.map((f) => join(root, VOICE_DIR, `${name}.${f}`));
}

export function clipExists(name: string, root = '.'): boolean {
	return clipPaths(name, root).every((p) => existsSync(p));
}

export function audioFileExists(audio: string, root = '.'): boolean {
	try {
		return statSync(join(root, AUDIO_DIR, audio)).isFile();
	} catch {
		return false;
	}
}

/**
 * `"voice"` in `scenarios:check --json`: texts a phone call can speak (lines and variants, replies'
 * responses, the effective reaction table's lines), and how many of them have all their clips (or
 * their recording).
 */
export interface VoiceCount {
	lines: number;
	clips: number;
}

export interface VoiceStatus {
	plan: VoicePlan;
	count: VoiceCount;
	/** Lines whose authored recording is missing, or some of whose clips are (with the stages). */
	missing: { line: VoiceLine; audio?: string; stages?: VoiceLine['stages'] }[];
}

/** What a phone scenario's voice needs and what of it is on disk under `root`. */
export function voiceStatus(scenario: CompiledScenario, root = '.'): VoiceStatus {
	const plan = voicePlan(scenario);
	const missing: VoiceStatus['missing'] = [];
	let clips = 0;
	for (const line of plan.lines) {
		if (line.audio) {
			if (audioFileExists(line.audio, root)) clips++;
			else missing.push({ line, audio: line.audio });
			continue;
		}
		const absent = plan.clips.filter((c) => c.key === line.key && !clipExists(c.name, root)).map((c) => c.stage);
		if (absent.length) missing.push({ line, stages: absent });
		else clips++;
	}
	return { plan, count: { lines: plan.lines.length, clips }, missing };
}

/**
 * The checker's voice warnings for a compiled file, placed at the line or variant: authored
 * recordings that do not exist (any scenario), and, in phone scenarios, texts without their clips
 * (never made, or made for words or a mood that changed since; `clips: false` leaves those out).
 * `voice` only for phone scenarios.
 */
export function voiceCheck(
	scenario: CompiledScenario,
	source: ScenarioFile,
	src: Located,
	root = '.',
	opts: { clips?: boolean } = {}
): { voice?: VoiceCount; diagnostics: Diagnostic[] } {
	const diagnostics: Diagnostic[] = [];
	const index = new Map(source.nodes.map((n, i) => [n.id, i]));
	const put = (path: PropertyKey[], message: string) => {
		const { line, col } = src.lines.linePos(at(src, path));
		diagnostics.push({ file: src.file, line, col, severity: 'warning', message });
	};
	const warn = (node: string, variant: number | null, field: 'audio' | 'text', message: string) => {
		const i = index.get(node);
		put(i === undefined ? ['nodes'] : variant === null ? ['nodes', i, field] : ['nodes', i, 'variants', variant, field], message);
	};
	/** Where a voiced text is written: a line or variant, a reply's `response`, or a reaction line (the scenario's own `reactions.lines`, else its `persona`, whose archetype picks the shared table's layer). */
	const place = (l: VoiceLine): PropertyKey[] => {
		if (l.reaction !== undefined) {
			const own = (source.reactions?.lines as Record<string, unknown> | undefined)?.[l.reaction];
			return own ? ['reactions', 'lines', l.reaction, l.variant ?? 0] : ['persona', 'archetype'];
		}
		const i = index.get(l.node);
		if (i === undefined) return ['nodes'];
		if (l.reply !== undefined) {
			const n = source.nodes[i];
			const j = 'replies' in n ? n.replies.findIndex((r) => r.id === l.reply) : -1;
			return j < 0 ? ['nodes', i] : ['nodes', i, 'replies', j, 'response'];
		}
		return l.variant === null ? ['nodes', i, 'text'] : ['nodes', i, 'variants', l.variant, 'text'];
	};
	const describe = (l: VoiceLine) =>
		l.reaction !== undefined ? `reaction line "${l.reaction}" #${(l.variant ?? 0) + 1}` : l.reply !== undefined ? `response of reply "${l.key}"` : `${l.speaker} line "${l.key}"`;
	const phone = isPhoneScenario(scenario);
	const heard = new Set<string>();
	let voice: VoiceCount | undefined;
	if (phone) {
		const status = voiceStatus(scenario, root);
		voice = status.count;
		status.plan.lines.forEach((l) => heard.add(l.key));
		for (const m of status.missing) {
			const where = describe(m.line);
			if (m.audio) warn(m.line.node, m.line.variant, 'audio', `audio file ${AUDIO_DIR}/${m.audio} of ${where} does not exist`);
			else if (opts.clips !== false)
				put(place(m.line), `${where} has no voice clip for ${m.stages!.join(', ')} in ${VOICE_DIR}/ (never made, or its words changed since): run npm run voices`);
		}
	}
	// Recordings on lines no phone call plays (other channels, the narrator, a text never shown): still checked.
	for (const node of Object.values(scenario.nodes)) {
		if (node.type !== 'line') continue;
		const texts = [{ variant: null as number | null, audio: node.audio }, ...node.variants.map((v, k) => ({ variant: k as number | null, audio: v.audio }))];
		for (const t of texts) {
			const key = t.variant === null ? node.id : `${node.id}#${t.variant}`;
			if (t.audio && !heard.has(key) && !audioFileExists(t.audio, root)) warn(node.id, t.variant, 'audio', `audio file ${AUDIO_DIR}/${t.audio} of line "${key}" does not exist`);
		}
	}
	return { ...(voice ? { voice } : {}), diagnostics };
}
