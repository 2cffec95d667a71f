// The quiz checker: valid files compile to the documented shape; every mistake an author can make
// is reported once, at its line and column, in the scenario checker's words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../scenario/types';
import { compileQuiz } from './compiler';

const KNOWLEDGE = 'tests/fixtures/quiz/sample-knowledge.yaml';
const SELF = 'tests/fixtures/quiz/sample-self.yaml';

/** The diagnostics for a file called demo.yaml, as scenarios:check prints them. */
function problems(text: string, file = 'demo.yaml'): string[] {
	return compileQuiz(file, text).diagnostics.map(formatDiagnostic);
}

const head = (extra = '') => `id: demo
title: 演示
kind: knowledge
description: 演示用。
${extra}questions:
`;
/** A quiz whose questions start at line 6 (with no extra header lines). */
const quiz = (questions: string, extra = '') => head(extra) + questions;

const single = `  - id: q1
    type: single
    prompt: 题干
    options:
      - { text: 甲, correct: true }
      - { text: 乙 }
    explanation: 解析
    topics: [idlppc]
`;

describe('valid quizzes', () => {
	it('the fixtures compile with no diagnostics', () => {
		for (const f of [KNOWLEDGE, SELF]) {
			const r = compileQuiz(f, readFileSync(f, 'utf8'));
			expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
			expect(r.quiz).not.toBeNull();
		}
	});

	it('compiles defaults and every type to the documented form', () => {
		const q = compileQuiz(KNOWLEDGE, readFileSync(KNOWLEDGE, 'utf8')).quiz!;
		expect(q).toMatchObject({ format: 1, id: 'sample-knowledge', kind: 'knowledge', shuffle: true, passPercent: 60 });
		expect(q.version).toMatch(/^[0-9a-f]{16}$/);
		const [single, multiple, tf, ordering, matching, short, kase] = q.questions;
		expect(single).toMatchObject({ type: 'single', points: 1, shuffleOptions: true, codes: ['listen'], topics: ['idlppc'] });
		expect(single.type === 'single' && single.options[2]).toEqual({ text: '信息收集', correct: false });
		expect(multiple).toMatchObject({ type: 'multiple', scoring: 'partial', points: 3, codes: [] });
		expect(tf).toMatchObject({ type: 'truefalse', answer: false, feedbackTrue: '顺序反了。', feedbackFalse: '对,先处理心情。' });
		expect(ordering).toMatchObject({ type: 'ordering', items: ['组建团队', '描述问题', '临时遏制', '找根本原因'], solution: [0, 1, 2, 3] });
		expect(matching).toMatchObject({ type: 'matching', lefts: ['愤怒感知法', '迂回暂缓法', '内部配合法'], rights: ['听语速语调和触发词', '暂停一下换个方式', '请同事或经理恰当协助', '立即承诺全额赔偿'], solution: [0, 1, 2] });
		expect(short).toMatchObject({ type: 'short', answers: [{ text: '4%' }, { text: '百分之四', feedback: '写成 4% 也可以。' }] });
		expect(kase).toMatchObject({ type: 'case', points: 4, rubric: [{ point: '致歉或共情', keywords: [], codes: ['apology', 'empathy'], weight: 1 }, {}, { weight: 2 }] });
		const self = compileQuiz(SELF, readFileSync(SELF, 'utf8')).quiz!;
		expect(self.questions[1]).toMatchObject({ type: 'likert', dimension: 'listen', reverse: true, points: 0 });
		expect(self.scale).toHaveLength(5);
	});

	it('the version changes with the content and only with it', () => {
		const text = readFileSync(KNOWLEDGE, 'utf8');
		const a = compileQuiz(KNOWLEDGE, text).quiz!.version;
		expect(compileQuiz(KNOWLEDGE, `# a comment\n${text}`).quiz!.version).toBe(a);
		expect(compileQuiz(KNOWLEDGE, text.replace('有效倾听, correct: true', '有效的倾听, correct: true')).quiz!.version).not.toBe(a);
	});
});

