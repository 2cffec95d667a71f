// Which voice clips a phone scenario needs: every customer (and manager) line and each of its
// variants, every reply's `response`, at each mood stage at which play can actually show it, and
// every line of the effective reaction table at REACTION_STAGES, less the lines an author recorded
// (`audio:`). Browser-safe and pure: the generator (scripts/voices.ts), the checker and
// the bench read it; a player can too.
//
// Where the moods come from: every play state the engine can stand in is explored forward with the
// rules of play (semantics.ts), keyed on the node, the mood and what conditions read (graph.ts),
// so a line's words and its mood are those the player would show. Listing paths (paths.ts) is not
// enough: a path is a node sequence and keeps one witness, so two replies to the same place with
// different mood changes would leave one of the two moods unheard. Off-script typed replies are not
// explored (as in the path analysis): a mood they lead to may have no clip of its own, and a player
// can then fall back to the nearest planned stage of the same text.
// Past `maxStates` explored states the plan falls back, per line, to every stage between the
// lowest and highest mood that can reach it (conditions ignored, variants' mood tests applied).
import { clampMood, MOOD_STAGES, moodStage, stageFloor, type MoodStageId, type Speaker } from '../domain';
import { relevance } from '../scenario/graph';
import { applyReply, holds, initialState, routeTarget, type PlayState } from '../scenario/semantics';
import type { CompiledNode, CompiledScenario, Condition } from '../scenario/types';
import { clipName } from './clip-name';

/** Who is heard on a phone call; the narrator's words stay on the screen. */
export const VOICE_SPEAKERS = ['customer', 'manager'] as const satisfies readonly Speaker[];
export type VoiceSpeaker = (typeof VOICE_SPEAKERS)[number];
/** Play states explored before the plan falls back to mood ranges. */
export const PLAN_STATE_LIMIT = 200_000;

/** What a generator is asked to make: words and the mood stage that sets how they sound. */
export interface ClipSpec {
	text: string;
	stage: MoodStageId;
}

export interface PlannedClip extends ClipSpec {
	/**
	 * `<node>` for a line's own text, `<node>#<variant index>` (from 0) for a variant,
	 * `<decision>.<reply>` for a reply's `response` (what the customer says straight back).
	 */
	key: string;
	/** clipName(text, stage): the file is `static/audio/voices/<name>.webm` and `.mp3`. */
	name: string;
}

/** One text a caller can hear: a line's own text, one variant or a reply's response, with where it is heard. */
export interface VoiceLine {
	key: string;
	/** The line node, the decision of a response, or '' for a reaction line. */
	node: string;
	/** Index in the line's variants (or in a reaction key's lines), or null for its own text (and for a response). */
	variant: number | null;
	/** The reply whose `response` this is. */
	reply?: string;
	/** The reaction-table key (`lines:` of the effective table) this line is one of. */
	reaction?: string;
	speaker: VoiceSpeaker;
	text: string;
	/** An authored recording under static/audio/ (no clip is generated for it). */
	audio?: string;
	/** The stages at which play shows this text, calm first (empty: never shown). */
	stages: MoodStageId[];
}

export interface VoicePlan {
	/** Every text that needs a voice and can be heard, in file order. */
	lines: VoiceLine[];
	/** The generated clips those lines need (not for lines with `audio`). */
	clips: PlannedClip[];
	/** False when the exploration passed its limit and the stages are mood ranges. */
	exact: boolean;
}

export function isPhoneScenario(s: CompiledScenario): boolean {
	return s.meta.channel === 'phone';
}

type LineNode = Extract<CompiledNode, { type: 'line' }>;
const STAGE_ORDER = MOOD_STAGES.map((s) => s.id);
const byStage = (a: MoodStageId, b: MoodStageId) => STAGE_ORDER.indexOf(a) - STAGE_ORDER.indexOf(b);
const speaks = (n: CompiledNode): n is LineNode & { speaker: VoiceSpeaker } => n.type === 'line' && (VOICE_SPEAKERS as readonly string[]).includes(n.speaker);
const keyOf = (node: string, variant: number | null) => (variant === null ? node : `${node}#${variant}`);

