// What a phone call plays for a transcript entry (issue 12), in order: the line's authored recording
// (`audio:`), else the generated clip of its words at the mood stage of the entry's mood, else the
// clip of the same words at the nearest stage that was generated (off-script replies can lead to
// moods the plan never saw; reaction lines are made at REACTION_STAGES only), else nothing (the
// caller then uses the browser's own voice, or captions only). Pure and browser-safe: the index is
// built from the compiled scenario with the same plan `npm run voices` makes the clips from.
import { MOOD_STAGES, moodStage, type MoodStageId, type Speaker } from '../domain';
import type { CompiledScenario } from '../scenario/types';
import { clipName, VOICE_FORMATS, VOICE_URL } from './clip-name';
import { voicePlan, VOICE_SPEAKERS } from './clip-plan';

/** Where authored recordings are served from (static/audio/). */
export const AUDIO_URL = '/audio';

/** Something to play: a generated clip (`id` is its name) or a recording (`id` is its `audio:` path). */
export interface VoiceSource {
	kind: 'clip' | 'recording';
	id: string;
	/** URLs to try in order (a clip: Opus/WebM, then MP3). */
	urls: string[];
	/** The stage the clip was made at (a clip only). */
	stage?: MoodStageId;
}

/** The words a call can speak: a transcript entry's shape, as far as the voice needs it. */
export interface Spoken {
	kind: 'line' | 'reply' | 'response';
	node: string;
	text: string;
	mood: number;
	speaker?: Speaker;
}

export interface VoiceIndex {
	/** Per text, the stages its clips were made at (calm first). */
	stages: Map<string, MoodStageId[]>;
	/** `<node>\0<text>` → the recording's path under static/audio/. */
	recordings: Map<string, string>;
}

const ORDER = MOOD_STAGES.map((s) => s.id);

export function voiceIndex(scenario: CompiledScenario): VoiceIndex {
	const stages = new Map<string, Set<MoodStageId>>();
	const recordings = new Map<string, string>();
	for (const n of Object.values(scenario.nodes))
		if (n.type === 'line') for (const l of [n, ...n.variants]) if (l.audio) recordings.set(`${n.id}\u0000${l.text}`, l.audio);
	for (const c of voicePlan(scenario).clips) {
		let s = stages.get(c.text);
		if (!s) stages.set(c.text, (s = new Set()));
		s.add(c.stage);
	}
	return { stages: new Map([...stages].map(([k, v]) => [k, ORDER.filter((x) => v.has(x))])), recordings };
}

/** The stage among `have` nearest to `want`; a tie goes to the angrier one. Null when `have` is empty. */
export function nearestStage(want: MoodStageId, have: readonly MoodStageId[]): MoodStageId | null {
	const w = ORDER.indexOf(want);
	let best: MoodStageId | null = null;
	let gap = Infinity;
	for (const s of have) {
		const d = Math.abs(ORDER.indexOf(s) - w);
		if (d < gap || (d === gap && best !== null && ORDER.indexOf(s) > ORDER.indexOf(best))) [best, gap] = [s, d];
	}
	return best;
}

export const clipSource = (text: string, stage: MoodStageId): VoiceSource => {
	const id = clipName(text, stage);
	return { kind: 'clip', id, stage, urls: VOICE_FORMATS.map((f) => `${VOICE_URL}/${id}.${f}`) };
};

/** Whether a call speaks this entry: the customer's and manager's words (never the trainee's or the narrator's). */
export function isHeard(e: Spoken): boolean {
	if (e.kind === 'reply') return false;
	return e.kind === 'response' || (VOICE_SPEAKERS as readonly string[]).includes(e.speaker ?? 'customer');
}

/** What to play for an entry, or null (not heard, or no recording and no clip of these words). */
export function voiceSource(index: VoiceIndex, e: Spoken): VoiceSource | null {
	if (!isHeard(e)) return null;
	const audio = e.kind === 'line' ? index.recordings.get(`${e.node}\u0000${e.text}`) : undefined;
	if (audio) return { kind: 'recording', id: audio, urls: [`${AUDIO_URL}/${audio}`] };
	const stage = nearestStage(moodStage(e.mood).id, index.stages.get(e.text) ?? []);
	return stage ? clipSource(e.text, stage) : null;
}
