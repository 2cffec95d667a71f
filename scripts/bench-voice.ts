// Voice clips' weight (issue 12): per phone scenario, the committed clips its lines need (count,
// bytes of the WebM and of the MP3 set; a player fetches one format per clip), and how long
// compiling the scenario files and planning their clips takes. Measured from static/audio/voices/ as committed; nothing is generated.
// Alone: `npx tsx scripts/bench-voice.ts` prints JSON.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { clipExists } from '../src/lib/voice/files';
import { clipBytes, phoneScenarioPlans, ROOT } from './voices';

const KIB = 1024;
const kib = (n: number) => Math.round((n / KIB) * 10) / 10;

export interface VoiceBench {
	id: string;
	/** Texts a call can speak (customer and manager lines and variants play can show, replies' responses, reaction-table lines). */
	lines: number;
	/** Distinct clips those lines need, and how many are missing on disk. */
	clips: number;
	missing: number;
	webm_bytes: number;
	mp3_bytes: number;
	webm_kib: number;
	mp3_kib: number;
	/** Mean bytes of one clip, per format. */
	webm_bytes_per_clip: number;
	mp3_bytes_per_clip: number;
}

export function benchVoice(root = ROOT): { scenarios: VoiceBench[]; total: { clips: number; webm_bytes: number; mp3_bytes: number; bytes: number }; compile_and_plan_ms: number } {
	const t0 = performance.now();
	const plans = phoneScenarioPlans();
	const planMs = Math.round((performance.now() - t0) * 10) / 10;
	const scenarios = plans.map((s): VoiceBench => {
		const names = new Set(s.plan.clips.map((c) => c.name));
		const b = clipBytes(names, root);
		return {
			id: s.id,
			lines: s.plan.lines.length,
			clips: names.size,
			missing: [...names].filter((n) => !clipExists(n, root)).length,
			webm_bytes: b.webm,
			mp3_bytes: b.mp3,
			webm_kib: kib(b.webm),
			mp3_kib: kib(b.mp3),
			webm_bytes_per_clip: names.size ? Math.round(b.webm / names.size) : 0,
			mp3_bytes_per_clip: names.size ? Math.round(b.mp3 / names.size) : 0
		};
	});
	// Clips shared between scenarios count once in the total.
	const all = new Set(plans.flatMap((s) => s.plan.clips.map((c) => c.name)));
	const b = clipBytes(all, root);
	return { scenarios, total: { clips: all.size, webm_bytes: b.webm, mp3_bytes: b.mp3, bytes: b.webm + b.mp3 }, compile_and_plan_ms: planMs };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(JSON.stringify(benchVoice(), null, 2));
}
