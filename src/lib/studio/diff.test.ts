import { describe, expect, it } from 'vitest';
import { isSame, lineDiff } from './diff';

describe('lineDiff', () => {
	it('shows a changed line with its numbers on both sides and folds the rest', () => {
		const before = Array.from({ length: 20 }, (_, i) => `第${i + 1}行`).join('\n');
		const after = before.replace('第10行', '第10行（改）');
		const rows = lineDiff(before, after);
		expect(rows.filter((r) => r.kind === 'removed')).toEqual([{ kind: 'removed', text: '第10行', oldLine: 10, newLine: null }]);
		expect(rows.filter((r) => r.kind === 'added')).toEqual([{ kind: 'added', text: '第10行（改）', oldLine: null, newLine: 10 }]);
		expect(rows[0]).toEqual({ kind: 'fold', count: 7 });
		expect(rows.at(-1)).toEqual({ kind: 'fold', count: 8 });
		expect(isSame(rows)).toBe(false);
	});

	it('counts added lines and treats CRLF like LF', () => {
		expect(isSame(lineDiff('a\r\nb\r\n', 'a\nb\n'))).toBe(true);
		const rows = lineDiff('a\nb', 'a\nx\nb');
		expect(rows).toEqual([
			{ kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
			{ kind: 'added', text: 'x', oldLine: null, newLine: 2 },
			{ kind: 'same', text: 'b', oldLine: 2, newLine: 3 }
		]);
	});
});
