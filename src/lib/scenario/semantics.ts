// The rules of play as pure functions: the XState machine, replay and the path analysis all use
// these, so the checker's figures and the player can never disagree.
import { clampMood, MOOD_MAX, type FlagCode, type MoveCode } from '../domain';
import type { CompiledNode, CompiledScenario, Condition, Reply } from './types';

/** What conditions can see of the past. */
export interface PlayState {
	mood: number;
	/** "<decision>.<reply>" of every reply chosen so far. */
	chosen: string[];
	flagged: FlagCode[];
	moved: MoveCode[];
	/**
	 * The last reply (or off-script words) came while the customer was already at the top of the
	 * scale and did not calm them (over-the-top.ts: they leave). Absent: false.
	 */
	top?: true;
}

/** A reply at mood 100 that does not bring the mood down is a mistake past the top. */
const pastTop = (before: number, delta: number) => (before >= MOOD_MAX && delta >= 0 ? { top: true as const } : {});

export function initialState(s: CompiledScenario): PlayState {
	return { mood: s.moodStart, chosen: [], flagged: [], moved: [] };
}

export function holds(c: Condition, st: PlayState): boolean {
	if (c.moodAtLeast !== undefined && !(st.mood >= c.moodAtLeast)) return false;
	if (c.moodBelow !== undefined && !(st.mood < c.moodBelow)) return false;
	if (c.chose && !c.chose.some((r) => st.chosen.includes(r))) return false;
	if (c.notChose && c.notChose.some((r) => st.chosen.includes(r))) return false;
	if (c.flagged && !c.flagged.some((f) => st.flagged.includes(f))) return false;
	if (c.moved && !c.moved.some((m) => st.moved.includes(m))) return false;
	if (c.overTop !== undefined && !!st.top !== c.overTop) return false;
	return true;
}

const union = <T>(a: readonly T[], b: readonly T[]) => [...a, ...b.filter((x) => !a.includes(x))];

/** Off-script words: the mood moves by the reaction, what was said joins the history; no reply is chosen. */
export function applyOffScript(st: PlayState, moodDelta: number, said: { moves: readonly MoveCode[]; flags: readonly FlagCode[] }): PlayState {
	return { mood: clampMood(st.mood + moodDelta), chosen: st.chosen, flagged: union(st.flagged, said.flags), moved: union(st.moved, said.moves), ...pastTop(st.mood, moodDelta) };
}

export function applyReply(decisionId: string, r: Reply, st: PlayState): PlayState {
	return {
		mood: clampMood(st.mood + r.mood),
		chosen: [...st.chosen, `${decisionId}.${r.id}`],
		flagged: union(st.flagged, Object.keys(r.flags) as FlagCode[]),
		moved: union(st.moved, Object.keys(r.moves) as MoveCode[]),
		...pastTop(st.mood, r.mood)
	};
}

export function routeTarget(node: Extract<CompiledNode, { type: 'route' }>, st: PlayState): string {
	return node.routes.find((r) => holds(r.when, st))?.next ?? node.otherwise;
}

export function lineText(node: Extract<CompiledNode, { type: 'line' }>, st: PlayState): string {
	return node.variants.find((v) => holds(v.when, st))?.text ?? node.text;
}
