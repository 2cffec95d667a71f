// One attempt's order: reproducible from its seed, new on a retake, never showing the answer in
// the order the author wrote it, and carrying every answer along with its text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileQuiz } from './compiler';
import { permutation, seededRandom, shuffleQuiz } from './shuffle';
import type { CompiledQuiz, QuestionOf } from './types';

const FILE = 'tests/fixtures/quiz/sample-knowledge.yaml';
const text = readFileSync(FILE, 'utf8');
const quiz = compileQuiz(FILE, text).quiz!;
const fixed = compileQuiz(FILE, text.replace('pass_percent: 60', 'pass_percent: 60\nshuffle: false')).quiz!;
const seeds = Array.from({ length: 40 }, (_, i) => `attempt-${i}`);

const ids = (q: CompiledQuiz) => q.questions.map((x) => x.id);
const get = <T extends QuestionOf<'single' | 'multiple' | 'ordering' | 'matching'>['type']>(q: CompiledQuiz, id: string, _type: T) =>
	q.questions.find((x) => x.id === id) as QuestionOf<T>;

describe('seeded random numbers', () => {
	it('are the same for the same seed, in [0, 1), and differ between seeds', () => {
		const a = seededRandom('x');
		const b = seededRandom('x');
		const xs = Array.from({ length: 1000 }, () => a());
		expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
		expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
		expect(seededRandom('y')()).not.toBe(xs[0]);
	});

	it('give every order of 3 items about equally often', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < 6000; i++) {
			const key = permutation(3, seededRandom(`s${i}`)).join('');
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		expect(counts.size).toBe(6);
		for (const n of counts.values()) expect(n).toBeGreaterThan(850); // 1000 expected each
	});
});

describe('shuffleQuiz', () => {
	it('cannot be replayed from what the browser sees: the order is keyed with the answers, not the seed alone', () => {
		// Same ids, texts and seed, one explanation changed: a replay without the server's copy.
		const guess = compileQuiz(FILE, text.replace(/explanation: (.+)/, 'explanation: $1 (另一版)')).quiz!;
		const orders = (q: CompiledQuiz) => seeds.slice(0, 10).map((s) => JSON.stringify(shuffleQuiz(q, s).questions.map((x) => (x.type === 'ordering' ? x.items : x.id))));
		expect(orders(guess)).not.toEqual(orders(quiz));
		expect(orders(quiz)).toEqual(orders(quiz));
	});

	it('gives the same order for the same seed and a new order for a new seed', () => {
		expect(shuffleQuiz(quiz, 'a')).toEqual(shuffleQuiz(quiz, 'a'));
		const orders = new Set(seeds.map((s) => ids(shuffleQuiz(quiz, s)).join()));
		expect(orders.size).toBeGreaterThan(30);
		expect(shuffleQuiz(quiz, 'a').seed).toBe('a');
	});

	it('keeps every question and every answer attached to its text', () => {
		for (const s of seeds) {
			const shown = shuffleQuiz(quiz, s);
			expect([...ids(shown)].sort()).toEqual([...ids(quiz)].sort());
			const single = get(shown, 'listen-meaning', 'single');
			expect(single.options.find((o) => o.correct)!.text).toBe('有效倾听');
			expect(single.options.find((o) => o.text === '确认执行')!.feedback).toBe('那是 C。');
			const ordering = get(shown, 'eight-d', 'ordering');
			expect(ordering.solution.map((i) => ordering.items[i])).toEqual(['组建团队', '描述问题', '临时遏制', '找根本原因']);
			const matching = get(shown, 'techniques', 'matching');
			const pairs = Object.fromEntries(matching.lefts.map((l, i) => [l, matching.rights[matching.solution[i]]]));
			expect(pairs).toEqual({ 愤怒感知法: '听语速语调和触发词', 迂回暂缓法: '暂停一下换个方式', 内部配合法: '请同事或经理恰当协助' });
			expect(matching.rights).toContain('立即承诺全额赔偿');
		}
	});

	it('never shows ordering items, or matching rights, in the written order', () => {
		for (const s of seeds) {
			const shown = shuffleQuiz(fixed, s);
			expect(get(shown, 'eight-d', 'ordering').solution).not.toEqual([0, 1, 2, 3]);
			expect(get(shown, 'techniques', 'matching').solution).not.toEqual([0, 1, 2]);
		}
	});

	it('with shuffle: false keeps the questions, options and lefts as written', () => {
		for (const s of seeds.slice(0, 5)) {
			const shown = shuffleQuiz(fixed, s);
			expect(ids(shown)).toEqual(ids(fixed));
			expect(get(shown, 'listen-meaning', 'single').options).toEqual(get(fixed, 'listen-meaning', 'single').options);
			expect(get(shown, 'techniques', 'matching').lefts).toEqual(get(fixed, 'techniques', 'matching').lefts);
		}
	});

	it('shuffle_options: false keeps one question\'s options as written', () => {
		const q = compileQuiz(FILE, text.replace('    prompt: 哪些属于客户最讨厌的事?', '    prompt: 哪些属于客户最讨厌的事?\n    shuffle_options: false')).quiz!;
		const written = get(q, 'hates', 'multiple').options;
		for (const s of seeds.slice(0, 10)) expect(get(shuffleQuiz(q, s), 'hates', 'multiple').options).toEqual(written);
		expect(new Set(seeds.map((s) => get(shuffleQuiz(q, s), 'listen-meaning', 'single').options[0].text)).size).toBe(3);
	});

	it('refuses to shuffle an attempt\'s quiz again', () => {
		expect(() => shuffleQuiz(shuffleQuiz(quiz, 'a'), 'b')).toThrow(/already in the order of seed "a"/);
	});
});
