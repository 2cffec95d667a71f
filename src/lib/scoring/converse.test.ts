// The conversation at typed replies (issue 9, "the customer always reacts"): the customer never
// says nothing, lines vary with the words and are not repeated at the same decision, off-script
// mood changes stay within what the decision's authored replies do, and the engine and
// `npm run respond` agree.
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import { choose1, replay, startActor } from '../scenario/engine';
import { checkFile, scenarioFiles } from '../scenario/files';
import { RANGE_SLACK } from '../scenario/reactions';
import type { CompiledNode, CompiledScenario } from '../scenario/types';
import { createResponder } from './responder';
import { bestScore } from './best';
import { playTyped } from './typed';

const rules = shippedRules();
const scenarios = scenarioFiles('scenarios').map((f) => checkFile(f).scenario!);
const respond = createResponder(scenarios, rules);
const ask = (o: Record<string, unknown>) => respond(JSON.stringify(o)) as Record<string, unknown>;
type Decision = Extract<CompiledNode, { type: 'decision' }>;
const decisions = (s: CompiledScenario) => Object.values(s.nodes).filter((n): n is Decision => n.type === 'decision');

describe('the customer always says something', () => {
	it('every authored reply typed verbatim, at every decision of every shipped scenario, gets words from the customer', () => {
		for (const s of scenarios)
			for (const d of decisions(s))
				for (const r of d.replies) {
					const out = ask({ id: r.id, scenario: s.meta.id, decision: d.id, text: r.text });
					expect(out.reply, `${s.meta.id}/${d.id}/${r.id}`).toBe(r.id);
					expect(String(out.customer).trim().length, `${s.meta.id}/${d.id}/${r.id}`).toBeGreaterThan(0);
				}
	});

	it('off-script words (bad, good, murmur, small talk) get words too, and a change within the decision’s replies', () => {
		const texts = ['这个不归我们管，您去找别人吧', '您说得对，这事我来跟进', '嗯', '今天天气真不错', '你自己不看清楚能怪谁'];
		for (const s of scenarios)
			for (const d of decisions(s)) {
				const moods = d.replies.map((r) => r.mood);
				for (const text of texts) {
					const out = ask({ id: 1, scenario: s.meta.id, decision: d.id, text, mood: 50 });
					if (out.reply) continue;
					expect(String(out.customer).length, `${s.meta.id}/${d.id} ${text}`).toBeGreaterThan(0);
					expect(out.mood_delta as number, `${s.meta.id}/${d.id} ${text}`).toBeLessThanOrEqual(Math.max(...moods, 2) + RANGE_SLACK);
					expect(out.mood_delta as number, `${s.meta.id}/${d.id} ${text}`).toBeGreaterThanOrEqual(Math.min(...moods, 0));
					if ((out.flags as string[]).length || !out.understood) expect(out.mood_delta as number, `${s.meta.id}/${d.id} ${text}`).toBeGreaterThan(0);
				}
			}
	});
});

describe('lines at the same decision', () => {
	const s = scenarios.find((x) => x.meta.id === 'late-repair')!;
	const toDecision = (id: string) => {
		const actor = startActor(s);
		for (const r of bestScore(s).choices) {
			const snap = actor.getSnapshot();
			if (String(snap.value) === id) break;
			choose1(s, actor, r);
		}
		return actor;
	};

	it('the same words twice at a decision do not get the same sentence twice in a row', () => {
		const actor = toDecision('remedy');
		const responses = () => actor.getSnapshot().context.transcript.filter((e) => e.kind === 'response').map((e) => e.text);
		const before = responses().length;
		playTyped(s, actor, '这个我也没有办法', rules, 0);
		playTyped(s, actor, '这个我也没有办法', rules, 1);
		const [first, second] = responses().slice(before);
		actor.stop();
		expect(first).toBeTruthy();
		expect(second).toBeTruthy();
		expect(second).not.toBe(first);
	});

	it('the server’s replay of the same words gives the same lines and mood as play did', () => {
		const actor = toDecision('remedy');
		const path: (string | null)[] = actor.getSnapshot().context.steps.map((st) => st.reply);
		const typed: ({ text: string; moves: never[]; flags: never[] } | null)[] = path.map(() => null);
		const words = ['您别急', '我去问问店长这事怎么弄', '嗯嗯'];
		for (const [i, text] of words.entries()) {
			const read = playTyped(s, actor, text, rules, path.length + i);
			path.push(read.replyId);
			typed.push(read.replyId ? null : ({ text, moves: read.analysis.moves, flags: read.analysis.flags } as never));
		}
		const live = actor.getSnapshot().context;
		actor.stop();
		const again = replay(s, path, typed).context;
		expect(again.transcript).toEqual(live.transcript);
		expect(again.play.mood).toBe(live.play.mood);
	});
});
