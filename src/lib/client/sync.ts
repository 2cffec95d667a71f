// Keeping a signed-in person's attempts in step with the server, for the player (role plays, via
// components/player/saving.ts, loaded only for a signed-in trainee) and the quiz taker alike: what
// is saved goes to the IndexedDB outbox first (outbox.ts), then `send` flushes it. While this runs
// (start … stop), the outbox is flushed again when the browser comes back online, and while
// something waits, on a timer that backs off (RETRY_FIRST_MS doubling up to RETRY_MAX_MS, back to
// the first delay as soon as anything goes through). The state for the UI (pending, refused, the
// server's messages) is the latest flush's only: an earlier one may not cover the newest save.
import { eventsOf, flush, type FlushState, type LocalEvent } from './outbox';

export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

export interface Sync {
	/** Flushes the outbox now: this call's result (covering everything saved before it). */
	send(): Promise<FlushState>;
	/** Listens for the network coming back and retries what waits; `stop` ends both. */
	start(): void;
	stop(): void;
	/** The latest flush's state, or null before the first. */
	readonly state: FlushState | null;
}

export function createSync(owner: string, onState: (state: FlushState) => void, delays = { first: RETRY_FIRST_MS, max: RETRY_MAX_MS }): Sync {
	let state: FlushState | null = null;
	let sends = 0;
	let failures = 0;
	let running = false;
	let timer: ReturnType<typeof setTimeout> | undefined;

	function schedule() {
		clearTimeout(timer);
		timer = undefined;
		if (!running || !state?.pending) return void (failures = 0);
		timer = setTimeout(() => void send().catch(() => {}), Math.min(delays.max, delays.first * 2 ** failures++));
	}

	async function send(): Promise<FlushState> {
		const mine = ++sends;
		let result: FlushState;
		try {
			result = await flush(owner);
		} catch (e) {
			if (mine === sends) schedule();
			throw e;
		}
		if (mine === sends) {
			// Something went through (or nothing waits): the next retry starts from the first delay.
			if (!state || result.pending < state.pending) failures = 0;
			state = result;
			onState(result);
			schedule();
		}
		return result;
	}

	const online = () => {
		failures = 0;
		void send().catch(() => {});
	};

	return {
		send,
		start() {
			if (running) return;
			running = true;
			window.addEventListener('online', online);
			schedule();
		},
		stop() {
			running = false;
			window.removeEventListener('online', online);
			schedule();
		},
		get state() {
			return state;
		}
	};
}

/** Waits for the network to come back, or `ms` at most (what resuming does when it cannot read now). */
export function networkOrTimeout(ms = 10_000): Promise<void> {
	return new Promise<void>((done) => {
		const go = () => (window.removeEventListener('online', go), clearTimeout(timer), done());
		const timer = setTimeout(go, ms);
		window.addEventListener('online', go);
	});
}

/**
 * Resuming an attempt the server knows up to `nextSeq`: the events this device saved from there on
 * that the server has not acknowledged (they win over the server's copy), and the next seq to use.
 */
export async function unacknowledged(attemptId: string, nextSeq: number): Promise<{ events: LocalEvent[]; nextSeq: number }> {
	const local = await eventsOf(attemptId);
	return {
		events: local.filter((e) => e.seq >= nextSeq && e.refused === undefined),
		nextSeq: Math.max(nextSeq, ...local.map((e) => e.seq + 1))
	};
}

/** The server's message about the first refused event of this attempt ('' when none). */
export const refusalOf = (state: FlushState | null, attemptId: string): string => state?.refusals.find((r) => r.attemptId === attemptId)?.message ?? '';
