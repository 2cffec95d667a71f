// The shipped scenarios meet the content bar: they compile with no warning (the content lints
// included: lints.ts), are long enough for their level, end in several ways, use every one of the
// 15 codes and practise every technique of the course between them, climb a difficulty ladder,
// branch by what is chosen, and tempt the trainee at every decision.
import { describe, expect, it } from 'vitest';
import { ALL_CODES, DIFFICULTIES, FLAG_CODES, TECHNIQUES, type Difficulty } from '../../src/lib/domain';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

const checked = scenarioFiles('scenarios').map((f) => checkFile(f));

/** Decisions on the longest path, by level: an easy one teaches one or two skills. */
const MIN_LONGEST: Record<Difficulty, number> = { easy: 4, medium: 6, hard: 8 };

it('scenarios/ holds at least ten role plays, three of them easy, on a ladder of every level', () => {
	expect(checked.length).toBeGreaterThanOrEqual(10);
	const levels = checked.map((c) => c.scenario!.meta.difficulty);
	expect(levels.filter((d) => d === 'easy').length).toBeGreaterThanOrEqual(3);
	for (const d of DIFFICULTIES) expect(levels, d).toContain(d);
});

for (const c of checked) {
	describe(c.file, () => {
		it('compiles with no errors or warnings', () => {
			expect(c.diagnostics).toEqual([]);
		});
		it('is long enough for its level and has 3 reachable endings', () => {
			expect(c.stats!.longestPath).toBeGreaterThanOrEqual(MIN_LONGEST[c.scenario!.meta.difficulty]);
			expect(c.stats!.reachableEndings.length).toBeGreaterThanOrEqual(3);
		});
		it('has at least 3 decisions whose replies lead to different places', () => {
			const branching = Object.values(c.source!.nodes).filter((n) => n.type === 'decision' && new Set(n.replies.map((r) => r.next)).size > 1);
			expect(branching.length).toBeGreaterThanOrEqual(3);
		});
		it('offers at least one tempting wrong reply at every decision', () => {
			for (const node of Object.values(c.scenario!.nodes)) {
				if (node.type !== 'decision') continue;
				const wrong = node.replies.filter((r) => Object.keys(r.flags).length > 0 || r.mood > 0);
				expect(wrong.length, `decision ${node.id}`).toBeGreaterThan(0);
			}
		});
	});
}

it('the scenarios use all 15 codes between them', () => {
	const used = new Set<string>();
	for (const c of checked)
		for (const n of Object.values(c.scenario?.nodes ?? {}))
			if (n.type === 'decision') for (const r of n.replies) for (const k of [...Object.keys(r.moves), ...Object.keys(r.flags)]) used.add(k);
	expect(ALL_CODES.filter((code) => !used.has(code))).toEqual([]);
	expect(FLAG_CODES.every((f) => used.has(f))).toBe(true);
});

it('the scenarios practise every technique of the course between them', () => {
	const used = new Set<string>();
	for (const c of checked) for (const n of Object.values(c.scenario?.nodes ?? {})) if (n.type === 'decision') for (const t of n.techniques ?? []) used.add(t);
	expect(TECHNIQUES.filter((t) => !used.has(t))).toEqual([]);
});

it('the scenarios offer every channel the course uses', () => {
	expect(new Set(checked.map((c) => c.scenario!.meta.channel))).toEqual(new Set(['phone', 'chat', 'counter', 'written']));
});
