// Typed turns scored as the issue asks: the customer always reacts, bad words always cost, and no
// typed turn (however long or stuffed) earns more than the best authored reply of its turn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import { FLAG_CODES, IDLPPC_CODES, MOVE_CODES } from '../domain';
import { choose1, startActor, type ScenarioMachine } from '../scenario/engine';
import { checkFile, scenarioFiles } from '../scenario/files';
import type { CompiledNode, CompiledScenario } from '../scenario/types';
import type { Actor } from 'xstate';
import { resolveAttempt, type AttemptTurn } from './attempt';
import { bestScore } from './best';
import { bestReply, PENALTY, scoreAttempt } from './score';
import { decisionAt, playTyped, typedFeedback } from './typed';

const rules = shippedRules();
const scenarios = Object.fromEntries(scenarioFiles('scenarios').map((f) => [checkFile(f).scenario!.meta.id, checkFile(f).scenario!])) as Record<string, CompiledScenario>;
const best = Object.fromEntries(Object.entries(scenarios).map(([id, s]) => [id, bestScore(s)]));
type Decision = Extract<CompiledNode, { type: 'decision' }>;

const STOCK = '非常抱歉给您添麻烦了，我非常理解您的心情。感谢您的耐心。请问这样处理您满意吗？';

/** Plays turns on a live actor: typed words where given; if they left the decision open, the authored reply too. */
function play(s: CompiledScenario, plan: { reply: string; typed?: string }[]): AttemptTurn[] {
	const actor: Actor<ScenarioMachine> = startActor(s);
	const turns: AttemptTurn[] = [];
	for (const step of plan) {
		const at = decisionAt(s, actor);
		if (!at) break;
		if (step.typed !== undefined) {
			playTyped(s, actor, step.typed, rules, turns.length);
			turns.push({ typed: step.typed });
			if (decisionAt(s, actor)?.id !== at.id) continue;
		}
		if (!at.replies.some((r) => r.id === step.reply)) break;
		choose1(s, actor, step.reply, turns.length);
		turns.push({ reply: step.reply });
	}
	actor.stop();
	return turns;
}

function score(s: CompiledScenario, turns: AttemptTurn[], clamp = false) {
	const r = resolveAttempt(s, rules, turns);
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return scoreAttempt(s, clamp ? { ...r.input, bestPossible: best[s.meta.id].overall } : r.input);
}

describe('stuffing (the issue’s repro)', () => {
	for (const id of ['angry-caller', 'late-repair']) {
		it(`${id}: the best replies with stock phrases appended at 1–3 decisions score no more than the best possible`, () => {
			const s = scenarios[id];
			const path = best[id].choices;
			const textOf = (reply: string) => Object.values(s.nodes).flatMap((n) => (n.type === 'decision' ? n.replies : [])).find((r) => r.id === reply)!.text;
			for (const stuffed of [[0], [1, 3], [0, 2, 4]]) {
				const plan = path.map((reply, i) => (stuffed.includes(i) ? { reply, typed: textOf(reply) + STOCK } : { reply }));
				const report = score(s, play(s, plan));
				// Without the cap the issue measured 100 against 94 / 97.
				expect(report.overall, `stuffed at ${stuffed}`).toBeLessThanOrEqual(best[id].overall);
			}
		});
	}

	it('saying the same thing three ways earns no more than saying it once', () => {
		const s = scenarios['angry-caller'];
		const path = best['angry-caller'].choices;
		const text = Object.values(s.nodes).flatMap((n) => (n.type === 'decision' ? n.replies : [])).find((r) => r.id === path[0])!.text;
		const once = score(s, play(s, path.map((reply, i) => (i === 0 ? { reply, typed: text } : { reply }))));
		const thrice = score(s, play(s, path.map((reply, i) => (i === 0 ? { reply, typed: `${text}${STOCK}${STOCK}${STOCK}` } : { reply }))));
		expect(thrice.overall).toBeLessThanOrEqual(once.overall);
	});
});

