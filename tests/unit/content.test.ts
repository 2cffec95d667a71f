// The shipped scenarios meet the content bar: they compile, are long enough, end in several ways,
// use every one of the 15 codes between them, and tempt the trainee at every decision.
import { describe, expect, it } from 'vitest';
import { ALL_CODES, FLAG_CODES } from '../../src/lib/domain';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

const checked = scenarioFiles('scenarios').map((f) => checkFile(f));

it('scenarios/ holds at least three scenarios', () => {
	expect(checked.length).toBeGreaterThanOrEqual(3);
});

for (const c of checked) {
	describe(c.file, () => {
		it('compiles with no errors or warnings', () => {
			expect(c.diagnostics).toEqual([]);
		});
		it('has at least 12 decisions on its longest path and 3 reachable endings', () => {
			expect(c.stats!.longestPath).toBeGreaterThanOrEqual(12);
			expect(c.stats!.reachableEndings.length).toBeGreaterThanOrEqual(3);
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
