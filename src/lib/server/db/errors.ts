// Every refusal of the store is a StoreError with a code the routes map to a status and a
// message for people (the messages here are for developers and logs).

export const STORE_ERROR_STATUS = {
	/** No signed-in user. */
	anonymous: 401,
	/** The input is not of the expected form (unknown fields such as a score or an outcome, a bad seq, text too long…). */
	'bad-input': 400,
	/** The request body is over the API's size limit (MAX_JSON_BYTES in src/lib/server/api.ts). */
	'too-large': 413,
	'unknown-attempt': 404,
	'unknown-scenario': 404,
	'unknown-quiz': 404,
	/** The scenario (or quiz) exists, but not in the version the client says it plays, and that version was never stored. */
	'unknown-version': 404,
	'unknown-profile': 404,
	'unknown-cohort': 404,
	/** An assignment that does not exist, or not in a cohort the user leads. */
	'unknown-assignment': 404,
	/** An attempt that belongs to someone else (a trainer may read it, never write to it). */
	'not-your-attempt': 403,
	/** Only trainers create cohorts; only a cohort's trainer manages and reads it. */
	forbidden: 403,
	/** A role-play reply sent to a quiz attempt, or a quiz answer (or submission) to a role play. */
	'wrong-kind': 409,
	/** 「从这里重来」 from an attempt that is not the user's practice role play of this scenario, or in assessment. */
	'bad-branch': 422,
	/** The attempt is finished or abandoned. */
	'attempt-closed': 409,
	/** An attempt id the client chose is already used for another attempt. */
	'attempt-id-taken': 409,
	/** The idempotency key was already used in this attempt for a different event. */
	'key-reused': 409,
	/** Another event already holds this sequence number. */
	'seq-taken': 409,
	/** Events before this one are missing (the client should send those first). */
	'seq-gap': 409,
	/** The reply is not offered at this point of the scenario. */
	'not-offered': 422,
	/** A hold (迂回暂缓) at a decision whose author did not allow one. */
	'no-hold': 422,
	/** Typed words the client routed to another reply than the server does. */
	mismatch: 422,
	/** The client's time is ahead of the server's by more than the allowed clock skew. */
	'time-future': 422,
	/** The client's time is before the attempt started. */
	'time-before-start': 422,
	/** The client's time is earlier than that of the attempt's previous event. */
	'time-backwards': 422,
	/** A response time longer than the time since the previous event. */
	'time-impossible': 422,
	/** The user has an unsubmitted assessment of this quiz: nothing graded of the quiz is shown (or graded) until it is submitted or abandoned. */
	'assessment-open': 409,
	/** A quiz answer received after the attempt's deadline (its start, the quiz's time limit and a grace). */
	'time-up': 409,
	/** A studio document that does not exist or is not the trainer's. */
	'unknown-document': 404,
	/** A studio save or publish based on an older revision than the stored one (detail.theirs: the stored version). */
	conflict: 409,
	/** A publish refused by the checker (detail.diagnostics: the errors). */
	'check-failed': 422,
	/** The id a draft declares belongs to shipped content or to content another trainer published. */
	'slug-taken': 409,
	/** A published document's text declares another id than the one it was published under. */
	'slug-changed': 409,
	/** Publishing, taking down, archiving, deleting and choosing co-authors are a document owner's. */
	'owner-only': 403,
	/** An archived document is read-only until it is restored. */
	'document-archived': 409
} as const;

export type StoreErrorCode = keyof typeof STORE_ERROR_STATUS;

export class StoreError extends Error {
	readonly status: number;
	constructor(
		readonly code: StoreErrorCode,
		message: string,
		readonly detail: Record<string, unknown> = {}
	) {
		super(message);
		this.name = 'StoreError';
		this.status = STORE_ERROR_STATUS[code];
	}
}

/** Postgres error codes the store turns into StoreErrors. */
export const PG = {
	uniqueViolation: '23505',
	foreignKeyViolation: '23503',
	checkViolation: '23514',
	insufficientPrivilege: '42501',
	objectNotInPrerequisiteState: '55000'
} as const;

export function pgCode(e: unknown): string | undefined {
	const code = (e as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}