export interface PlanOptions {
	/** Play states explored before falling back to mood ranges (PLAN_STATE_LIMIT). */
	maxStates?: number;
	/**
	 * The replies' `response` lines (the customer's answer straight back), heard at the mood the
	 * reply leaves (default true: a phone call speaks them).
	 */
	responses?: boolean;
	/**
	 * Every line of the scenario's effective reaction table (`reactions.lines`, every key: the
	 * answers to off-script typed replies, and any other key a caller can say), at REACTION_STAGES
	 * (default true). They can come at any mood: a player takes the nearest of those stages.
	 */
	reactions?: boolean;
}

/**
 * The stages a reaction-table line is voiced at: any mood is at most one stage from one of them, so
 * the nearest-stage fallback is never far off, at half the clips of all six.
 */
export const REACTION_STAGES: readonly MoodStageId[] = ['brewing', 'potential', 'escalated'];

/** The key of the n-th line of a reaction-table key: `reactions.<key>#<n>`. */
export const reactionLineKey = (key: string, n: number) => `reactions.${key}#${n}`;

export function voicePlan(scenario: CompiledScenario, opts: PlanOptions = {}): VoicePlan {
	const heard = reachedStages(scenario, opts.maxStates ?? PLAN_STATE_LIMIT) ?? rangeStages(scenario);
	const exact = heard.exact;
	const lines: VoiceLine[] = [];
	for (const node of Object.values(scenario.nodes)) {
		if (node.type === 'decision' && opts.responses !== false)
			for (const r of node.replies) {
				const key = `${node.id}.${r.id}`;
				const stages = [...(heard.stages.get(key) ?? [])].sort(byStage);
				if (r.response && stages.length) lines.push({ key, node: node.id, variant: null, reply: r.id, speaker: 'customer', text: r.response, stages });
			}
		if (!speaks(node)) continue;
		const texts: { variant: number | null; text: string; audio?: string }[] = [
			{ variant: null, text: node.text, audio: node.audio },
			...node.variants.map((v, i) => ({ variant: i, text: v.text, audio: v.audio }))
		];
		for (const t of texts) {
			const key = keyOf(node.id, t.variant);
			const stages = [...(heard.stages.get(key) ?? [])].sort(byStage);
			if (!stages.length) continue;
			lines.push({ key, node: node.id, variant: t.variant, speaker: node.speaker, text: t.text, ...(t.audio ? { audio: t.audio } : {}), stages });
		}
	}
	if (opts.reactions !== false)
		for (const [reaction, said] of Object.entries(scenario.reactions?.lines ?? {}))
			said.forEach((text, n) => lines.push({ key: reactionLineKey(reaction, n), node: '', variant: n, reaction, speaker: 'customer', text, stages: [...REACTION_STAGES] }));
	const clips = lines.filter((l) => !l.audio).flatMap((l) => l.stages.map((stage) => ({ key: l.key, text: l.text, stage, name: clipName(l.text, stage) })));
	return { lines, clips, exact };
}

/** The clips a scenario needs: voicePlan(scenario).clips. */
export function planClips(scenario: CompiledScenario, opts: PlanOptions = {}): PlannedClip[] {
	return voicePlan(scenario, opts).clips;
}

interface Heard {
	stages: Map<string, Set<MoodStageId>>;
	exact: boolean;
}

function note(stages: Map<string, Set<MoodStageId>>, key: string, stage: MoodStageId) {
	let s = stages.get(key);
	if (!s) stages.set(key, (s = new Set()));
	s.add(stage);
}

