// bestScore searches by dynamic programming over Pareto fronts: it must agree with scoring every
// complete choice sequence one by one (scoreAttempt) and with the exhaustive search
// (best-exhaustive.ts) on random scenarios small enough to enumerate and on the shipped ones, and
// finish with bounded work on the shapes that made the exhaustive search stall the server.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../scenario/compiler';
import { replay } from '../scenario/engine';
import { checkFile, scenarioFiles } from '../scenario/files';
import type { CompiledScenario } from '../scenario/types';
import { bestScore, BEST_WORK_LIMIT } from './best';
import { searchBackward } from './best-backward';
import { Budget } from './best-core';
import { bestScoreExhaustive, EXHAUSTIVE_LIMIT } from './best-exhaustive';
import { searchForward } from './best-forward';
import { diamonds, longChain, moodLadder, randomReplies, sameNext } from './best-shapes';
import { scoreAttempt } from './score';

const CODES = ['info', 'demand', 'listen', 'propose', 'promise', 'confirm', 'empathy', 'apology', 'thanks'];
const FLAGS = ['argue', 'blame', 'dismiss'];

/** A chain of decisions; replies carry random codes and moods; a mood route picks the ending. */
function randomScenario(spec: { codes: number[]; flags: number[]; mood: number; skip: boolean }[][]): CompiledScenario {
	const nodes: string[] = ['  - { id: open, type: line, text: 开场, next: d0 }'];
	spec.forEach((replies, i) => {
		const next = i + 1 < spec.length ? `d${i + 1}` : 'check';
		nodes.push(`  - id: d${i}`, '    type: decision', '    replies:');
		replies.forEach((r, j) => {
			const moves = r.codes.map((c) => CODES[c % CODES.length]);
			const flags = r.flags.map((f) => FLAGS[f % FLAGS.length]);
			const to = r.skip && j > 0 && i + 2 < spec.length ? `d${i + 2}` : next;
			nodes.push(`      - { id: r${j}, text: 回复${i}${j}, moves: [${[...new Set(moves)].join(', ')}], flags: [${[...new Set(flags)].join(', ')}], mood: ${r.mood}, feedback: 说明, next: ${to} }`);
		});
	});
	nodes.push(
		'  - id: check',
		'    type: route',
		'    routes:',
		'      - { when: { moodAtLeast: 80 }, next: lost }',
		'      - { when: { moodAtLeast: 50 }, next: escalated }',
		'    otherwise: resolved',
		'  - { id: resolved, type: ending, outcome: resolved, title: 好, debrief: 好 }',
		'  - { id: escalated, type: ending, outcome: escalated, title: 升级, debrief: 升级 }',
		'  - { id: lost, type: ending, outcome: lost, title: 流失, debrief: 流失 }'
	);
	const yaml = `format: 1\nid: r\ntitle: t\nsummary: s\nclass: 普通\nchannel: phone\ndifficulty: easy\nminutes: 5\npersona: { name: 王, archetype: angry }\nobjectives: [o]\nmood: { start: 50 }\nnodes:\n${nodes.join('\n')}\n`;
	const r = compileScenario('r.yaml', yaml);
	if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
	return r.scenario;
}

/** The best overall by scoring every complete sequence on its own. */
function bruteForce(s: CompiledScenario): number {
	let best = -1;
	const walk = (choices: string[]) => {
		const snap = replay(s, choices);
		if (snap.status === 'done') return void (best = Math.max(best, scoreAttempt(s, { choices }).overall));
		const n = s.nodes[String(snap.value)];
		if (n.type === 'decision') for (const r of n.replies) walk([...choices, r.id]);
	};
	walk([]);
	return best;
}

