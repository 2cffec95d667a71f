import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evalSet, shippedRules } from '../../../tests/fixtures/analyzer/load';
import { ALL_CODES } from '../domain';
import { analyze, maskQuotes, normalize, normalizeWithMap } from './analyze';

const rules = shippedRules();
const codes = (text: string) => {
	const a = analyze(text, rules);
	return [...a.moves, ...a.flags];
};

describe('negation', () => {
	it('"这不是您的问题" is not blame; the same words without the cue are', () => {
		expect(codes('这不是您的问题，是我们仓库发错了货。')).not.toContain('blame');
		expect(codes('这不是您的问题，是我们仓库发错了货。')).toContain('apology');
		expect(codes('这是您的问题。')).toContain('blame');
	});

	it('"不是说您操作有问题" is neither blame nor lecture', () => {
		const found = codes('不是说您操作有问题，我们一起看看电表读数。');
		expect(found).not.toContain('blame');
		expect(found).not.toContain('lecture');
		expect(codes('是您操作有问题。')).toContain('blame');
	});

	it('a denial that contradicts the customer stays an argument even after another 不', () => {
		// 不热 must not cancel 不是我们的问题: the match carries its own negation.
		expect(codes('您家热水器不热不是我们燃气的问题。')).toContain('argue');
		expect(codes('我不是说您说得不对，只是想核实清楚。')).not.toContain('argue');
	});

	it('an A-not-A question is not a refusal: 能不能给您 holds 不能给您', () => {
		expect(codes('我看看能不能给您申请保价差额。')).not.toContain('dismiss');
		expect(codes('这个不能给您退。')).toContain('dismiss');
	});

	it('"不会让您白跑" is a promise that carries its own 不, not a dismissal', () => {
		const found = codes('这次维修不会让您白跑，师傅上门前会先确认配件带齐了。');
		expect(found).toContain('promise');
		expect(found).not.toContain('dismiss');
	});
});

describe('你 and 您', () => {
	it('the agent saying 你 to the customer is informal; 您 is not', () => {
		expect(codes('你先别急，把号码报一下。')).toContain('informal');
		expect(codes('您先别急，把号码报一下。')).not.toContain('informal');
		expect(analyze('你先别急', rules).evidence.informal).toEqual(['你']);
	});

	it('a 你 inside quotes is the customer\'s words, not the agent\'s', () => {
		expect(codes('您刚才说“你们就会糊弄人”，我听得出来您是真的被折腾怕了。')).not.toContain('informal');
		expect(codes('您说的「你们不负责」我记下了。')).not.toContain('informal');
		// Without the quotes the same words are the agent's own.
		expect(codes('你们就会糊弄人。')).toContain('informal');
	});

	it('an unclosed quote hides nothing', () => {
		expect(codes('您说“你们就会糊弄人')).toContain('informal');
		expect(maskQuotes('a“b', [['“', '”']])).toBe('a“b');
	});

	it('words that merely contain 你 or 亲 are not informal', () => {
		expect(codes('这款迷你音箱我们亲自检查过。')).not.toContain('informal');
	});
});

describe('questions and statements', () => {
	it('"请问您希望我们怎么处理" is a demand question, with or without a question mark', () => {
		for (const text of ['请问您希望我们怎么处理?', '请问您希望我们怎么处理？', '请问您希望我们怎么处理']) {
			const a = analyze(text, rules);
			expect(a.question, text).toBe(true);
			expect(a.moves, text).toContain('demand');
		}
	});

	it('a question word in a statement closed with 。 does not ask for facts', () => {
		expect(analyze('订单是哪天下的？', rules).moves).toContain('info');
		const statement = analyze('哪天都可以。', rules);
		expect(statement.question).toBe(false);
		expect(statement.moves).not.toContain('info');
		expect(analyze('有什么问题随时找我。', rules).question).toBe(false);
	});

	it('"您想要的…已经办好了" reports a result; it does not explore the need', () => {
		expect(codes('您想要的换货我已经办好了。')).not.toContain('demand');
		expect(codes('您想要换货还是退款？')).toContain('demand');
	});
});

describe('normalization', () => {
	it('full-width and half-width punctuation and digits analyse the same', () => {
		const full = analyze('您好！请问您的订单号是多少？我们会在３个工作日内回复您。', rules);
		const half = analyze('您好!请问您的订单号是多少?我们会在3个工作日内回复您.', rules);
		expect(full.moves).toEqual(half.moves);
		expect(full.flags).toEqual(half.flags);
		expect(full.moves).toEqual(expect.arrayContaining(['info', 'promise']));
	});

	it('traditional characters are read as simplified, and evidence quotes the original', () => {
		const a = analyze('對不起，給您添麻煩了', rules);
		expect(a.moves).toEqual(['apology']);
		expect(a.evidence.apology).toContain('對不起');
		expect(codes('謝謝您耐心等候，請問您的卡號後四位是多少？')).toEqual(expect.arrayContaining(['info', 'thanks']));
	});

	it('maps every normalized character back to the original text', () => {
		const text = 'ＡＢ　您好，\r\n請問 ok 嗎？';
		const n = normalizeWithMap(text, rules);
		expect(n.text).toBe(normalize(text, rules));
		expect(n.text).toBe('ab您好,\n请问ok吗?');
		expect(n.start).toHaveLength(n.text.length);
		for (let i = 0; i < n.text.length; i++) expect(n.end[i]).toBeGreaterThan(n.start[i]);
	});
});

describe('evidence', () => {
	it('is always an exact substring of the original text, for every code reported (eval set)', () => {
		for (const row of evalSet()) {
			const a = analyze(row.text, rules);
			const reported = [...a.moves, ...a.flags];
			expect(Object.keys(a.evidence).sort(), row.id).toEqual([...reported].sort());
			for (const code of reported) {
				expect(a.evidence[code]!.length, `${row.id} ${code}`).toBeGreaterThan(0);
				for (const quote of a.evidence[code]!) expect(row.text.includes(quote), `${row.id} ${code} "${quote}"`).toBe(true);
			}
		}
	});

	it('is an exact substring for arbitrary mixes of phrases, widths, quotes and noise', () => {
		const pieces = ['您', '你', '“', '”', '不', '没', '是', '问题', '抱歉', '對不起', '请问', '订单号', '？', '！', '，', '。', ' ', '\n', '　', 'Ａ', '３', '个工作日内', '保证', '再也不会', '~', '哈', '亲', '😀', 'é', '著急', '瞭解', '屬於', '管不著', '最着急', '不是我们的'];
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 40 }), (parts) => {
				const text = parts.join('');
				const a = analyze(text, rules);
				for (const quotes of Object.values(a.evidence)) for (const q of quotes!) if (!text.includes(q) || !q) return false;
				return a.moves.every((c) => ALL_CODES.includes(c)) && a.flags.every((c) => ALL_CODES.includes(c));
			}),
			{ numRuns: 300 }
		);
	});

	it('reports codes in domain order, each once', () => {
		const a = analyze('你好，非常抱歉，谢谢您，请问您的订单号是多少？这个我们也没办法。', rules);
		expect(a.moves).toEqual(['info', 'apology', 'thanks']);
		expect(a.flags).toEqual(['dismiss', 'informal']);
	});

	it('finds nothing in an empty or punctuation-only reply', () => {
		for (const text of ['', '   ', '？？？', '……']) expect(codes(text), JSON.stringify(text)).toEqual([]);
	});
});
