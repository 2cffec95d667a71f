// Properties of the store on real PGlite, with the real scenarios and analyzer rules:
// - the stored score always equals a fresh replay of the stored events;
// - however often and in whatever order events arrive, each is stored exactly once.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumeratePaths } from '../../src/lib/scenario/paths';
import type { CompiledScenario } from '../../src/lib/scenario/types';
import { replay } from '../../src/lib/scenario/engine';
import { resolveAttempt, type AttemptTurn } from '../../src/lib/scoring/attempt';
import { scoreAttempt } from '../../src/lib/scoring/score';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, newKey, realScenarios, rules, tiny, trainee, type TestStore } from './helpers';

let t: TestStore;
let user: Claims;
let scenarios: CompiledScenario[];

beforeAll(async () => {
	scenarios = [...realScenarios(), tiny()];
	t = await freshStore(scenarios);
	user = await trainee(t.store, '属性测试');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

/** The replies offered after these turns (typed words read as the server reads them). */
function offeredAfter(s: CompiledScenario, turns: AttemptTurn[]): string[] {
	const r = resolveAttempt(s, rules(), turns);
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	const snap = replay(s, r.input.choices, r.input.typed ?? []);
	const n = s.nodes[String(snap.value)];
	return snap.status !== 'done' && n?.type === 'decision' ? n.replies.map((x) => x.id) : [];
}

const replyText = (s: CompiledScenario, id: string) =>
	Object.values(s.nodes).flatMap((n) => (n.type === 'decision' ? n.replies : [])).find((r) => r.id === id)!.text;
const allReplies = (s: CompiledScenario) => Object.values(s.nodes).flatMap((n) => (n.type === 'decision' ? n.replies.map((r) => r.id) : []));

describe('stored scores', () => {
	it('always equal a fresh replay of the stored events', async () => {
		const seen = { finished: 0, typed: 0, refused: 0, offScript: 0 };
		const step = fc.record({
			forge: fc.boolean(), // sometimes try any reply of the scenario, offered here or not
			typed: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), // sometimes type the reply's words
			// sometimes (about 1 step in 9) words of one's own, which leave the decision open
			offScript: fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, { arbitrary: fc.constantFrom('嗯', '这个不归我们管，你找别人吧', '您的想法不正确，我们系统不会出错'), weight: 1 }),
			pick: fc.nat(),
			gap: fc.integer({ min: 200, max: 30_000 }),
			ms: fc.integer({ min: 0, max: 30_000 })
		});
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: scenarios.length - 1 }), fc.array(step, { minLength: 8, maxLength: 60 }), async (which, steps) => {
				const s = scenarios[which];
				const startedAt = Date.now() - 3600_000;
				const a = await t.store.startAttempt(user, { scenarioId: s.meta.id, version: s.version, mode: 'practice', clientTime: new Date(startedAt).toISOString() });
				let clock = startedAt;
				const choices: (string | null)[] = [];
				const turns: AttemptTurn[] = [];
				for (const st of steps) {
					const offer = offeredAfter(s, turns);
					if (!offer.length) break;
					const pool = st.forge ? allReplies(s) : offer;
					const reply = pool[st.pick % pool.length];
					clock += st.gap;
					const body = st.offScript ? { typed: st.offScript } : st.typed ? { typed: replyText(s, reply) } : { reply };
					try {
						const r = await t.store.recordEvent(user, a.id, {
							...body,
							idempotencyKey: newKey(),
							seq: choices.length + 1,
							ms: Math.min(st.ms, st.gap),
							clientTime: new Date(clock).toISOString()
						});
						choices.push(r.event.replyId);
						turns.push(body);
						if (st.typed || st.offScript) seen.typed++;
						if (r.event.replyId === null) seen.offScript++;
					} catch (e) {
						seen.refused++;
						// Only a reply not offered here (or typed words that route elsewhere) may be refused.
						expect(e).toBeInstanceOf(StoreError);
						expect(['not-offered', 'mismatch']).toContain((e as StoreError).code);
						expect(st.forge && !st.offScript).toBe(true);
					}
				}
				const got = (await t.store.getAttempt(user, a.id))!;
				expect(got.events.map((e) => e.replyId)).toEqual(choices);
				const resolved = resolveAttempt(got.scenario, rules(), got.turns);
				expect(resolved.ok).toBe(true);
				if (!resolved.ok) return;
				const fresh = JSON.parse(JSON.stringify(scoreAttempt(got.scenario, { ...resolved.input, bestPossible: got.score?.bestPossible })));
				expect(got.attempt.state).toBe(fresh.finished ? 'finished' : 'active');
				if (!fresh.finished) {
					expect(got.score).toBeNull();
					return;
				}
				seen.finished++;
				expect(got.attempt.outcome).toBe(fresh.outcome);
				expect(got.score!.overall).toBe(fresh.overall);
				expect(got.score!.report).toEqual(fresh);
			}),
			{ numRuns: 40 }
		);
		// The runs did reach endings, with typed replies and refusals along the way.
		expect(seen.finished).toBeGreaterThan(5);
		expect(seen.typed).toBeGreaterThan(0);
		expect(seen.offScript).toBeGreaterThan(0);
		expect(seen.refused).toBeGreaterThan(0);
	}, 300_000);
});

