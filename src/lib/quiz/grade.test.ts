// Grading every question type as docs/quiz-format.md states it, the answers checked at the
// boundary, and the sums per topic, code and dimension.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import { compileQuiz } from './compiler';
import { AnswersError, checkAnswers, gradeQuiz } from './grade';
import { shuffleQuiz } from './shuffle';
import type { Answers, CompiledQuiz, QuestionOf, ShuffledQuiz } from './types';

const KNOWLEDGE = 'tests/fixtures/quiz/sample-knowledge.yaml';
const knowledgeText = readFileSync(KNOWLEDGE, 'utf8');
const compile = (text: string, file = KNOWLEDGE) => {
	const r = compileQuiz(file, text);
	if (!r.quiz) throw new Error(JSON.stringify(r.diagnostics));
	return r.quiz;
};
const knowledge = compile(knowledgeText);
const self = compile(readFileSync('tests/fixtures/quiz/sample-self.yaml', 'utf8'), 'tests/fixtures/quiz/sample-self.yaml');
const rules = shippedRules();

const SEED = 'attempt-1';
const shown = shuffleQuiz(knowledge, SEED);
const question = <T extends QuestionOf<'single' | 'multiple' | 'ordering' | 'matching'>['type']>(q: ShuffledQuiz, id: string, _t: T) =>
	q.questions.find((x) => x.id === id) as QuestionOf<T>;
/** The index the participant saw an option at. */
const opt = (id: string, text: string, q: ShuffledQuiz = shown) => question(q, id, 'single').options.findIndex((o) => o.text === text);
const item = (text: string, q: ShuffledQuiz = shown) => question(q, 'eight-d', 'ordering').items.indexOf(text);
const right = (text: string) => question(shown, 'techniques', 'matching').rights.indexOf(text);
/** For the matching question: lefts (in the order shown) mapped to the rights chosen. */
const match = (chosen: Record<string, string | null>) => question(shown, 'techniques', 'matching').lefts.map((l) => (chosen[l] ? right(chosen[l]!) : null));

const grade = (answers: Answers, quiz: ShuffledQuiz = shown) => gradeQuiz(quiz, answers, { rules });
const result = (id: string, answers: Answers, quiz: ShuffledQuiz = shown) => grade(answers, quiz).questions.find((r) => r.id === id)!;

describe('single choice', () => {
	it('scores the right option, shows the picked option\'s feedback', () => {
		expect(result('listen-meaning', { 'listen-meaning': opt('listen-meaning', '有效倾听') })).toMatchObject({ score: 1, max: 1, correct: true, answered: true, feedback: ['对,L 是 Listen。'] });
		expect(result('listen-meaning', { 'listen-meaning': opt('listen-meaning', '确认执行') })).toMatchObject({
			score: 0,
			correct: false,
			feedback: ['那是 C。'],
			correctAnswer: { type: 'single', option: '有效倾听' },
			explanation: 'L 代表有效倾听:让客户说完、复述、总结。'
		});
		expect(result('listen-meaning', {})).toMatchObject({ score: 0, correct: false, answered: false, answer: null, feedback: [] });
	});
});

describe('multiple choice, partial credit: max(0, (right − wrong) / right options) × points', () => {
	const picks = (...texts: string[]) => ({ hates: texts.map((t) => opt('hates', t)) });
	it.each([
		[['让我等', '让我重复讲', '让我想'], 3, true],
		[['让我等', '让我想'], 2, false],
		[['让我等', '让我想', '主动回访'], 1, false],
		[['让我等', '让我重复讲', '让我想', '主动回访'], 2, false],
		[['让我等', '主动回访'], 0, false],
		[['主动回访'], 0, false]
	])('%j scores %d of 3', (texts, score, correct) => {
		expect(result('hates', picks(...texts))).toMatchObject({ score, max: 3, correct });
	});
	it('an empty pick is unanswered; feedback comes from every picked option', () => {
		expect(result('hates', { hates: [] })).toMatchObject({ score: 0, answered: false });
		expect(result('hates', picks('主动回访', '让我重复讲')).feedback.sort()).toEqual(['回访是好做法。', '重复讲述令人烦躁。'].sort());
	});
	it('all-or-nothing gives the points only for exactly the right options', () => {
		const quiz = shuffleQuiz(compile(knowledgeText.replace('    points: 3\n', '    points: 3\n    scoring: all-or-nothing\n')), SEED);
		const p = (...texts: string[]) => ({ hates: texts.map((t) => opt('hates', t, quiz)) });
		expect(result('hates', p('让我等', '让我重复讲', '让我想'), quiz).score).toBe(3);
		expect(result('hates', p('让我等', '让我重复讲'), quiz).score).toBe(0);
		expect(result('hates', p('让我等', '让我重复讲', '让我想', '主动回访'), quiz).score).toBe(0);
	});
	it('refuses an option picked twice rather than counting it twice', () => {
		const a = opt('hates', '让我等');
		expect(() => grade({ hates: [a, a] })).toThrow(AnswersError);
		expect(checkAnswers(shown, { hates: [a, a] })).toEqual({ ok: false, errors: [`question "hates" (multiple): option ${a} is picked twice`] });
	});
});

