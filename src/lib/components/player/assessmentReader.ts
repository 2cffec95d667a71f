// An assessment's typed words are read on the server (src/routes/play/[id]/read): the browser never
// has the key the reading needs. Each reading is remembered on this device, so an attempt resumed
// from the outbox while offline still replays.
import * as t from '$lib/i18n';
import type { Reader, Reading } from './play';

/**
 * Refused or unreachable: the message says what to do; the words stay in the box. `retry`: the
 * server was not reached or failed (not a verdict on the words), so asking again later may work.
 */
export class ReadError extends Error {
	constructor(
		readonly refusal: string,
		readonly retry = false
	) {
		super(refusal);
	}
}

export function assessmentReader(scenarioId: string, version: string, attemptId: () => string | null): Reader {
	return async (decision, text) => {
		// Remembered per attempt (the server reads an attempt's words with the rules it was stored
		// with, so its readings never change); an anonymous attempt is never resumed.
		const id = attemptId();
		const key = id ? `coach-read:${id}:${decision.id}:${text}` : null;
		const memo = key ? safeGet(key) : null;
		if (memo) return JSON.parse(memo) as Reading;
		let res: Response;
		try {
			res = await fetch(`/play/${scenarioId}/read`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ version, node: decision.id, text, attempt: attemptId() ?? undefined })
			});
		} catch {
			throw new ReadError(t.typing.offline, true);
		}
		if (!res.ok) {
			const message = ((await res.json().catch(() => null)) as { message?: string } | null)?.message;
			throw new ReadError(message ?? t.typing.readFailed, res.status >= 500 || res.status === 429 || message === undefined);
		}
		const { replyId, moves, flags } = (await res.json()) as Reading;
		const reading: Reading = { replyId, moves, flags };
		if (key) safeSet(key, JSON.stringify(reading));
		return reading;
	};
}

function safeGet(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function safeSet(key: string, value: string) {
	try {
		localStorage.setItem(key, value);
	} catch {
		// Storage full or blocked: the reading is asked again next time.
	}
}
