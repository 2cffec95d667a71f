import { describe, expect, it } from 'vitest';
import { EditorState, Text } from '@codemirror/state';
import type { Diagnostic } from '../../scenario/types';
import { CHECKER, mergeDiagnostics, SYNTAX, toLintDiagnostics, yamlSyntaxDiagnostics } from './diagnostics';

const d = (line: number, col: number, severity: 'error' | 'warning', message: string): Diagnostic => ({ file: 'x.yaml', line, col, severity, message });

describe('toLintDiagnostics', () => {
	it('underlines the word at the line and column, keeping severity and message', () => {
		const doc = Text.of(['id: 退款', 'nodes:', '  - next: 无此节点 # 注']);
		const out = toLintDiagnostics(doc, [d(3, 11, 'error', 'reply leads to unknown node "无此节点"'), d(1, 5, 'warning', '标题太短')]);
		expect(out.map((x) => doc.sliceString(x.from, x.to))).toEqual(['无此节点', '退款']);
		expect(out.map((x) => x.severity)).toEqual(['error', 'warning']);
		expect(out[0].message).toBe('reply leads to unknown node "无此节点"');
		expect(out[0].source).toBe(CHECKER);
	});

	it('clamps places past the end instead of throwing', () => {
		const doc = Text.of(['a: 1']);
		const out = toLintDiagnostics(doc, [d(7, 3, 'error', 'x'), d(1, 50, 'error', 'y')]);
		expect(out.map((x) => [x.from, x.to])).toEqual([[4, 4], [4, 4]]);
	});

	it('puts an astral-character line at the right place', () => {
		const doc = Text.of(['a: 😀 坏']);
		const [x] = toLintDiagnostics(doc, [d(1, 7, 'error', 'z')]);
		expect(doc.sliceString(x.from, x.to)).toBe('坏');
	});
});

describe('yamlSyntaxDiagnostics', () => {
	it('finds a syntax error at its document offset, CRLF or not', () => {
		for (const text of ['title: 好\nsummary: [退款\n', 'title: 好\r\nsummary: [退款\r\n']) {
			const doc = EditorState.create({ doc: text }).doc;
			const out = yamlSyntaxDiagnostics(doc);
			expect(out.length).toBeGreaterThan(0);
			expect(out[0].source).toBe(SYNTAX);
			expect(out[0].message.startsWith('YAML: ')).toBe(true);
			expect(out[0].from).toBeLessThanOrEqual(doc.length);
		}
	});

	it('reports nothing for valid YAML', () => {
		expect(yamlSyntaxDiagnostics(Text.of(['title: 好', 'nodes:', '  - id: a']))).toEqual([]);
	});
});

describe('mergeDiagnostics', () => {
	const syntax = [{ from: 1, to: 2, severity: 'error' as const, message: 'YAML: bad' }];
	it('adds the editor syntax errors only while the checker reports no YAML problem', () => {
		const other = [{ from: 0, to: 1, severity: 'warning' as const, message: 'unused node' }];
		expect(mergeDiagnostics(other, syntax)).toHaveLength(2);
		expect(mergeDiagnostics([...other, { from: 3, to: 4, severity: 'error', message: 'YAML: this quoted string is never closed' }], syntax)).toHaveLength(2);
		expect(mergeDiagnostics([], [])).toEqual([]);
	});
});
