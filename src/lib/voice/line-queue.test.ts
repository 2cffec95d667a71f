// The call's order of speech: one at a time, skip, replay, a time limit on sounds that never end,
// and "all heard" said once per batch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LineQueue } from './line-queue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A queue whose items "play" for the given ms (Infinity: never end; negative: fail at once). */
function queue(limit = 5_000) {
	const log: string[] = [];
	const q = new LineQueue<[string, number]>({
		say: ([name, ms], signal) =>
			new Promise<void>((resolve, reject) => {
				if (ms < 0) return reject(new Error('cannot load'));
				if (ms !== Infinity) setTimeout(resolve, ms);
				signal.addEventListener('abort', () => resolve());
			}).then(() => void log.push(`end ${name}`)),
		limitMs: () => limit,
		onstart: ([name]) => log.push(`start ${name}`),
		onidle: () => log.push('idle')
	});
	return { q, log };
}

describe('LineQueue', () => {
	it('says items in order, each to its end, then is idle once', async () => {
		const { q, log } = queue();
		q.push(['a', 100], ['b', 100]);
		q.push(['c', 100]);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'idle']);
		expect(q.busy).toBe(false);
	});

	it('is idle at once when given nothing (a reply the customer does not answer)', async () => {
		const { q, log } = queue();
		q.push();
		await vi.advanceTimersByTimeAsync(0);
		expect(log).toEqual(['idle']);
	});

	it('skips the one playing; clear drops the rest', async () => {
		const { q, log } = queue();
		q.push(['a', 1_000], ['b', 1_000], ['c', 1_000]);
		await vi.advanceTimersByTimeAsync(10);
		q.skip();
		await vi.advanceTimersByTimeAsync(10);
		expect(q.playing?.[0]).toBe('b');
		q.clear();
		await vi.advanceTimersByTimeAsync(10);
		expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'idle']);
	});

	it('replays an item now, cutting short what plays, then goes on', async () => {
		const { q, log } = queue();
		q.push(['a', 100], ['b', 100]);
		await vi.advanceTimersByTimeAsync(10);
		q.interrupt(['a again', 100]);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(log).toEqual(['start a', 'end a', 'start a again', 'end a again', 'start b', 'end b', 'idle']);
		q.interrupt(['b again', 100]);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(log.slice(-3)).toEqual(['start b again', 'end b again', 'idle']);
	});

	it('never hangs: a sound that fails moves on, one that never ends is let go after its limit', async () => {
		const { q, log } = queue(2_000);
		q.push(['broken', -1], ['stuck', Infinity], ['last', 100]);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(log).toEqual(['start broken', 'start stuck']);
		await vi.advanceTimersByTimeAsync(1_500);
		expect(log).toEqual(['start broken', 'start stuck', 'end stuck', 'start last', 'end last', 'idle']);
	});
});
