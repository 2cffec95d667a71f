// The shared sender's timing: flush now, retry while something waits with a growing delay, start
// again from the first delay once something goes through or the network comes back, stop for good.
// The outbox's flush is scripted here (its IndexedDB and fetch are the browser tests' business).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlushState } from './outbox';

const pending: number[] = [];
vi.mock('./outbox', () => ({
	flush: vi.fn(async () => ({ pending: pending.shift() ?? 0, refused: 0, refusals: [], online: true, feedback: {} }) satisfies FlushState),
	eventsOf: vi.fn()
}));
const { flush } = await import('./outbox');
const { createSync, RETRY_FIRST_MS, RETRY_MAX_MS } = await import('./sync');
const flushes = vi.mocked(flush);

beforeEach(() => {
	vi.useFakeTimers();
	vi.stubGlobal('window', new EventTarget());
	flushes.mockClear();
	pending.length = 0;
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

/** Times (ms from now) at which the outbox is flushed in the next `span` ms. */
async function flushTimes(span: number): Promise<number[]> {
	const start = Date.now();
	const times: number[] = [];
	const before = flushes.mock.calls.length;
	for (let t = 0; t < span; t += 500) {
		await vi.advanceTimersByTimeAsync(500);
		while (flushes.mock.calls.length > before + times.length) times.push(Date.now() - start);
	}
	return times;
}

describe('createSync', () => {
	it('retries while something waits, backing off up to the longest delay', async () => {
		pending.push(3, 3, 3, 3, 3, 3, 3, 3);
		const states: number[] = [];
		const sync = createSync('me', (s) => states.push(s.pending));
		sync.start();
		await sync.send();
		const times = await flushTimes(90_000);
		const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
		expect(gaps.slice(0, 5)).toEqual([RETRY_FIRST_MS, 2 * RETRY_FIRST_MS, 4 * RETRY_FIRST_MS, 8 * RETRY_FIRST_MS, RETRY_MAX_MS]);
		expect(states.every((n) => n === 3)).toBe(true);
		sync.stop();
	});

	it('starts from the first delay again once something goes through, and stops when nothing waits', async () => {
		pending.push(3, 3, 3, 2, 2, 0);
		const sync = createSync('me', () => {});
		sync.start();
		await sync.send();
		const times = await flushTimes(60_000);
		const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
		// 3 → 3 → 3 (backing off), then 2: progress, so the first delay again; then 2, then 0: done.
		expect(gaps).toEqual([RETRY_FIRST_MS, 2 * RETRY_FIRST_MS, 4 * RETRY_FIRST_MS, RETRY_FIRST_MS, 2 * RETRY_FIRST_MS]);
		expect(sync.state?.pending).toBe(0);
		sync.stop();
	});

	it('flushes when the network comes back, and not at all once stopped', async () => {
		pending.push(1, 1, 1);
		const sync = createSync('me', () => {});
		sync.start();
		await sync.send();
		window.dispatchEvent(new Event('online'));
		await vi.advanceTimersByTimeAsync(0);
		expect(flushes).toHaveBeenCalledTimes(2);
		sync.stop();
		window.dispatchEvent(new Event('online'));
		expect(await flushTimes(60_000)).toEqual([]);
	});

	it('reports only the latest flush to the UI, and each caller its own', async () => {
		pending.push(2, 1);
		const seen: number[] = [];
		const sync = createSync('me', (s) => seen.push(s.pending));
		const [a, b] = await Promise.all([sync.send(), sync.send()]);
		expect([a.pending, b.pending]).toEqual([2, 1]);
		expect(seen).toEqual([1]);
	});
});
