// Grading, on the server: answers are checked at the boundary, then every question is scored as
// docs/quiz-format.md states, and the scores are summed per topic, code and dimension (the same
// dimensions role plays are scored on). Framework-free and pure; the analyzer's rules come in as
// a parameter.
import { z } from 'zod';
import { analyze, type CompiledRules } from '../analyzer';
import { codeDimension, DIMENSIONS, type Code, type Dimension, type QuizTopic } from '../domain';
import { clipTranscript } from './listen';
import { normalizeAnswer } from './normalize';
import { QUIZ_LIMITS } from './schema';
import type {
	Answer,
	Answers,
	Band,
	CompiledQuestion,
	CorrectAnswer,
	ProfileEntry,
	QuestionOf,
	QuestionResult,
	QuizResult,
	RubricResult,
	ShuffledQuiz,
	Tally
} from './types';

// ---------------------------------------------------------------------------------------------
// The boundary

/** The shape of submitted answers, before they are held against a quiz (checkAnswers). */
export const answersSchema = z.record(
	z.string().max(64),
	z.union([z.null(), z.boolean(), z.number(), z.string().max(QUIZ_LIMITS.answerChars, `a text answer has at most ${QUIZ_LIMITS.answerChars} characters`), z.array(z.union([z.number(), z.null()])).max(QUIZ_LIMITS.choices)], {
		error: () => `expected an index, a list of indexes, true or false, a text of at most ${QUIZ_LIMITS.answerChars} characters, or null`
	})
);

export class AnswersError extends Error {
	constructor(readonly errors: string[]) {
		super(`invalid answers: ${errors.join('; ')}`);
		this.name = 'AnswersError';
	}
}

