// Typed replies work in every scenario: each authored reply, typed as written, routes to itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRules, routeTyped } from '../../src/lib/analyzer';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

const rules = compileRules('phrases.yaml', readFileSync('scenarios/analyzer/phrases.yaml', 'utf8')).rules!;

for (const file of scenarioFiles('scenarios')) {
	const scenario = checkFile(file).scenario!;
	describe(scenario.meta.id, () => {
		for (const node of Object.values(scenario.nodes)) {
			if (node.type !== 'decision') continue;
			it(`${node.id}: every reply typed verbatim routes to itself`, () => {
				for (const r of node.replies) expect(routeTyped(r.text, node.replies, rules).replyId, r.text).toBe(r.id);
			});
		}
	});
}
