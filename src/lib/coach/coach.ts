// 话术检查 (/coach): what a single reply does and lacks, and better wording taken from the authored
// replies. Pure: the page runs it in the browser on every keystroke.
import { EMOTION_CODES, IDLPPC_CODES, type IdlppcCode, type MoveCode } from '../domain';
import type { Analysis, CompiledRules } from '../analyzer';
import { analyze } from '../analyzer/analyze';
import { routeTyped } from '../analyzer/route';
import { LEGACY_REACTIONS, typedReaction, type CompiledReactions } from '../scenario/reactions';
import type { CompiledScenario, Reply } from '../scenario/types';
import { turnValue } from '../scoring/score';

/** One authored reply in the phrase pool, with the situation it answers. */
export interface Phrase {
	scenario: string;
	scenarioTitle: string;
	decision: string;
	/** What the customer just said (or the decision's prompt): the situation in the customer's words. */
	situation: string;
	reply: Reply;
}

export interface Situation {
	key: string;
	scenarioTitle: string;
	/** What the customer just said, or the decision's prompt. */
	text: string;
	replies: Reply[];
	scenario: string;
}

export interface CoachReport {
	analysis: Analysis;
	/** The six IDL+PPC steps, each done or not in this reply. */
	steps: { code: IdlppcCode; done: boolean }[];
	/** Steps the situation called for (or, with no situation, all six) that the reply leaves out. */
	missing: IdlppcCode[];
	/** "先处理心情": ok, missing (no feeling move at all) or a remedy offered before any. */
	emotionFirst: 'ok' | 'missing' | 'remedy-first';
	/** Better wording, best first: authored replies without flags that add what is missing. */
	suggestions: Phrase[];
	/** With a situation: the authored reply this one comes closest to, if any. */
	closest: { reply: Reply; similarity: number } | null;
	/** With a situation: how the customer takes it, read exactly as in the player. */
	customer: { reading: 'matched' | 'off-script' | 'unclear'; says: string; moodDelta: number } | null;
}

const FEELING: readonly MoveCode[] = ['listen', ...EMOTION_CODES];
const REMEDY: readonly MoveCode[] = ['propose', 'promise'];

/** Every decision of every scenario as a phrase-pool entry, labelled by what was said just before. */
export function phrasePool(scenarios: readonly CompiledScenario[]): { pool: Phrase[]; situations: Situation[]; reactions: Record<string, CompiledReactions> } {
	const pool: Phrase[] = [];
	const situations: Situation[] = [];
	const reactions: Record<string, CompiledReactions> = {};
	for (const s of scenarios) {
		if (s.reactions) reactions[s.meta.id] = s.reactions;
		const before = new Map<string, string>();
		for (const n of Object.values(s.nodes)) if (n.type === 'line' && n.speaker !== 'narrator' && !before.has(n.next)) before.set(n.next, n.text);
		for (const n of Object.values(s.nodes)) {
			if (n.type !== 'decision') continue;
			const situation = n.prompt ?? before.get(n.id) ?? '';
			for (const reply of n.replies) pool.push({ scenario: s.meta.id, scenarioTitle: s.meta.title, decision: n.id, situation, reply });
			situations.push({ key: `${s.meta.id}/${n.id}`, scenario: s.meta.id, scenarioTitle: s.meta.title, text: situation, replies: n.replies });
		}
	}
	return { pool, situations, reactions };
}

const has = (r: Reply, c: MoveCode) => (r.moves[c] ?? 0) > 0;
const clean = (r: Reply) => Object.values(r.flags).every((w) => !w);

/** `reactions`: each scenario's reaction table (phrasePool), so the customer's answer is the player's. */
export function coach(
	text: string,
	rules: CompiledRules,
	pool: readonly Phrase[],
	situation?: Situation | null,
	reactions: Record<string, CompiledReactions> = {}
): CoachReport {
	const routed = situation ? routeTyped(text, situation.replies, rules) : null;
	const analysis = routed?.analysis ?? analyze(text, rules);
	const found = new Set<MoveCode>(analysis.moves);
	const steps = IDLPPC_CODES.map((code) => ({ code, done: found.has(code) }));

	// What the situation called for: the codes of its best authored reply; with none, all six.
	const candidates = situation ? pool.filter((p) => `${p.scenario}/${p.decision}` === situation.key) : pool;
	const target = situation ? candidates.reduce((a, b) => (turnValue(b.reply) > turnValue(a.reply) ? b : a), candidates[0]) : null;
	const called = target ? IDLPPC_CODES.filter((c) => has(target.reply, c)) : IDLPPC_CODES;
	const missing = called.filter((c) => !found.has(c));

	const feeling = FEELING.some((c) => found.has(c));
	const remedy = REMEDY.some((c) => found.has(c));
	const emotionFirst = feeling ? 'ok' : remedy ? 'remedy-first' : 'missing';

	// Rank clean authored replies by how much of what is missing (and the feelings, if absent) they
	// add, then by how close they are to what was typed, then by their own value.
	const wanted = new Set<MoveCode>([...missing, ...(feeling ? [] : (['empathy', 'apology'] as MoveCode[]))]);
	const similarity = new Map((routed?.ranked ?? []).map((r) => [r.id, r.similarity]));
	const scored = candidates
		.filter((p) => clean(p.reply) && p.reply.text !== text.trim())
		.map((p) => ({
			p,
			adds: [...wanted].filter((c) => has(p.reply, c)).length,
			near: similarity.get(p.reply.id) ?? 0,
			value: turnValue(p.reply)
		}))
		.filter((x) => x.adds > 0 || (situation && x.p === target))
		.sort((a, b) => b.adds - a.adds || b.near - a.near || b.value - a.value || a.p.reply.text.length - b.p.reply.text.length);
	const suggestions: Phrase[] = [];
	for (const { p } of scored) {
		if (suggestions.length >= 3) break;
		if (!suggestions.some((q) => q.reply.text === p.reply.text)) suggestions.push(p);
	}

	const best = routed?.ranked[0];
	const closest = routed && best ? { reply: situation!.replies.find((r) => r.id === best.id)!, similarity: best.similarity } : null;
	let customer: CoachReport['customer'] = null;
	if (routed && situation) {
		const matched = routed.replyId ? situation.replies.find((r) => r.id === routed.replyId)! : null;
		if (matched) customer = { reading: 'matched', says: matched.response ?? '', moodDelta: matched.mood };
		else {
			// The same reaction as the player's first off-script turn here.
			const effect = typedReaction(reactions[situation.scenario] ?? LEGACY_REACTIONS, analysis, text, routed.reason !== 'unclear', situation.replies);
			customer = { reading: routed.reason === 'unclear' ? 'unclear' : 'off-script', says: effect.line, moodDelta: effect.moodDelta };
		}
	}
	return { analysis, steps, missing, emotionFirst, suggestions, closest, customer };
}
