import { describe, expect, it } from 'vitest';
import { createHistory } from './history';

function clocked() {
	let t = 0;
	return { now: () => t, tick: (ms: number) => (t += ms) };
}

describe('createHistory', () => {
	it('undoes and redoes steps in order, and a new edit clears the redo side', () => {
		const h = createHistory('a');
		expect([h.canUndo, h.canRedo]).toEqual([false, false]);
		h.push('b');
		h.push('c');
		expect(h.undo()).toBe('b');
		expect(h.undo()).toBe('a');
		expect(h.undo()).toBe('a');
		expect(h.canUndo).toBe(false);
		expect(h.redo()).toBe('b');
		expect(h.canRedo).toBe(true);
		h.push('x');
		expect(h.canRedo).toBe(false);
		expect(h.current).toBe('x');
		expect(h.undo()).toBe('b');
	});

	it('typing in one field within a second is one step; another field or a pause starts a new one', () => {
		const c = clocked();
		const h = createHistory('', { now: c.now });
		h.push('h', 'title');
		c.tick(300);
		h.push('he', 'title');
		c.tick(300);
		h.push('hel', 'title');
		expect(h.undo()).toBe('');
		expect(h.redo()).toBe('hel');
		c.tick(300);
		h.push('hel!', 'summary');
		c.tick(2000);
		h.push('hel!?', 'summary');
		expect(h.undo()).toBe('hel!');
		expect(h.undo()).toBe('hel');
		expect(h.undo()).toBe('');
	});

	it('does not merge a push after an undo into the step before it', () => {
		const c = clocked();
		const h = createHistory('a', { now: c.now });
		h.push('ab', 'k');
		h.undo();
		h.push('ac', 'k');
		expect(h.undo()).toBe('a');
		expect(h.canUndo).toBe(false);
	});

	it('ignores a push of the same text, keeps at most `limit` steps, and resets', () => {
		const h = createHistory('0', { limit: 3 });
		h.push('0');
		expect(h.canUndo).toBe(false);
		for (const s of ['1', '2', '3', '4', '5']) h.push(s);
		expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual(['4', '3', '2', '2']);
		h.reset('z');
		expect([h.current, h.canUndo, h.canRedo]).toEqual(['z', false, false]);
	});

	it('typing back to where a step began drops the step', () => {
		const h = createHistory('a');
		h.push('ab', 'f');
		h.push('a', 'f');
		expect(h.canUndo).toBe(false);
	});
});
