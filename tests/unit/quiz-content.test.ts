// The shipped quizzes compile cleanly and meet the bar: a knowledge bank of at least 40
// questions and a self-assessment of at least 12 statements.
import { describe, expect, it } from 'vitest';
import { checkQuizFile, QUIZ_DIR, quizFiles } from '../../src/lib/quiz/files';

const checked = quizFiles(QUIZ_DIR).map((f) => checkQuizFile(f));

for (const c of checked)
	describe(c.file, () => {
		it('compiles with no errors or warnings', () => {
			expect(c.diagnostics).toEqual([]);
		});
	});

it(`${QUIZ_DIR} holds at least 40 knowledge questions and a self-assessment of at least 12 statements`, () => {
	const quizzes = checked.map((c) => c.quiz).filter((q) => q !== null);
	const knowledge = quizzes.filter((q) => q.kind === 'knowledge').reduce((n, q) => n + q.questions.length, 0);
	expect(knowledge).toBeGreaterThanOrEqual(40);
	expect(quizzes.some((q) => q.kind === 'self-assessment' && q.questions.filter((x) => x.type === 'likert').length >= 12)).toBe(true);
});
