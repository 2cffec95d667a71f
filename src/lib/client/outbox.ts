// The player's outbox: every choice is written to IndexedDB (strict durability) before it is sent,
// then sent with its idempotency key until the server acknowledges it. The active attempt's events
// stay on the device (marked sent) so a reload, even offline, resumes at the same turn.
//
// An event the server refuses (a 4xx other than 401, 408 and 429, which mean "later") is marked refused
// with the server's message and never sent again; the attempt's later events still go: the server
// stores events under consecutive seqs, so each is sent with its seq less the refused ones before it.
import type { AttemptTurn } from '$lib/scoring/attempt';
import { callPart } from '$lib/scoring/attempt-params';

export interface LocalAttempt {
	id: string;
	/** Quiz attempts are started on the server (it shuffles and hides the answers), so are always synced. */
	kind?: 'roleplay' | 'quiz';
	owner: string;
	scenarioId: string;
	version: string;
	mode: 'practice' | 'assessment';
	clientTime: string;
	synced: boolean;
	finished: boolean;
	/** 「从这里重来」: the practice attempt this one branched from and the turn it went back to (sent when it starts). */
	branchedFrom?: { attemptId: string; turn: number };
}

export interface LocalEvent {
	idempotencyKey: string;
	attemptId: string;
	seq: number;
	reply?: string;
	typed?: string;
	/** A quiz answer: the question and what was answered (indexes into the attempt's view). */
	questionId?: string;
	answer?: unknown;
	ms: number | null;
	/** A live call's turn: its silence was timed, and a hold before it (不要让我等, 迂回暂缓). */
	timed?: true;
	hold?: { asked: boolean; ms: number };
	clientTime: string;
	sent: boolean;
	/** Set when the server refused the event: kept, never silently dropped. */
	refused?: string;
}

const DB = 'complaint-coach';
let opening: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => {
			const d = req.result;
			d.createObjectStore('attempts', { keyPath: 'id' });
			d.createObjectStore('events', { keyPath: 'idempotencyKey' }).createIndex('attempt', 'attemptId');
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	return opening;
}

async function tx<T>(stores: string[], mode: IDBTransactionMode, fn: (t: IDBTransaction) => Promise<T> | T): Promise<T> {
	const d = await db();
	const t = d.transaction(stores, mode, { durability: 'strict' });
	const done = new Promise<void>((resolve, reject) => {
		t.oncomplete = () => resolve();
		t.onerror = () => reject(t.error);
		t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
	});
	const result = await fn(t);
	await done;
	return result;
}

const req = <T>(r: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});

export async function saveAttempt(a: LocalAttempt): Promise<void> {
	await tx(['attempts'], 'readwrite', (t) => void t.objectStore('attempts').put(a));
}

export async function saveEvent(e: LocalEvent): Promise<void> {
	await tx(['events'], 'readwrite', (t) => void t.objectStore('events').put(e));
}

export async function eventsOf(attemptId: string): Promise<LocalEvent[]> {
	const list = await tx(['events'], 'readonly', (t) => req(t.objectStore('events').index('attempt').getAll(attemptId) as IDBRequest<LocalEvent[]>));
	return list.sort((a, b) => a.seq - b.seq);
}

/**
 * The owner's unfinished attempt on this device at this scenario version in this mode, with its
 * events. (Another mode's or version's attempt is not this page's to continue: taking it would save
 * an assessment's turns under a practice attempt's keys.)
 */
export async function activeAttempt(
	owner: string,
	scenario: { scenarioId: string; version: string; mode: LocalAttempt['mode'] }
): Promise<{ attempt: LocalAttempt; events: LocalEvent[] } | null> {
	const all = await tx(['attempts'], 'readonly', (t) => req(t.objectStore('attempts').getAll() as IDBRequest<LocalAttempt[]>));
	const a = all
		.filter((x) => x.kind !== 'quiz' && x.owner === owner && x.scenarioId === scenario.scenarioId && x.version === scenario.version && x.mode === scenario.mode && !x.finished)
		.sort((x, y) => y.clientTime.localeCompare(x.clientTime))[0];
	return a ? { attempt: a, events: await eventsOf(a.id) } : null;
}

export function toTurns(events: LocalEvent[]): AttemptTurn[] {
	return events.map((e) => ({ ...(e.typed !== undefined ? { typed: e.typed } : { reply: e.reply }), ms: e.ms, ...callPart(e) }));
}

/** An event the server refused, with what it said (Chinese, for the trainee). */
export interface Refusal {
	attemptId: string;
	/** The event's own seq on this device (the turn or answer number the trainee made). */
	seq: number;
	message: string;
}

/** The seq the server knows an event by: its own, less the refused events before it (never stored). */
export function serverSeq(e: Pick<LocalEvent, 'seq'>, events: readonly LocalEvent[]): number {
	return e.seq - events.filter((x) => x.refused !== undefined && x.seq < e.seq).length;
}

/** The highest seq the server has acknowledged of this attempt's events on this device (0: none). */
export async function lastAcknowledged(attemptId: string): Promise<number> {
	const events = await eventsOf(attemptId);
	return Math.max(0, ...events.filter((e) => e.sent).map((e) => serverSeq(e, events)));
}

/**
 * 408 (timeout) and 429 (too many requests) ask to try again later, and so does 401: nobody is
 * signed in any more, and the events wait on the device until their owner signs in again. Any
 * other 4xx refuses the event for good.
 */
