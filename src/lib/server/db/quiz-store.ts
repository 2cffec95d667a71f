// Quiz attempts in the store (docs/quiz-format.md, docs/storage.md): the same tables, sessions
// and rules as role plays (roleplays.ts; shared core in attempt-base.ts), with answers as events.
//
// - A question bank (a quiz with draw:) is drawn by the server when the attempt starts and the
//   draw stored (quiz-draws.ts): the attempt shows, resumes and is graded on those questions only.
// - An attempt is shown its quiz in an order derived from the attempt id (quizSeed): the same
//   attempt always shows, and is graded in, the same order; a retake (a new attempt) gets a new
//   one. The browser only ever receives the redacted view (redactQuiz): no right answers,
//   feedback, explanations, model answers or rubrics before the attempt is submitted.
// - Each answer is an event (kind 'answer'), stored exactly once per idempotency key, in seq
//   order, at a possible time, checked against that question of the attempt's exact stored quiz
//   version and order. A later answer to the same question replaces the earlier one for grading.
// - With a time limit, the deadline is the start plus the limit plus DEFAULT_DEADLINE_GRACE_MS;
//   answers received after it are refused ('time-up'); submitting still grades what came in time.
// - Submitting grades the latest answer per question on the server (gradeQuiz, case questions
//   with the attempt's analyzer rules) and, as service_role in the same transaction, finishes the
//   attempt and writes the score. Nothing about grading is ever taken from the client.
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { CompiledRules } from '../../analyzer';
import { checkAnswers, gradeQuiz, redactQuiz, shuffleQuiz, type Answer, type CompiledQuiz, type QuestionResult, type QuizResult, type ShuffledQuiz } from '../../quiz';
import type { AttemptMode, AttemptState } from '../../domain';
import { StoreError } from './errors';
import {
	answerBytes,
	answerInputSchema,
	DEFAULT_DEADLINE_GRACE_MS,
	latestAnswers,
	MAX_ANSWER_BYTES,
	quizOverall,
	quizSeed,
	quizStartSchema,
	submitInputSchema,
	type AnswerEvent,
	type AnswerInput,
	type AnswerRecorded,
	type QuizAttemptDetail,
	type QuizAttemptSummary,
	type QuizHistory,
	type QuizStart,
	type QuizStartInput,
	type QuizSubmitted,
	type SubmitInput
} from './quiz-inputs';
import { attemptQuestions, recordDraw } from './quiz-draws';
import { asUser, becomeService, type Claims } from './session';
import { anonymous, ATTEMPT_COLUMNS, createAttemptBase, parse, toAttempt, toScore, uuid, type AttemptRow, type AttemptStoreOptions, type ScoreSummary } from './attempt-base';
import type { Tx } from './types';

// Types, inputs and pure helpers (split out by responsibility), exported from here too.
export * from './quiz-inputs';

// ---------------------------------------------------------------------------------------------
// Rows

interface AnswerRow {
	seq: number;
	idempotency_key: string;
	question_id: string;
	answer: Answer | null;
	client_time: Date;
	received_at: Date;
}
const ANSWER_COLUMNS = 'seq, idempotency_key, question_id, answer, client_time, received_at';
const toAnswer = (r: AnswerRow): AnswerEvent => ({
	seq: r.seq,
	idempotencyKey: r.idempotency_key,
	questionId: r.question_id,
	answer: r.answer,
	clientTime: r.client_time,
	receivedAt: r.received_at
});

// ---------------------------------------------------------------------------------------------

/** As the role-play store's options (case questions are graded with the attempt's analyzer rules). */
export interface QuizStoreOptions extends AttemptStoreOptions {
	/** The quiz with this id as it is now (compiled), or undefined. */
	getQuiz: (id: string) => CompiledQuiz | undefined;
	/** Grace after a time limit (default DEFAULT_DEADLINE_GRACE_MS). */
	deadlineGraceMs?: number;
}

export type QuizStore = ReturnType<typeof createQuizStore>;

