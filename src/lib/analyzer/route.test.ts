import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import { codeOverlap, routeTyped, textOverlap, type RouteCandidate } from './route';

const rules = shippedRules();

// One decision of a phone-bill complaint: a good opening, a defensive one and a careless one.
const opening: RouteCandidate[] = [
	{ id: 'system-accurate', text: '先生您好，您先别激动。我们的话费都是计费系统自动算出来的，每一笔都有记录，一般是不会出错的。', moves: {}, flags: { argue: 1 } },
	{ id: 'greet-apologize', text: '您好，我是客服林晓，工号3826。账单多出这么多，换谁都冒火，先跟您说声抱歉。', moves: { apology: 2, empathy: 1 }, flags: {} },
	{ id: 'wei-number', text: '喂，你号码多少？我帮你查一下。', moves: { info: 1 }, flags: { informal: 2 } }
];

describe('routeTyped', () => {
	it('routes a paraphrase to the authored reply with the same intent', () => {
		const r = routeTyped('您好，我是客服小王，工号1234。账单突然多了这么多，您着急是肯定的，真的很抱歉。', opening, rules);
		expect(r.reason).toBe('matched');
		expect(r.replyId).toBe('greet-apologize');
		expect(r.analysis.moves).toEqual(expect.arrayContaining(['apology', 'empathy']));
	});

	it('routes a careless reply to the careless authored reply: flags count', () => {
		expect(routeTyped('你好，你的号码是多少？我查查。', opening, rules).replyId).toBe('wei-number');
		expect(routeTyped('先生，我们系统算账是不会错的。', opening, rules).replyId).toBe('system-accurate');
	});

	it('every authored reply typed verbatim routes to itself', () => {
		for (const c of opening) expect(routeTyped(c.text, opening, rules).replyId, c.id).toBe(c.id);
	});

	it('reads chit-chat with nothing recognisable in it as unclear', () => {
		const r = routeTyped('今天天气不错。', opening, rules);
		expect(r).toMatchObject({ replyId: null, reason: 'unclear' });
	});

	it('reads words with codes but close to no reply as off script, so the customer reacts to them', () => {
		const r = routeTyped('请问您希望我们怎么处理？', opening, rules);
		expect(r).toMatchObject({ replyId: null, reason: 'off-script' });
		expect(r.analysis.moves).toContain('demand');
	});

	it('never matches clean words to a flagged reply, nor words with a flag to a reply without it', () => {
		// The informal reply's content, said properly: not the careless reply.
		const polite = routeTyped('您好，请问您的号码是多少？我帮您查一下。', opening, rules);
		expect(polite.replyId).not.toBe('wei-number');
		// The apology with a jab at the customer: not the clean apology.
		const jab = routeTyped('您好，我是客服林晓，账单多出这么多，先跟您说声抱歉，不过你自己也没看清套餐。', opening, rules);
		expect(jab.analysis.flags.length).toBeGreaterThan(0);
		expect(jab.replyId).not.toBe('greet-apologize');
	});

	it('is off script when two replies are about equally close: no guessing', () => {
		const twins: RouteCandidate[] = [
			{ id: 'a', text: '非常抱歉让您久等了。', moves: { apology: 2 }, flags: {} },
			{ id: 'b', text: '非常抱歉让您久等了！', moves: { apology: 2 }, flags: {} }
		];
		const r = routeTyped('真抱歉，让您久等了', twins, rules);
		expect(r).toMatchObject({ replyId: null, reason: 'off-script' });
		expect(r.ranked[0].similarity - r.ranked[1].similarity).toBeLessThan(rules.routing.margin);
		expect(r.ranked[0].similarity).toBeGreaterThanOrEqual(rules.routing.threshold);
	});

	it('treats an empty or punctuation-only reply as unclear, not as a guess', () => {
		for (const text of ['', '   ', '？？？', '……\n']) {
			const r = routeTyped(text, opening, rules);
			expect(r.reason, JSON.stringify(text)).toBe('unclear');
			expect(r.replyId).toBeNull();
			expect(r.ranked.map((x) => x.similarity)).toEqual([0, 0, 0]);
		}
	});

	it('with no candidates words with codes are off script', () => {
		expect(routeTyped('您好，非常抱歉。', [], rules)).toMatchObject({ replyId: null, reason: 'off-script', ranked: [] });
	});

	it('ranks every candidate best first, with similarities between 0 and 1', () => {
		const r = routeTyped('您好，非常抱歉，请问您的号码是多少？', opening, rules);
		expect(r.ranked.map((x) => x.id).sort()).toEqual(opening.map((c) => c.id).sort());
		for (let i = 0; i < r.ranked.length; i++) {
			expect(r.ranked[i].similarity).toBeGreaterThanOrEqual(0);
			expect(r.ranked[i].similarity).toBeLessThanOrEqual(1);
			if (i) expect(r.ranked[i].similarity).toBeLessThanOrEqual(r.ranked[i - 1].similarity);
		}
	});

	it('is deterministic: same input, same result; candidate order changes no score, and ties keep authored order', () => {
		const text = '您好，我是客服小李。让您着急了，真抱歉。';
		const first = routeTyped(text, opening, rules);
		expect(routeTyped(text, opening, rules)).toEqual(first);
		const reversed = routeTyped(text, [...opening].reverse(), rules);
		const score = (r: typeof first) => Object.fromEntries(r.ranked.map((x) => [x.id, x.similarity]));
		expect(score(reversed)).toEqual(score(first));
		expect(reversed.replyId).toBe(first.replyId);

		const same = { text: '好的。', moves: {}, flags: {} };
		const tie = routeTyped('今天天气不错。', [{ id: 'x', ...same }, { id: 'y', ...same }], rules);
		expect(tie.ranked.map((r) => r.id)).toEqual(['x', 'y']);
	});
});


