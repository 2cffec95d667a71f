// Event write latency of the embedded store: 100 simulated trainees at once, each playing a real
// scenario from scenarios/ along one of its paths (the path witnesses), on PGlite with its data in
// a temporary directory (the same code and durability as the app's .data/pglite). Called by
// scripts/bench.ts; `tsx scripts/bench-store.ts` prints the figures alone.
//
// Two loads: "paced" (each trainee waits 0.5–1.5 s between replies: faster than any person, so
// an upper bound for a room of 100) and "burst" (no wait at all: the store saturated). Latency is
// measured from when the trainee meant to send to the acknowledgement; HTTP is not included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { shippedAnalyzer } from '../src/lib/analyzer/files';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import { enumeratePaths } from '../src/lib/scenario/paths';
import { openEmbedded } from '../src/lib/server/db/embedded';
import { localClaims } from '../src/lib/server/db/session';
import { createStore, type Store } from '../src/lib/server/db/store';

const TRAINEES = 100;
const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(store: Store, plays: { scenario: string; version: string; witness: string[] }[], think: () => number) {
	const latencies: number[] = [];
	const service: number[] = [];
	const t0 = performance.now();
	await Promise.all(
		plays.map(async (p, i) => {
			const user = localClaims((await store.createProfile({ displayName: `学员${i + 1}` })).id);
			const a = await store.startAttempt(user, { scenarioId: p.scenario, version: p.version, mode: 'practice' });
			for (const [j, reply] of p.witness.entries()) {
				// Latency counts from when the trainee meant to send, not from when the busy event loop
				// let it: PGlite runs each transaction to its end without yielding, so the wait of a
				// request behind others' transactions shows up as a late timer.
				const wait = think();
				const due = performance.now() + wait;
				await sleep(wait);
				const s = performance.now();
				await store.recordEvent(user, a.id, {
					idempotencyKey: `bench-${a.id}-${j + 1}`,
					seq: j + 1,
					reply,
					ms: 1000,
					clientTime: new Date().toISOString()
				});
				const end = performance.now();
				latencies.push(end - due);
				service.push(end - s);
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	latencies.sort((a, b) => a - b);
	service.sort((a, b) => a - b);
	return {
		events: latencies.length,
		p50_ms: round(quantile(latencies, 0.5)),
		p99_ms: round(quantile(latencies, 0.99)),
		max_ms: round(latencies.at(-1)!),
		/** The call alone, once the event loop ran it: what one event costs the store. */
		service_p50_ms: round(quantile(service, 0.5)),
		service_p99_ms: round(quantile(service, 0.99)),
		events_per_s: round(latencies.length / seconds)
	};
}

export async function benchStore(): Promise<object> {
	const scenarios = scenarioFiles('scenarios').map((f) => checkFile(f).scenario!).filter(Boolean);
	const rules = shippedAnalyzer();
	const byId = new Map(scenarios.map((s) => [s.meta.id, s]));
	const paths = scenarios.map((s) => ({ s, paths: enumeratePaths(s).paths }));
	// Trainee i plays scenario i mod n along path ⌊i / n⌋ mod (its path count).
	const plays = Array.from({ length: TRAINEES }, (_, i) => {
		const { s, paths: ps } = paths[i % paths.length];
		return { scenario: s.meta.id, version: s.version, witness: ps[Math.floor(i / paths.length) % ps.length].witness };
	});
	const dir = mkdtempSync(join(tmpdir(), 'coach-bench-'));
	const db = await openEmbedded({ dataDir: join(dir, 'pglite') });
	try {
		const store = createStore({ db, getScenario: (id) => byId.get(id), getRules: () => rules });
		// Warm-up: one attempt per scenario, so each version is stored and its best score searched
		// (as a running server has done after its first debrief).
		await run(store, paths.map(({ s, paths: ps }) => ({ scenario: s.meta.id, version: s.version, witness: ps[0].witness })), () => 0);
		const paced = await run(store, plays, () => 500 + Math.random() * 1000);
		const burst = await run(store, plays, () => 0);
		return {
			trainees: TRAINEES,
			scenarios: scenarios.map((s) => s.meta.id),
			events_per_trainee: { min: Math.min(...plays.map((p) => p.witness.length)), max: Math.max(...plays.map((p) => p.witness.length)) },
			paced_think_0_5_to_1_5_s: paced,
			burst_no_think: burst
		};
	} finally {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchStore(), null, 2));