describe('true/false', () => {
	it('scores the right value and shows the feedback for the value answered', () => {
		expect(result('emotion-first', { 'emotion-first': false })).toMatchObject({ score: 1, correct: true, feedback: ['对,先处理心情。'] });
		expect(result('emotion-first', { 'emotion-first': true })).toMatchObject({ score: 0, correct: false, feedback: ['顺序反了。'], correctAnswer: { type: 'truefalse', answer: false } });
	});
});

describe('ordering: the share of adjacent pairs placed as in the right order', () => {
	const order = (...texts: string[]) => ({ 'eight-d': texts.map((t) => item(t)) });
	it.each([
		[['组建团队', '描述问题', '临时遏制', '找根本原因'], 1],
		[['组建团队', '描述问题', '找根本原因', '临时遏制'], 0.33],
		[['描述问题', '临时遏制', '找根本原因', '组建团队'], 0.67],
		[['找根本原因', '临时遏制', '描述问题', '组建团队'], 0]
	])('%j scores %d', (texts, score) => {
		expect(result('eight-d', order(...texts)).score).toBe(score);
	});
	it('shows the right order, and refuses an answer that is not a full order', () => {
		expect(result('eight-d', {}).correctAnswer).toEqual({ type: 'ordering', items: ['组建团队', '描述问题', '临时遏制', '找根本原因'] });
		expect(checkAnswers(shown, { 'eight-d': [0, 1, 2] }).ok).toBe(false);
		expect(checkAnswers(shown, { 'eight-d': [0, 1, 1, 2] }).ok).toBe(false);
		expect(checkAnswers(shown, { 'eight-d': [0, 1, 2, 4] }).ok).toBe(false);
	});
});

describe('matching: the share of lefts matched to their right', () => {
	it('scores each left; a distractor or an open left scores nothing for it', () => {
		const all = { 愤怒感知法: '听语速语调和触发词', 迂回暂缓法: '暂停一下换个方式', 内部配合法: '请同事或经理恰当协助' };
		expect(result('techniques', { techniques: match(all) })).toMatchObject({ score: 1, correct: true });
		expect(result('techniques', { techniques: match({ ...all, 迂回暂缓法: '立即承诺全额赔偿', 内部配合法: null }) }).score).toBe(0.33);
		expect(result('techniques', { techniques: match({ 愤怒感知法: '暂停一下换个方式', 迂回暂缓法: '暂停一下换个方式' }) }).score).toBe(0.33);
		expect(result('techniques', { techniques: [null, null, null] })).toMatchObject({ score: 0, answered: false });
		expect(result('techniques', {}).correctAnswer).toEqual({
			type: 'matching',
			pairs: question(shown, 'techniques', 'matching').lefts.map((left) => ({ left, right: all[left as keyof typeof all] }))
		});
	});
});

describe('short answer: compared after trimming and folding width and case', () => {
	it.each([
		['4%', 1, []],
		[' ４％ ', 1, []],
		['百分之四', 1, ['写成 4% 也可以。']],
		['4', 0, []],
		['25%', 0, []]
	])('%j scores %d', (answer, score, feedback) => {
		expect(result('complain-share', { 'complain-share': answer })).toMatchObject({ score, feedback });
	});
	it('blank is unanswered', () => {
		expect(result('complain-share', { 'complain-share': '   ' })).toMatchObject({ score: 0, answered: false });
	});
});