// A delivery decision of our own: a choice of two remedies, a single guarantee, a brush-off.
const remedies: RouteCandidate[] = [
	{ id: 'two-ways', text: '有两个办法您挑：一是我申请加急配送，明天上午就能送到；二是直接全额退款，您看更想要哪一个？', moves: { propose: 2, demand: 1 }, flags: {} },
	{ id: 'promise-all', text: '您放心，我保证明天一早一定送到，绝对不会再晚了！', moves: { propose: 1 }, flags: { overpromise: 2 } },
	{ id: 'wait-more', text: '快递都是按顺序派送的，我们也催不动，您再耐心等两天吧。', moves: {}, flags: { dismiss: 2 } }
];
// A reflection of the customer's loss, detailed.
const reflect: RouteCandidate[] = [
	{ id: 'reflect', text: '婚礼前一天礼服还没送到，您跑了两趟门店、请了半天假，这份着急和委屈我都听明白了。', moves: { listen: 2, empathy: 1 }, flags: {} },
	{ id: 'check', text: '好的，我先到系统里查一下订单。', moves: { info: 1 }, flags: {} }
];

describe('routeTyped: the same reply in other words, not just the same code', () => {
	it('one option is not the reply that offers two: it is off script', () => {
		const r = routeTyped('我帮您申请加急配送吧，明天上午应该能到。', remedies, rules);
		expect(r.replyId).toBeNull();
		expect(r.reason).toBe('off-script');
		// Both options in other words still match.
		expect(routeTyped('两个选择：我给您申请加急，明天上午送到；或者直接全额退款。您看选哪个？', remedies, rules).replyId).toBe('two-ways');
	});

	it('a vague reflection is not the detailed one', () => {
		const r = routeTyped('我明白您的委屈了。', reflect, rules);
		expect(r.replyId).toBeNull();
		expect(r.reason).toBe('off-script');
		expect(routeTyped('婚礼前一天礼服还没到，您跑了两趟店、还请了半天假，您的着急和委屈我都明白了。', reflect, rules).replyId).toBe('reflect');
	});

	it('a shared code alone does not match: the wording must be closest to the reply matched', () => {
		// A question for an order number shares a move with "check" but none of its words.
		const r = routeTyped('方便说一下您的手机号吗？', reflect, rules);
		expect(r.replyId).toBeNull();
	});

	it('words about the case with no code found are off script, not unclear; small talk stays unclear', () => {
		const r = routeTyped('礼服的事我去找门店经理当面谈', reflect, rules);
		expect(r.replyId).toBeNull();
		expect(r.reason).toBe('off-script');
		expect(routeTyped('您周末一般都去哪儿玩呀', reflect, rules).reason).toBe('unclear');
		expect(routeTyped('好的', reflect, rules).reason).toBe('unclear');
	});

	it('a close paraphrase with no code found still matches the reply it rewords', () => {
		const noCode: RouteCandidate[] = [
			{ id: 'store', text: '礼服现在在城东门店，下午三点前店员会送到您家楼下。', moves: {}, flags: {} },
			{ id: 'other', text: '退款三个工作日到账。', moves: {}, flags: {} }
		];
		const r = routeTyped('礼服在城东门店，下午三点前店员送到您楼下', noCode, rules);
		if (r.analysis.moves.length + r.analysis.flags.length === 0) expect(r.replyId).toBe('store');
	});
});

describe('the two overlaps', () => {
	it('textOverlap is the Dice coefficient of character bigrams', () => {
		const grams = (...gs: string[]) => new Map(gs.map((g) => [g, 1]));
		expect(textOverlap(grams('ab', 'bc'), grams('ab', 'bc'))).toBe(1);
		expect(textOverlap(grams('ab', 'bc'), grams('ab', 'cd'))).toBe(0.5);
		expect(textOverlap(grams(), grams())).toBe(0);
	});

	it('codeOverlap is the cosine of the two code vectors', () => {
		expect(codeOverlap({ apology: 2 }, { apology: 1 })).toBeCloseTo(1);
		expect(codeOverlap({ apology: 1 }, { info: 1 })).toBe(0);
		expect(codeOverlap({ apology: 1, info: 1 }, { apology: 1 })).toBeCloseTo(Math.SQRT1_2);
		expect(codeOverlap({}, { apology: 1 })).toBe(0);
	});
});
