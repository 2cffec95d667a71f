// The one text cleaner every boundary uses: what PostgreSQL refuses (NUL, half surrogate pairs in
// jsonb) never survives it, what people meant to type does, and cleaning twice changes nothing (so
// an identical retry compares equal to what was stored).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from './text';

const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((u) => String.fromCharCode(...u));
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('cleanText and cleanLine', () => {
	it('leave no NUL, control character (but newlines) or half surrogate pair, and are idempotent', () => {
		fc.assert(
			fc.property(anyUnits, (s) => {
				const c = cleanText(s);
				expect(c).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/);
				expect(wellFormed(c)).toBe(true);
				expect(cleanText(c)).toBe(c);
				const l = cleanLine(s);
				expect(l).not.toMatch(/[\u0000-\u001f\u007f]/);
				expect(wellFormed(l)).toBe(true);
				expect(cleanLine(l)).toBe(l);
			}),
			{ numRuns: 500 }
		);
	});

	it('keep what people type', () => {
		expect(cleanText('您好，\n请问 😀 测试\t一下')).toBe('您好，\n请问 😀 测试 一下');
		expect(cleanText('非常抱歉\u0000给您\ud800添麻烦了')).toBe('非常抱歉给您\ufffd添麻烦了');
		expect(cleanLine('  王老师\r\n一班 ')).toBe('王老师 一班');
	});
});