describe('case: a rubric met by keywords or by the reply analyzer', () => {
	it('meets points by keyword and by code, and says how', () => {
		const r = result('dropped-calls', { 'dropped-calls': '非常抱歉给您添麻烦了。请问您的手机号码是多少?我马上帮您查一下所在地区的网络信号。' });
		expect(r.rubric!.map((p) => [p.point, p.met])).toEqual([
			['致歉或共情', true],
			['收集信息', true],
			['检查网络', true]
		]);
		expect(r.rubric![0].by).toMatchObject({ code: 'apology' });
		expect(r.rubric![2].by).toEqual({ keyword: '网络' });
		expect(r).toMatchObject({ score: 4, max: 4, correct: true });
		expect(r.correctAnswer).toMatchObject({ type: 'case', modelAnswer: expect.stringContaining('先致歉'), rubric: ['致歉或共情', '收集信息', '检查网络'] });
	});
	it('scores met weight over total weight, and lists the missed points', () => {
		// 检查网络 weighs 2 of 4: only it met gives 2 of the 4 points.
		const r = result('dropped-calls', { 'dropped-calls': '这是网络的问题' });
		expect(r.rubric!.map((p) => p.met)).toEqual([false, false, true]);
		expect(r.score).toBe(2);
		expect(result('dropped-calls', { 'dropped-calls': '手机坏了，你换一个吧' }).score).toBe(0);
		expect(result('dropped-calls', { 'dropped-calls': ' ' })).toMatchObject({ answered: false, score: 0 });
	});
	it('needs the analyzer\'s rules when a rubric names codes', () => {
		expect(() => gradeQuiz(shown, {})).toThrow(/pass \{ rules \}/);
	});
});

describe('likert: a profile per dimension, read through the bands', () => {
	const shownSelf = shuffleQuiz(self, SEED);
	it('reverses reverse items and computes (sum − min) / (max − min)', () => {
		const r = grade({ 'listen-1': 5, 'listen-2': 1, 'emotion-1': 3 }, shownSelf);
		expect(r.profile!.listen).toEqual({ statements: 2, answered: 2, percent: 100, band: { from: 80, label: '熟练' } });
		expect(r.profile!.emotion).toEqual({ statements: 1, answered: 1, percent: 50, band: { from: 50, label: '基本掌握' } });
		expect(r.profile!.info).toEqual({ statements: 1, answered: 0, percent: null, band: null });
		expect(r.profile!.demand).toEqual({ statements: 0, answered: 0, percent: null, band: null });
		expect(r.questions.find((q) => q.id === 'listen-2')).toMatchObject({ correct: null, score: 0, max: 0, likert: { dimension: 'listen', value: 5, reverse: true } });
		const low = grade({ 'listen-1': 1, 'listen-2': 5, 'emotion-1': 2 }, shownSelf);
		expect(low.profile!.listen).toMatchObject({ percent: 0, band: { label: '需要重点加强', advice: '从倾听开始练。' } });
		expect(low.profile!.emotion.percent).toBe(25);
		expect(grade({ 'listen-1': 4, 'listen-2': 2 }, shownSelf).profile!.listen.percent).toBe(75);
	});
	it('a self-assessment has no score to pass', () => {
		const r = grade({}, shownSelf);
		expect(r.total).toEqual({ score: 0, max: 0, percent: null });
		expect(r.passed).toBeUndefined();
		expect(r.answered).toBe(0);
		expect(Object.values(r.profile!).every((p) => p.percent === null)).toBe(true);
	});
	it('refuses values off the scale', () => {
		expect(checkAnswers(shownSelf, { 'listen-1': 0 }).ok).toBe(false);
		expect(checkAnswers(shownSelf, { 'listen-1': 6 }).ok).toBe(false);
		expect(checkAnswers(shownSelf, { 'listen-1': 2.5 }).ok).toBe(false);
	});
});

