// The content lint: on fixtures (each rule fires where it should, nowhere else, placed at its line)
// and on the shipped quizzes, which must pass their own lint.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../scenario/types';
import { compileQuiz } from './compiler';
import { checkQuizFile, quizFiles } from './files';
import { LINT_LIMITS, lintQuiz, optionLength, rightIsLongest, similarity } from './lint';

const FIXTURE = 'tests/fixtures/quiz/lint-longest.yaml';
const source = (file: string) => {
	const r = compileQuiz(file, readFileSync(file, 'utf8'));
	if (!r.source) throw new Error(JSON.stringify(r.diagnostics));
	return r.source;
};

describe('pieces', () => {
	it('measures options without spaces, and knows when the right one is strictly the longest', () => {
		expect(optionLength(' 约 4% ')).toBe(3);
		expect(rightIsLongest([{ text: '甲乙丙', correct: true }, { text: '甲乙' }])).toBe(true);
		// A tie is not "strictly the longest".
		expect(rightIsLongest([{ text: '甲乙', correct: true }, { text: '丙丁' }])).toBe(false);
	});
	it('rates options alike once width, case, spaces and punctuation are ignored', () => {
		expect(similarity('“让我等！”', '让我等')).toBe(1);
		expect(similarity('ＡＢＣ', 'abc')).toBe(1);
		expect(similarity('让我等', '让我烦')).toBe(0.5);
		expect(similarity('潜在不满', '潜在投诉')).toBeLessThan(LINT_LIMITS.nearDuplicate);
		expect(similarity('把火气压在心里', '把火气压在心里面')).toBeGreaterThanOrEqual(LINT_LIMITS.nearDuplicate);
		expect(similarity('约 4%', '约 15%')).toBe(0);
	});
});

describe('lintQuiz on the fixture', () => {
	const findings = lintQuiz(source(FIXTURE));
	it('warns that the right option is the longest too often, naming the questions', () => {
		const share = findings.filter((f) => f.path.length === 1);
		expect(share).toHaveLength(1);
		expect(share[0].message).toContain('2 of 4 single-choice questions (50%, more than 35%)');
		expect(share[0].message).toContain('long-one, long-two');
	});
	it('warns at each near-duplicate choice, options and matching rights alike', () => {
		expect(findings.filter((f) => f.path.length > 1).map((f) => f.path)).toEqual([
			['questions', 3, 'options', 2, 'text'],
			['questions', 4, 'distractors', 0]
		]);
	});
	it('warns at each text with half-width punctuation touching Chinese, not at ids or codes', () => {
		const f = source(FIXTURE);
		const q = { ...f.questions[2], prompt: 'C 代表什么?', explanation: '确认执行(C)。' } as (typeof f.questions)[number];
		const found = lintQuiz({ ...f, questions: [q] }).map((x) => [x.path.join('.'), x.message]);
		expect(found).toEqual([
			['questions.0.prompt', 'half-width punctuation in Chinese text (「代表什么?」): use ，。：；？！（）'],
			['questions.0.explanation', 'half-width punctuation in Chinese text (「确认执行(C)。」): use ，。：；？！（）']
		]);
	});
	it('is not fooled by ties: 1 longest of 3 stays under the limit', () => {
		const f = source(FIXTURE);
		const fair = { ...f, questions: f.questions.filter((q) => q.id !== 'long-two') };
		expect(lintQuiz(fair).filter((x) => x.path.length === 1)).toEqual([]);
	});
});

describe('wired into the checker (scenarios:check)', () => {
	it('reports the findings as warnings with file:line:col, and the quiz still compiles', () => {
		const r = checkQuizFile(FIXTURE);
		expect(r.quiz).not.toBeNull();
		const lines = r.diagnostics.map(formatDiagnostic);
		expect(lines).toEqual([
			expect.stringMatching(/^tests\/fixtures\/quiz\/lint-longest\.yaml:8:1: warning: the right option is strictly the longest in 2 of 4/),
			expect.stringMatching(/^tests\/fixtures\/quiz\/lint-longest\.yaml:42:17: warning: question "near-twins": option "“让我等待很久很久很久！”" is the same as/),
			expect.stringMatching(/^tests\/fixtures\/quiz\/lint-longest\.yaml:51:19: warning: question "match-twins": right-hand choice "把火气压在心里面" is nearly the same as "把火气压在心里"/)
		]);
	});
});

describe('the shipped quizzes', () => {
	const files = quizFiles('scenarios/quizzes');
	it('are there', () => expect(files.length).toBeGreaterThanOrEqual(4));
	for (const file of files)
		it(`${file} passes its own lint`, () => {
			expect(lintQuiz(source(file)).map((f) => `${f.path.join('.')}: ${f.message}`)).toEqual([]);
			expect(checkQuizFile(file).diagnostics.map(formatDiagnostic)).toEqual([]);
		});
});