describe('bestScore', () => {
	it('equals the best of scoring every sequence one by one, on random scenarios', () => {
		const reply = fc.record({
			codes: fc.array(fc.nat(20), { maxLength: 3 }),
			flags: fc.array(fc.nat(5), { maxLength: 1 }),
			mood: fc.integer({ min: -20, max: 25 }),
			skip: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(fc.array(reply, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (spec) => {
				const s = randomScenario(spec);
				expect(bestScore(s).overall).toBe(bruteForce(s));
			}),
			{ numRuns: 60 }
		);
	}, 60_000);

	it('on the shipped scenarios, the best sequence found scores exactly the best overall', () => {
		for (const f of scenarioFiles('scenarios')) {
			const s = checkFile(f).scenario!;
			const b = bestScore(s);
			expect(b.exhaustive).toBe(true);
			expect(scoreAttempt(s, { choices: b.choices }).overall, s.meta.id).toBe(b.overall);
		}
	});
});

/**
 * A random graph with loops: decisions with random codes, flags and moods whose replies go
 * anywhere, routes on mood, earlier choices, flags and moves, and endings of every outcome.
 */
const graphArb = fc.record({
	kinds: fc.array(fc.constantFrom('decision', 'decision', 'line', 'route'), { minLength: 1, maxLength: 6 }),
	moodStart: fc.integer({ min: 0, max: 100 }),
	picks: fc.array(fc.array(fc.nat(), { minLength: 9, maxLength: 9 }), { minLength: 6, maxLength: 6 }),
	moods: fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 18, maxLength: 18 })
});
type GraphSpec = typeof graphArb extends fc.Arbitrary<infer T> ? T : never;

function randomGraph(spec: GraphSpec): CompiledScenario | null {
	const n = spec.kinds.length;
	const ends = ['resolved', 'escalated', 'lost'];
	const any = (p: number) => [...Array.from({ length: n }, (_, k) => `n${k}`), ...ends][p % (n + 3)];
	const decisions = spec.kinds.flatMap((k, i) => (k === 'decision' ? [i] : []));
	const cond = (p: number) =>
		[
			`{ moodAtLeast: ${(p * 7) % 101} }`,
			`{ moodBelow: ${(p * 13) % 101} }`,
			'{ flagged: blame }',
			'{ moved: listen }',
			decisions.length ? `{ chose: n${decisions[p % decisions.length]}.r${p % 2} }` : '{ moodAtLeast: 50 }'
		][p % 5];
	const nodes: string[] = [];
	spec.kinds.forEach((kind, i) => {
		const p = spec.picks[i];
		const next = i + 1 < n ? `n${i + 1}` : 'resolved';
		if (kind === 'line') nodes.push(`  - { id: n${i}, type: line, text: 第${i}句, next: ${next} }`);
		else if (kind === 'route') nodes.push(`  - id: n${i}`, '    type: route', '    routes:', `      - { when: ${cond(p[0])}, next: ${any(p[1])} }`, `    otherwise: ${next}`);
		else {
			nodes.push(`  - id: n${i}`, '    type: decision', '    replies:');
			for (let j = 0; j < 2 + (p[0] % 2); j++) {
				const moves = [...new Set([CODES[p[1 + j] % 9], CODES[(p[4 + j] >> 3) % 9]])];
				const flags = p[4 + j] % 4 === 0 ? [FLAGS[p[1 + j] % 3]] : [];
				nodes.push(`      - { id: r${j}, text: 回复${i}${j}, moves: [${moves.join(', ')}], flags: [${flags.join(', ')}], mood: ${spec.moods[i * 3 + j]}, feedback: 说明, next: ${j === 0 ? next : any(p[6 + j])} }`);
			}
		}
	});
	nodes.push(...ends.map((o) => `  - { id: ${o}, type: ending, outcome: ${o}, title: ${o}, debrief: ${o} }`));
	const yaml = `format: 1\nid: g\ntitle: t\nsummary: s\nclass: 普通\nchannel: phone\ndifficulty: easy\nminutes: 5\npersona: { name: 王, archetype: angry }\nobjectives: [o]\nmood: { start: ${spec.moodStart} }\nnodes:\n${nodes.join('\n')}\n`;
	return compileScenario('g.yaml', yaml).scenario;
}