describe('the whole attempt', () => {
	const allRight: Answers = {
		'listen-meaning': opt('listen-meaning', '有效倾听'),
		hates: ['让我等', '让我重复讲', '让我想'].map((t) => opt('hates', t)),
		'emotion-first': false,
		'eight-d': ['组建团队', '描述问题', '临时遏制', '找根本原因'].map((t) => item(t)),
		techniques: match({ 愤怒感知法: '听语速语调和触发词', 迂回暂缓法: '暂停一下换个方式', 内部配合法: '请同事或经理恰当协助' }),
		'complain-share': '4%',
		'dropped-calls': '非常抱歉。请问您的号码是多少?我查一下网络。'
	};

	it('sums per topic, code and dimension, and passes at pass_percent', () => {
		const r = grade(allRight);
		expect(r.total).toEqual({ score: 12, max: 12, percent: 100 });
		expect(r.passed).toBe(true);
		expect(r.answered).toBe(7);
		expect(r.questions.map((q) => q.id)).toEqual(shown.questions.map((q) => q.id));
		const some = grade({ ...allRight, hates: [], 'dropped-calls': null, 'emotion-first': true });
		expect(some.total).toEqual({ score: 4, max: 12, percent: 33 });
		expect(some.passed).toBe(false);
		expect(some.byTopic).toEqual({
			idlppc: { score: 1, max: 1, percent: 100 },
			'customer-hates': { score: 0, max: 3, percent: 0 },
			'emotion-first': { score: 0, max: 1, percent: 0 },
			principles: { score: 0, max: 1, percent: 0 },
			'eight-d': { score: 1, max: 1, percent: 100 },
			techniques: { score: 1, max: 1, percent: 100 },
			figures: { score: 1, max: 1, percent: 100 },
			cases: { score: 0, max: 4, percent: 0 }
		});
		// Codes: listen (listen-meaning), empathy (emotion-first), blame/info/apology (dropped-calls).
		expect(some.byCode).toEqual({
			listen: { score: 1, max: 1, percent: 100 },
			empathy: { score: 0, max: 1, percent: 0 },
			blame: { score: 0, max: 4, percent: 0 },
			info: { score: 0, max: 4, percent: 0 },
			apology: { score: 0, max: 4, percent: 0 }
		});
		// emotion = empathy (1 point) + apology (4 points), each question counted once; flags count on no dimension.
		expect(some.byDimension).toEqual({
			info: { score: 0, max: 4, percent: 0 },
			demand: { score: 0, max: 0, percent: null },
			listen: { score: 1, max: 1, percent: 100 },
			propose: { score: 0, max: 0, percent: null },
			promise: { score: 0, max: 0, percent: null },
			confirm: { score: 0, max: 0, percent: null },
			emotion: { score: 0, max: 5, percent: 0 }
		});
	});

	it('an empty attempt scores 0 everywhere and fails', () => {
		const r = grade({});
		expect(r.total).toEqual({ score: 0, max: 12, percent: 0 });
		expect(r.passed).toBe(false);
		expect(r.answered).toBe(0);
		expect(r.questions.every((q) => !q.answered && q.score === 0 && q.correct === false)).toBe(true);
		expect(grade(Object.fromEntries(shown.questions.map((q) => [q.id, null]))).total.score).toBe(0);
	});

	it('passes at exactly pass_percent, not at a percentage that only rounds up to it', () => {
		const at = (pct: number) => shuffleQuiz(compile(knowledgeText.replace('pass_percent: 60', `pass_percent: ${pct}`)), SEED);
		// listen-meaning, hates and the case: 1 + 3 + 4 = 8 of 12 = 66.67 %.
		const answers = { 'listen-meaning': allRight['listen-meaning'], hates: allRight.hates, 'dropped-calls': allRight['dropped-calls'] };
		expect(grade(answers, at(66)).passed).toBe(true);
		expect(grade(answers, at(67)).passed).toBe(false);
		expect(grade(answers, at(67)).total.percent).toBe(67);
	});

	it('grades against the attempt\'s order: the same answers mean other options under another seed', () => {
		const other = shuffleQuiz(knowledge, 'attempt-2');
		const pick = opt('listen-meaning', '有效倾听');
		expect(result('listen-meaning', { 'listen-meaning': pick }).correct).toBe(true);
		expect(question(other, 'listen-meaning', 'single').options[pick].text === '有效倾听').toBe(result('listen-meaning', { 'listen-meaning': pick }, other).correct);
		expect(() => gradeQuiz(knowledge as ShuffledQuiz, {}, { rules })).toThrow(/shuffleQuiz/);
	});
});

