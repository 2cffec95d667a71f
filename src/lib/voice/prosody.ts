// How the customer sounds at each mood stage: espeak-ng's prosody, from calm (潜在不满: slower,
// lower, softer, with pauses between words) to shouting (投诉升级: fast, high, loud, no pauses).
// Every value rises (the gap falls) stage by stage. Pure and browser-safe: the generator
// (scripts/voices.ts) reads it, and so can a player that speaks with the browser's own voice.
import { MOOD_STAGES, type MoodStageId } from '../domain';

export interface Prosody {
	/** Words per minute (espeak-ng `-s`, 80–450). */
	rate: number;
	/** Base pitch (espeak-ng `-p`, 0–99). */
	pitch: number;
	/** Volume (espeak-ng `-a`, 0–200). */
	amplitude: number;
	/** Pause between words in units of 10 ms (espeak-ng `-g`, 0 or more). */
	gap: number;
}

/** espeak-ng's accepted ranges (its own `--help`); a test holds the table to them. */
export const ESPEAK_RANGES = {
	rate: [80, 450],
	pitch: [0, 99],
	amplitude: [0, 200],
	gap: [0, 100]
} as const satisfies Record<keyof Prosody, readonly [number, number]>;

/** One row per stage, in MOOD_STAGES order. */
export const PROSODY: Readonly<Record<MoodStageId, Prosody>> = {
	latent: { rate: 150, pitch: 38, amplitude: 70, gap: 3 },
	brewing: { rate: 162, pitch: 44, amplitude: 85, gap: 2 },
	voiced: { rate: 175, pitch: 50, amplitude: 100, gap: 2 },
	potential: { rate: 190, pitch: 57, amplitude: 120, gap: 1 },
	complaint: { rate: 205, pitch: 65, amplitude: 145, gap: 1 },
	escalated: { rate: 225, pitch: 74, amplitude: 170, gap: 0 }
};

export function prosody(stage: MoodStageId): Prosody {
	const p = PROSODY[stage];
	if (!p) throw new Error(`no prosody for mood stage "${stage}"; expected one of ${MOOD_STAGES.map((s) => s.id).join(', ')}`);
	return p;
}

/** The espeak-ng options for a stage: `-s rate -p pitch -a amplitude -g gap`. */
export function espeakArgs(stage: MoodStageId): string[] {
	const p = prosody(stage);
	return ['-s', String(p.rate), '-p', String(p.pitch), '-a', String(p.amplitude), '-g', String(p.gap)];
}
