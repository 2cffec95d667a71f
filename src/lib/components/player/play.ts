// What the play page and its player share (server and browser): where data comes from, how a
// typed reply was read, and the turns an attempt resumes with. Types only: a shared runtime module
// would be one more file in the player's first load.
import type { FlagCode, MoveCode } from '$lib/domain';
import type { ScenarioMachine } from '$lib/scenario/engine';
import type { CompiledNode, CompiledScenario } from '$lib/scenario/types';
import type { Actor } from 'xstate';
import type { CallPart } from '$lib/scoring/attempt-params';
import type { TypedFeedback } from '$lib/scoring/typed';

/** A cacheable file to fetch, or (an attempt on an older version) the data itself. */
export type Source<T> = { url: string } | { inline: T };

/** How typed words were read: what the engine needs to play them. */
export interface Reading {
	/** The authored reply they match, or null (off script or unclear). */
	replyId: string | null;
	moves: readonly MoveCode[];
	flags: readonly FlagCode[];
}

/** Practice adds feedback on the words; an assessment's reading never carries any. */
export type Reader = (decision: Decision, text: string) => Promise<Reading & { feedback?: TypedFeedback }>;

/** A saved turn: typed turns of an assessment come with the server's reading. */
export type ResumeTurn = ({ reply: string; ms: number | null } | { typed: string; ms: number | null; read?: Reading }) & CallPart;

export type Decision = Extract<CompiledNode, { type: 'decision' }>;

/** The data a source names: given inline, or fetched. */
export async function fetchSource<T>(src: Source<T>): Promise<T> {
	if ('inline' in src) return src.inline;
	const res = await fetch(src.url);
	if (!res.ok) throw new Error(`${src.url}: ${res.status}`);
	return (await res.json()) as T;
}

/** The decision the actor stands at, or null (not at a decision, or the conversation is over). */
export function decisionHere(s: CompiledScenario, a: Actor<ScenarioMachine>): Decision | null {
	const snap = a.getSnapshot();
	const node = s.nodes[String(snap.value)];
	return snap.status !== 'done' && node?.type === 'decision' ? node : null;
}
