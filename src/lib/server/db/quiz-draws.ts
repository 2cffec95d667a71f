// Question banks in the store (docs/quiz-format.md, "Question banks"; migration
// 20261207000004_quiz_draws): the server draws an attempt's questions when it starts, with its own
// random generator (never from anything the client sends), stores the ids once per attempt, and
// reads them back to show, resume and grade exactly that draw. Split out of quiz-store.ts.
import { randomUUID } from 'node:crypto';
import { drawQuestions, drawQuiz, seededRandom, type CompiledQuiz } from '../../quiz';
import { becomeService } from './session';
import type { Db, Tx } from './types';

/** The random generator of a draw: seeded from 122 fresh random bits, so no two attempts need share one. */
export const drawRandom = (): (() => number) => seededRandom(randomUUID());

/**
 * Draws the attempt's questions and stores them, as the server, once: an attempt started again
 * (the same client-chosen id) keeps its first draw. Returns the stored ids.
 */
export async function recordDraw(db: Db, attemptId: string, quiz: CompiledQuiz, random: () => number = drawRandom()): Promise<string[]> {
	return db.transaction(async (tx) => {
		await becomeService(tx);
		const before = await storedDraw(tx, attemptId);
		if (before) return before; // started again (or already finished): the first draw stands
		const ids = drawQuestions(quiz, random);
		await tx.query('insert into app.quiz_draws (attempt_id, question_ids) values ($1, $2) on conflict (attempt_id) do nothing', [attemptId, ids]);
		return (await tx.query<{ question_ids: string[] }>('select question_ids from app.quiz_draws where attempt_id = $1', [attemptId])).rows[0].question_ids;
	});
}

/** The draw stored for an attempt, as the reader may see it (row-level security), or null. */
export async function storedDraw(tx: Tx, attemptId: string): Promise<string[] | null> {
	return (await tx.query<{ question_ids: string[] }>('select question_ids from app.quiz_draws where attempt_id = $1', [attemptId])).rows[0]?.question_ids ?? null;
}

/** The quiz an attempt holds: a bank narrowed to the attempt's stored draw, any other quiz as it is. */
export async function attemptQuestions(tx: Tx, attemptId: string, quiz: CompiledQuiz): Promise<CompiledQuiz | null> {
	if (!quiz.draw) return quiz;
	const ids = await storedDraw(tx, attemptId);
	return ids ? drawQuiz(quiz, ids) : null;
}
