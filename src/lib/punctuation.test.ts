import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { halfWidthInChinese } from './punctuation';

/** The string literals of a TypeScript source (comments skipped; `${…}` parts left out of templates). */
function literals(src: string): string[] {
	const out: string[] = [];
	let i = 0;
	while (i < src.length) {
		if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
		else if (src.startsWith('/*', i)) i = src.indexOf('*/', i) + 2;
		else if (src[i] === "'" || src[i] === '"' || src[i] === '`') {
			const q = src[i];
			let j = i + 1;
			let buf = '';
			while (j < src.length && src[j] !== q) {
				if (src[j] === '\\') (buf += src.slice(j, j + 2), (j += 2));
				else if (q === '`' && src.startsWith('${', j)) {
					out.push(buf);
					buf = '';
					let depth = 0;
					for (; j < src.length; j++) {
						if (src[j] === '{') depth++;
						else if (src[j] === '}' && --depth === 0) break;
					}
					j++;
				} else buf += src[j++];
			}
			out.push(buf);
			i = j + 1;
		} else i++;
	}
	return out;
}

describe('halfWidthInChinese', () => {
	it('finds half-width marks touching Chinese and leaves other text alone', () => {
		expect(halfWidthInChinese('练习模式:每次回复后显示点评')).toEqual(['练习模式:每次回复']);
		expect(halfWidthInChinese('（计入得分）')).toEqual([]);
		expect(halfWidthInChinese('see README (setup): ok?')).toEqual([]);
		expect(halfWidthInChinese('第 3 题(已答)')).toHaveLength(2);
	});
});

describe('UI strings', () => {
	const dir = 'src/lib/i18n/zh-CN';
	for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')))
		it(`${f} uses full-width punctuation in Chinese`, () => {
			const bad = literals(readFileSync(`${dir}/${f}`, 'utf8')).flatMap(halfWidthInChinese);
			expect(bad).toEqual([]);
		});
});
