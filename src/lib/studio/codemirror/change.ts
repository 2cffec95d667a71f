// The smallest change turning the editor's text into a text set from outside (the outline editor,
// the shell's undo and redo, a restore): the common prefix and suffix are kept, so the cursor,
// selection and scroll position outside the changed span survive.
//
// Both texts are compared with "\n" line breaks (CodeMirror's own offsets: every break counts 1),
// so the offsets returned are document offsets whatever separator the file uses.

import { splitsPair } from './position';

export interface MinimalChange {
	from: number;
	to: number;
	insert: string;
}

/** A text with its line breaks written "\n", as CodeMirror counts them. */
export function normalizeBreaks(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

/** The one replacement turning `cur` into `next` (offsets into `cur`), or null when they are equal. Never splits a surrogate pair. */
export function minimalChange(cur: string, next: string): MinimalChange | null {
	if (cur === next) return null;
	const max = Math.min(cur.length, next.length);
	let start = 0;
	while (start < max && cur.charCodeAt(start) === next.charCodeAt(start)) start++;
	// A prefix ending inside a surrogate pair would keep half a character: back off one unit.
	if (splitsPair(cur, start) || splitsPair(next, start)) start--;
	let end = 0;
	const room = max - start;
	while (end < room && cur.charCodeAt(cur.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
	if (splitsPair(cur, cur.length - end) || splitsPair(next, next.length - end)) end--;
	return { from: start, to: cur.length - end, insert: next.slice(start, next.length - end) };
}
