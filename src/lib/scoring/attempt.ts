// An attempt as the player records it: per turn, the authored reply picked or the words typed,
// and the time taken. The server resolves it into scoring input by replaying it: typed words are
// routed again with the same analyzer rules, so nothing the client says about routing is trusted.
import { z } from 'zod';
import type { CompiledRules } from '../analyzer';
import { routeTyped } from '../analyzer/route';
import { ChoiceError, choose1, startActor } from '../scenario/engine';
import type { CompiledScenario } from '../scenario/types';
import { MAX_CHOICES, MAX_TYPED_CHARS, REPLY_ID } from './attempt-params';
import type { ScoreInput, TypedTurn } from './score';

// Declared beside the other limits of a recorded attempt (browser code imports it without zod).
export { MAX_TYPED_CHARS };

const replyId = z.string().regex(REPLY_ID);
export const attemptTurnSchema = z
	.strictObject({
		reply: replyId.optional(),
		typed: z.string().trim().min(1).max(MAX_TYPED_CHARS).optional(),
		ms: z.number().int().min(0).max(3_600_000).nullable().optional()
	})
	.refine((t) => t.reply !== undefined || t.typed !== undefined, 'a turn needs a reply id or typed words');
export const attemptSchema = z.strictObject({ turns: z.array(attemptTurnSchema).max(MAX_CHOICES) });
export type AttemptTurn = z.infer<typeof attemptTurnSchema>;

export type ResolveError =
	| { kind: 'ended'; turn: number }
	| { kind: 'not-offered'; turn: number; reply: string }
	| { kind: 'unroutable'; turn: number }
	| { kind: 'mismatch'; turn: number; claimed: string; routed: string };

/**
 * Replays the turns, routing typed words to an authored reply. A typed turn may carry the reply the
 * client routed it to: it must agree with the server's routing.
 */
export function resolveAttempt(
	scenario: CompiledScenario,
	rules: CompiledRules,
	turns: readonly AttemptTurn[]
): { ok: true; input: ScoreInput } | { ok: false; error: ResolveError } {
	const actor = startActor(scenario);
	const choices: string[] = [];
	const typed: (TypedTurn | null)[] = [];
	try {
		for (const [i, turn] of turns.entries()) {
			const snap = actor.getSnapshot();
			if (snap.status === 'done') return { ok: false, error: { kind: 'ended', turn: i + 1 } };
			let reply = turn.reply;
			if (turn.typed !== undefined) {
				const node = scenario.nodes[String(snap.value)];
				const replies = node?.type === 'decision' ? node.replies : [];
				const routed = routeTyped(turn.typed, replies, rules);
				if (!routed.replyId) return { ok: false, error: { kind: 'unroutable', turn: i + 1 } };
				if (reply !== undefined && reply !== routed.replyId)
					return { ok: false, error: { kind: 'mismatch', turn: i + 1, claimed: reply, routed: routed.replyId } };
				reply = routed.replyId;
				typed.push({ text: turn.typed, moves: routed.analysis.moves, flags: routed.analysis.flags });
			} else typed.push(null);
			try {
				choose1(scenario, actor, reply!, i, turn.typed);
			} catch (e) {
				if (e instanceof ChoiceError) return { ok: false, error: { kind: 'not-offered', turn: i + 1, reply: reply! } };
				throw e;
			}
			choices.push(reply!);
		}
	} finally {
		actor.stop();
	}
	return { ok: true, input: { choices, typed, responseMs: turns.map((t) => t.ms ?? null) } };
}
