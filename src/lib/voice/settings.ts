// The call's controls as the trainee left them (issue 12): volume, mute, speed and whether lines
// without a clip are read by the browser's voice, kept in localStorage. Framework-free.

export interface CallSettings {
	/** 0–100. */
	volume: number;
	muted: boolean;
	/** Playback speed, one of RATES. */
	rate: number;
	/** Lines without a clip or recording are read by the browser's zh-CN voice (off by default). */
	systemVoice: boolean;
}

export const RATES = [0.75, 1, 1.25, 1.5, 2] as const;
export const DEFAULT_SETTINGS: CallSettings = { volume: 80, muted: false, rate: 1, systemVoice: false };
export const SETTINGS_KEY = 'coach.voice.settings';

/** The stored settings, each field checked (anything odd falls back to its default). */
export function readSettings(raw: string | null): CallSettings {
	let v: Partial<Record<keyof CallSettings, unknown>> = {};
	try {
		v = (raw && JSON.parse(raw)) || {};
	} catch {
		/* not JSON: defaults */
	}
	const d = DEFAULT_SETTINGS;
	return {
		volume: typeof v.volume === 'number' && v.volume >= 0 && v.volume <= 100 ? Math.round(v.volume) : d.volume,
		muted: typeof v.muted === 'boolean' ? v.muted : d.muted,
		rate: (RATES as readonly unknown[]).includes(v.rate) ? (v.rate as number) : d.rate,
		systemVoice: typeof v.systemVoice === 'boolean' ? v.systemVoice : d.systemVoice
	};
}

/** The next speed up (+1) or down (−1), staying within RATES. */
export function stepRate(rate: number, dir: 1 | -1): number {
	const i = RATES.indexOf(rate as (typeof RATES)[number]);
	const at = i < 0 ? RATES.indexOf(1) : i;
	return RATES[Math.max(0, Math.min(RATES.length - 1, at + dir))];
}

/** What a key pressed during a call does (none for keys the player or a text field owns). */
export type CallKey = 'replay' | 'skip' | 'mute' | 'slower' | 'faster';
export function callKey(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; isComposing?: boolean }): CallKey | null {
	if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return null;
	switch (e.key) {
		case 'r':
		case 'R':
			return 'replay';
		case 's':
		case 'S':
			return 'skip';
		case 'm':
		case 'M':
			return 'mute';
		case '<':
		case ',':
		case '，':
			return 'slower';
		case '>':
		case '.':
		case '。':
			return 'faster';
		default:
			return null;
	}
}