describe('bestScore by dynamic programming', () => {
	it('equals the exhaustive search on random graphs with routes, conditions and loops, and its sequence scores it', () => {
		fc.assert(
			fc.property(graphArb, (spec) => {
				const s = randomGraph(spec);
				fc.pre(s !== null);
				const x = bestScoreExhaustive(s!);
				fc.pre(x.exhaustive);
				const b = bestScore(s!);
				expect(b.exhaustive).toBe(true);
				expect(b.overall).toBe(x.overall);
				expect(b.sequences).toBe(x.sequences);
				// Both directions are exact on their own (bestScore mostly needs only the first).
				for (const search of [searchBackward, searchForward]) {
					const d = search(s!, new Budget(1e9));
					expect([d.overall, d.sequences]).toEqual([x.overall, x.sequences]);
					if (d.overall >= 0) expect(scoreAttempt(s!, { choices: d.choices }).overall).toBe(d.overall);
				}
				if (b.overall >= 0) expect(scoreAttempt(s!, { choices: b.choices }).overall).toBe(b.overall);
			}),
			{ numRuns: 300 }
		);
	}, 120_000);

	it('agrees with the exhaustive search on small versions of the pathological shapes', () => {
		for (const s of [sameNext(7), sameNext(6, (i) => randomReplies(3, 7 * i + 1)), diamonds(7), moodLadder(6), longChain(10)]) {
			const x = bestScoreExhaustive(s);
			expect(x.exhaustive).toBe(true);
			const b = bestScore(s);
			expect([b.overall, b.sequences]).toEqual([x.overall, x.sequences]);
			expect(scoreAttempt(s, { choices: b.choices }).overall).toBe(b.overall);
		}
	});

	it('the issue 10 repro: 60 decisions of 3 replies all to the same next node, 3^60 sequences, solved with bounded work', { timeout: 60_000 }, () => {
		const s = sameNext(60);
		const b = bestScore(s);
		expect(b.exhaustive).toBe(true);
		expect(b.sequences / 3 ** 60).toBeCloseTo(1, 10); // counted in floating point
		expect(b.work).toBeLessThan(BEST_WORK_LIMIT);
		expect(b.choices).toHaveLength(60);
		expect(scoreAttempt(s, { choices: b.choices }).overall).toBe(b.overall);
		// The exhaustive search gives up after 2,000,000 of the 3^60 sequences with only a lower bound.
		expect(bestScoreExhaustive(s, 20_000)).toMatchObject({ exhaustive: false });
	});

	it('diamonds in series and long chains are solved with bounded work', { timeout: 60_000 }, () => {
		for (const s of [diamonds(60), longChain(100)]) {
			const b = bestScore(s);
			expect(b.exhaustive, s.nodes.d0.id).toBe(true);
			expect(b.work).toBeLessThan(BEST_WORK_LIMIT);
			expect(scoreAttempt(s, { choices: b.choices }).overall).toBe(b.overall);
		}
	});

	it('scores a dozen decisions of varied replies that rejoin exactly, where the fronts grow but the sequences are few', { timeout: 60_000 }, () => {
		// A common way to write a scenario (replies differ, the story goes on): 3^12 sequences, which
		// the exhaustive search tries in well under a second.
		for (const seed of [1, 3]) {
			const s = sameNext(12, (i) => randomReplies(3, 7 * i + seed));
			const b = bestScore(s);
			expect(b.exhaustive, `seed ${seed}`).toBe(true);
			expect(b.overall).toBe(bestScoreExhaustive(s).overall);
			expect(scoreAttempt(s, { choices: b.choices }).overall).toBe(b.overall);
		}
	});

	it('stops at its work limit on trade-offs no front can hold', { timeout: 60_000 }, () => {
		// Replies with random codes: seven ratios and the points off trade against each other at
		// every decision, so the fronts grow without bound; a mood ladder of 60 rungs, or a chain
		// of 400 where the mood hits its bounds, likewise. The search stops; it does not stall.
		for (const s of [sameNext(60, (i) => randomReplies(3, 7 * i + 1)), moodLadder(60), longChain(400)]) {
			const b = bestScore(s);
			expect(b).toMatchObject({ exhaustive: false, overall: 100, choices: [] });
			expect(b.work).toBeGreaterThan(BEST_WORK_LIMIT);
			// …nor does trying every sequence after it, within the exhaustive search's own budget.
			expect(b.work).toBeLessThan(BEST_WORK_LIMIT + EXHAUSTIVE_LIMIT + 10_000);
			expect(s.nodes[b.stoppedAt!]).toBeDefined();
		}
	});
});