/** Every (node, state) play can reach, walked once each; null past maxStates. */
function reachedStages(scenario: CompiledScenario, maxStates: number): Heard | null {
	const rel = relevance(scenario);
	// A reply chosen twice (round a loop) is the same to every condition: keep it once, so loops end.
	const trim = (st: PlayState): PlayState => {
		const t = rel.trim(st);
		return { ...t, chosen: [...new Set(t.chosen)] };
	};
	const seen = new Set<string>();
	const stages = new Map<string, Set<MoodStageId>>();
	const queue: [string, PlayState][] = [];
	const visit = (id: string, st: PlayState) => {
		const k = `${id}\u0000${st.mood}\u0000${rel.key(st)}`;
		if (seen.has(k)) return true;
		if (seen.size >= maxStates) return false;
		seen.add(k);
		queue.push([id, st]);
		return true;
	};
	if (!visit(scenario.start, trim(initialState(scenario)))) return null;
	while (queue.length) {
		const [id, st] = queue.pop()!;
		const node = scenario.nodes[id];
		let ok = true;
		if (!node) continue;
		if (node.type === 'line') {
			if (speaks(node)) {
				const v = node.variants.findIndex((x) => holds(x.when, st));
				note(stages, keyOf(id, v < 0 ? null : v), moodStage(st.mood).id);
			}
			ok = visit(node.next, st);
		} else if (node.type === 'route') ok = visit(routeTarget(node, st), st);
		else if (node.type === 'decision')
			for (const r of node.replies) {
				const after = trim(applyReply(id, r, st));
				if (r.response) note(stages, `${id}.${r.id}`, moodStage(after.mood).id);
				ok = visit(r.next, after) && ok;
			}
		if (!ok) return null;
	}
	return { stages, exact: true };
}

/**
 * The fallback: the lowest and highest mood each node can be entered with (every reply taken,
 * conditions ignored, to a fixed point), then every stage in between; a variant keeps the stages
 * its own mood tests allow.
 */
function rangeStages(scenario: CompiledScenario): Heard {
	const range = new Map<string, [number, number]>();
	const work: string[] = [];
	const widen = (id: string, lo: number, hi: number) => {
		if (!scenario.nodes[id]) return;
		const r = range.get(id);
		if (r && r[0] <= lo && r[1] >= hi) return;
		range.set(id, r ? [Math.min(r[0], lo), Math.max(r[1], hi)] : [lo, hi]);
		work.push(id);
	};
	widen(scenario.start, scenario.moodStart, scenario.moodStart);
	while (work.length) {
		const id = work.pop()!;
		const [lo, hi] = range.get(id)!;
		const node = scenario.nodes[id];
		if (node.type === 'line') widen(node.next, lo, hi);
		else if (node.type === 'route') for (const next of [...node.routes.map((r) => r.next), node.otherwise]) widen(next, lo, hi);
		else if (node.type === 'decision') for (const r of node.replies) widen(r.next, clampMood(lo + r.mood), clampMood(hi + r.mood));
	}
	const stages = new Map<string, Set<MoodStageId>>();
	const between = (lo: number, hi: number) => STAGE_ORDER.filter((s, i) => stageFloor(s) <= hi && (i + 1 === STAGE_ORDER.length || stageFloor(STAGE_ORDER[i + 1]) > lo));
	for (const [id, [lo, hi]] of range) {
		const node = scenario.nodes[id];
		if (node.type === 'decision')
			for (const r of node.replies) if (r.response) for (const s of between(clampMood(lo + r.mood), clampMood(hi + r.mood))) note(stages, `${id}.${r.id}`, s);
		if (!speaks(node)) continue;
		const stagesHere = between(lo, hi);
		for (const s of stagesHere) note(stages, id, s);
		node.variants.forEach((v, i) => {
			for (const s of stagesHere) if (allows(v.when, s, lo, hi)) note(stages, keyOf(id, i), s);
		});
	}
	return { stages, exact: false };
}

/** Whether a condition's mood tests leave some mood in [lo, hi] within the stage. */
function allows(c: Condition, stage: MoodStageId, lo: number, hi: number): boolean {
	const i = STAGE_ORDER.indexOf(stage);
	const from = Math.max(lo, stageFloor(stage), c.moodAtLeast ?? -Infinity);
	const below = Math.min(hi + 1, i + 1 < STAGE_ORDER.length ? stageFloor(STAGE_ORDER[i + 1]) : Infinity, c.moodBelow ?? Infinity);
	return Math.ceil(from) < below;
}
