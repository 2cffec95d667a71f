import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

describe('toCsv', () => {
	it('starts with a BOM, quotes what needs it, defuses formulas, and reads back the same', () => {
		const header = ['学员', '情景', '得分'];
		const rows = [
			['王小明', '客户说"你们骗人", 怎么办', 82],
			['=HYPERLINK("x")', '多行\n文字', null]
		];
		const csv = toCsv(header, rows);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(parseCsv(csv)).toEqual([header, ['王小明', '客户说"你们骗人", 怎么办', '82'], [`'=HYPERLINK("x")`, '多行\n文字', '']]);
	});
});
