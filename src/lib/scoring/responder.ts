// The conversation as a filter (`npm run --silent respond`): one JSON line in, one JSON line out.
//   in   {"id", "scenario", "decision", "text", "mood"?}
//   out  {"id", "understood", "reply", "moves", "flags", "evidence", "mood_delta", "customer"}
//        or {"id", "error"} for a line that cannot be answered (the rest go on).
// Without "mood", the customer's mood is the one at that decision on the scenario's best path (or
// on the first path that reaches it). Pure apart from the scenarios and rules handed in.
import type { CompiledRules } from '../analyzer/rules';
import { MOOD_MAX, MOOD_MIN } from '../domain';
import { choose1, startActor } from '../scenario/engine';
import { enumeratePaths } from '../scenario/paths';
import type { PlayState } from '../scenario/semantics';
import { initialState } from '../scenario/semantics';
import type { CompiledScenario } from '../scenario/types';
import { bestScore } from './best';
import { respond } from './typed';

/** A reply longer than this is refused rather than read (a typed reply in play is at most 500). */
export const MAX_RESPOND_TEXT = 20_000;

type Answer = Record<string, unknown>;

/** Records the play state at each decision the first time these choices reach it. */
function walk(scenario: CompiledScenario, choices: readonly string[], into: Map<string, PlayState>) {
	const actor = startActor(scenario);
	try {
		for (let i = 0; i <= choices.length; i++) {
			const snap = actor.getSnapshot();
			if (snap.status === 'done') break;
			const id = String(snap.value);
			if (scenario.nodes[id]?.type === 'decision' && !into.has(id)) into.set(id, snap.context.play);
			if (i < choices.length) choose1(scenario, actor, choices[i], i);
		}
	} finally {
		actor.stop();
	}
}

/** For every decision: the play state on the best path, else on the first path that reaches it. */
function decisionStates(scenario: CompiledScenario): Map<string, PlayState> {
	const states = new Map<string, PlayState>();
	walk(scenario, bestScore(scenario).choices, states);
	const decisions = Object.values(scenario.nodes).filter((n) => n.type === 'decision').length;
	if (states.size < decisions)
		for (const p of enumeratePaths(scenario).paths) {
			walk(scenario, p.witness, states);
			if (states.size === decisions) break;
		}
	return states;
}

export function createResponder(scenarios: readonly CompiledScenario[], rules: CompiledRules): (line: string) => Answer {
	const byId = new Map(scenarios.map((s) => [s.meta.id, s]));
	// Worked out per scenario on the first line that needs it.
	const states = new Map<string, Map<string, PlayState>>();
	const defaultState = (s: CompiledScenario, decision: string): PlayState => {
		let per = states.get(s.meta.id);
		if (!per) states.set(s.meta.id, (per = decisionStates(s)));
		return per.get(decision) ?? initialState(s);
	};
	return (line: string): Answer => {
		let input: unknown;
		try {
			input = JSON.parse(line);
		} catch {
			return { id: null, error: 'not valid JSON' };
		}
		if (input === null || typeof input !== 'object' || Array.isArray(input))
			return { id: null, error: 'expected a JSON object {"id", "scenario", "decision", "text"}' };
		const { id = null, scenario, decision, text, mood } = input as Record<string, unknown>;
		const fail = (error: string) => ({ id, error });
		if (typeof scenario !== 'string') return fail('missing "scenario" (a scenario id)');
		const s = byId.get(scenario);
		if (!s) return fail(`unknown scenario "${scenario}"; known: ${[...byId.keys()].join(', ')}`);
		if (typeof decision !== 'string') return fail('missing "decision" (a decision node id)');
		const node = s.nodes[decision];
		if (node?.type !== 'decision') {
			const known = Object.values(s.nodes).filter((n) => n.type === 'decision').map((n) => n.id);
			return fail(`"${decision}" is not a decision of ${scenario}; decisions: ${known.join(', ')}`);
		}
		if (typeof text !== 'string') return fail('missing "text" (a string)');
		if (text.length > MAX_RESPOND_TEXT) return fail(`"text" is longer than ${MAX_RESPOND_TEXT} characters`);
		if (mood !== undefined && (typeof mood !== 'number' || !Number.isFinite(mood) || mood < MOOD_MIN || mood > MOOD_MAX))
			return fail(`"mood" must be a number from ${MOOD_MIN} to ${MOOD_MAX}`);
		const base = defaultState(s, decision);
		const st = mood === undefined ? base : { ...base, mood: Math.round(mood as number) };
		const r = respond(s, node, text, rules, st);
		return {
			id,
			understood: r.understood,
			reply: r.reply,
			moves: r.moves,
			flags: r.flags,
			evidence: r.evidence,
			mood_delta: r.moodDelta,
			customer: r.customer
		};
	};
}
