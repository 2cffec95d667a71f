import { describe, expect, it } from 'vitest';
import { shippedRules, shippedRulesText } from '../../../tests/fixtures/analyzer/load';
import { analyze } from './analyze';
import { compileRules, compilePattern } from './rules';

/** A small valid rules file; `codes` and `extra` are spliced in as YAML text. */
function rulesYaml(codes = '  apology:\n    phrases: [抱歉]\n', extra = '') {
	return [
		'version: 1',
		'negation:',
		'  scope: 4',
		'  cues: [不, 没]',
		'questions:',
		'  endings: [吗]',
		'codes:',
		codes.trimEnd(),
		'routing: { codeWeight: 0.6, textWeight: 0.4, threshold: 0.3, margin: 0.05 }',
		extra
	].join('\n');
}

const located = (text: string) => compileRules('rules.yaml', text).diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`);

describe('the shipped rules', () => {
	it('compile with no errors and no warnings', () => {
		const { rules, diagnostics } = compileRules('scenarios/analyzer/phrases.yaml', shippedRulesText());
		expect(diagnostics).toEqual([]);
		expect(rules).not.toBeNull();
	});

	it('give every one of the 15 codes at least a few patterns', () => {
		for (const c of shippedRules().codes) expect(c.patterns.length, c.code).toBeGreaterThanOrEqual(5);
	});

	it('are plain JSON: a round trip through JSON analyses exactly the same (the browser receives them so)', () => {
		const rules = shippedRules();
		const copy = JSON.parse(JSON.stringify(rules));
		expect(copy).toEqual(rules);
		const text = '您好，非常抱歉让您久等了。请问您的订单号是多少？你们这个我也没办法。';
		expect(analyze(text, copy)).toEqual(analyze(text, rules));
	});
});

describe('diagnostics carry file:line:col', () => {
	it('YAML syntax errors, such as a colon inside a plain multi-line note', () => {
		const text = rulesYaml('  listen:\n    note: 有效倾听\n      Active listening: lets them vent\n    phrases: [我在听]\n');
		// codes: is line 7, listen: line 8; the note's value starts at line 9, column 11.
		expect(located(text)).toContain('rules.yaml:9:11: error: YAML: Nested mappings are not allowed in compact mappings');
		expect(compileRules('rules.yaml', text).rules).toBeNull();
	});

	it('an unknown field, at its key', () => {
		const diags = located(rulesYaml('  apology:\n    phrases: [抱歉]\n    phrasez: [对不起]\n'));
		expect(diags).toEqual(['rules.yaml:10:5: error: codes.apology: unknown field "phrasez"']);
	});

	it('an unknown code, with the codes that exist', () => {
		const diags = located(rulesYaml('  apology:\n    phrases: [抱歉]\n  sorry:\n    phrases: [对不起]\n'));
		expect(diags.find((d) => d.includes('unknown code'))).toMatch(/^rules\.yaml:10:3: error: codes: unknown code "sorry"; expected one of info, demand/);
	});

	it('a broken pattern, at the entry, saying what is wrong', () => {
		const diags = located(rulesYaml('  apology:\n    phrases:\n      - 抱歉\n      - (对不起|对不住\n'));
		expect(diags.filter((d) => d.includes('error'))).toEqual(['rules.yaml:11:9: error: codes.apology.phrases[1] "(对不起|对不住": unbalanced "(": it is never closed']);
	});

	it('an unknown set and a pattern that would match everything', () => {
		const diags = located(rulesYaml('  apology:\n    phrases:\n      - 给{对象}添麻烦\n      - (抱歉|)\n'));
		expect(diags).toContain('rules.yaml:10:9: error: codes.apology.phrases[0] "给{对象}添麻烦": unknown set {对象}; define it under sets:');
		expect(diags).toContain('rules.yaml:11:9: error: codes.apology.phrases[1] "(抱歉|)": pattern can match an empty string, so it would fire on every reply');
	});

	it('routing weights that do not add up to 1', () => {
		const text = rulesYaml().replace('codeWeight: 0.6', 'codeWeight: 0.7');
		expect(located(text)).toContain('rules.yaml:10:24: error: routing: codeWeight + textWeight must add up to 1 (they add up to 1.1)');
	});

	it('a missing section', () => {
		const text = rulesYaml().replace(/^routing:.*$/m, '');
		expect(located(text)).toEqual(['rules.yaml:1:1: error: file: missing required field "routing"']);
	});

	it('a code with no entry is a warning, and the rules stay usable', () => {
		const { rules, diagnostics } = compileRules('rules.yaml', rulesYaml());
		expect(rules).not.toBeNull();
		expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
		expect(diagnostics.map((d) => d.message)).toContain('codes: "info" has no entry, so it is never detected');
	});
});

describe('the pattern language', () => {
	const ctx = { gap: 3, traditional: { 對: '对' }, sets: { 人: '(?:您|你)' } };
	const matches = (pattern: string, text: string) => {
		const c = compilePattern(pattern, ctx);
		if ('error' in c) throw new Error(c.error);
		return new RegExp(c.regex, 'u').test(text);
	};

	it('… is a gap of at most `gap` characters inside one sentence', () => {
		expect(matches('给…添麻烦', '给您家添麻烦')).toBe(true);
		expect(matches('给…添麻烦', '给您家里人添麻烦')).toBe(false);
		expect(matches('给…添麻烦', '给。添麻烦')).toBe(false);
		expect(matches('给……添麻烦', '给您家里人添麻烦')).toBe(true);
	});

	it('alternatives, optional groups, sets, and clause anchors', () => {
		expect(matches('(谢谢|感谢)(您|)', '感谢')).toBe(true);
		expect(matches('{人}好', '你好')).toBe(true);
		expect(matches('^好吗$', '这样,好吗?')).toBe(true);
		expect(matches('^好吗$', '这样好吗?')).toBe(false);
	});

	it('patterns are folded like the text: full width, traditional, case', () => {
		expect(matches('對不起！', '对不起!')).toBe(true);
		expect(matches('ＯＫ', 'ok')).toBe(true);
	});
});
