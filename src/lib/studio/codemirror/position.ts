// Line and column ↔ offset in a CodeMirror document, matching the checker's positions.
//
// The checker (src/lib/scenario/compiler.ts) reports 1-based lines and columns from yaml's
// LineCounter: a column counts UTF-16 code units from the start of its line (a character outside
// the Basic Multilingual Plane, such as 😀 or 𠀋, counts 2; a Chinese character of the BMP counts 1),
// and a line starts after each "\n", so in a CRLF file the "\r" is the last unit of its line.
// CodeMirror's offsets also count UTF-16 units, with each line break counting 1 whatever its
// characters, so a line and column map onto `doc.line(line).from + col - 1` exactly. Everything
// out of range is clamped, and a column pointing between the two halves of a surrogate pair
// moves back to the character's start.
import type { Text } from '@codemirror/state';

/**
 * The line separator a text is written with: "\r\n" when every line break is CRLF, else null
 * ("\n"). The editor splits on any break (CodeMirror's default, so pasted text splits too) and joins
 * its lines with this separator when it hands the text back, so a CRLF file stays CRLF.
 */
export function lineSeparatorOf(text: string): '\r\n' | null {
	if (!text.includes('\r\n')) return null;
	// A lone "\n" or "\r" beside CRLF: mixed endings, read as CodeMirror does by default.
	return /\r(?!\n)|(?<!\r)\n/.test(text) ? null : '\r\n';
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}
function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/** True when `i` falls between the two halves of a surrogate pair in `s`. */
export function splitsPair(s: string, i: number): boolean {
	return i > 0 && i < s.length && isLowSurrogate(s.charCodeAt(i)) && isHighSurrogate(s.charCodeAt(i - 1));
}

/** The offset of a 1-based line and column (UTF-16 units), clamped into the document. */
export function lineColToOffset(doc: Text, line: number, col: number): number {
	if (!Number.isFinite(line) || line < 1) return 0;
	if (line > doc.lines) return doc.length;
	const l = doc.line(Math.floor(line));
	const c = Number.isFinite(col) ? Math.floor(col) : 1;
	let at = Math.min(Math.max(c - 1, 0), l.length);
	if (splitsPair(l.text, at)) at--;
	return l.from + at;
}

/** The 1-based line and column (UTF-16 units) of an offset, clamped into the document. */
export function offsetToLineCol(doc: Text, offset: number): { line: number; col: number } {
	const at = Math.min(Math.max(Number.isFinite(offset) ? Math.floor(offset) : 0, 0), doc.length);
	const l = doc.lineAt(at);
	return { line: l.number, col: at - l.from + 1 };
}

/** The end of what a diagnostic at `from` points at: the run of non-blank characters there, on its line (at least one character when the line has one). */
export function tokenEnd(doc: Text, from: number): number {
	const l = doc.lineAt(from);
	const rest = l.text.slice(from - l.from);
	const run = /^\S+/.exec(rest)?.[0].length ?? 0;
	if (run) return from + run;
	// On blanks or at the end of a line: underline one character, or nothing at the very end.
	return from < l.to ? from + (splitsPair(l.text, from - l.from + 1) ? 2 : 1) : from;
}