export function createQuizStore(options: QuizStoreOptions) {
	const { db, getQuiz } = options;
	const base = createAttemptBase(options);
	const grace = options.deadlineGraceMs ?? DEFAULT_DEADLINE_GRACE_MS;

	// Shuffled quizzes by attempt: the order never changes for an attempt.
	const shuffled = new Map<string, ShuffledQuiz>();

	async function attemptQuiz(tx: Tx, row: AttemptRow): Promise<ShuffledQuiz>;
	async function attemptQuiz(tx: Tx, row: AttemptRow, hidden: 'null'): Promise<ShuffledQuiz | null>;
	async function attemptQuiz(tx: Tx, row: AttemptRow, hidden?: 'null'): Promise<ShuffledQuiz | null> {
		let q = shuffled.get(row.id);
		if (!q) {
			const stored = await base.storedVersion<CompiledQuiz>(tx, 'quiz', row.scenario_id, row.scenario_version);
			// The version exists (a foreign key): hidden, it is a team's this reader may not read.
			if (!stored && hidden) return null;
			if (!stored) throw new Error(`quiz version ${row.scenario_id}@${row.scenario_version} is missing`);
			// A question bank: only the attempt's stored draw is ever shown or graded.
			const quiz = await attemptQuestions(tx, row.id, stored);
			if (!quiz && hidden) return null;
			if (!quiz) throw new Error(`quiz attempt ${row.id} of the question bank ${row.scenario_id} has no stored draw`);
			q = shuffleQuiz(quiz, quizSeed(row.id));
			if (shuffled.size > 1000) shuffled.clear();
			shuffled.set(row.id, q);
		}
		return q;
	}

	const deadlineOf = (quiz: CompiledQuiz, startedAt: Date): Date | null =>
		quiz.timeLimitMinutes ? new Date(startedAt.getTime() + quiz.timeLimitMinutes * 60_000 + grace) : null;

	async function answersOf(tx: Tx, attemptId: string): Promise<AnswerEvent[]> {
		return (
			await tx.query<AnswerRow>(`select ${ANSWER_COLUMNS} from app.attempt_events where attempt_id = $1 and kind = 'answer' order by seq`, [attemptId])
		).rows.map(toAnswer);
	}

	/** One question graded with one answer (practice mode's immediate feedback). */
	function checkOne(quiz: ShuffledQuiz, questionId: string, answer: Answer | null, rules: CompiledRules): QuestionResult {
		const q = quiz.questions.find((x) => x.id === questionId)!;
		return gradeQuiz({ ...quiz, questions: [q] }, { [questionId]: answer }, { rules }).questions[0];
	}

	async function lockedQuizAttempt(tx: Tx, user: Claims, attemptId: string): Promise<(AttemptRow & { now: Date }) | 'refuse'> {
		await base.lockAttempt(tx, attemptId);
		const found = (await tx.query<AttemptRow & { now: Date }>(`select ${ATTEMPT_COLUMNS}, now() as now from app.attempts where id = $1`, [attemptId])).rows[0];
		if (!found || found.user_id !== user.sub) return 'refuse';
		if (found.kind !== 'quiz')
			throw new StoreError('wrong-kind', `attempt ${attemptId} is a role play: its replies go to POST /api/attempts/${attemptId}/replies, and it ends by itself`, { kind: found.kind });
		return found;
	}

	async function storedResult(tx: Tx, attemptId: string): Promise<{ result: QuizResult; score: ScoreSummary } | null> {
		const s = (
			await tx.query<{ overall: number; best_possible: number; computed_at: Date; report: QuizResult }>(
				'select overall, best_possible, computed_at, report from app.scores where attempt_id = $1',
				[attemptId]
			)
		).rows[0];
		return s ? { result: s.report, score: toScore(s) } : null;
	}

	// -------------------------------------------------------------------------------------------

	/**
	 * Starts an attempt at the quiz version the client shows (the current one, or one stored
	 * before), storing that version the first time. Returns the attempt's redacted view.
	 */
	/**
	 * Whether the signed-in user has an unsubmitted assessment of this quiz other than `except`:
	 * then nothing graded of that quiz reaches them (no feedback, result or score of any attempt),
	 * since any of it would give the assessment's answers away.
	 */
	async function assessmentOpen(tx: Tx, quizId: string, except: string | null = null): Promise<boolean> {
		const r = await tx.query<{ open: boolean }>(
			`select exists (select 1 from app.attempts where user_id = auth.uid() and kind = 'quiz' and scenario_id = $1
			   and mode = 'assessment' and state = 'active' and id is distinct from $2::uuid) as open`,
			[quizId, except]
		);
		return r.rows[0].open;
	}
	const holdBack = (quizId: string): never => {
		throw new StoreError('assessment-open', `an assessment of quiz ${quizId} is open: nothing graded of it is shown until it is submitted or abandoned`);
	};

	async function startQuizAttempt(user: Claims | null, input: QuizStartInput): Promise<QuizStart> {
		if (!user) anonymous();
		const s = parse(quizStartSchema, input);
		const current = getQuiz(s.quizId);
		const row = await base.start(
			user,
			{ id: s.id, kind: 'quiz', scenarioId: s.quizId, version: s.version, mode: s.mode, clientTime: s.clientTime },
			current && { version: current.version, compiled: current },
			'unknown-quiz'
		);
		// A question bank is drawn now, by the server, before anything of the attempt is shown.
		const version = await asUser(db, user, (tx) => base.storedVersion<CompiledQuiz>(tx, 'quiz', row.scenario_id, row.scenario_version));
		if (version?.draw) await recordDraw(db, row.id, version);
		const quiz = await asUser(db, user, (tx) => attemptQuiz(tx, row));
		return { attempt: toAttempt(row), view: redactQuiz(quiz), deadline: deadlineOf(quiz, row.started_at), serverTime: new Date() };
	}

	const sameAnswer = (stored: AnswerEvent, e: z.output<typeof answerInputSchema>) =>
		stored.seq === e.seq &&
		stored.questionId === e.questionId &&
		stored.clientTime.getTime() === new Date(e.clientTime).getTime() &&
		isDeepStrictEqual(stored.answer, e.answer);

	/**
	 * Records one answer of the user's active quiz attempt, exactly once per idempotency key (the
	 * same answer again returns what was stored, even after submission). It must be the next event
	 * (seq), at a possible time, before the deadline, and fit its question in the attempt's quiz.
	 */
	async function recordAnswer(user: Claims | null, attemptId: string, input: AnswerInput): Promise<AnswerRecorded> {
		if (!user) anonymous();
		const e = parse(answerInputSchema, input);
		if (!uuid.safeParse(attemptId).success) throw new StoreError('unknown-attempt', `no attempt ${attemptId}`);
		if (answerBytes(e.answer) > MAX_ANSWER_BYTES) throw new StoreError('bad-input', `the answer is over ${MAX_ANSWER_BYTES} bytes`);
		const result = await asUser(db, user, async (tx): Promise<AnswerRecorded | 'refuse'> => {
			const found = await lockedQuizAttempt(tx, user, attemptId);
			if (found === 'refuse') return 'refuse';
			const { now, ...row } = found;
			const attempt = toAttempt(row);
			const quiz = await attemptQuiz(tx, row);
			// Practice mode answers with that question graded; assessment mode with nothing of it, and
			// practice neither while the same person has an assessment of this quiz open.
			const practice = async (a: AnswerEvent) =>
				attempt.mode === 'practice' && !(await assessmentOpen(tx, attempt.scenarioId))
					? { feedback: checkOne(quiz, a.questionId, a.answer, await base.storedRules(tx, row.rules_version!)) }
					: {};

			const events = await answersOf(tx, attemptId);
			const same = events.find((x) => x.idempotencyKey === e.idempotencyKey);
			if (same) {
				if (!sameAnswer(same, e))
					throw new StoreError('key-reused', `idempotency key ${e.idempotencyKey} was used for another answer (seq ${same.seq})`, { seq: same.seq });
				return { event: same, duplicate: true, attempt, ...(await practice(same)) };
			}
			if (attempt.state !== 'active') throw new StoreError('attempt-closed', `attempt ${attemptId} is ${attempt.state}`, { state: attempt.state });
			const deadline = deadlineOf(quiz, attempt.startedAt);
			if (deadline && now > deadline)
				throw new StoreError('time-up', `the answer arrived at ${now.toISOString()}, after the deadline ${deadline.toISOString()}`, { deadline: deadline.toISOString() });
			base.checkNext(attempt, { count: events.length, lastClientTime: events.at(-1)?.clientTime }, e, now);

			const checked = checkAnswers(quiz, { [e.questionId]: e.answer });
			if (!checked.ok) throw new StoreError('bad-input', checked.errors.join('; '), { errors: checked.errors });

			const inserted = await tx.query<AnswerRow>(
				`insert into app.attempt_events (attempt_id, seq, idempotency_key, kind, question_id, answer, client_time)
				 values ($1, $2, $3, 'answer', $4, $5::jsonb, $6) returning ${ANSWER_COLUMNS}`,
				[attemptId, e.seq, e.idempotencyKey, e.questionId, JSON.stringify(e.answer), e.clientTime]
			);
			const event = toAnswer(inserted.rows[0]);
			return { event, duplicate: false, attempt, ...(await practice(event)) };
		});
		if (result === 'refuse') return base.refuseAttempt(user, attemptId);
		return result;
	}

	/**
	 * Submits the user's quiz attempt: grades the latest answer to each question on the attempt's
	 * stored version and order, then finishes the attempt and writes its score as the server, in
	 * one transaction. Submitting again returns the stored result.
	 */
	async function submitQuiz(user: Claims | null, attemptId: string, input?: SubmitInput): Promise<QuizSubmitted> {
		if (!user) anonymous();
		const s = parse(submitInputSchema, input);
		if (!uuid.safeParse(attemptId).success) throw new StoreError('unknown-attempt', `no attempt ${attemptId}`);
		const out = await asUser(db, user, async (tx): Promise<QuizSubmitted | 'refuse'> => {
			const found = await lockedQuizAttempt(tx, user, attemptId);
			if (found === 'refuse') return 'refuse';
			const row: AttemptRow = found;
			// Another assessment of this quiz is open: practice is not graded (nothing stored); an
			// assessment is (it counts), but its graded result is held back like everything else.
			const withheld = await assessmentOpen(tx, row.scenario_id, row.id);
			if (withheld && row.mode === 'practice') holdBack(row.scenario_id);
			const shown = <T extends { result: QuizResult }>(r: T) => (withheld ? { ...r, result: null, withheld } : { ...r, withheld });
			if (row.state === 'finished') {
				const stored = await storedResult(tx, attemptId);
				if (!stored) throw new Error(`finished quiz attempt ${attemptId} has no score`);
				return shown({ attempt: toAttempt(row), ...stored, duplicate: true });
			}
			if (row.state !== 'active') throw new StoreError('attempt-closed', `attempt ${attemptId} is ${row.state}`, { state: row.state });
			const events = await answersOf(tx, attemptId);
			if (s?.lastSeq !== undefined && s.lastSeq > events.length)
				throw new StoreError('seq-gap', `the client sent ${s.lastSeq} answers, the server holds ${events.length}: send the rest first`, {
					expected: events.length + 1
				});
			const quiz = await attemptQuiz(tx, row);
			const result = gradeQuiz(quiz, latestAnswers(events), { rules: await base.storedRules(tx, row.rules_version!) });

			await becomeService(tx);
			const done = await tx.query<AttemptRow>(`update app.attempts set state = 'finished', finished_at = now() where id = $1 returning ${ATTEMPT_COLUMNS}`, [
				attemptId
			]);
			const score = await tx.query<{ overall: number; best_possible: number; computed_at: Date }>(
				`insert into app.scores (attempt_id, overall, best_possible, report) values ($1, $2, 100, $3)
				 returning overall, best_possible, computed_at`,
				[attemptId, quizOverall(result), JSON.stringify(result)]
			);
			return shown({ attempt: toAttempt(done.rows[0]), result, score: toScore(score.rows[0]), duplicate: false });
		});
		if (out === 'refuse') return base.refuseAttempt(user, attemptId);
		return out;
	}

	/** A quiz attempt the user may read (their own, or a member's for their trainer): to resume, or its result. */
	async function getQuizAttempt(user: Claims | null, attemptId: string): Promise<QuizAttemptDetail | null> {
		if (!user || !uuid.safeParse(attemptId).success) return null;
		return asUser(db, user, async (tx) => {
			const found = (
				await tx.query<AttemptRow & { now: Date }>(`select ${ATTEMPT_COLUMNS}, now() as now from app.attempts where id = $1 and kind = 'quiz'`, [attemptId])
			).rows[0];
			if (!found) return null;
			const { now, ...row } = found;
			const quiz = await attemptQuiz(tx, row, 'null');
			if (!quiz) return null;
			const events = await answersOf(tx, attemptId);
			const answers = latestAnswers(events);
			const withheld = await assessmentOpen(tx, row.scenario_id, row.id);
			const stored = row.state === 'finished' && !withheld ? await storedResult(tx, attemptId) : null;
			let feedback: Record<string, QuestionResult> | null = null;
			if (row.mode === 'practice' && row.state === 'active' && row.user_id === user.sub && !withheld) {
				const graded = gradeQuiz(quiz, answers, { rules: await base.storedRules(tx, row.rules_version!) });
				feedback = Object.fromEntries(graded.questions.filter((q) => q.answered).map((q) => [q.id, q]));
			}
			return {
				attempt: toAttempt(row),
				view: redactQuiz(quiz),
				deadline: deadlineOf(quiz, row.started_at),
				serverTime: now,
				answers,
				nextSeq: events.length + 1,
				feedback,
				result: stored?.result ?? null,
				score: stored?.score ?? null,
				withheld
			};
		});
	}

	/** The user's own quiz attempts, per quiz (oldest first), with first / best / last submitted and the one to resume. */
	async function quizHistory(user: Claims | null, quizIdFilter: string): Promise<QuizHistory>;
	async function quizHistory(user: Claims | null): Promise<QuizHistory[]>;
	async function quizHistory(user: Claims | null, quizIdFilter?: string): Promise<QuizHistory | QuizHistory[]> {
		const rows = !user
			? []
			: await asUser(db, user, async (tx) =>
					(
						await tx.query<{
							id: string;
							scenario_id: string;
							scenario_version: string;
							mode: AttemptMode;
							state: AttemptState;
							started_at: Date;
							finished_at: Date | null;
							overall: number | null;
							passed: boolean | null;
							answered: number;
						}>(
							`select a.id, a.scenario_id, a.scenario_version, a.mode, a.state, a.started_at, a.finished_at,
							        s.overall, (s.report ->> 'passed')::boolean as passed,
							        (select count(*)::int from (
							           select distinct on (e.question_id) e.answer from app.attempt_events e
							           where e.attempt_id = a.id and e.kind = 'answer' order by e.question_id, e.seq desc
							         ) latest where latest.answer <> 'null'::jsonb) as answered
							 from app.attempts a left join app.scores s on s.attempt_id = a.id
							 where a.user_id = auth.uid() and a.kind = 'quiz' and ($1::text is null or a.scenario_id = $1)
							 order by a.started_at, a.id`,
							[quizIdFilter ?? null]
						)
					).rows
				);
		const byQuiz = new Map<string, QuizHistory>();
		const historyOf = (id: string) => {
			let h = byQuiz.get(id);
			if (!h) byQuiz.set(id, (h = { quizId: id, attempts: [], first: null, best: null, last: null, active: null }));
			return h;
		};
		if (quizIdFilter !== undefined) historyOf(quizIdFilter);
		for (const r of rows) {
			const a: QuizAttemptSummary = {
				id: r.id,
				quizId: r.scenario_id,
				version: r.scenario_version,
				mode: r.mode,
				state: r.state,
				startedAt: r.started_at,
				finishedAt: r.finished_at,
				answered: r.answered,
				percent: r.overall,
				passed: r.passed
			};
			const h = historyOf(a.quizId);
			h.attempts.push(a);
			if (a.state === 'active') h.active = a; // the latest, as rows come oldest first
		}
		for (const h of byQuiz.values()) {
			// Practice shows each answer's result and lets it be changed, so only assessments count.
			const done = h.attempts.filter((a) => a.state === 'finished' && a.mode === 'assessment').sort((x, y) => x.finishedAt!.getTime() - y.finishedAt!.getTime());
			h.first = done[0] ?? null;
			h.last = done.at(-1) ?? null;
			h.best = done.reduce<QuizAttemptSummary | null>((b, a) => (!b || (a.percent ?? -1) > (b.percent ?? -1) ? a : b), null);
		}
		return quizIdFilter !== undefined ? byQuiz.get(quizIdFilter)! : [...byQuiz.values()];
	}

	return { startQuizAttempt, recordAnswer, submitQuiz, getQuizAttempt, quizHistory };
}
