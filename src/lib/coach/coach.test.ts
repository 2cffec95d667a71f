import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import { checkFile, scenarioFiles } from '../scenario/files';
import { respond } from '../scoring/typed';
import type { CompiledNode } from '../scenario/types';
import { coach, phrasePool } from './coach';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

const rules = shippedRules();
const scenarios = scenarioFiles('scenarios').map((f) => checkFile(f).scenario!);
const { pool, situations, reactions } = phrasePool(scenarios);

describe('coach', () => {
	it('builds a situation for every decision, labelled with what the customer just said', () => {
		expect(situations.length).toBeGreaterThan(30);
		for (const s of situations) {
			expect(s.text, s.key).not.toBe('');
			expect(s.replies.length).toBeGreaterThanOrEqual(2);
		}
		expect(pool.length).toBe(situations.reduce((n, s) => n + s.replies.length, 0));
	});

	it('finds the flags, says emotion came nowhere, and suggests clean authored replies that add what is missing', () => {
		const r = coach('你先别急,这个不是我们的问题,你去问一下厂家吧。', rules, pool);
		expect(r.analysis.flags).toEqual(expect.arrayContaining(['blame', 'informal']));
		expect(r.emotionFirst).toBe('missing');
		expect(r.missing).toContain('info');
		expect(r.suggestions.length).toBeGreaterThan(0);
		for (const s of r.suggestions) expect(Object.values(s.reply.flags).filter(Boolean)).toEqual([]);
	});

	it('notices a remedy offered before any feeling move', () => {
		expect(coach('我给您换一台新的。', rules, pool).emotionFirst).toBe('remedy-first');
		expect(coach('非常抱歉让您久等了,我给您换一台新的。', rules, pool).emotionFirst).toBe('ok');
	});

	it('in a situation, measures what is missing against the best authored reply there and finds the closest one', () => {
		const s = situations[0];
		const best = s.replies.reduce((a, b) => (Object.values(b.flags).some(Boolean) ? a : b));
		const r = coach(best.text, rules, pool, s);
		expect(r.closest?.reply.id).toBe(best.id);
		// Nothing typed beyond what the situation's replies offer is asked for.
		for (const c of r.missing) expect(s.replies.some((x) => (x.moves[c] ?? 0) > 0)).toBe(true);
	});

	it('answers off-script and unclear words as the player does at that decision: the same line, the same mood change', () => {
		// Off script (bad, good, about the case without a code) and unclear words; mood mid-range so no bound clips.
		const texts = ['这都是您自己没看清楚造成的，跟我们没关系', '我特别理解您的心情，换了谁都会着急', '那个单子上写的是上周三', '今天天气不错啊', '阿巴阿巴'];
		let compared = 0;
		for (const s of situations) {
			const scenario = scenarios.find((x) => x.meta.id === s.scenario)!;
			const decision = Object.values(scenario.nodes).find((n): n is Decision => n.type === 'decision' && n.replies === s.replies)!;
			for (const text of texts) {
				const r = coach(text, rules, pool, s, reactions);
				if (r.customer?.reading === 'matched') continue;
				const played = respond(scenario, decision, text, rules, { mood: 50, chosen: [], flagged: [], moved: [] });
				expect(played.customer.startsWith(r.customer!.says), `${s.key}: ${text}`).toBe(true);
				expect(r.customer!.moodDelta, `${s.key}: ${text}`).toBe(played.moodDelta);
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(situations.length * 3);
	});
});
