// An attempt as the player records it: per turn, the authored reply picked or the words typed,
// and the time taken. The server resolves it into scoring input by replaying it: typed words are
// read again with the same analyzer rules (matched, off script or unclear), so nothing the client
// says about routing is trusted.
import { z } from 'zod';
import type { CompiledRules } from '../analyzer';
import { routeTyped, type RouteCandidate, type RouteResult } from '../analyzer/route';
import { ChoiceError, play1, startActor, type ScenarioSnapshot } from '../scenario/engine';
import { MAX_PRESSURE_MS } from '../scenario/pressure';
import type { CompiledScenario } from '../scenario/types';
import { cleanTyped, MAX_CHOICES, MAX_TYPED_CHARS, REPLY_ID, turnPressure } from './attempt-params';
import type { ScoreInput, TypedTurn } from './score';
import { decisionAt, typedTurn } from './typed';

// Declared beside the other limits of a recorded attempt (browser code imports it without zod).
export { MAX_TYPED_CHARS };

const replyId = z.string().regex(REPLY_ID);
export const attemptTurnSchema = z
	.strictObject({
		reply: replyId.optional(),
		typed: z.string().transform(cleanTyped).pipe(z.string().trim().min(1).max(MAX_TYPED_CHARS)).optional(),
		ms: z.number().int().min(0).max(MAX_PRESSURE_MS).nullable().optional(),
		/** Answered on a live call with the response timer running: `ms` is the silence before it (不要让我等). */
		timed: z.literal(true).optional(),
		/** Before answering, the trainee put the caller on hold (迂回暂缓): asked first or not, for how long. */
		hold: z.strictObject({ asked: z.boolean(), ms: z.number().int().min(0).max(MAX_PRESSURE_MS) }).optional()
	})
	.refine((t) => t.reply !== undefined || t.typed !== undefined, 'a turn needs a reply id or typed words')
	.refine((t) => !t.timed || (t.ms !== undefined && t.ms !== null), 'a timed turn needs its response time (ms)');
export const attemptSchema = z.strictObject({ turns: z.array(attemptTurnSchema).max(MAX_CHOICES) });
export type AttemptTurn = z.infer<typeof attemptTurnSchema>;

export type ResolveError =
	| { kind: 'ended'; turn: number }
	| { kind: 'not-offered'; turn: number; reply: string }
	| { kind: 'mismatch'; turn: number; claimed: string; routed: string | null }
	| { kind: 'no-hold'; turn: number };

/**
 * How typed words are read at a decision (node: its id in the scenario, null when the attempt is
 * not at one). The default reads them with routeTyped; the server passes a memo (typed-readings.ts)
 * so that replaying an attempt does not read every earlier typed turn again. Must give what
 * routeTyped gives for the same words, decision and rules.
 */
export type TypedReader = (text: string, node: string | null, replies: readonly RouteCandidate[]) => RouteResult;

/**
 * Replays the turns, reading typed words at their decision. A typed turn may carry the reply the
 * client matched it to: it must agree with the server's reading.
 */
export function resolveAttempt(
	scenario: CompiledScenario,
	rules: CompiledRules,
	turns: readonly AttemptTurn[],
	read: TypedReader = (text, _node, replies) => routeTyped(text, replies as RouteCandidate[], rules)
): { ok: true; input: ScoreInput } | { ok: false; error: ResolveError } {
	const actor = startActor(scenario);
	const choices: (string | null)[] = [];
	const typed: (TypedTurn | null)[] = [];
	const pressure = turns.map(turnPressure);
	let replayed: ScenarioSnapshot;
	try {
		for (const [i, turn] of turns.entries()) {
			const snap = actor.getSnapshot();
			if (snap.status === 'done') return { ok: false, error: { kind: 'ended', turn: i + 1 } };
			let reply: string | null = turn.reply ?? null;
			let words: TypedTurn | null = null;
			if (turn.typed !== undefined) {
				const decision = decisionAt(scenario, actor);
				const reading = read(turn.typed, decision ? String(snap.value) : null, decision?.replies ?? []);
				if (turn.reply !== undefined && turn.reply !== reading.replyId)
					return { ok: false, error: { kind: 'mismatch', turn: i + 1, claimed: turn.reply, routed: reading.replyId } };
				reply = reading.replyId;
				words = typedTurn(turn.typed, reading);
			}
			if (turn.hold && !decisionAt(scenario, actor)?.hold) return { ok: false, error: { kind: 'no-hold', turn: i + 1 } };
			try {
				play1(scenario, actor, reply, words, i, pressure[i]);
			} catch (e) {
				if (e instanceof ChoiceError) return { ok: false, error: { kind: 'not-offered', turn: i + 1, reply: reply ?? '' } };
				throw e;
			}
			choices.push(reply);
			typed.push(words);
		}
		replayed = actor.getSnapshot();
	} finally {
		actor.stop();
	}
	// The snapshot goes with the input: scoring reads it instead of replaying the attempt again.
	return { ok: true, input: { choices, typed, responseMs: turns.map((t) => t.ms ?? null), pressure, replayed } };
}
