import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, type Code } from '../domain';
import { evalSet, repoRoot, rulesOnly, shippedRules } from '../../../tests/fixtures/analyzer/load';
import { analyze, type Analysis } from './analyze';
import { normalizeWithMap } from './analyze';
import { applyLearned, CLAUSE_CHARS, eachGram, featureText, LEARNED_FORMAT, parseLearnedModel, scoreLearned, type LearnedModel } from './learnedModel';

const MODEL_PATH = 'scenarios/analyzer/model.json';
const shipped = () => parseLearnedModel(JSON.parse(readFileSync(resolve(repoRoot, MODEL_PATH), 'utf8')));
/** The rules alone, without the learned model. */
const rulesAlone = rulesOnly;

/** A one-n-gram model: info from 查一下, and apology dropped unless 抱歉 is present. */
function tiny(overrides: Partial<LearnedModel> = {}): LearnedModel {
	return {
		format: LEARNED_FORMAT,
		n: [1, 2, 3],
		digits: true,
		quotes: [['“', '”']],
		traditional: { 幫: '帮' },
		vocab: ['查一下', '帮您', '抱歉'],
		scale: 100,
		codes: {
			info: { bias: -3, add: 0.5, drop: null, weights: [0, 400, 1, 50] },
			apology: { bias: -3, add: null, drop: 0.1, weights: [2, 500] }
		},
		...overrides
	};
}
const empty = (): Analysis => ({ moves: [], flags: [], evidence: {}, question: false });

describe('learned model file', () => {
	it('the shipped model parses, stays small and covers every code', () => {
		const text = readFileSync(resolve(repoRoot, MODEL_PATH), 'utf8');
		// Loaded only when the trainee types: at most 80 KiB as the browser receives it (gzip).
		expect(gzipSync(text).length).toBeLessThanOrEqual(80 * 1024);
		const model = shipped();
		expect(Object.keys(model.codes).sort()).toEqual([...ALL_CODES].sort());
		const p = scoreLearned('您好，我帮您查一下订单。', model);
		for (const c of ALL_CODES) expect(p[c]).toBeGreaterThanOrEqual(0), expect(p[c]).toBeLessThanOrEqual(1);
	});

	it('scoreLearned is the logistic of bias + the weights of the distinct n-grams present (reference arithmetic)', () => {
		const model = shipped();
		const index = new Map(model.vocab.map((g, i) => [g, i]));
		for (const text of [...evalSet().slice(0, 120).map((r) => r.text), '您说“您查一下”，123 次\n再查一下', '']) {
			const grams = new Set<string>();
			eachGram(featureText(normalizeWithMap(text, model).text, model), model.n, (g) => grams.add(g));
			const got = scoreLearned(text, model);
			for (const [code, m] of Object.entries(model.codes)) {
				const w = new Map<number, number>();
				for (let i = 0; i < m!.weights.length; i += 2) w.set(m!.weights[i], m!.weights[i + 1] / model.scale);
				let z = m!.bias;
				for (const g of grams) z += w.get(index.get(g) ?? -1) ?? 0;
				expect(got[code as Code]).toBeCloseTo(1 / (1 + Math.exp(-z)), 9);
			}
		}
	});

	it('bad model JSON gives a clear error naming the field', () => {
		expect(() => parseLearnedModel(null)).toThrow('learned model: (root): expected an object, got null');
		expect(() => parseLearnedModel({ ...tiny(), format: 'v0' })).toThrow(/learned model: format: expected "complaint-coach\/learned-ngram@1"/);
		expect(() => parseLearnedModel({ ...tiny(), n: [] })).toThrow(/learned model: n:/);
		expect(() => parseLearnedModel({ ...tiny(), codes: { nice: { bias: 0, add: null, drop: null, weights: [] } } })).toThrow(/learned model: codes\.nice: unknown code/);
		expect(() => parseLearnedModel({ ...tiny(), codes: { info: { bias: 0, add: 1.5, drop: null, weights: [] } } })).toThrow(/codes\.info\.add: expected a probability/);
		expect(() => parseLearnedModel({ ...tiny(), codes: { info: { bias: 0, add: 0.5, drop: null, weights: [7, 100] } } })).toThrow(
			'learned model: codes.info.weights[0]: expected a vocabulary index below 3, got 7'
		);
		expect(() => parseLearnedModel({ ...tiny(), codes: { info: { bias: 0, add: 0.5, drop: null, weights: [0] } } })).toThrow(/codes\.info\.weights: expected a flat array/);
		expect(() => parseLearnedModel({ ...tiny(), vocab: ['a', 'a'] })).toThrow(/vocab: n-grams must be distinct/);
		expect(parseLearnedModel(JSON.parse(JSON.stringify(tiny())))).toEqual(tiny());
	});
});

