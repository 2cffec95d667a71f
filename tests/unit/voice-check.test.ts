// Issue 12's voice figures at the checker CLI: `scenarios:check --json` gives each phone scenario
// "voice": {lines, clips}, a line whose words changed since its clips were made counts as missing
// (with a warning at the line), and a missing authored recording is a warning. Also: the committed
// clips stay out of the service worker's precache.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../svelte.config.js';

const check = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenarios-check.ts', '--no-agreement', ...args], { encoding: 'utf8' });
const shipped = readFileSync('scenarios/angry-caller.yaml', 'utf8');
const lineNo = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('scenarios:check and voices', () => {
	it('counts the shipped phone call’s voiced lines, every one with its clips; other channels have no voice', { timeout: 60_000 }, () => {
		const r = check('--json', '--voice', 'scenarios/angry-caller.yaml', 'scenarios/late-repair.yaml');
		expect(r.status).toBe(0);
		const [phone, counter] = JSON.parse(r.stdout);
		// Lines and variants, replies' responses and the merged reaction table's lines.
		expect(phone.voice).toEqual({ lines: 132, clips: 132 });
		expect(counter).not.toHaveProperty('voice');
		expect(r.stderr).not.toContain('voice clip');
	});

	it('warns on a changed line (its clips are stale) and on a recording that does not exist', { timeout: 60_000 }, () => {
		const dir = mkdtempSync(join(tmpdir(), 'coach-voice-check-'));
		try {
			const text = shipped
				.replace('text: 那你说吧，你还能怎么办？', 'text: 那你倒是说说，你还能怎么办？')
				.replace('text: 我就要个说法：该退的退，不该收的别收，以后别再出这种事。', 'text: 我就要个说法：该退的退，不该收的别收，以后别再出这种事。\n    audio: recordings/no-such-file.mp3');
			const file = join(dir, 'angry-caller.yaml');
			writeFileSync(file, text);
			// A folder's scenarios get the clip warnings, as `npm run scenarios:check` (scenarios/) does.
			const r = check('--json', dir);
			expect(r.status).toBe(0);
			expect(JSON.parse(r.stdout)[0].voice).toEqual({ lines: 132, clips: 130 });
			expect(r.stderr).toContain(`:${lineNo(text, '那你倒是说说')}:11: warning: customer line "five-minutes" has no voice clip for`);
			expect(r.stderr).toContain('run npm run voices');
			expect(r.stderr).toContain(`:${lineNo(text, 'no-such-file.mp3')}:12: warning: audio file static/audio/recordings/no-such-file.mp3 of customer line "wants" does not exist`);
			// The human output says the same; a file named alone (a fixture, a download) is spared the clip warnings unless asked.
			expect(check('--voice', file).stderr).toContain('has no voice clip for');
			const alone = check(file);
			expect(alone.stderr).not.toContain('has no voice clip');
			expect(alone.stderr).toContain('no-such-file.mp3');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('warns on a changed response and reaction line where each is written: the reply, the scenario’s own reactions, or (shared table) its persona', { timeout: 60_000 }, () => {
		const dir = mkdtempSync(join(tmpdir(), 'coach-voice-check-'));
		try {
			const text = readFileSync('scenarios/phone-drops.yaml', 'utf8')
				.replace('response: 好……好，你听我说。', 'response: 好……好吧，你听我说。')
				.replace('- 你别一句话就把我打发了，我是真着急。', '- 你别一句话就把我打发了，我真的很着急。');
			writeFileSync(join(dir, 'phone-drops.yaml'), text);
			// The folder's own shared table (as scenarios/reactions/defaults.yaml), one line of it changed.
			mkdirSync(join(dir, 'reactions'));
			writeFileSync(join(dir, 'reactions', 'defaults.yaml'), readFileSync('scenarios/reactions/defaults.yaml', 'utf8').replace('- 谢谢你……我真的很担心，现在该怎么办？', '- 谢谢你……我真的特别担心，现在该怎么办？'));
			const r = check('--json', dir);
			expect(r.status).toBe(0);
			const { voice } = JSON.parse(r.stdout)[0];
			expect(voice.lines - voice.clips).toBe(3);
			expect(r.stderr).toContain(`:${lineNo(text, '好……好吧，你听我说。')}:19: warning: response of reply "`);
			expect(r.stderr).toContain(`:${lineNo(text, '我真的很着急')}:9: warning: reaction line "dismiss" #2 has no voice clip for brewing, potential, escalated`);
			expect(r.stderr).toContain(`:${lineNo(text, 'archetype: anxious')}:14: warning: reaction line "empathy" #1 has no voice clip for brewing, potential, escalated`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('leaves static/audio/ out of the service worker’s precache', () => {
		const files = config.kit?.serviceWorker?.files;
		expect(files?.('audio/voices/0123456789abcdef.webm')).toBe(false);
		expect(files?.('audio/recordings/angry-open.mp3')).toBe(false);
		expect(files?.('favicon.png')).toBe(true);
	});
});
