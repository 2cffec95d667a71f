import { describe, expect, it } from 'vitest';
import { EditorState, Text } from '@codemirror/state';
import { parse } from '../../scenario/compiler';
import { lineColToOffset, lineSeparatorOf, offsetToLineCol, splitsPair, tokenEnd } from './position';

/** A document as the editor holds it: split on any line break (CodeMirror's default, which the component keeps). */
function docOf(text: string): Text {
	return EditorState.create({ doc: text }).doc;
}

/** The checker's own line and column for a text whose YAML breaks at `needle`. */
function checkerPosition(text: string): { line: number; col: number } {
	const d = parse('x.yaml', text).diagnostics[0];
	return { line: d.line, col: d.col };
}

describe('lineColToOffset', () => {
	it('counts a Chinese line in UTF-16 units, as the checker does', () => {
		const text = 'title: 退款退款\n顾客的话: "没收到';
		const doc = docOf(text);
		const at = checkerPosition(text);
		expect(at).toEqual({ line: 2, col: 7 });
		expect(doc.sliceString(lineColToOffset(doc, at.line, at.col), lineColToOffset(doc, at.line, at.col) + 1)).toBe('"');
	});

	it('counts an astral character as two units (the checker does; code points would be one off)', () => {
		const text = '😀𠀋: "x\nb: 1';
		const doc = docOf(text);
		const at = checkerPosition(text);
		// 😀 (2) + 𠀋 (2) + ': ' (2): the quote is the 7th unit.
		expect(at).toEqual({ line: 1, col: 7 });
		expect(doc.sliceString(lineColToOffset(doc, 1, 7), lineColToOffset(doc, 1, 7) + 1)).toBe('"');
	});

	it('places CRLF lines like the checker, whose "\\r" ends its line', () => {
		const text = 'title: 退款\r\nsummary: 好\r\nid: "x\r\n';
		const doc = docOf(text);
		expect(doc.lines).toBe(4);
		const at = checkerPosition(text);
		expect(at.line).toBe(3);
		const offset = lineColToOffset(doc, at.line, at.col);
		expect(doc.sliceString(offset, offset + 1)).toBe('"');
		// The column of the "\r" itself clamps to the line's end.
		expect(lineColToOffset(doc, 1, 10)).toBe(doc.line(1).to);
	});

	it('clamps lines and columns out of range', () => {
		const doc = Text.of(['第一行', '二']);
		expect(lineColToOffset(doc, 0, 5)).toBe(0);
		expect(lineColToOffset(doc, -3, 1)).toBe(0);
		expect(lineColToOffset(doc, 99, 1)).toBe(doc.length);
		expect(lineColToOffset(doc, 1, 99)).toBe(3);
		expect(lineColToOffset(doc, 2, 0)).toBe(4);
		expect(lineColToOffset(doc, NaN, NaN)).toBe(0);
		expect(lineColToOffset(doc, 2, NaN)).toBe(4);
	});

	it('never lands between the halves of a surrogate pair', () => {
		const doc = Text.of(['x😀y']);
		expect(lineColToOffset(doc, 1, 3)).toBe(1);
		expect(lineColToOffset(doc, 1, 4)).toBe(3);
	});
});

describe('offsetToLineCol', () => {
	it('inverts lineColToOffset and clamps', () => {
		const doc = Text.of(['客诉：退款', '😀 好']);
		for (const [line, col] of [[1, 1], [1, 4], [2, 1], [2, 3], [2, 5]]) expect(offsetToLineCol(doc, lineColToOffset(doc, line, col))).toEqual({ line, col });
		expect(offsetToLineCol(doc, -1)).toEqual({ line: 1, col: 1 });
		expect(offsetToLineCol(doc, 1e9)).toEqual({ line: 2, col: 5 });
	});
});

describe('lineSeparatorOf', () => {
	it('keeps CRLF only when every break is CRLF', () => {
		expect(lineSeparatorOf('a\r\nb\r\n')).toBe('\r\n');
		expect(lineSeparatorOf('a\nb')).toBeNull();
		expect(lineSeparatorOf('a\r\nb\nc')).toBeNull();
		expect(lineSeparatorOf('a\r\nb\rc')).toBeNull();
		expect(lineSeparatorOf('')).toBeNull();
	});

	it('gives back a CRLF document exactly when joined with its separator', () => {
		const text = '标题: 退款\r\n节点:\r\n  - 一\r\n';
		const doc = docOf(text);
		expect(doc.toString()).not.toBe(text);
		expect(doc.sliceString(0, doc.length, lineSeparatorOf(text) ?? '\n')).toBe(text);
	});
});

describe('tokenEnd', () => {
	it('spans the non-blank run at a place, whole characters only', () => {
		const doc = Text.of(['  next: 退款-结束 # 注', '', 'a 😀']);
		expect(doc.sliceString(2, tokenEnd(doc, 2))).toBe('next:');
		expect(doc.sliceString(8, tokenEnd(doc, 8))).toBe('退款-结束');
		expect(tokenEnd(doc, 0)).toBe(1);
		const empty = doc.line(2).from;
		expect(tokenEnd(doc, empty)).toBe(empty);
		const space = doc.line(3).from + 1;
		expect(tokenEnd(doc, space)).toBe(space + 1);
		expect(doc.sliceString(space + 1, tokenEnd(doc, space + 1))).toBe('😀');
	});

	it('splitsPair finds the middle of an astral character only', () => {
		expect(splitsPair('😀', 1)).toBe(true);
		expect(splitsPair('😀', 0)).toBe(false);
		expect(splitsPair('😀', 2)).toBe(false);
		expect(splitsPair('退款', 1)).toBe(false);
	});
});
