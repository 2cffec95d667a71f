// Undo and redo for a studio document's text, framework-free. Typing in one field (the same
// coalesce key) within a second of the last change is one step, not one per keystroke.

export interface HistoryOptions {
	/** Most steps kept back (default 200); the oldest are forgotten. */
	limit?: number;
	/** How long, in ms, edits with the same key keep merging into one step (default 1000). */
	coalesceMs?: number;
	/** The clock (tests). */
	now?: () => number;
}

export interface History {
	readonly current: string;
	readonly canUndo: boolean;
	readonly canRedo: boolean;
	/** Records a new text. Same `coalesceKey` as the previous push, within `coalesceMs`: replaces that step. */
	push(text: string, coalesceKey?: string): void;
	/** Goes one step back and returns the text (unchanged when there is nothing to undo). */
	undo(): string;
	redo(): string;
	/** Forgets every step and starts again from `text` (e.g. a document loaded from the server). */
	reset(text: string): void;
}

export function createHistory(initial: string, { limit = 200, coalesceMs = 1000, now = () => Date.now() }: HistoryOptions = {}): History {
	let past: string[] = [];
	let future: string[] = [];
	let current = initial;
	let lastKey: string | undefined;
	let lastAt = -Infinity;

	return {
		get current() {
			return current;
		},
		get canUndo() {
			return past.length > 0;
		},
		get canRedo() {
			return future.length > 0;
		},
		push(text, coalesceKey) {
			if (text === current) return;
			const t = now();
			const merge = coalesceKey !== undefined && coalesceKey === lastKey && t - lastAt <= coalesceMs && past.length > 0;
			if (!merge) {
				past.push(current);
				if (past.length > Math.max(1, limit)) past = past.slice(past.length - Math.max(1, limit));
			}
			current = text;
			future = [];
			lastKey = coalesceKey;
			lastAt = t;
			// Back where the step started: the step is gone.
			if (merge && past[past.length - 1] === text) {
				past.pop();
				lastKey = undefined;
			}
		},
		undo() {
			if (!past.length) return current;
			future.push(current);
			current = past.pop()!;
			lastKey = undefined;
			return current;
		},
		redo() {
			if (!future.length) return current;
			past.push(current);
			current = future.pop()!;
			lastKey = undefined;
			return current;
		},
		reset(text) {
			past = [];
			future = [];
			current = text;
			lastKey = undefined;
		}
	};
}
