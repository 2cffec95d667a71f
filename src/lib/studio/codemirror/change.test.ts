import { describe, expect, it } from 'vitest';
import { minimalChange, normalizeBreaks } from './change';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function apply(cur: string, next: string): string {
	const c = minimalChange(cur, next);
	return c ? cur.slice(0, c.from) + c.insert + cur.slice(c.to) : cur;
}

describe('minimalChange', () => {
	it('returns null for equal texts', () => {
		expect(minimalChange('客诉', '客诉')).toBeNull();
	});

	it('replaces only the changed span of a Chinese text', () => {
		const cur = 'title: 顾客投诉退款\nnodes: []\n';
		const next = 'title: 顾客投诉换货\nnodes: []\n';
		expect(minimalChange(cur, next)).toEqual({ from: 11, to: 13, insert: '换货' });
	});

	it('handles insertion, deletion, and repeated characters', () => {
		expect(minimalChange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, insert: 'a' });
		expect(minimalChange('好好好', '好')).toEqual({ from: 1, to: 3, insert: '' });
		expect(minimalChange('', '新')).toEqual({ from: 0, to: 0, insert: '新' });
		expect(minimalChange('旧', '')).toEqual({ from: 0, to: 1, insert: '' });
	});

	it('never splits an astral character whose halves differ', () => {
		// 😀 is D83D DE00, 😁 is D83D DE01: they share the high half.
		const c = minimalChange('a😀b', 'a😁b');
		expect(c).toEqual({ from: 1, to: 3, insert: '😁' });
		// 𠀋 (D840 DC0B) and 𡀋 (D844 DC0B) share the low half.
		expect(minimalChange('x𠀋', 'x𡀋')).toEqual({ from: 1, to: 3, insert: '𡀋' });
	});

	it('always turns cur into next', () => {
		const texts = ['', 'a', '客诉\n退款', 'a😀😀b', '😀', 'x\n\ny', '退款😁', '😁😀'];
		for (const a of texts) for (const b of texts) {
			expect(apply(a, b)).toBe(b);
			const c = minimalChange(a, b);
			// No piece holds half a surrogate pair.
			if (c) for (const s of [a.slice(0, c.from), a.slice(c.to), c.insert]) expect(s).not.toMatch(LONE_SURROGATE);
		}
	});
});

describe('normalizeBreaks', () => {
	it('writes CRLF and CR breaks as LF', () => {
		expect(normalizeBreaks('一\r\n二\r三\n')).toBe('一\n二\n三\n');
	});
});
