// Typed replies work in every scenario: each authored reply, typed as written, routes to itself.
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../fixtures/analyzer/load';
import { routeTyped } from '../../src/lib/analyzer';
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

const rules = shippedRules();

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