describe('idempotency', () => {
	it('stores each event exactly once, delivered 1–5 times, in any order, concurrently', async () => {
		const paths = scenarios.map((s) => enumeratePaths(s).paths);
		await fc.assert(
			fc.asyncProperty(
				fc.nat({ max: scenarios.length - 1 }),
				fc.nat(),
				fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 40, maxLength: 40 }),
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
				async (which, pathPick, copies, order) => {
					const s = scenarios[which];
					const path = paths[which][pathPick % paths[which].length].witness;
					const a = await t.store.startAttempt(user, { scenarioId: s.meta.id, version: s.version, mode: 'practice' });
					const base = a.startedAt.getTime();
					const events = path.map((reply, i) => ({ idempotencyKey: newKey(), seq: i + 1, reply, ms: 500, clientTime: new Date(base + (i + 1) * 1000).toISOString() }));
					const deliveries = events
						.flatMap((e, i) => Array.from({ length: copies[i % copies.length] }, () => e))
						.map((e, i) => ({ e, k: order[i % order.length] + i * 1e-9 }))
						.sort((x, y) => x.k - y.k)
						.map((x) => x.e);
					const results = await Promise.allSettled(deliveries.map((e) => t.store.recordEvent(user, a.id, e)));
					for (const [i, r] of results.entries()) {
						if (r.status === 'fulfilled') expect(r.value.event.idempotencyKey).toBe(deliveries[i].idempotencyKey);
						// Arriving before an earlier event is the only refusal: the outbox sends it again.
						else expect((r.reason as StoreError).code, String(r.reason)).toBe('seq-gap');
					}
					// The outbox flushes what is left, in order.
					for (const e of events) await t.store.recordEvent(user, a.id, e);
					const rows = (
						await t.db.query<{ key: string; n: number }>(
							'select idempotency_key as key, count(*)::int as n from app.attempt_events where attempt_id = $1 group by 1',
							[a.id]
						)
					).rows;
					expect(rows.length).toBe(events.length);
					expect(rows.every((r) => r.n === 1)).toBe(true);
					const got = (await t.store.getAttempt(user, a.id))!;
					expect(got.events.map((e) => [e.seq, e.idempotencyKey, e.replyId])).toEqual(events.map((e) => [e.seq, e.idempotencyKey, e.reply]));
					expect(got.attempt.state).toBe('finished');
					expect((await t.db.query<{ n: number }>('select count(*)::int as n from app.scores where attempt_id = $1', [a.id])).rows[0].n).toBe(1);
				}
			),
			{ numRuns: 25 }
		);
	}, 300_000);
});
