// Typed replies in play: one code path for the player, the server's replay, the debrief, /coach
// and `npm run respond`. The analyzer reads the words at the decision (matched, off script or
// unclear, see analyzer/route.ts); the engine then follows the matched reply or lets the customer
// react through the scenario's reaction table. Browser-safe: no zod, no parser.
import type { Actor } from 'xstate';
import type { Code, FlagCode, MoveCode } from '../domain';
import { routeTyped, type RouteResult } from '../analyzer/route';
import type { CompiledRules } from '../analyzer/rules';
import { choose1, offScript1, type ScenarioMachine } from '../scenario/engine';
import { LEGACY_REACTIONS, offScriptEffect, typedReaction, type ReactionKey } from '../scenario/reactions';
import { applyOffScript, applyReply, lineText, routeTarget, type PlayState } from '../scenario/semantics';
import type { CompiledNode, CompiledScenario, Reply } from '../scenario/types';
import { bestReply, type TypedTurn } from './score';

type Decision = Extract<CompiledNode, { type: 'decision' }>;

/** The decision the actor stands at, or null. */
export function decisionAt(scenario: CompiledScenario, actor: Actor<ScenarioMachine>): Decision | null {
	const snap = actor.getSnapshot();
	const node = scenario.nodes[String(snap.value)];
	return snap.status !== 'done' && node?.type === 'decision' ? node : null;
}

/** What a typed turn records for scoring: the words, what was found in them, and how they were read. */
export function typedTurn(text: string, read: RouteResult): TypedTurn {
	const { moves, flags, evidence } = read.analysis;
	return { text, moves, flags, evidence, reading: read.reason };
}

/**
 * Reads typed words where the actor stands and plays them: the matched reply, or the customer's
 * reaction to off-script words. Throws ChoiceError when the actor is not at a decision.
 */
export function playTyped(scenario: CompiledScenario, actor: Actor<ScenarioMachine>, text: string, rules: CompiledRules, index = 0): RouteResult {
	const decision = decisionAt(scenario, actor);
	const read = routeTyped(text, decision?.replies ?? [], rules);
	if (read.replyId) choose1(scenario, actor, read.replyId, index, text);
	else offScript1(scenario, actor, { text, moves: read.analysis.moves, flags: read.analysis.flags }, index);
	return read;
}

// ---------------------------------------------------------------------------------------------
// Feedback on what was written

export interface TypedFinding {
	code: Code;
	kind: 'move' | 'flag';
	/** The trainee's own words behind the finding. */
	quotes: string[];
}

export interface TypedFeedback {
	reading: RouteResult['reason'];
	/** Flags first: what to fix comes before what went well. */
	findings: TypedFinding[];
	/** The best authored reply at this decision, as a model. */
	model: Reply | null;
}

type Found = { moves: readonly MoveCode[]; flags: readonly FlagCode[]; evidence: Partial<Record<Code, string[]>> };

/** Each code found, with the trainee's words behind it; flags first. */
export function findingsOf(found: Found): TypedFinding[] {
	return [
		...found.flags.map((code) => ({ code, kind: 'flag' as const, quotes: found.evidence[code] ?? [] })),
		...found.moves.map((code) => ({ code, kind: 'move' as const, quotes: found.evidence[code] ?? [] }))
	];
}

/** Feedback built only from what the analyzer found in the words, plus the best authored reply as a model. */
export function typedFeedback(
	found: Found,
	reading: RouteResult['reason'],
	decision: Decision
): TypedFeedback {
	return { reading, findings: findingsOf(found), model: bestReply(decision) };
}

// ---------------------------------------------------------------------------------------------
// One reply, one reaction: what `npm run respond` answers

export interface Response {
	understood: boolean;
	/** The matched authored reply, or null (off script or unclear). */
	reply: string | null;
	moves: MoveCode[];
	flags: FlagCode[];
	evidence: Partial<Record<Code, string[]>>;
	moodDelta: number;
	/** What the customer says before the trainee's next turn (their reply, reaction and lines). */
	customer: string;
	reaction: ReactionKey | null;
}

/**
 * Follows the story from a node through lines and routes to the next decision or ending: what the
 * customer says on the way, and the narration (what they do without a word).
 */
function storyFrom(scenario: CompiledScenario, from: string, st: PlayState): { said: string[]; narrated: string[] } {
	const said: string[] = [];
	const narrated: string[] = [];
	let id: string | undefined = from;
	for (let guard = 0; id && guard < 200; guard++) {
		const node: CompiledNode | undefined = scenario.nodes[id];
		if (!node || node.type === 'decision' || node.type === 'ending') break;
		if (node.type === 'line') {
			if (node.speaker === 'customer') said.push(lineText(node, st));
			else if (node.speaker === 'narrator') narrated.push(lineText(node, st));
			id = node.next;
		} else id = routeTarget(node, st);
	}
	return { said, narrated };
}

/** How the customer responds to typed words at a decision, from a given play state (the first off-script turn there). */
export function respond(scenario: CompiledScenario, decision: Decision, text: string, rules: CompiledRules, st: PlayState): Response {
	const read = routeTyped(text, decision.replies, rules);
	const { moves, flags, evidence } = read.analysis;
	const base = { understood: read.reason !== 'unclear', reply: read.replyId, moves, flags, evidence };
	const table = scenario.reactions ?? LEGACY_REACTIONS;
	if (read.replyId) {
		const r = decision.replies.find((x) => x.id === read.replyId)!;
		const after = applyReply(decision.id, r, st);
		const story = storyFrom(scenario, r.next, after);
		let said = [...(r.response ? [r.response] : []), ...story.said];
		// The customer never says nothing: with only narration before the next turn, what they do is
		// told (in brackets); with nothing at all, they react to the reply's own codes.
		if (!said.length && story.narrated.length) said = [`（${story.narrated.join(' ')}）`];
		if (!said.length) {
			const codes = { moves: Object.keys(r.moves) as MoveCode[], flags: Object.keys(r.flags) as FlagCode[] };
			said = [offScriptEffect(table, codes, { calmAllowed: true, text, heard: true }).line];
		}
		return { ...base, moodDelta: after.mood - st.mood, customer: said.join(' '), reaction: null };
	}
	const heard = read.reason !== 'unclear';
	const effect = typedReaction(table, read.analysis, text, heard, decision.replies);
	// The engine's off-script turn, from this state.
	const after = applyOffScript(st, effect.moodDelta, read.analysis);
	const leaves = decision.offScript && heard;
	const said = [effect.line, ...(leaves ? storyFrom(scenario, decision.offScript!, after).said : [])];
	return { ...base, moodDelta: after.mood - st.mood, customer: said.join(' '), reaction: effect.dominant };
}
