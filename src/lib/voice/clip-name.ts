// Where a generated voice clip lives: named by a hash of what is said, how (the mood stage, which
// sets rate, pitch and volume) and by which engine version, so a changed line or prosody is a new
// file and an unchanged one is never generated twice (issue 12). Browser-safe.
import type { MoodStageId } from '../domain';
import { sha256Hex } from '../sha256';

/** Bump when the generator's voice or encoding changes: every clip is made again. */
export const VOICE_ENGINE = 'espeak-ng-cmn-1';
export const VOICE_DIR = 'static/audio/voices';
export const VOICE_URL = '/audio/voices';
/** Formats in the order a player should try them (Opus in WebM, then MP3 for browsers without it). */
export const VOICE_FORMATS = ['webm', 'mp3'] as const;

export function clipName(text: string, stage: MoodStageId): string {
	return sha256Hex(`${VOICE_ENGINE}\n${stage}\n${text}`).slice(0, 16);
}

/** The URLs of a clip, one per format. */
export function clipUrls(text: string, stage: MoodStageId): string[] {
	const name = clipName(text, stage);
	return VOICE_FORMATS.map((f) => `${VOICE_URL}/${name}.${f}`);
}