describe('applyLearned', () => {
	it('adds a model-only finding with the clauses around the n-grams behind it, quoted from the original text', () => {
		const text = '好的，我幫您 查一下 訂單。';
		const out = applyLearned(text, empty(), tiny());
		expect(out.moves).toEqual(['info']);
		// 查一下 is the strongest n-gram, 帮您 (typed 幫您) also counts: each is quoted with its clause, as
		// the original text has it (space and traditional form included), so the trainee reads words.
		expect(out.evidence.info).toEqual(['我幫您 查一下 訂單']);
		expect(applyLearned('幫您看看，再查一下', empty(), tiny()).evidence.info).toEqual(['幫您看看', '再查一下']);
		// A long clause is cut to at most CLAUSE_CHARS around the n-gram.
		const long = `${'很'.repeat(40)}查一下${'很'.repeat(40)}`;
		for (const e of applyLearned(long, empty(), tiny()).evidence.info!) expect(e.length).toBeLessThanOrEqual(CLAUSE_CHARS + 3);
		for (const e of out.evidence.info!) expect(text).toContain(e);
		// Without the n-grams the model stays silent.
		expect(applyLearned('好的，我知道了。', empty(), tiny()).moves).toEqual([]);
		// Quoted words are someone else's: masked, as in the rules.
		expect(applyLearned('您说“查一下”没用？', empty(), tiny()).moves).toEqual([]);
	});

	it('drops a rule finding the model strongly contradicts and keeps the rest of the analysis', () => {
		const rules: Analysis = { moves: ['info', 'apology'], flags: [], evidence: { info: ['订单号'], apology: ['不好意思'] }, question: true };
		const out = applyLearned('不好意思，订单号发我。', rules, tiny());
		expect(out.moves).toEqual(['info']);
		expect(out.evidence).toEqual({ info: ['订单号'] });
		expect(out.question).toBe(true);
		expect(rules.moves).toEqual(['info', 'apology']); // the input is not changed
		expect(applyLearned('抱歉，订单号发我。', rules, tiny()).moves).toEqual(['info', 'apology']);
	});

	it('a stacked model reads the rules\' analysis as features', () => {
		const stacked = tiny({ codes: { thanks: { bias: -3, add: 0.5, drop: null, weights: [0, 100], rules: [ALL_CODES.indexOf('apology'), 400] } } });
		expect(parseLearnedModel(JSON.parse(JSON.stringify(stacked)))).toEqual(stacked);
		const withApology: Analysis = { moves: ['apology'], flags: [], evidence: { apology: ['抱歉'] }, question: false };
		expect(scoreLearned('抱歉，我查一下', stacked, withApology).thanks).toBeCloseTo(1 / (1 + Math.exp(-2)), 9);
		expect(scoreLearned('抱歉，我查一下', stacked).thanks).toBeCloseTo(1 / (1 + Math.exp(2)), 9);
		expect(applyLearned('抱歉，我查一下', withApology, stacked)).toEqual({ ...withApology, moves: ['apology', 'thanks'], evidence: { apology: ['抱歉'], thanks: ['我查一下'] } });
		expect(() => parseLearnedModel({ ...stacked, codes: { thanks: { ...stacked.codes.thanks!, rules: [15, 1] } } })).toThrow('learned model: codes.thanks.rules[0]: expected a code index below 15, got 15');
	});

	it('with the shipped model: deterministic, and every reported code has evidence that is a substring of the input', () => {
		const model = shipped();
		const rules = rulesAlone();
		const texts = [
			...evalSet().map((r) => r.text),
			'您好！我幫您查一下訂單，請稍等。',
			'ＯＫ，您的 訂單 我 已經 登記 了 ， 三 天 內 給 您 回 覆 。',
			'你自己没看说明书吧？“保证全赔”这种话我们可没说过。',
			'',
			'😀😀 亲～'
		];
		let added = 0;
		for (const text of texts) {
			const base = analyze(text, rules);
			const once = applyLearned(text, base, model);
			expect(applyLearned(text, base, model)).toEqual(once);
			expect(applyLearned(text, analyze(text, rules), parseLearnedModel(JSON.parse(JSON.stringify(model))))).toEqual(once);
			for (const code of [...once.moves, ...once.flags] as Code[]) {
				expect(once.evidence[code]?.length, `${code} in ${text}`).toBeGreaterThan(0);
				for (const e of once.evidence[code]!) expect(text.includes(e) && e.length > 0, `${code}: "${e}" in ${text}`).toBe(true);
				if (!base.moves.includes(code as never) && !base.flags.includes(code as never)) added++;
			}
			for (const code of Object.keys(once.evidence)) expect([...once.moves, ...once.flags]).toContain(code);
		}
		expect(added).toBeGreaterThan(0);
	});
});

describe('whole characters only', () => {
	it('refuses a model whose vocabulary holds half of a surrogate pair, and never scores such a gram', () => {
		const good = JSON.parse(readFileSync('scenarios/analyzer/model.json', 'utf8'));
		const bad = { ...good, vocab: [...good.vocab.slice(0, -1), '\ud83d'] };
		expect(() => parseLearnedModel(bad)).toThrow(/surrogate/);
		const grams: string[] = [];
		eachGram('好🙂的', [1, 2, 3], (g) => grams.push(g));
		expect(grams.every((g) => !/[\ud800-\udfff]/.test(g) || /[\ud800-\udbff][\udc00-\udfff]/.test(g))).toBe(true);
	});
});
