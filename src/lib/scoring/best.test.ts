// bestScore keeps the scoring formula's sums as running totals: it must agree with scoring every
// complete choice sequence one by one (scoreAttempt), on random scenarios and the shipped ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../scenario/compiler';
import { replay } from '../scenario/engine';
import { checkFile, scenarioFiles } from '../scenario/files';
import type { CompiledScenario } from '../scenario/types';
import { bestScore } from './best';
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
