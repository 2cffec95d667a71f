// The order a call speaks in (issue 12): one item at a time, each to its end, then the next; the
// trainee can skip the one playing or drop them all. An item that fails, or whose sound never ends,
// moves on after its time limit: a call never waits forever on audio that cannot play. When the
// last item is done the queue says so once (`onidle`: the player starts the response timer then).
// Framework-free: the call gives it a `say` that plays one item and resolves when it is over.

export interface QueueEvents<T> {
	/** An item starts (its caption shows). */
	onstart?: (item: T) => void;
	/** Everything queued has been said, skipped or dropped. */
	onidle?: () => void;
}

export interface QueueOptions<T> extends QueueEvents<T> {
	/** Plays one item; resolves (or rejects) when it is over. The signal aborts when it is skipped. */
	say: (item: T, signal: AbortSignal) => Promise<void>;
	/** The longest an item may take, in ms, before the queue moves on anyway. */
	limitMs: (item: T) => number;
}

export class LineQueue<T> {
	private items: T[] = [];
	private current: { item: T; abort: AbortController } | null = null;
	private running = false;

	constructor(private readonly opts: QueueOptions<T>) {}

	/** The item being said, or null. */
	get playing(): T | null {
		return this.current?.item ?? null;
	}

	get busy(): boolean {
		return this.running;
	}

	get pending(): number {
		return this.items.length;
	}

	/** Adds items to say after those queued; starts at once when idle. An empty push on an idle queue is idle again (onidle). */
	push(...items: T[]): void {
		this.items.push(...items);
		if (!this.running) void this.run();
	}

	/** Stops the item being said; the next one follows. */
	skip(): void {
		this.current?.abort.abort();
	}

	/** Says `item` now: before anything queued, cutting short what is playing (replay). */
	interrupt(item: T): void {
		this.items.unshift(item);
		if (this.running) this.skip();
		else void this.run();
	}

	/** Stops everything: nothing queued is said (onidle follows when something was). */
	clear(): void {
		this.items = [];
		this.current?.abort.abort();
	}

	private async run() {
		this.running = true;
		while (this.items.length) {
			const item = this.items.shift()!;
			const abort = new AbortController();
			this.current = { item, abort };
			this.opts.onstart?.(item);
			let timer: ReturnType<typeof setTimeout> | undefined;
			const stopped = new Promise<void>((resolve) => {
				timer = setTimeout(() => {
					abort.abort();
					resolve();
				}, this.opts.limitMs(item));
				abort.signal.addEventListener('abort', () => resolve());
			});
			try {
				await Promise.race([this.opts.say(item, abort.signal), stopped]);
			} catch {
				// A sound that could not play: its caption stays, the call goes on.
			} finally {
				clearTimeout(timer);
				if (!abort.signal.aborted) abort.abort();
			}
		}
		this.current = null;
		this.running = false;
		this.opts.onidle?.();
	}
}
