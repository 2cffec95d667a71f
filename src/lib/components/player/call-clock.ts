// The response timer of a live call (不要让我等): it counts the trainee's silence at a decision,
// only while the caller is not speaking and not on hold, and prompts the player each time a
// response time of silence has passed (at most MAX_WAITS times). A hold (迂回暂缓) is timed here
// too. Framework-free: the player drives it; `now` and the timer functions can be replaced in tests.
import { MAX_WAITS, type HoldTaken } from '$lib/scenario/pressure';

export interface ClockTimers {
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}
const realTimers: ClockTimers = {
	now: () => performance.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
};

export class CallClock {
	/** True from `begin` until `stop`: the decision's reply will be a timed turn. */
	active = false;
	/** Prompts so far at this decision. */
	waits = 0;
	/** The hold taken at this decision, once back. */
	hold: HoldTaken | null = null;
	private seconds = 0;
	private silence = 0;
	private since: number | null = null;
	private holdFrom: { asked: boolean; at: number } | null = null;
	private timer: unknown = null;

	constructor(
		private readonly onwait: () => void,
		private readonly timers: ClockTimers = realTimers
	) {}

	/** A new decision on a live call: nothing counted yet, and not counting until the caller has spoken (resume). */
	begin(seconds: number): void {
		this.stop();
		this.active = true;
		this.seconds = seconds;
	}

	/** The caller has finished speaking: silence counts from now. */
	resume(): void {
		if (!this.active || this.since !== null || this.holdFrom) return;
		this.since = this.timers.now();
		this.arm();
	}

	/** The caller speaks (or the trainee is reading aloud): silence stops counting. */
	pause(): void {
		if (this.since === null) return;
		this.silence += this.timers.now() - this.since;
		this.since = null;
		this.disarm();
	}

	/** Silence so far at this decision, in whole milliseconds. */
	silenceMs(): number {
		return Math.round(this.silence + (this.since === null ? 0 : this.timers.now() - this.since));
	}

	get holding(): boolean {
		return this.holdFrom !== null;
	}

	startHold(asked: boolean): void {
		if (!this.active || this.hold || this.holdFrom) return;
		this.pause();
		this.holdFrom = { asked, at: this.timers.now() };
	}

	/** Back on the line: the hold as it is recorded. Silence counts again once the caller has answered. */
	endHold(): HoldTaken | null {
		if (!this.holdFrom) return null;
		this.hold = { asked: this.holdFrom.asked, ms: Math.round(this.timers.now() - this.holdFrom.at) };
		this.holdFrom = null;
		return this.hold;
	}

	/** The decision is answered, the call ended or voice mode went off. */
	stop(): void {
		this.disarm();
		this.active = false;
		this.waits = 0;
		this.hold = null;
		this.silence = 0;
		this.since = null;
		this.holdFrom = null;
	}

	private arm(): void {
		this.disarm();
		if (this.waits >= MAX_WAITS) return;
		const due = (this.waits + 1) * this.seconds * 1000 - this.silenceMs();
		this.timer = this.timers.setTimeout(() => {
			this.timer = null;
			this.waits++;
			// The caller speaks up: silence stops until they have finished.
			this.pause();
			this.onwait();
		}, Math.max(0, due));
	}

	private disarm(): void {
		if (this.timer !== null) this.timers.clearTimeout(this.timer);
		this.timer = null;
	}
}
export { responseSeconds } from '$lib/scenario/pressure';
