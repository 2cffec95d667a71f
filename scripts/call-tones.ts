// npm run call-tones [-- --force]: the phone call's own sounds (issue 12), sine tones made by ffmpeg
// into static/audio/call/<tone>.{webm,mp3}, committed like the voice clips (a fresh clone plays them
// with nothing installed): `ring` (an incoming call, two short rings then a pause, looped while it
// rings), `pickup` (a short click when the trainee answers), `hangup` (the busy signal, 450 Hz
// 0.35 s on and off, when the customer hangs up) and `hold` (a quiet eight-second tune, looped while
// the caller is on hold). Existing files are kept unless --force.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CALL_DIR = 'static/audio/call';
const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

/** Sum of sines with an on/off pattern, as an ffmpeg aevalsrc expression. */
const gated = (freqs: number[], on: [number, number][], period: number, gain: number) =>
	`${gain}*(${freqs.map((f) => `sin(2*PI*${f}*t)`).join('+')})/${freqs.length}*(${on.map(([a, b]) => `between(mod(t,${period}),${a},${b})`).join('+')})`;

/** A tune: notes of `step` seconds each, with a soft attack and release per note. */
function tune(notes: number[], step: number, gain: number): string {
	const env = `min(1,min(mod(t,${step})/0.03,(${step}-mod(t,${step}))/0.12))`;
	const pitch = notes.map((f, i) => `${f}*between(t,${i * step},${(i + 1) * step - 0.0001})`).join('+');
	return `${gain}*${env}*(sin(2*PI*(${pitch})*t)+0.3*sin(4*PI*(${pitch})*t))/1.3`;
}

// A pentatonic phrase in C (Hz), gentle and easy to loop.
const HOLD = [523.25, 587.33, 659.25, 783.99, 659.25, 587.33, 523.25, 440, 523.25, 659.25, 783.99, 880, 783.99, 659.25, 587.33, 523.25];

export const TONE_SPECS: Record<string, { expr: string; seconds: number }> = {
	ring: { expr: gated([440, 480], [[0, 0.4], [0.6, 1.0]], 3, 0.5), seconds: 3 },
	pickup: { expr: `0.5*sin(2*PI*1200*t)*exp(-t*30)`, seconds: 0.25 },
	hangup: { expr: gated([450], [[0, 0.35]], 0.7, 0.5), seconds: 2.8 },
	hold: { expr: tune(HOLD, 0.5, 0.35), seconds: 8 }
};

const ENCODE = {
	webm: ['-c:a', 'libopus', '-b:a', '24k', '-f', 'webm'],
	mp3: ['-c:a', 'libmp3lame', '-b:a', '32k', '-f', 'mp3']
};

export function makeTones(opts: { force?: boolean; root?: string } = {}): { made: string[]; bytes: number } {
	const dir = join(opts.root ?? ROOT, CALL_DIR);
	mkdirSync(dir, { recursive: true });
	const made: string[] = [];
	let bytes = 0;
	for (const [name, { expr, seconds }] of Object.entries(TONE_SPECS))
		for (const [ext, codec] of Object.entries(ENCODE)) {
			const file = join(dir, `${name}.${ext}`);
			if (!opts.force && existsSync(file)) continue;
			const args = ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc=exprs='${expr}':s=48000:d=${seconds}`, '-ac', '1', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', ...codec, file];
			const r = spawnSync('ffmpeg', args, { encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`ffmpeg (${name}.${ext}): ${r.error?.message ?? r.stderr.trim()} (sudo apt-get install -y ffmpeg)`);
			made.push(`${name}.${ext}`);
			bytes += statSync(file).size;
		}
	return { made, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const r = makeTones({ force: process.argv.includes('--force') });
	process.stdout.write(`call tones: ${r.made.length} file(s) made in ${CALL_DIR} (${(r.bytes / 1024).toFixed(1)} KiB)\n`);
}
