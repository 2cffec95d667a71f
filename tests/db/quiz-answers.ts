// Answers for the quiz tests, worked out from the attempt's shuffled quiz (the server's form, which
// the tests may read): the right one, a wrong one, and arbitrary valid ones for property tests.
import fc from 'fast-check';
import { shuffleQuiz, type Answer, type CompiledQuestion, type CompiledQuiz, type ShuffledQuiz } from '../../src/lib/quiz';
import type { QuizStore } from '../../src/lib/server/db/quiz-store';
import type { Claims } from '../../src/lib/server/db/session';
import { newKey } from './helpers';

/** The quiz as the attempt shows it (the seed is the attempt id). */
export const attemptOrder = (quiz: CompiledQuiz, attemptId: string): ShuffledQuiz => shuffleQuiz(quiz, attemptId);

export function rightAnswer(q: CompiledQuestion): Answer {
	switch (q.type) {
		case 'single':
		case 'listen':
			return q.options.findIndex((o) => o.correct);
		case 'multiple':
			return q.options.flatMap((o, i) => (o.correct ? [i] : []));
		case 'truefalse':
			return q.answer;
		case 'ordering':
			return [...q.solution];
		case 'matching':
			return [...q.solution];
		case 'short':
			return q.answers[0].text;
		case 'case':
			return q.modelAnswer;
		case 'likert':
			return 5;
	}
}

/** A valid answer that scores nothing on a scored question. */
export function wrongAnswer(q: CompiledQuestion): Answer {
	switch (q.type) {
		case 'single':
		case 'listen':
			return q.options.findIndex((o) => !o.correct);
		case 'multiple':
			return q.options.flatMap((o, i) => (o.correct ? [] : [i]));
		case 'truefalse':
			return !q.answer;
		case 'ordering':
			return [...q.solution].reverse();
		case 'matching':
			return q.solution.map((r) => (r + 1) % q.rights.length);
		case 'short':
			return '不知道';
		case 'case':
			return '不清楚';
		case 'likert':
			return 1;
	}
}

/** Any answer that fits the question (or null: taken back). */
export function anyAnswer(q: CompiledQuestion, scale: number): fc.Arbitrary<Answer | null> {
	const n = (k: number) => fc.integer({ min: 0, max: k - 1 });
	const given: fc.Arbitrary<Answer> = (() => {
		switch (q.type) {
			case 'single':
			case 'listen':
				return n(q.options.length);
			case 'multiple':
				return fc.uniqueArray(n(q.options.length), { maxLength: q.options.length });
			case 'truefalse':
				return fc.boolean();
			case 'ordering':
				return fc.shuffledSubarray([...q.items.keys()], { minLength: q.items.length, maxLength: q.items.length });
			case 'matching':
				return fc.array(fc.option(n(q.rights.length), { nil: null }), { minLength: q.lefts.length, maxLength: q.lefts.length });
			case 'short':
				return fc.constantFrom(...q.answers.map((a) => a.text), '不知道', '');
			case 'case':
				return fc.constantFrom(q.modelAnswer, '非常抱歉,请问您的号码是多少?我们检查一下网络。', '这是手机的问题', '');
			case 'likert':
				return fc.integer({ min: 1, max: scale });
		}
	})();
	return fc.oneof({ weight: 9, arbitrary: given }, { weight: 1, arbitrary: fc.constant(null) });
}

/** Sends answers one by one as the outbox would, a second apart from `from`, from seq `firstSeq`. */
export async function sendAnswers(quiz: QuizStore, user: Claims, attemptId: string, answers: [string, Answer | null][], from: number, firstSeq = 1) {
	const out = [];
	for (const [i, [questionId, answer]] of answers.entries())
		out.push(
			await quiz.recordAnswer(user, attemptId, {
				idempotencyKey: newKey(),
				seq: firstSeq + i,
				questionId,
				answer,
				clientTime: new Date(from + (firstSeq + i) * 1000).toISOString()
			})
		);
	return out;
}
