// 听声辨情 (issue 12) in the store, on real Postgres: the shipped listen quiz is started, answered and
// graded on the server like any quiz; what the browser gets before submission holds the clips' URLs
// but never their words (the transcript) nor the right option; after submission, and in practice
// mode after each answer, the feedback carries the transcript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipSources, type CompiledQuiz, type QuestionOf } from '../../src/lib/quiz';
import { checkQuizFile } from '../../src/lib/quiz/files';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, newKey, trainee, type TestStore } from './helpers';
import { attemptOrder, rightAnswer, sendAnswers, wrongAnswer } from './quiz-answers';

let t: TestStore;
let A: Claims;
const listen: CompiledQuiz = checkQuizFile('scenarios/quizzes/listen.yaml').quiz!;
const words = listen.questions.flatMap((q) => (q.type === 'listen' && 'say' in q.clip ? [q.clip.say.text] : []));

beforeAll(async () => {
	t = await freshStore(undefined, undefined, [listen]);
	A = await trainee(t.store, '小听');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

const start = (mode: 'practice' | 'assessment') => t.quiz.startQuizAttempt(A, { quizId: 'listen', version: listen.version, mode });

describe('a listen quiz on the server', () => {
	it('sends the clips, not their words; grades the answers on submission and then shows the transcripts', async () => {
		expect(words.length).toBeGreaterThanOrEqual(12);
		const a = await start('assessment');
		const id = a.attempt.id;
		const order = attemptOrder(listen, id);
		const seen = [JSON.stringify(a.view)];
		for (const q of a.view.questions) {
			const full = order.questions.find((x) => x.id === q.id) as QuestionOf<'listen'>;
			expect(q).toMatchObject({ type: 'listen', clip: clipSources(full.clip), options: full.options.map((o) => o.text) });
		}
		// Every question right but the first, which is answered wrong.
		const answers = order.questions.map((q, i) => [q.id, i === 0 ? wrongAnswer(q) : rightAnswer(q)] as [string, number]);
		const sent = await sendAnswers(t.quiz, A, id, answers, a.attempt.startedAt.getTime());
		seen.push(JSON.stringify(sent), JSON.stringify(await t.quiz.getQuizAttempt(A, id)));
		for (const text of seen) {
			for (const w of words) expect(text).not.toContain(w);
			expect(text).not.toMatch(/"correct"|"transcript"|"explanation"|"say"|"correctAnswer"/);
		}

		const done = await t.quiz.submitQuiz(A, id);
		const r = done.result!;
		expect(r.answered).toBe(order.questions.length);
		expect(r.total).toMatchObject({ score: order.questions.length - 1, max: order.questions.length });
		const first = r.questions[0];
		const q0 = order.questions[0] as QuestionOf<'listen'>;
		expect(first).toMatchObject({ id: q0.id, type: 'listen', correct: false, score: 0, answer: wrongAnswer(q0) });
		expect(first.correctAnswer).toEqual({ type: 'listen', option: q0.options.find((o) => o.correct)!.text, transcript: 'say' in q0.clip ? q0.clip.say.text : undefined });
		expect(r.questions.slice(1).every((x) => x.correct)).toBe(true);
		for (const w of words) expect(JSON.stringify(r)).toContain(w);
		expect((await t.quiz.getQuizAttempt(A, id))!.result).toEqual(r);
	});

	it('grades each answer in practice mode with its transcript, and refuses an option that is not there', async () => {
		const p = await start('practice');
		const q = attemptOrder(listen, p.attempt.id).questions.find((x) => x.id === 'stage-escalated-online') as QuestionOf<'listen'>;
		const from = Date.now();
		const [r] = await sendAnswers(t.quiz, A, p.attempt.id, [[q.id, rightAnswer(q)]], from);
		expect(r.feedback).toMatchObject({ id: q.id, correct: true, score: 1, correctAnswer: { type: 'listen', option: '投诉升级', transcript: 'say' in q.clip ? q.clip.say.text : '' } });
		const bad = await t.quiz
			.recordAnswer(A, p.attempt.id, { idempotencyKey: newKey(), seq: 2, questionId: q.id, answer: q.options.length, clientTime: new Date(from + 5000).toISOString() })
			.then(
				() => null,
				(e: unknown) => (e instanceof StoreError ? e.code : String(e))
			);
		expect(bad).toBe('bad-input');
	});
});
