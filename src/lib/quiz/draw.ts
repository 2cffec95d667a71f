// Question banks (docs/quiz-format.md, "Question banks"): a quiz with `draw:` gives each attempt
// `count` questions from each topic's pool, a question being in the pool of its first topic. The
// server draws when an attempt starts (with a random generator of its own, never from anything
// the browser sends) and stores the drawn ids with the attempt; it then shows, grades and resumes
// that drawn set only. Framework-free and browser-safe (the studio's preview draws too).
import type { QuizTopic } from '../domain';
import { permutation } from './shuffle';
import type { CompiledQuestion, CompiledQuiz } from './types';

/** The pool a question is drawn from: its first topic (none: it is never drawn). */
export const poolOf = (q: Pick<CompiledQuestion, 'topics'>): QuizTopic | undefined => q.topics[0];

/** The question ids in each topic's pool, in the written order. */
export function pools(quiz: Pick<CompiledQuiz, 'questions'>): Map<QuizTopic, string[]> {
	const out = new Map<QuizTopic, string[]>();
	for (const q of quiz.questions) {
		const topic = poolOf(q);
		if (!topic) continue;
		const list = out.get(topic) ?? [];
		list.push(q.id);
		out.set(topic, list);
	}
	return out;
}

/** How many questions an attempt of this quiz shows: the draw's counts, or every question. */
export function drawSize(quiz: Pick<CompiledQuiz, 'questions' | 'draw'>): number {
	return quiz.draw ? quiz.draw.reduce((n, d) => n + d.count, 0) : quiz.questions.length;
}

/**
 * One attempt's draw: for each entry, `count` questions of that topic's pool picked uniformly
 * without replacement with `random` (0 ≤ x < 1). The ids come back in the quiz's written order
 * (the attempt's order is shuffleQuiz's business). Throws when a pool is too small, which the
 * compiler refuses.
 */
export function drawQuestions(quiz: Pick<CompiledQuiz, 'id' | 'questions' | 'draw'>, random: () => number): string[] {
	if (!quiz.draw) throw new Error(`quiz "${quiz.id}" is not a question bank (no draw)`);
	const byTopic = pools(quiz);
	const picked = new Set<string>();
	for (const { topic, count } of quiz.draw) {
		const pool = byTopic.get(topic) ?? [];
		if (pool.length < count) throw new Error(`quiz "${quiz.id}": topic ${topic} has ${pool.length} questions, the draw wants ${count}`);
		for (const k of permutation(pool.length, random).slice(0, count)) picked.add(pool[k]);
	}
	return quiz.questions.filter((q) => picked.has(q.id)).map((q) => q.id);
}

/**
 * The quiz as one attempt holds it: only the drawn questions (in the written order) and no `draw`,
 * so it can be shuffled, redacted and graded like any quiz. Every id must be a question of this
 * version, once, and make up exactly what the draw asks for; anything else is refused (a stored
 * draw that does not fit its version is a bug, not something to grade around).
 */
export function drawQuiz(quiz: CompiledQuiz, ids: readonly string[]): CompiledQuiz {
	if (!quiz.draw) throw new Error(`quiz "${quiz.id}" is not a question bank (no draw)`);
	const wanted = new Set(ids);
	if (wanted.size !== ids.length) throw new Error(`quiz "${quiz.id}": the draw names a question twice`);
	const questions = quiz.questions.filter((q) => wanted.has(q.id));
	if (questions.length !== ids.length) throw new Error(`quiz "${quiz.id}": the draw names questions this version does not have`);
	for (const { topic, count } of quiz.draw) {
		const n = questions.filter((q) => poolOf(q) === topic).length;
		if (n !== count) throw new Error(`quiz "${quiz.id}": the draw has ${n} questions of topic ${topic}, the quiz asks for ${count}`);
	}
	if (questions.length !== drawSize(quiz)) throw new Error(`quiz "${quiz.id}": the draw holds questions from topics the quiz does not draw from`);
	const { draw: _draw, ...rest } = quiz;
	return { ...rest, questions };
}
