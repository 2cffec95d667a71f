import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ARCHETYPES, CHANNELS, COMPLAINT_CLASSES, DIFFICULTIES } from '../domain';
import { checkText, reactionDefaultsFor } from '../scenario/files';
import { compileQuiz } from '../quiz/compiler';
import { lintQuiz } from '../quiz/lint';
import { quizTemplate, scenarioTemplate, type ScenarioTemplateOptions } from './template';

const reactions = reactionDefaultsFor('scenarios').defaults!;
const base: ScenarioTemplateOptions = {
	id: 'new-scenario',
	title: '新场景',
	personaName: '王先生',
	archetype: 'angry',
	complaintClass: '普通',
	channel: 'phone',
	difficulty: 'easy',
	moodStart: 55
};

describe('scenarioTemplate', () => {
	it('compiles with no errors and no warnings, with its comments', () => {
		const text = scenarioTemplate(base);
		const checked = checkText('new-scenario.yaml', text, reactions);
		expect(checked.diagnostics).toEqual([]);
		expect(checked.scenario?.meta.title).toBe('新场景');
		expect(text).toMatch(/^# yaml-language-server/);
		expect(text).toContain('# 决策');
		// endings for resolved and lost, a decision with replies carrying codes
		const endings = checked.source!.nodes.flatMap((n) => (n.type === 'ending' ? [n.outcome] : []));
		expect(endings.sort()).toEqual(['lost', 'resolved']);
		expect(checked.stats?.unreachableEndings ?? []).toEqual([]);
	});

	it('writes every choice the author made, for every vocabulary value', () => {
		for (const archetype of ARCHETYPES)
			for (const channel of CHANNELS)
				for (const difficulty of DIFFICULTIES)
					for (const complaintClass of COMPLAINT_CLASSES) {
						const text = scenarioTemplate({ ...base, archetype, channel, difficulty, complaintClass, moodStart: 90 });
						const data = parseDocument(text).toJS();
						expect([data.persona.archetype, data.channel, data.difficulty, data.class]).toEqual([archetype, channel, difficulty, complaintClass]);
					}
		const checked = checkText('x.yaml', scenarioTemplate({ ...base, id: 'x', moodStart: 0 }), reactions);
		expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	});

	it('quotes titles and names that YAML would misread, and keeps the mood in range', () => {
		const text = scenarioTemplate({ ...base, title: 'yes: # no', personaName: '- 李', moodStart: 140.4 });
		const data = parseDocument(text).toJS();
		expect(data.title).toBe('yes: # no');
		expect(data.persona.name).toBe('- 李');
		expect(data.mood.start).toBe(100);
		expect(checkText('new-scenario.yaml', text, reactions).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	});
});

describe('quizTemplate', () => {
	for (const kind of ['knowledge', 'self-assessment'] as const)
		it(`${kind}: compiles with no diagnostics`, () => {
			const text = quizTemplate({ id: 'team-quiz', title: '班组测验', kind });
			const result = compileQuiz('team-quiz.yaml', text);
			expect(result.diagnostics).toEqual([]);
			expect(result.quiz?.kind).toBe(kind);
			expect(result.quiz?.questions.length).toBeGreaterThanOrEqual(2);
			// Nor any content-lint warning: the template shows the way (the right option is not the longest).
			expect(lintQuiz(result.source!)).toEqual([]);
		});
});