describe('typed turns, whatever is typed', () => {
	const pieces = ['您好，我是客服小周，工号2231。', '您的想法不正确，', '那我就不清楚了。', '这不归我们管，', '你自己看说明书。', STOCK, '我保证以后绝对不会再出问题！', '请问您最着急的是什么？', '好的', '嗯嗯', '🙂', '\u0000', '\ud800'];
	const typedText = (s: CompiledScenario, d: Decision) =>
		fc.array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(...d.replies.map((r) => r.text)), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 6 }).map((xs) => xs.join(''));

	it('earn no more than the reply they match (or nothing off script), every flag costs, and no attempt beats the best possible', () => {
		for (const s of Object.values(scenarios)) {
			const decisions = Object.values(s.nodes).filter((n): n is Decision => n.type === 'decision');
			fc.assert(
				fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat({ max: decisions.length - 1 })), { minLength: 1, maxLength: 25 }), fc.nat(), (steps, seed) => {
					const actor = startActor(s);
					const turns: AttemptTurn[] = [];
					const samples = fc.sample(fc.tuple(...decisions.map((d) => typedText(s, d))), { numRuns: 1, seed })[0];
					for (const [pick, typed, k] of steps) {
						const d = decisionAt(s, actor);
						if (!d) break;
						if (typed) {
							const text = (samples[decisions.indexOf(d)] || samples[k]).slice(0, 500).trim() || '嗯';
							playTyped(s, actor, text, rules, turns.length);
							turns.push({ typed: text });
						} else {
							const reply = d.replies[pick % d.replies.length].id;
							choose1(s, actor, reply, turns.length);
							turns.push({ reply });
						}
					}
					actor.stop();
					const resolved = resolveAttempt(s, rules, turns);
					expect(resolved.ok).toBe(true);
					if (!resolved.ok) return;
					const report = scoreAttempt(s, resolved.input);
					report.turns.forEach((t, i) => {
						const words = resolved.input.typed?.[i];
						if (!words) return;
						const d = s.nodes[t.decision] as Decision;
						const matched = d.replies.find((r) => r.id === resolved.input.choices[i]);
						for (const c of MOVE_CODES) expect(t.reply.moves[c] ?? 0).toBeLessThanOrEqual(matched?.moves[c] ?? 0);
						for (const f of words.flags) expect(t.reply.flags[f] ?? 0).toBeGreaterThanOrEqual(1);
						// Never an authored reply's feedback for typed words.
						expect(t.reply.feedback).toBe('');
						expect(t.better?.id).toBe(bestReply(d).id);
					});
					const flagCount = report.turns.reduce((n, t) => n + FLAG_CODES.reduce((m, f) => m + (t.reply.flags[f] ?? 0), 0), 0);
					expect(report.penalties.flags).toBe(PENALTY.flag * flagCount);
					if (report.finished) expect(report.overall).toBeLessThanOrEqual(best[s.meta.id].overall);
					for (const code of IDLPPC_CODES) expect(report.dimensions[code].earned).toBeLessThanOrEqual(report.dimensions[code].possible);
				}),
				{ numRuns: 60 }
			);
		}
	}, 60_000);

	it('survive random Unicode and 10,000-character replies (fuzz): a reading, a reaction, no crash', () => {
		const s = scenarios['angry-caller'];
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 9_000, maxLength: 10_000 }), fc.constant('您的想法不正确'.repeat(1400))), (text) => {
				const actor = startActor(s);
				const read = playTyped(s, actor, text, rules);
				expect(['matched', 'off-script', 'unclear']).toContain(read.reason);
				const last = actor.getSnapshot().context.transcript.at(-1)!;
				expect(last.text.length).toBeGreaterThan(0);
				actor.stop();
			}),
			{ numRuns: 20 }
		);
	}, 60_000);
});

describe('feedback on what was written (the issue’s repros)', () => {
	it('a reply with no name or job number never gets the authored opening’s feedback', () => {
		const s = scenarios['angry-caller'];
		const actor = startActor(s);
		const d = decisionAt(s, actor)!;
		const read = playTyped(s, actor, '您好，这边帮您看一下是什么情况。', rules);
		const fb = typedFeedback(read.analysis, read.reason, d);
		const said = JSON.stringify(fb.findings);
		expect(said).not.toContain('工号');
		for (const f of fb.findings) for (const q of f.quotes) expect('您好，这边帮您看一下是什么情况。').toContain(q);
		expect(actor.getSnapshot().context.transcript.filter((e) => e.kind === 'reply').every((e) => e.kind === 'reply' && e.feedback === '')).toBe(true);
		expect(fb.model?.id).toBe(bestReply(d).id);
	});

	it('late-repair: asking what she needs most (最着急) is read as demand, never as the bad compensation reply', () => {
		const s = scenarios['late-repair'];
		const d = s.nodes.need;
		if (d.type !== 'decision') throw new Error('need is a decision');
		const bad = d.replies.filter((r) => Object.keys(r.flags).length).map((r) => r.id);
		for (const text of ['您今天最着急的是用电脑，还是里面的文件？', '您现在最要紧的是哪一样？', '对您来说最关心的是机器还是资料？']) {
			const actor = startActor(s);
			for (const reply of best['late-repair'].choices) {
				if (decisionAt(s, actor)?.id === 'need') break;
				choose1(s, actor, reply);
			}
			expect(decisionAt(s, actor)?.id).toBe('need');
			const read = playTyped(s, actor, text, rules);
			expect(read.analysis.moves, text).toContain('demand');
			expect(bad, text).not.toContain(read.replyId);
			actor.stop();
		}
	});

	it('a bad reply is never free: arguing and brushing off raise the mood at the remedy step', () => {
		const s = scenarios['angry-caller'];
		for (const text of ['您的想法不正确，因为流量是实际用掉的', '这个我也没办法，你找别人吧', '好的']) {
			const actor = startActor(s);
			const path = best['angry-caller'].choices;
			for (const reply of path) {
				if (decisionAt(s, actor)?.id === 'remedy') break;
				choose1(s, actor, reply);
			}
			expect(decisionAt(s, actor)?.id).toBe('remedy');
			const before = actor.getSnapshot().context.play.mood;
			playTyped(s, actor, text, rules);
			expect(actor.getSnapshot().context.play.mood, text).toBeGreaterThan(before);
			actor.stop();
		}
	});
});

describe('an offScript route (angry-caller fire-me)', () => {
	const s = scenarios['angry-caller'];
	const path = best['angry-caller'].choices;
	const at = path.findIndex((_, i) => {
		const actor = startActor(s);
		for (const r of path.slice(0, i)) choose1(s, actor, r);
		const here = decisionAt(s, actor)?.id;
		actor.stop();
		return here === 'fire-me';
	});

	it('is never taken by words with nothing in them: the decision is offered again', () => {
		const actor = startActor(s);
		for (const r of path.slice(0, at)) choose1(s, actor, r);
		playTyped(s, actor, '嗯', rules);
		expect(decisionAt(s, actor)?.id).toBe('fire-me');
		actor.stop();
	});

	it('off-script words that take the conversation on score that decision as nothing earned, below the best', () => {
		for (const typed of ['请问您的手机号是多少？', '您的想法不正确']) {
			const plan = path.map((reply, i) => (i === at ? { reply, typed } : { reply }));
			const report = score(s, play(s, plan));
			expect(report.overall, typed).toBeLessThan(best['angry-caller'].overall);
		}
	});
});