/**
 * Why the app refused a request for good, or null to send it again later. Only the API's own
 * verdict on the request (JSON with an `error` code) is final. Anything else is retried: server
 * trouble, time-outs, rate limits, a lapsed session (401), and refusals that never reached the API,
 * like the request checks' plain-text 403/421 (a misconfigured address, not a bad event).
 */
async function refusalOf(res: Response): Promise<string | null> {
	return (await verdictOf(res))?.message ?? null;
}
async function verdictOf(res: Response): Promise<{ code: string; message: string } | null> {
	if (res.status >= 500 || res.status === 408 || res.status === 429 || res.status === 401) return null;
	const body = (await res.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
	if (typeof body?.error !== 'string') return null;
	return { code: body.error, message: typeof body.message === 'string' ? body.message : `HTTP ${res.status}` };
}

/** Starts a role play on the server: true when it is there, else why not for good (null: try later). */
async function startOnServer(a: LocalAttempt): Promise<true | string | null> {
	const { id, scenarioId, version, mode, clientTime, branchedFrom } = a;
	const res = await fetch('/api/attempts', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id, scenarioId, version, mode, clientTime, ...(branchedFrom ? { branchedFrom } : {}) })
	});
	if (res.ok) return true;
	const verdict = await verdictOf(res);
	// The attempt it branched from never reached the server (refused itself): this one is kept as plain practice.
	if (verdict?.code === 'bad-branch' && branchedFrom) {
		delete a.branchedFrom;
		return startOnServer(a);
	}
	return verdict?.message ?? null;
}

export type FlushState = {
	pending: number;
	refused: number;
	/** Every refused event of the owner's attempts, oldest first. */
	refusals: Refusal[];
	online: boolean;
	/** What the server said about quiz answers sent in this flush (practice mode), by idempotency key. */
	feedback: Record<string, unknown>;
};

let running: Promise<FlushState> | null = null;
let queued: Promise<FlushState> | null = null;

/**
 * Sends what the server has not acknowledged, oldest first. Safe to call often: one flush runs at
 * a time, and a call during one queues a single further flush, so what was saved before the call
 * is always covered by the flush it returns.
 */
export function flush(owner: string): Promise<FlushState> {
	if (queued) return queued;
	if (!running) {
		running = doFlush(owner).finally(() => (running = null));
		return running;
	}
	queued = running.catch(() => null).then(() => {
		queued = null;
		return flush(owner);
	});
	return queued;
}

async function doFlush(owner: string): Promise<FlushState> {
	// Only the signed-in profile's attempts: another profile's waiting events stay on the device
	// until that profile signs in again (sent now, they would be refused or filed under the wrong person).
	// Oldest first: a branch (「从这里重来」) starts on the server after the attempt it branched from.
	const attempts = (await tx(['attempts'], 'readonly', (t) => req(t.objectStore('attempts').getAll() as IDBRequest<LocalAttempt[]>)))
		.filter((a) => a.owner === owner)
		.sort((x, y) => x.clientTime.localeCompare(y.clientTime));
	let pending = 0;
	let online = true;
	const refusals: Refusal[] = [];
	const feedback: Record<string, unknown> = {};
	const refuse = (e: LocalEvent) => refusals.push({ attemptId: e.attemptId, seq: e.seq, message: e.refused! });
	for (const a of attempts) {
		const events = await eventsOf(a.id);
		const unsent = events.filter((e) => !e.sent && e.refused === undefined);
		events.filter((e) => e.refused !== undefined).forEach(refuse);
		if (!online) {
			pending += unsent.length;
			continue;
		}
		try {
			if (!a.synced) {
				const started = await startOnServer(a);
				if (started !== true) {
					const message = started;
					if (message === null) {
						pending += unsent.length;
						continue;
					}
					// The server will not take this attempt (its scenario version gone, its id taken): its
					// events are kept with the reason and not sent again.
					for (const e of unsent) {
						e.refused = message;
						await saveEvent(e);
						refuse(e);
					}
					continue;
				}
				a.synced = true;
				await saveAttempt(a);
			}
			for (const e of unsent) {
				const seq = serverSeq(e, events);
				// A quiz attempt's events are answers, a role play's replies: each has its endpoint.
				const res = await fetch(`/api/attempts/${a.id}/${a.kind === 'quiz' ? 'answers' : 'replies'}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(
						a.kind === 'quiz'
							? { idempotencyKey: e.idempotencyKey, seq, questionId: e.questionId, answer: e.answer ?? null, clientTime: e.clientTime }
							: { idempotencyKey: e.idempotencyKey, seq, ...(e.typed !== undefined ? { typed: e.typed } : { reply: e.reply }), ms: e.ms, ...callPart(e), clientTime: e.clientTime }
					)
				});
				if (res.ok) {
					const body = (await res.json()) as { attempt: { state: string }; feedback?: unknown };
					if (body.feedback !== undefined) feedback[e.idempotencyKey] = body.feedback;
					e.sent = true;
					await saveEvent(e);
					if (body.attempt.state !== 'active') {
						a.finished = true;
						await saveAttempt(a);
					}
				} else {
					const message = await refusalOf(res);
					if (message === null) {
						pending += unsent.length - unsent.indexOf(e);
						break;
					}
					// Refused for good: kept on the device with the reason, never sent again; the next
					// events go on (serverSeq leaves this one out).
					e.refused = message;
					await saveEvent(e);
					refuse(e);
				}
			}
		} catch {
			// Offline: everything stays in the outbox for the next flush.
			online = false;
			pending += (await eventsOf(a.id)).filter((e) => !e.sent && e.refused === undefined).length;
		}
	}
	return { pending, refused: refusals.length, refusals, online, feedback };
}