describe('mistakes, each at its place', () => {
	it('YAML and shape problems use the scenario checker\'s wording', () => {
		expect(problems('')).toEqual(['demo.yaml:1:1: a quiz file must be a YAML map of fields (id, title, kind, description, questions)']);
		expect(problems(quiz(single).replace('title: 演示\n', ''))).toEqual(['demo.yaml:1:1: missing required field "title"']);
		expect(problems(quiz(single, 'author: 我\n'))).toEqual(['demo.yaml:5:1: unknown field "author"']);
		expect(problems(quiz(single.replace('    prompt: 题干', '    prompt: 题干\n    prompt: 又一个')))).toEqual(['demo.yaml:9:5: YAML: duplicate key "prompt" (first at line 8)']);
		expect(problems(quiz(single.replace('type: single', 'type: essay')))).toEqual([
			'demo.yaml:7:11: question "q1" › type: each question needs a type: single, multiple, truefalse, ordering, matching, short, likert, case, listen'
		]);
		expect(problems(quiz(single.replace('    explanation: 解析\n', '')))).toEqual(['demo.yaml:6:5: question "q1": missing required field "explanation"']);
		expect(problems(quiz(single.replace('{ text: 乙 }', '{ text: 乙, score: 1 }')))).toEqual(['demo.yaml:11:20: question "q1" › option #2: unknown field "score"']);
		expect(problems(quiz(single, 'kind: quiz\n').replace('kind: knowledge\n', ''))).toEqual(['demo.yaml:4:7: kind: kind must be one of knowledge, self-assessment']);
		expect(problems(quiz(single.replace('id: q1', 'id: Q_1')))).toEqual(['demo.yaml:6:9: question "Q_1" › id: ids are kebab-case: lowercase letters and digits joined by "-"']);
	});

	it('codes, topics and dimensions must be the domain\'s', () => {
		expect(problems(quiz(single.replace('topics: [idlppc]', 'topics: [idlppc, smile]\n    codes: [listen, smile]')))).toEqual([
			'demo.yaml:13:22: question "q1" › topics item #2: unknown topic "smile"; expected one of idlppc, emotion-stages, principles, customer-hates, mistakes, classes-causes, figures, handling-steps, eight-d, techniques, cases, emotion-first',
			'demo.yaml:14:21: question "q1" › codes item #2: unknown code "smile"; expected one of info, demand, listen, propose, promise, confirm, empathy, apology, thanks, argue, blame, lecture, dismiss, overpromise, informal'
		]);
		expect(problems(quiz(single.replace('    topics: [idlppc]\n', '')))).toEqual([
			'demo.yaml:6:5: question "q1": name what it tests: codes (info, demand, listen, …) or topics (idlppc, emotion-stages, principles, …), at least one'
		]);
		expect(problems(quiz(single.replace('topics: [idlppc]', 'topics: [idlppc, idlppc]')))).toEqual(['demo.yaml:13:22: question "q1": topic "idlppc" is listed twice']);
	});

	it('unique ids, and the file name is the quiz id', () => {
		expect(problems(quiz(single + single))).toEqual(['demo.yaml:14:9: duplicate question id "q1" (first defined at line 6)']);
		expect(problems(quiz(single), 'other.yaml')).toEqual(['other.yaml:1:5: id "demo" must match the file name "other.yaml"']);
		expect(problems(quiz(single), 'pasted text')).toEqual([]);
	});

	it('choice questions: one right answer for single, at least one for multiple, no repeated option', () => {
		expect(problems(quiz(single.replace('{ text: 乙 }', '{ text: 乙, correct: true }')))).toEqual([
			'demo.yaml:10:7: question "q1": a single-choice question needs exactly one option with correct: true (it has 2)'
		]);
		expect(problems(quiz(single.replace('{ text: 甲, correct: true }', '{ text: 甲 }')))).toEqual([
			'demo.yaml:10:7: question "q1": a single-choice question needs exactly one option with correct: true (it has 0)'
		]);
		const multiple = single.replace('type: single', 'type: multiple');
		expect(problems(quiz(multiple.replace('{ text: 甲, correct: true }', '{ text: 甲 }')))).toEqual([
			'demo.yaml:10:7: question "q1": a multiple-choice question needs at least one option with correct: true'
		]);
		expect(problems(quiz(multiple.replace('{ text: 乙 }', '{ text: 乙, correct: true }')))).toEqual([
			'demo.yaml:10:7: warning: question "q1": every option is right, so picking them all is always full marks'
		]);
		expect(problems(quiz(multiple.replace('{ text: 乙 }', '{ text: 甲 }')))).toEqual(['demo.yaml:11:17: question "q1": option "甲" is there twice']);
		expect(problems(quiz(single.replace('      - { text: 乙 }\n', '')))).toEqual(['demo.yaml:10:7: question "q1" › options: a choice question needs at least 2 options']);
	});

	it('ordering, matching and short answers', () => {
		const ordering = `  - id: q1
    type: ordering
    prompt: 排序
    items: [一, 二, 二]
    explanation: 解析
    topics: [eight-d]
`;
		expect(problems(quiz(ordering))).toEqual(['demo.yaml:9:19: question "q1": item "二" is there twice, so the order is ambiguous']);
		expect(problems(quiz(ordering.replace('[一, 二, 二]', '[一]')))).toEqual(['demo.yaml:9:12: question "q1" › items: an ordering question needs at least 2 items']);
		const matching = `  - id: q1
    type: matching
    prompt: 配对
    pairs:
      - { left: 甲, right: 一 }
      - { left: 乙, right: 一 }
    distractors: [二, 二]
    explanation: 解析
    topics: [techniques]
`;
		expect(problems(quiz(matching))).toEqual([
			'demo.yaml:11:27: question "q1": right "一" is there twice; each right belongs to one left',
			'demo.yaml:12:22: question "q1": distractor "二" is also a right or another distractor'
		]);
		const short = `  - id: q1
    type: short
    prompt: 填空
    answers: [IDL, ｉｄｌ]
    explanation: 解析
    topics: [idlppc]
`;
		expect(problems(quiz(short))).toEqual(['demo.yaml:9:20: question "q1": this accepted answer is the same as an earlier one once spaces, width and case are ignored']);
	});

	it('case rubrics: not empty, and every point can be met', () => {
		const kase = `  - id: q1
    type: case
    prompt: 案例
    model_answer: 参考答案
    rubric:
      - { point: 致歉, codes: [apology] }
      - { point: 空的 }
    explanation: 解析
    topics: [cases]
`;
		expect(problems(quiz(kase))).toEqual(['demo.yaml:12:9: question "q1": rubric point "空的" can never be met: give it keywords or codes (or both)']);
		expect(problems(quiz(kase.replace(/ {4}rubric:\n.*\n.*\n/, '    rubric: []\n')))).toEqual(['demo.yaml:10:13: question "q1" › rubric: a case question needs at least 1 rubric point']);
		expect(problems(quiz(kase.replace('codes: [apology]', 'codes: [sorry]')))).toEqual([
			'demo.yaml:11:30: question "q1" › rubric point #1 › codes item #1: unknown code "sorry"; expected one of info, demand, listen, propose, promise, confirm, empathy, apology, thanks, argue, blame, lecture, dismiss, overpromise, informal'
		]);
	});

	it('likert statements, scale and bands belong to self-assessments', () => {
		const likert = `  - id: s1
    type: likert
    prompt: 我会先回应情绪。
    dimension: emotion
    explanation: 解析
`;
		expect(problems(quiz(likert))).toEqual(['demo.yaml:7:11: question "s1": likert statements belong in self-assessment quizzes (kind: self-assessment)']);
		expect(problems(quiz(single, 'scale: [低, 高]\nbands: [{ from: 0, label: 低 }]\n'))).toEqual([
			'demo.yaml:5:1: only self-assessment quizzes have a scale (kind: self-assessment)',
			'demo.yaml:6:1: only self-assessment quizzes have bands (kind: self-assessment)'
		]);
		const self = (extra: string, qs = likert) => quiz(qs, extra).replace('kind: knowledge', 'kind: self-assessment');
		expect(problems(self('scale: [低, 中, 高]\nbands: [{ from: 0, label: 低 }, { from: 60, label: 高 }]\n'))).toEqual([]);
		expect(problems(self(''))).toEqual([
			'demo.yaml:1:1: a self-assessment needs a scale: the labels of its answers, e.g. [完全不符合, 不太符合, 一般, 比较符合, 完全符合]',
			"demo.yaml:1:1: a self-assessment needs bands: how a dimension's percentage reads, e.g. - { from: 0, label: 需要加强 }"
		]);
		expect(problems(self('scale: [低, 高]\nbands:\n  - { from: 10, label: 低 }\n  - { from: 60, label: 中 }\n  - { from: 60, label: 高 }\npass_percent: 50\n'))).toEqual([
			'demo.yaml:7:13: the first band must start from 0 (it starts from 10), so every percentage has a band',
			'demo.yaml:9:13: bands go up: from 60 must be more than the band before (60)',
			'demo.yaml:10:1: pass_percent is for knowledge quizzes; a self-assessment has no pass mark'
		]);
		expect(problems(self('scale: [低, 高]\nbands: [{ from: 0, label: 低 }]\n', likert.replace('dimension: emotion', 'dimension: apology')))).toEqual([
			'demo.yaml:11:16: question "s1" › dimension: unknown dimension "apology"; expected one of info, demand, listen, propose, promise, confirm, emotion'
		]);
		expect(problems(self('scale: [低, 高]\nbands: [{ from: 0, label: 低 }]\n', likert + '    points: 2\n'))).toEqual(['demo.yaml:13:5: question "s1": unknown field "points"']);
		expect(problems(self('scale: [低, 高]\nbands: [{ from: 0, label: 低 }]\n', single))).toEqual([
			'demo.yaml:8:3: warning: this self-assessment has no likert statements, so it yields no profile'
		]);
	});

	it('lists every problem of a file at once, in line order', () => {
		const bad = quiz(single.replace('{ text: 乙 }', '{ text: 乙, correct: true }') + single + single.replace('id: q1', 'id: q2').replace('topics: [idlppc]', 'codes: []'));
		expect(problems(bad)).toEqual([
			'demo.yaml:10:7: question "q1": a single-choice question needs exactly one option with correct: true (it has 2)',
			'demo.yaml:14:9: duplicate question id "q1" (first defined at line 6)',
			'demo.yaml:22:5: question "q2": name what it tests: codes (info, demand, listen, …) or topics (idlppc, emotion-stages, principles, …), at least one'
		]);
	});
});
