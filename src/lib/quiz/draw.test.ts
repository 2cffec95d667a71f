// Question banks: the compiler's checks of draw:, the draw itself (counts per pool, uniform enough,
// fresh per generator), drawQuiz's refusals, and that a bank is never shuffled (so never shown) whole.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../scenario/types';
import { compileQuiz } from './compiler';
import { drawQuestions, drawQuiz, drawSize, pools } from './draw';
import { redactQuiz } from './view';
import { seededRandom, shuffleQuiz } from './shuffle';
import type { CompiledQuiz } from './types';

const q = (id: string, topics: string) => `  - { id: ${id}, type: truefalse, prompt: 题${id}, answer: true, explanation: 解析, topics: [${topics}] }\n`;
const bank = (draw: string, questions: string, kind = 'knowledge') =>
	`id: demo\ntitle: 题库\nkind: ${kind}\ndescription: 演示。\n${draw}questions:\n${questions}`;
const problems = (text: string) => compileQuiz('demo.yaml', text).diagnostics.map(formatDiagnostic);
const compiled = (text: string): CompiledQuiz => {
	const r = compileQuiz('demo.yaml', text);
	if (!r.quiz) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
	return r.quiz;
};

const FIVE = q('a1', 'idlppc') + q('a2', 'idlppc') + q('a3', 'idlppc, cases') + q('b1', 'eight-d') + q('b2', 'eight-d, idlppc');
const DEMO = bank('draw:\n  - { topic: idlppc, count: 2 }\n  - { topic: eight-d, count: 1 }\n', FIVE);

describe('the compiler on draw:', () => {
	it('compiles a bank: a question is in the pool of its first topic', () => {
		const quiz = compiled(DEMO);
		expect(quiz.draw).toEqual([{ topic: 'idlppc', count: 2 }, { topic: 'eight-d', count: 1 }]);
		expect(Object.fromEntries(pools(quiz))).toEqual({ idlppc: ['a1', 'a2', 'a3'], 'eight-d': ['b1', 'b2'] });
		expect(drawSize(quiz)).toBe(3);
		expect(problems(DEMO)).toEqual([]);
	});
	it('refuses a pool too small, a topic drawn twice, a question with no pool, and draws in a self-assessment', () => {
		expect(problems(bank('draw:\n  - { topic: eight-d, count: 3 }\n  - { topic: idlppc, count: 1 }\n  - { topic: idlppc, count: 1 }\n', FIVE))).toEqual([
			'demo.yaml:6:30: topic "eight-d" has 2 question(s) whose first topic it is, too few to draw 3',
			'demo.yaml:8:14: topic "idlppc" is drawn twice; give it one count'
		]);
		const noTopic = `  - { id: c1, type: truefalse, prompt: 题, answer: true, explanation: 解析, codes: [listen] }\n`;
		expect(problems(bank('draw:\n  - { topic: idlppc, count: 1 }\n', q('a1', 'idlppc') + q('a2', 'idlppc') + noTopic))).toEqual([
			'demo.yaml:10:5: question "c1": in a quiz that draws, a question\'s first topic is the pool it is drawn from; this one has no topic'
		]);
		expect(problems(bank('draw:\n  - { topic: idlppc, count: 1 }\n', q('a1', 'idlppc'), 'self-assessment')).join('\n')).toContain('5:1: draw is for knowledge quizzes');
		expect(problems(bank('draw:\n  - { topic: idlppc, count: 0 }\n', FIVE))).toEqual(['demo.yaml:6:29: draw entry #1 › count: count must be at least 1']);
	});
	it('warns about questions never drawn and pools drawn whole', () => {
		expect(problems(bank('draw:\n  - { topic: eight-d, count: 2 }\n', FIVE))).toEqual([
			'demo.yaml:5:1: warning: 3 question(s) whose first topic is "idlppc" are never drawn: add { topic: idlppc, count: … } to draw',
			'demo.yaml:6:30: warning: topic "eight-d" has exactly 2 question(s): every attempt gets all of them, so nothing is drawn'
		].sort());
	});
});

describe('drawQuestions', () => {
	const quiz = compiled(DEMO);
	it('takes count questions from each pool, in the written order, the same for the same generator', () => {
		for (let s = 0; s < 50; s++) {
			const ids = drawQuestions(quiz, seededRandom(`s${s}`));
			expect(ids.filter((x) => x.startsWith('a'))).toHaveLength(2);
			expect(ids.filter((x) => x.startsWith('b'))).toHaveLength(1);
			expect(ids).toEqual(quiz.questions.map((x) => x.id).filter((x) => ids.includes(x)));
			expect(drawQuestions(quiz, seededRandom(`s${s}`))).toEqual(ids);
		}
	});
	it('gives every question of a pool its chance (about count / pool size)', () => {
		const seen: Record<string, number> = {};
		const n = 3000;
		for (let s = 0; s < n; s++) for (const id of drawQuestions(quiz, seededRandom(`u${s}`))) seen[id] = (seen[id] ?? 0) + 1;
		for (const id of ['a1', 'a2', 'a3']) expect(seen[id] / n).toBeCloseTo(2 / 3, 1);
		for (const id of ['b1', 'b2']) expect(seen[id] / n).toBeCloseTo(1 / 2, 1);
	});
	it('on the shipped bank: over 100 questions, two draws almost never the same', () => {
		const shipped = compileQuiz('bank.yaml', readFileSync('scenarios/quizzes/bank.yaml', 'utf8')).quiz!;
		expect(shipped.questions.length).toBeGreaterThanOrEqual(100);
		const a = drawQuestions(shipped, seededRandom('one'));
		const b = drawQuestions(shipped, seededRandom('two'));
		expect(a).toHaveLength(drawSize(shipped));
		expect(a).not.toEqual(b);
	});
});

describe('drawQuiz', () => {
	const quiz = compiled(DEMO);
	it('keeps the drawn questions only, without draw', () => {
		const drawn = drawQuiz(quiz, ['a3', 'a1', 'b2']);
		expect(drawn.questions.map((x) => x.id)).toEqual(['a1', 'a3', 'b2']);
		expect(drawn.draw).toBeUndefined();
		expect(drawn.version).toBe(quiz.version);
	});
	it('refuses a draw that does not fit the version', () => {
		expect(() => drawQuiz(quiz, ['a1', 'a1', 'b1'])).toThrow(/twice/);
		expect(() => drawQuiz(quiz, ['a1', 'a2', 'zz'])).toThrow(/does not have/);
		expect(() => drawQuiz(quiz, ['a1', 'b1', 'b2'])).toThrow(/1 questions of topic idlppc/);
		expect(() => drawQuiz({ ...quiz, draw: undefined }, ['a1'])).toThrow(/not a question bank/);
	});
	it('a bank is never shuffled or shown whole: the draw comes first', () => {
		expect(() => shuffleQuiz(quiz, 'seed')).toThrow(/draw the attempt's questions first/);
		const view = redactQuiz(shuffleQuiz(drawQuiz(quiz, ['a1', 'a2', 'b1']), 'seed'));
		expect(view.questions.map((x) => x.id).sort()).toEqual(['a1', 'a2', 'b1']);
		expect(JSON.stringify(view)).not.toContain('draw');
	});
});
