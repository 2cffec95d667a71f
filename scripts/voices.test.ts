// npm run voices: the cache (a clip on disk is kept, not made again), pruning, the install hint
// when the tools are missing, and one real clip when espeak-ng and ffmpeg are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/lib/sha256';
import { clipName, VOICE_DIR, VOICE_ENGINE } from '../src/lib/voice/clip-name';
import { PROSODY } from '../src/lib/voice/prosody';
import { benchVoice } from './bench-voice';
import { clipNamesOnDisk, ENCODINGS, ESPEAK_VOICE, generateClips, INSTALL_HINT, missingTools, phoneScenarioPlans, pruneClips, uniqueSpecs } from './voices';

let root: string;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'coach-voices-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const put = (name: string, ext: string) => {
	mkdirSync(join(root, VOICE_DIR), { recursive: true });
	writeFileSync(join(root, VOICE_DIR, `${name}.${ext}`), 'x');
};
const hasTools = missingTools() === null;

describe('voices', () => {
	it('pins what makes a clip sound as it does to the engine name: change one, bump VOICE_ENGINE', () => {
		// A changed prosody or encoding under the same VOICE_ENGINE would keep every old clip (same names).
		const settings = sha256Hex(JSON.stringify({ ESPEAK_VOICE, PROSODY, ENCODINGS })).slice(0, 16);
		expect({ [VOICE_ENGINE]: settings }).toEqual({ 'espeak-ng-cmn-1': '7d7fb6dd6e617941' });
	});

	it('makes one clip per name', () => {
		const specs = uniqueSpecs([
			{ text: '喂？', stage: 'latent' },
			{ text: '喂？', stage: 'latent' },
			{ text: '喂？', stage: 'escalated' }
		]);
		expect(specs.map((s) => s.name)).toEqual([clipName('喂？', 'latent'), clipName('喂？', 'escalated')]);
	});

	it('keeps clips already on disk and makes nothing (no tools needed)', async () => {
		const name = clipName('喂？', 'latent');
		put(name, 'webm');
		put(name, 'mp3');
		const r = await generateClips([{ text: '喂？', stage: 'latent' }], { root });
		expect(r).toMatchObject({ generated: [], kept: [name], bytes: { webm: 0, mp3: 0 } });
	});

	it('prunes the clips no one needs, and half-written files', () => {
		const keep = clipName('留下', 'voiced');
		const old = clipName('旧词', 'voiced');
		put(keep, 'webm');
		put(keep, 'mp3');
		put(keep, 'mp3.part');
		put(old, 'webm');
		put(old, 'mp3');
		writeFileSync(join(root, VOICE_DIR, 'README.txt'), 'not a clip');
		expect(clipNamesOnDisk(root)).toEqual([keep, old].sort());
		const r = pruneClips(new Set([keep]), root);
		expect(r).toEqual({ pruned: [old], bytes: 3 });
		expect(readdirSync(join(root, VOICE_DIR)).sort()).toEqual([`${keep}.mp3`, `${keep}.webm`, 'README.txt'].sort());
	});

	it('plans the shipped phone scenarios only', () => {
		const plans = phoneScenarioPlans();
		expect(plans.map((p) => p.id)).toContain('angry-caller');
		expect(plans.map((p) => p.id)).not.toContain('late-repair');
	});

	it('weighs the committed clips for the bench', () => {
		const r = benchVoice();
		const angry = r.scenarios.find((s) => s.id === 'angry-caller')!;
		expect(angry).toMatchObject({ lines: 132, missing: 0 });
		expect(angry.clips).toBeGreaterThan(132);
		expect(angry.webm_bytes).toBeGreaterThan(0);
		expect(angry.mp3_bytes).toBeGreaterThan(0);
		expect(r.total.bytes).toBe(r.total.webm_bytes + r.total.mp3_bytes);
	});

	it('says how to install espeak-ng and ffmpeg when they are missing', { timeout: 60_000 }, () => {
		const dir = mkdtempSync(join(tmpdir(), 'coach-voices-scn-'));
		try {
			const text = readFileSync('scenarios/angry-caller.yaml', 'utf8').replace(/text: 那你说吧，你还能怎么办？/, `text: 这句没有人生成过 ${Date.now()}。`);
			writeFileSync(join(dir, 'angry-caller.yaml'), text);
			// Only node on the PATH: no espeak-ng, no ffmpeg.
			mkdirSync(join(dir, 'bin'));
			symlinkSync(process.execPath, join(dir, 'bin', 'node'));
			const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/voices.ts', join(dir, 'angry-caller.yaml')], { encoding: 'utf8', env: { ...process.env, PATH: join(dir, 'bin') } });
			expect(r.status).toBe(1);
			expect(r.stderr).toContain('espeak-ng and ffmpeg are not installed');
			expect(r.stderr).toContain(INSTALL_HINT);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it.skipIf(!hasTools)('speaks a line into a mono Opus WebM and a mono MP3', { timeout: 60_000 }, async () => {
		const r = await generateClips([{ text: '你们这是明抢啊！', stage: 'escalated' }], { root });
		const name = clipName('你们这是明抢啊！', 'escalated');
		expect(r.generated).toEqual([name]);
		for (const [ext, codec] of [
			['webm', 'opus'],
			['mp3', 'mp3']
		]) {
			const file = join(root, VOICE_DIR, `${name}.${ext}`);
			expect(existsSync(file)).toBe(true);
			const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,channels:format=duration', '-of', 'json', file], { encoding: 'utf8' });
			const info = JSON.parse(probe.stdout);
			expect(info.streams[0]).toMatchObject({ codec_name: codec, channels: 1 });
			expect(Number(info.format.duration)).toBeGreaterThan(0.5);
		}
		expect(r.bytes.webm).toBeGreaterThan(1000);
		expect((await generateClips([{ text: '你们这是明抢啊！', stage: 'escalated' }], { root })).kept).toEqual([name]);
	});
});