describe('answers are checked at the boundary', () => {
	it.each([
		[null, 'answers: Invalid input: expected record, received null'],
		[[1, 2], 'answers: Invalid input: expected record, received array'],
		[{ nope: 1 }, '"nope" is not a question of quiz "sample-knowledge"'],
		[{ 'listen-meaning': 3 }, 'question "listen-meaning" (single): expected an option index 0–2, got 3'],
		[{ 'listen-meaning': -1 }, 'question "listen-meaning" (single): expected an option index 0–2, got -1'],
		[{ 'listen-meaning': 1.5 }, 'question "listen-meaning" (single): expected an option index 0–2, got 1.5'],
		[{ 'listen-meaning': '0' }, 'question "listen-meaning" (single): expected an option index 0–2, got "0"'],
		[{ hates: 1 }, 'question "hates" (multiple): expected a list of option indexes, got 1'],
		[{ hates: [4] }, 'question "hates" (multiple): expected option indexes 0–3, got 4'],
		[{ 'emotion-first': 'false' }, 'question "emotion-first" (truefalse): expected true or false, got "false"'],
		[{ techniques: [0, 1] }, 'question "techniques" (matching): expected a list of 3 right indexes (or null), one per left, got [0,1]'],
		[{ techniques: [0, 1, 9] }, 'question "techniques" (matching): expected right indexes 0–3 or null, got 9'],
		[{ 'complain-share': 4 }, 'question "complain-share" (short): expected a text, got 4'],
		[{ 'complain-share': { text: '4%' } }, 'question "complain-share": expected an index, a list of indexes, true or false, a text of at most 4000 characters, or null']
	])('%j → %s', (input, error) => {
		const r = checkAnswers(shown, input);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors).toEqual([error]);
		expect(() => grade(input as Answers)).toThrow(AnswersError);
	});

	it('lists every bad answer at once, and refuses very long texts', () => {
		const r = checkAnswers(shown, { nope: 1, 'emotion-first': 1, 'listen-meaning': 9 });
		expect(!r.ok && r.errors.length).toBe(3);
		expect(checkAnswers(shown, { 'complain-share': 'x'.repeat(4001) })).toEqual({ ok: false, errors: ['question "complain-share": a text answer has at most 4000 characters'] });
		expect(checkAnswers(shown, { 'complain-share': 'x'.repeat(4000) }).ok).toBe(true);
	});
});

describe('bounds, whatever is answered', { timeout: 120_000 }, () => {
	/** Any answer of a valid shape for every question (or none). */
	const anyAnswers = (quiz: CompiledQuiz) =>
		fc.record(
			Object.fromEntries(
				quiz.questions.map((q) => {
					let arb: fc.Arbitrary<unknown>;
					switch (q.type) {
						case 'single':
						case 'listen':
							arb = fc.nat({ max: q.options.length - 1 });
							break;
						case 'multiple':
							arb = fc.uniqueArray(fc.nat({ max: q.options.length - 1 }), { maxLength: q.options.length });
							break;
						case 'truefalse':
							arb = fc.boolean();
							break;
						case 'ordering':
							arb = fc.shuffledSubarray(q.items.map((_, i) => i), { minLength: q.items.length, maxLength: q.items.length });
							break;
						case 'matching':
							arb = fc.array(fc.option(fc.nat({ max: q.rights.length - 1 })), { minLength: q.lefts.length, maxLength: q.lefts.length });
							break;
						case 'short':
						case 'case':
							arb = fc.oneof(fc.string(), fc.constantFrom('4%', '网络', '抱歉', '请问您的号码'));
							break;
						case 'likert':
							arb = fc.integer({ min: 1, max: 5 });
					}
					return [q.id, fc.option(arb)];
				})
			),
			{ requiredKeys: [] }
		);

	it('every question scores between 0 and its points, full points exactly when correct', () => {
		fc.assert(
			fc.property(fc.string(), (seed) => {
				const quiz = shuffleQuiz(knowledge, seed);
				fc.assert(
					fc.property(anyAnswers(knowledge), (answers) => {
						const r = grade(answers as Answers, quiz);
						for (const q of r.questions) {
							expect(q.score).toBeGreaterThanOrEqual(0);
							expect(q.score).toBeLessThanOrEqual(q.max);
							expect(q.correct).toBe(q.answered && q.score === q.max);
						}
						expect(r.total.score).toBeLessThanOrEqual(r.total.max);
						for (const t of [...Object.values(r.byTopic), ...Object.values(r.byDimension)]) expect(t.score).toBeLessThanOrEqual(t.max);
					}),
					{ numRuns: 20 }
				);
			}),
			{ numRuns: 20 }
		);
	});

	it('profiles stay within 0–100 and every answered dimension has a band', () => {
		fc.assert(
			fc.property(anyAnswers(self), (answers) => {
				const r = grade(answers as Answers, shuffleQuiz(self, 'x'));
				for (const p of Object.values(r.profile!)) {
					if (p.percent === null) expect(p.answered).toBe(0);
					else {
						expect(p.percent).toBeGreaterThanOrEqual(0);
						expect(p.percent).toBeLessThanOrEqual(100);
						expect(p.band).not.toBeNull();
					}
				}
			}),
			{ numRuns: 200 }
		);
	});
});
