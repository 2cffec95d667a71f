// Quiz attempts as the routes see them, their inputs (parsed strictly) and the pure helpers of
// grading and history; split out of quiz-store.ts, which exports all of it too.
import { z } from 'zod';
import { ATTEMPT_MODES, type AttemptMode, type AttemptState } from '../../domain';
import { answersSchema, type Answer, type Answers, type QuestionResult, type QuizResult, type QuizView } from '../../quiz';
import { quizId } from '../../quiz/schema';
import { cleanText } from '../../text';
import { contentVersion, isoTime, uuid, type Attempt, type ScoreSummary } from './attempt-base';

// ---------------------------------------------------------------------------------------------
// Types the routes see

/** One answer as stored. */
export interface AnswerEvent {
	seq: number;
	idempotencyKey: string;
	questionId: string;
	/** As sent: indexes into the attempt's view, true/false, a text; null takes the answer back. */
	answer: Answer | null;
	clientTime: Date;
	receivedAt: Date;
}

export interface QuizStart {
	attempt: Attempt;
	/** The quiz as this attempt shows it, without anything that gives an answer away. */
	view: QuizView;
	/** When answers stop being accepted (null: no time limit). */
	deadline: Date | null;
	/** The server's clock when it answered, so a client can count down with the server's time. */
	serverTime: Date;
}

export interface AnswerRecorded {
	event: AnswerEvent;
	/** True when this answer had been stored before (same idempotency key, same content). */
	duplicate: boolean;
	attempt: Attempt;
	/**
	 * Practice mode only: that question graded with this answer (score, right answer, feedback,
	 * explanation), which the outbox hands to the page. Never in assessment mode.
	 */
	feedback?: QuestionResult;
}

export interface QuizSubmitted {
	attempt: Attempt;
	/** Null while the user has another assessment of this quiz open (withheld, as in getQuizAttempt). */
	result: QuizResult | null;
	withheld: boolean;
	score: ScoreSummary;
	/** True when the attempt had been submitted before: this is the stored result. */
	duplicate: boolean;
}

export interface QuizAttemptDetail extends QuizStart {
	/** The latest answer to each answered question (to resume); null: taken back. */
	answers: Answers;
	nextSeq: number;
	/** Practice mode, before submission: each answered question graded, by question id (as recordAnswer's feedback); otherwise null. */
	feedback: Record<string, QuestionResult> | null;
	/** Once submitted: the full graded result and the score. */
	result: QuizResult | null;
	score: ScoreSummary | null;
	/** True while the reader has another, unsubmitted assessment of this quiz: feedback, result and score are then held back (null). */
	withheld: boolean;
}

export interface QuizAttemptSummary {
	id: string;
	quizId: string;
	version: string;
	mode: AttemptMode;
	state: AttemptState;
	startedAt: Date;
	finishedAt: Date | null;
	/** Questions with an answer (the latest one not taken back). */
	answered: number;
	/** Once submitted: the stored overall score, 0–100 (quizOverall). */
	percent: number | null;
	/** Once submitted, when the quiz sets a pass mark. */
	passed: boolean | null;
}

export interface QuizHistory {
	quizId: string;
	/** Every attempt at this quiz, oldest first. */
	attempts: QuizAttemptSummary[];
	/** Of the submitted assessment attempts (practice shows answers as it goes, so it does not count): the first, the best (highest percent, the earlier on a tie) and the last. */
	first: QuizAttemptSummary | null;
	best: QuizAttemptSummary | null;
	last: QuizAttemptSummary | null;
	/** The latest attempt not yet submitted nor abandoned, to resume. */
	active: QuizAttemptSummary | null;
}

// ---------------------------------------------------------------------------------------------
// Inputs, parsed strictly: a score, a result or a "correct" flag is an unknown field, refused.

/** Answer events one attempt may hold (going back and forth included). */
export const MAX_ANSWER_EVENTS = 2000;
/** The largest answer as Postgres prints it (jsonb as text, UTF-8): the migration's check. */
export const MAX_ANSWER_BYTES = 16384;
/** Answers received this long after the time limit still count (a slow network, a retry). */
export const DEFAULT_DEADLINE_GRACE_MS = 30_000;

export const quizStartSchema = z.strictObject({
	/** The client may choose the id; starting again with it returns the same attempt. */
	id: uuid.optional(),
	kind: z.literal('quiz').optional(),
	quizId,
	version: contentVersion,
	mode: z.enum(ATTEMPT_MODES),
	clientTime: isoTime.optional()
});
export type QuizStartInput = z.input<typeof quizStartSchema>;

export const answerInputSchema = z.strictObject({
	idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'an idempotency key is 8–100 letters, digits, - or _'),
	seq: z.number().int().min(1).max(MAX_ANSWER_EVENTS),
	questionId: quizId,
	// Required (null takes an answer back); held against the question itself in recordAnswer. A
	// text answer is cleaned first (cleanText: no NUL or half surrogate pair, which jsonb refuses),
	// so an identical retry compares equal to what was stored.
	answer: z.preprocess((a) => (typeof a === 'string' ? cleanText(a) : a), answersSchema.valueType),
	clientTime: isoTime
});
export type AnswerInput = z.input<typeof answerInputSchema>;

/** Submitting sends nothing but, optionally, how many answers the client has sent (its last seq). */
export const submitInputSchema = z
	.strictObject({
		/** When the server holds fewer answers, the submission waits for them ('seq-gap'). */
		lastSeq: z.number().int().min(0).max(MAX_ANSWER_EVENTS).optional()
	})
	.optional();
export type SubmitInput = z.input<typeof submitInputSchema>;

// ---------------------------------------------------------------------------------------------
// Pure helpers

/** The seed of an attempt's order: its id (a retake is a new attempt, so a new order). */
export const quizSeed = (attemptId: string): string => attemptId;

/**
 * The score stored for a graded quiz (0–100): the percentage of points, or, for a self-assessment
 * without scored questions, the mean of its profile's answered dimensions (how strongly the
 * participant rates themselves; 0 when nothing was answered). best_possible is always 100.
 */
export function quizOverall(result: QuizResult): number {
	if (result.total.percent !== null) return result.total.percent;
	const p = Object.values(result.profile ?? {})
		.map((e) => e.percent)
		.filter((x): x is number => x !== null);
	return p.length ? Math.round(p.reduce((s, x) => s + x, 0) / p.length) : 0;
}

/** The size of an answer as Postgres prints the jsonb (arrays get a space after each comma). */
export function answerBytes(answer: unknown): number {
	return Buffer.byteLength(JSON.stringify(answer), 'utf8') + (Array.isArray(answer) ? Math.max(0, answer.length - 1) : 0);
}

/** The latest answer per question, in seq order (events must come sorted by seq). */
export function latestAnswers(events: readonly Pick<AnswerEvent, 'questionId' | 'answer'>[]): Answers {
	const out: Answers = {};
	for (const e of events) out[e.questionId] = e.answer;
	return out;
}
