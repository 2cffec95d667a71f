// In assessment mode nothing that gives an answer away reaches the browser.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { compileQuiz } from './compiler';
import { shuffleQuiz } from './shuffle';
import type { CompiledQuiz, ShuffledQuiz } from './types';
import { redactQuiz } from './view';

const load = (f: string) => compileQuiz(f, readFileSync(f, 'utf8')).quiz!;
const knowledge = load('tests/fixtures/quiz/sample-knowledge.yaml');
const self = load('tests/fixtures/quiz/sample-self.yaml');

/** Every text in a compiled quiz that only results may show. */
function secrets(quiz: CompiledQuiz): string[] {
	const out: string[] = [];
	for (const q of quiz.questions) {
		out.push(q.explanation);
		if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) if (o.feedback) out.push(o.feedback);
		if (q.type === 'truefalse') out.push(...[q.feedbackTrue, q.feedbackFalse].filter((t): t is string => !!t));
		if (q.type === 'short') for (const a of q.answers) out.push(a.text, ...(a.feedback ? [a.feedback] : []));
		if (q.type === 'case') out.push(q.modelAnswer, ...q.rubric.flatMap((r) => [r.point, ...r.keywords]));
	}
	return out;
}

it('the view holds no answers, feedback, explanations, model answers, rubric, codes or topics', () => {
	for (const quiz of [knowledge, self])
		for (const seed of ['a', 'b', 'c']) {
			const json = JSON.stringify(redactQuiz(shuffleQuiz(quiz, seed)));
			for (const s of secrets(quiz)) expect(json, s).not.toContain(s);
			for (const key of ['correct', 'solution', 'answer', 'answers', 'explanation', 'feedback', 'modelAnswer', 'rubric', 'codes', 'topics', 'bands', 'reverse', 'dimension', 'scoring'])
				expect(json).not.toContain(`"${key}"`);
		}
	expect(secrets(knowledge).length).toBeGreaterThan(10);
});

it('shows every question in the attempt\'s order, with what is needed to answer it', () => {
	const shown = shuffleQuiz(knowledge, 'seed-1');
	const view = redactQuiz(shown);
	expect(view).toMatchObject({ id: 'sample-knowledge', version: knowledge.version, kind: 'knowledge', passPercent: 60 });
	// The seed stays on the server (the browser needs none of it).
	expect(view).not.toHaveProperty('seed');
	expect(view.questions.map((q) => q.id)).toEqual(shown.questions.map((q) => q.id));
	for (const [i, q] of view.questions.entries()) {
		const full = shown.questions[i];
		expect(q.prompt).toBe(full.prompt);
		expect(q.points).toBe(full.points);
		if (q.type === 'single' || q.type === 'multiple') expect(q.options).toEqual((full as { options: { text: string }[] }).options.map((o) => o.text));
		if (q.type === 'ordering') expect(q.items).toEqual((full as { items: string[] }).items);
		if (q.type === 'matching') expect(q.rights).toHaveLength(4);
	}
	expect(redactQuiz(shuffleQuiz(self, 's')).scale).toEqual(['完全不符合', '不太符合', '一般', '比较符合', '完全符合']);
});

it('refuses a quiz in the written order', () => {
	expect(() => redactQuiz(knowledge as ShuffledQuiz)).toThrow(/shuffled quiz/);
});
