// Answering by voice (issue 12, optional): where the browser offers speech recognition (the Web
// Speech API, SpeechRecognition or Chrome's webkitSpeechRecognition), the trainee may speak a reply
// into the typed-reply box. Off until the trainee turns it on (the browser's recogniser may send
// the audio to its vendor); the choice is remembered. Framework-free.

/** The part of the Web Speech API's recogniser this uses. */
export interface Recogniser {
	lang: string;
	interimResults: boolean;
	continuous: boolean;
	onresult: ((e: RecognitionEvent) => void) | null;
	onerror: ((e: { error: string }) => void) | null;
	onend: (() => void) | null;
	start(): void;
	stop(): void;
	abort(): void;
}
export interface RecognitionEvent {
	resultIndex: number;
	results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}

export const SPEECH_INPUT_KEY = 'coach.voice.speechInput';

/** The browser's recogniser class, or null where there is none. */
export function recogniserClass(w: object = globalThis): (new () => Recogniser) | null {
	const g = w as { SpeechRecognition?: new () => Recogniser; webkitSpeechRecognition?: new () => Recogniser };
	return g.SpeechRecognition ?? g.webkitSpeechRecognition ?? null;
}

/** All that was recognised so far in one session: final words, then the guess for what is being said. */
export function heardSoFar(e: RecognitionEvent): string {
	let out = '';
	for (let i = 0; i < e.results.length; i++) out += e.results[i][0]?.transcript ?? '';
	return out.trim();
}

/** The box's words with the spoken ones after them (no space between Chinese characters). */
export function joinSpoken(before: string, spoken: string): string {
	if (!before.trim()) return spoken;
	const gap = /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(spoken) ? ' ' : '';
	return before.replace(/\s+$/, '') + gap + spoken;
}
