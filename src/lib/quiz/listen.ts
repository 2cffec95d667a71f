// 听声辨情: listen questions play a clip and ask for the customer's mood stage, emotion or real
// need (docs/quiz-format.md). What is shared by the compiler, the view, grading and the clip
// generator. Browser-safe: no node APIs.
import { MOOD_STAGES, type MoodStageId } from '../domain';
import { clipUrls } from '../voice/clip-name';
import type { Choice, CompiledQuiz, ListenClip } from './types';

/** Where authored recordings are served from (static/audio/ in the repository). */
export const AUDIO_URL = '/audio';

/** The six stages as options, in order, the clip's stage the right one (ask: stage with no options written). */
export function stageOptions(right: MoodStageId): Choice[] {
	return MOOD_STAGES.map((s) => ({ text: s.name, correct: s.id === right }));
}

/** The URLs a player tries for a clip, in order: a generated clip's webm then mp3, or the authored file. */
export function clipSources(clip: ListenClip): string[] {
	return 'say' in clip ? clipUrls(clip.say.text, clip.say.stage) : [`${AUDIO_URL}/${clip.audio}`];
}

/** What the clip says, shown after answering: a generated clip's words, a recording's transcript when written. */
export function clipTranscript(clip: ListenClip): string | undefined {
	return 'say' in clip ? clip.say.text : clip.transcript;
}

/**
 * The generated clips a quiz needs, once each: `{ text, stage }` for every listen question with
 * `say:` (authored recordings are left out). The clip generator makes one file per spec, named by
 * clipName(text, stage).
 */
export function listenClipSpecs(quiz: Pick<CompiledQuiz, 'questions'>): { text: string; stage: MoodStageId }[] {
	const seen = new Set<string>();
	const out: { text: string; stage: MoodStageId }[] = [];
	for (const q of quiz.questions) {
		if (q.type !== 'listen' || !('say' in q.clip)) continue;
		const { text, stage } = q.clip.say;
		const key = `${stage}\n${text}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ text, stage });
	}
	return out;
}