const isIndex = (v: unknown, n: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;

/** Why an answer does not fit its question, or null when it fits. */
function answerProblem(q: CompiledQuestion, a: Answer, scaleSize: number): string | null {
	const range = (n: number) => (n === 1 ? '0' : `0–${n - 1}`);
	switch (q.type) {
		case 'single':
		case 'listen':
			return isIndex(a, q.options.length) ? null : `expected an option index ${range(q.options.length)}, got ${JSON.stringify(a)}`;
		case 'multiple': {
			if (!Array.isArray(a)) return `expected a list of option indexes, got ${JSON.stringify(a)}`;
			const bad = a.find((v) => !isIndex(v, q.options.length));
			if (bad !== undefined) return `expected option indexes ${range(q.options.length)}, got ${JSON.stringify(bad)}`;
			const picks = a as number[];
			const dup = picks.find((v, i) => picks.indexOf(v) !== i);
			return dup === undefined ? null : `option ${dup} is picked twice`;
		}
		case 'truefalse':
			return typeof a === 'boolean' ? null : `expected true or false, got ${JSON.stringify(a)}`;
		case 'ordering': {
			const n = q.items.length;
			if (!Array.isArray(a) || a.length !== n || a.some((v) => !isIndex(v, n)) || new Set(a).size !== n)
				return `expected every item index ${range(n)} exactly once, first to last, got ${JSON.stringify(a)}`;
			return null;
		}
		case 'matching': {
			if (!Array.isArray(a) || a.length !== q.lefts.length) return `expected a list of ${q.lefts.length} right indexes (or null), one per left, got ${JSON.stringify(a)}`;
			const bad = a.find((v) => v !== null && !isIndex(v, q.rights.length));
			return bad === undefined ? null : `expected right indexes ${range(q.rights.length)} or null, got ${JSON.stringify(bad)}`;
		}
		case 'short':
		case 'case':
			return typeof a === 'string' ? null : `expected a text, got ${JSON.stringify(a)}`;
		case 'likert':
			return typeof a === 'number' && Number.isInteger(a) && a >= 1 && a <= scaleSize ? null : `expected a scale value 1–${scaleSize}, got ${JSON.stringify(a)}`;
	}
}

/**
 * Holds submitted answers against the attempt's quiz: the shape, every question id, every index
 * in range, no option picked twice, every ordering a full order. Errors name the question.
 */
export function checkAnswers(quiz: ShuffledQuiz, input: unknown): { ok: true; answers: Answers } | { ok: false; errors: string[] } {
	const shape = answersSchema.safeParse(input);
	if (!shape.success)
		return { ok: false, errors: shape.error.issues.map((i) => (i.path.length ? `question "${String(i.path[0])}": ${i.message}` : `answers: ${i.message}`)) };
	const byId = new Map(quiz.questions.map((q) => [q.id, q]));
	const errors: string[] = [];
	for (const [id, a] of Object.entries(shape.data)) {
		const q = byId.get(id);
		if (!q) {
			errors.push(`"${id}" is not a question of quiz "${quiz.id}"`);
			continue;
		}
		if (a === null) continue;
		const problem = answerProblem(q, a, quiz.scale?.length ?? 0);
		if (problem) errors.push(`question "${id}" (${q.type}): ${problem}`);
	}
	return errors.length ? { ok: false, errors } : { ok: true, answers: shape.data };
}

// ---------------------------------------------------------------------------------------------
// Scoring one question

/** Scores are kept to 2 decimals, so sums stay exact enough to show. */
const round2 = (x: number) => Math.round(x * 100) / 100;
const percent = (score: number, max: number) => (max > 0 ? Math.round((100 * score) / max) : null);

interface Scored {
	score: number;
	answered: boolean;
	feedback: string[];
	rubric?: RubricResult[];
	likertValue?: number | null;
}

function correctAnswer(q: CompiledQuestion): CorrectAnswer {
	switch (q.type) {
		case 'single':
			return { type: 'single', option: q.options.find((o) => o.correct)!.text };
		case 'multiple':
			return { type: 'multiple', options: q.options.filter((o) => o.correct).map((o) => o.text) };
		case 'truefalse':
			return { type: 'truefalse', answer: q.answer };
		case 'ordering':
			return { type: 'ordering', items: q.solution.map((i) => q.items[i]) };
		case 'matching':
			return { type: 'matching', pairs: q.lefts.map((left, i) => ({ left, right: q.rights[q.solution[i]] })) };
		case 'short':
			return { type: 'short', answers: q.answers.map((a) => a.text) };
		case 'case':
			return { type: 'case', modelAnswer: q.modelAnswer, rubric: q.rubric.map((r) => r.point) };
		case 'likert':
			return { type: 'likert' };
		case 'listen': {
			const transcript = clipTranscript(q.clip);
			return { type: 'listen', option: q.options.find((o) => o.correct)!.text, ...(transcript !== undefined ? { transcript } : {}) };
		}
	}
}

const feedbackOf = (...texts: (string | undefined)[]) => texts.filter((t): t is string => !!t);

function scoreQuestion(q: CompiledQuestion, a: Answer | null, ctx: { scaleSize: number; rules?: CompiledRules }): Scored {
	const none: Scored = { score: 0, answered: false, feedback: [] };
	switch (q.type) {
		case 'single':
		case 'listen': {
			if (a === null) return none;
			const picked = q.options[a as number];
			return { score: picked.correct ? q.points : 0, answered: true, feedback: feedbackOf(picked.feedback) };
		}
		case 'multiple': {
			const picks = (a ?? []) as number[];
			if (!picks.length) return none;
			const correct = q.options.filter((o) => o.correct).length;
			const right = picks.filter((i) => q.options[i].correct).length;
			const wrong = picks.length - right;
			const share = q.scoring === 'all-or-nothing' ? (right === correct && wrong === 0 ? 1 : 0) : Math.max(0, (right - wrong) / correct);
			return { score: share * q.points, answered: true, feedback: feedbackOf(...[...picks].sort((x, y) => x - y).map((i) => q.options[i].feedback)) };
		}
		case 'truefalse':
			if (a === null) return none;
			return { score: a === q.answer ? q.points : 0, answered: true, feedback: feedbackOf(a ? q.feedbackTrue : q.feedbackFalse) };
		case 'ordering': {
			if (a === null) return none;
			const order = a as number[];
			const next = new Map(q.solution.slice(0, -1).map((item, k) => [item, q.solution[k + 1]]));
			let kept = 0;
			for (let k = 0; k + 1 < order.length; k++) if (next.get(order[k]) === order[k + 1]) kept++;
			return { score: (kept / (order.length - 1)) * q.points, answered: true, feedback: [] };
		}
		case 'matching': {
			const chosen = (a ?? []) as (number | null)[];
			if (!chosen.some((v) => v !== null)) return none;
			const right = chosen.filter((v, i) => v === q.solution[i]).length;
			return { score: (right / q.lefts.length) * q.points, answered: true, feedback: [] };
		}
		case 'short': {
			const given = typeof a === 'string' ? normalizeAnswer(a) : '';
			if (!given) return none;
			const match = q.answers.find((x) => normalizeAnswer(x.text) === given);
			return { score: match ? q.points : 0, answered: true, feedback: feedbackOf(match?.feedback) };
		}
		case 'case': {
			const given = typeof a === 'string' ? a : '';
			const answered = normalizeAnswer(given) !== '';
			const rubric = answered ? judgeRubric(q, given, ctx.rules) : q.rubric.map((r) => ({ point: r.point, weight: r.weight, met: false }));
			const total = q.rubric.reduce((s, r) => s + r.weight, 0);
			const met = rubric.reduce((s, r) => s + (r.met ? r.weight : 0), 0);
			return { score: answered ? (met / total) * q.points : 0, answered, feedback: [], rubric };
		}
		case 'likert':
			if (a === null) return { ...none, likertValue: null };
			return { score: 0, answered: true, feedback: [], likertValue: q.reverse ? ctx.scaleSize + 1 - (a as number) : (a as number) };
	}
}

/** A rubric point is met by any of its keywords in the answer, or any of its codes found by the reply analyzer. */
function judgeRubric(q: QuestionOf<'case'>, text: string, rules: CompiledRules | undefined): RubricResult[] {
	const norm = normalizeAnswer(text);
	const found = rules && q.rubric.some((r) => r.codes.length) ? analyze(text, rules) : null;
	return q.rubric.map((r) => {
		const keyword = r.keywords.find((k) => norm.includes(normalizeAnswer(k)));
		if (keyword) return { point: r.point, weight: r.weight, met: true, by: { keyword } };
		const code = r.codes.find((c) => found?.evidence[c]?.length);
		if (code) return { point: r.point, weight: r.weight, met: true, by: { code, evidence: found!.evidence[code]! } };
		return { point: r.point, weight: r.weight, met: false };
	});
}

// ---------------------------------------------------------------------------------------------
// The whole quiz

export interface GradeOptions {
	/** The reply analyzer's compiled rules: needed when a case question's rubric names codes. */
	rules?: CompiledRules;
}

/** The band a percentage falls in: the last whose `from` it reaches. */
export function bandFor(bands: readonly Band[] | undefined, pct: number | null): Band | null {
	if (pct === null || !bands?.length) return null;
	let band: Band | null = null;
	for (const b of bands) if (pct >= b.from) band = b;
	return band;
}

/**
 * Grades one attempt. `quiz` is the attempt's order (shuffleQuiz with the attempt's seed), so
 * indexes in `answers` mean what the participant saw. Throws AnswersError on answers that do not
 * fit the quiz. Unanswered questions score 0; likert statements score nothing and build the profile.
 */
export function gradeQuiz(quiz: ShuffledQuiz, input: unknown, options: GradeOptions = {}): QuizResult {
	if (typeof quiz.seed !== 'string') throw new Error('gradeQuiz takes the attempt\'s quiz (shuffleQuiz(quiz, seed)), so answer indexes mean what was shown');
	const needsRules = quiz.questions.find((q) => q.type === 'case' && q.rubric.some((r) => r.codes.length));
	if (needsRules && !options.rules) throw new Error(`question "${needsRules.id}" is graded with the reply analyzer: pass { rules } to gradeQuiz`);
	const checked = checkAnswers(quiz, input);
	if (!checked.ok) throw new AnswersError(checked.errors);
	const answers = checked.answers;
	const scaleSize = quiz.scale?.length ?? 0;

	const questions: QuestionResult[] = quiz.questions.map((q) => {
		const given = answers[q.id] ?? null;
		const s = scoreQuestion(q, given, { scaleSize, rules: options.rules });
		const score = round2(s.score);
		return {
			id: q.id,
			type: q.type,
			prompt: q.prompt,
			answered: s.answered,
			answer: s.answered ? given : null,
			score,
			max: q.points,
			correct: q.type === 'likert' ? null : s.answered && score >= q.points,
			explanation: q.explanation,
			correctAnswer: correctAnswer(q),
			feedback: s.feedback,
			codes: q.codes,
			topics: q.topics,
			...(s.rubric ? { rubric: s.rubric } : {}),
			...(q.type === 'likert' ? { likert: { dimension: q.dimension, value: s.likertValue ?? null, reverse: q.reverse } } : {})
		};
	});

	const tally = () => ({ score: 0, max: 0 });
	const total = tally();
	const byTopic = new Map<QuizTopic, { score: number; max: number }>();
	const byCode = new Map<Code, { score: number; max: number }>();
	const byDimension = new Map<Dimension, { score: number; max: number }>(DIMENSIONS.map((d) => [d, tally()]));
	const add = <K>(map: Map<K, { score: number; max: number }>, key: K, r: QuestionResult) => {
		const t = map.get(key) ?? tally();
		t.score += r.score;
		t.max += r.max;
		map.set(key, t);
	};
	for (const r of questions) {
		if (r.type === 'likert') continue;
		total.score += r.score;
		total.max += r.max;
		for (const t of r.topics) add(byTopic, t, r);
		for (const c of r.codes) add(byCode, c, r);
		for (const d of new Set(r.codes.map(codeDimension))) if (d) add(byDimension, d, r);
	}
	const done = (t: { score: number; max: number }): Tally => ({ score: round2(t.score), max: round2(t.max), percent: percent(t.score, t.max) });

	const likerts = questions.filter((r) => r.likert);
	let profile: Record<Dimension, ProfileEntry> | undefined;
	if (likerts.length) {
		profile = {} as Record<Dimension, ProfileEntry>;
		for (const d of DIMENSIONS) {
			const on = likerts.filter((r) => r.likert!.dimension === d);
			const values = on.map((r) => r.likert!.value).filter((v): v is number => v !== null);
			const sum = values.reduce((s, v) => s + v, 0);
			// (sum − min) / (max − min), with min = answered × 1 and max = answered × scale size.
			const pct = values.length ? Math.round((100 * (sum - values.length)) / (values.length * (scaleSize - 1))) : null;
			profile[d] = { statements: on.length, answered: values.length, percent: pct, band: bandFor(quiz.bands, pct) };
		}
	}

	return {
		quiz: quiz.id,
		version: quiz.version,
		seed: quiz.seed,
		kind: quiz.kind,
		questions,
		total: done(total),
		...(quiz.passPercent !== undefined ? { passed: total.max > 0 && total.score * 100 >= quiz.passPercent * total.max - 1e-9 } : {}),
		byTopic: Object.fromEntries([...byTopic].map(([k, t]) => [k, done(t)])),
		byCode: Object.fromEntries([...byCode].map(([k, t]) => [k, done(t)])),
		byDimension: Object.fromEntries([...byDimension].map(([k, t]) => [k, done(t)])) as Record<Dimension, Tally>,
		...(profile ? { profile } : {}),
		answered: questions.filter((r) => r.answered).length,
		questionCount: questions.length
	};
}
