import { describe, expect, it } from 'vitest';
import { MAX_WAITS, waitsFor } from '$lib/scenario/pressure';
import { CallClock, type ClockTimers } from './call-clock';

/** A fake clock: time moves only when the test says. */
function fake() {
	let t = 0;
	let queue: { at: number; fn: () => void; id: number }[] = [];
	let ids = 0;
	const timers: ClockTimers = {
		now: () => t,
		setTimeout: (fn, ms) => {
			const id = ++ids;
			queue.push({ at: t + ms, fn, id });
			return id;
		},
		clearTimeout: (h) => (queue = queue.filter((q) => q.id !== h))
	};
	const advance = (ms: number) => {
		const end = t + ms;
		for (;;) {
			const next = queue.filter((q) => q.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!next) break;
			queue = queue.filter((q) => q !== next);
			t = next.at;
			next.fn();
		}
		t = end;
	};
	return { timers, advance };
}

describe('CallClock', () => {
	it('counts silence only after the caller has spoken, and prompts once per response time', () => {
		const { timers, advance } = fake();
		let prompts = 0;
		const clock = new CallClock(() => prompts++, timers);
		clock.begin(10);
		advance(30_000); // the caller is still speaking: nothing counts
		expect(clock.silenceMs()).toBe(0);
		clock.resume();
		advance(9_999);
		expect(prompts).toBe(0);
		advance(1);
		expect(prompts).toBe(1);
		// While the caller speaks up, silence stops; it goes on once they have finished.
		advance(5_000);
		expect(clock.silenceMs()).toBe(10_000);
		clock.resume();
		advance(10_000);
		expect(prompts).toBe(2);
		expect(waitsFor(clock.silenceMs(), 10)).toBe(prompts);
	});

	it('stops prompting after MAX_WAITS', () => {
		const { timers, advance } = fake();
		let prompts = 0;
		const clock = new CallClock(() => prompts++, timers);
		clock.begin(5);
		for (let i = 0; i < MAX_WAITS + 3; i++) {
			clock.resume();
			advance(6_000);
		}
		expect(prompts).toBe(MAX_WAITS);
	});

	it('times a hold apart from silence, once per decision', () => {
		const { timers, advance } = fake();
		let prompts = 0;
		const clock = new CallClock(() => prompts++, timers);
		clock.begin(10);
		clock.resume();
		advance(4_000);
		clock.startHold(true);
		advance(60_000);
		expect(prompts).toBe(0);
		expect(clock.endHold()).toEqual({ asked: true, ms: 60_000 });
		clock.startHold(false);
		expect(clock.holding).toBe(false);
		clock.resume();
		advance(6_000);
		expect(prompts).toBe(1);
		expect(clock.silenceMs()).toBe(10_000);
		clock.stop();
		expect(clock).toMatchObject({ active: false, hold: null, waits: 0 });
	});
});
