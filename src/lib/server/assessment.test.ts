// An assessment's scenario carries no key (feedback, codes no condition tests, ending debriefs),
// yet plays every path exactly as the full scenario does.
import { describe, expect, it } from 'vitest';
import { replay } from '$lib/scenario/engine';
import { checkFile, scenarioFiles } from '$lib/scenario/files';
import { enumeratePaths } from '$lib/scenario/paths';
import { assessmentView, routingCodes } from './assessment';

for (const file of scenarioFiles('scenarios')) {
	const scenario = checkFile(file).scenario!;
	const view = assessmentView(scenario);
	describe(scenario.meta.id, () => {
		it('sends no feedback, no debrief and only the codes a condition tests', () => {
			const routing = routingCodes(scenario);
			const text = JSON.stringify(view);
			for (const node of Object.values(scenario.nodes)) {
				if (node.type === 'ending' && node.debrief) expect(text).not.toContain(node.debrief);
				if (node.type !== 'decision') continue;
				for (const r of node.replies) if (r.feedback) expect(text, `${node.id}.${r.id}`).not.toContain(r.feedback);
			}
			for (const node of Object.values(view.nodes)) {
				if (node.type !== 'decision') continue;
				for (const r of node.replies) {
					expect(r.feedback).toBe('');
					for (const code of [...Object.keys(r.moves), ...Object.keys(r.flags)]) expect(routing.has(code), `${node.id}.${r.id}: ${code}`).toBe(true);
				}
			}
		});

		it('plays every path to the same ending, mood and lines', () => {
			for (const path of enumeratePaths(scenario).paths) {
				const full = replay(scenario, path.witness);
				const lean = replay(view, path.witness);
				expect(lean.value).toEqual(full.value);
				expect(lean.context.moodTrail).toEqual(full.context.moodTrail);
				// History keeps only the codes conditions test: the ones that can change the story.
				const routing = routingCodes(scenario);
				const tested = (codes: readonly string[]) => codes.filter((c) => routing.has(c));
				expect(lean.context.play.chosen).toEqual(full.context.play.chosen);
				expect(lean.context.play.flagged).toEqual(tested(full.context.play.flagged));
				expect(lean.context.play.moved).toEqual(tested(full.context.play.moved));
				expect(lean.context.transcript.map((e) => e.text)).toEqual(full.context.transcript.map((e) => e.text));
			}
		});
	});
}
