// The sound of a phone call (issue 12), browser only: every clip, recording and call tone is played
// by Howler over Web Audio (html5: false, so each file is fetched by XHR, which the service worker
// sees and keeps for offline calls); lines without a clip can be read by the browser's own zh-CN
// voice (speechSynthesis) when the trainee allows it. This module is loaded only when a call is
// answered (dynamic import): /play's first load never carries Howler.
import { Howl, Howler } from 'howler';
import type { MoodStageId } from '../domain';
import { prosody } from './prosody';
import type { VoiceSource } from './clip-lookup';

/** The call's own sounds, made by scripts/call-tones.ts into static/audio/call/. */
export const TONES = ['ring', 'pickup', 'hangup', 'hold'] as const;
export type Tone = (typeof TONES)[number];
export const toneSource = (tone: Tone): VoiceSource => ({ kind: 'recording', id: `call/${tone}`, urls: [`/audio/call/${tone}.webm`, `/audio/call/${tone}.mp3`] });

/** Howls kept decoded for replay and quick repeats; older ones are unloaded. */
const KEEP = 12;

export class CallAudio {
	private howls = new Map<string, Howl>();
	private loops = new Map<Tone, { howl: Howl; id: number }>();
	private fetched = new Set<string>();
	rate = 1;

	private howl(src: VoiceSource): Howl {
		let h = this.howls.get(src.id);
		if (h) {
			this.howls.delete(src.id);
			this.howls.set(src.id, h);
			return h;
		}
		h = new Howl({ src: src.urls, html5: false, preload: true });
		this.howls.set(src.id, h);
		for (const [id, old] of this.howls) {
			if (this.howls.size <= KEEP) break;
			old.unload();
			this.howls.delete(id);
		}
		return h;
	}

	/** Plays a source to its end; resolves then or when `signal` aborts (stopping it); rejects when it cannot load or play. */
	play(src: VoiceSource, signal?: AbortSignal): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			if (signal?.aborted) return resolve();
			const h = this.howl(src);
			const fail = (_: number, e: unknown) => {
				this.howls.delete(src.id);
				h.unload();
				reject(new Error(`cannot play ${src.id}: ${String(e)}`));
			};
			if (h.state() !== 'loaded') h.once('loaderror', fail);
			const id = h.play();
			h.rate(this.rate, id);
			h.once('playerror', fail, id);
			h.once('end', () => resolve(), id);
			signal?.addEventListener('abort', () => {
				h.stop(id);
				resolve();
			});
		});
	}

	/** A tone played over and over (ringing, hold music) until stopped. */
	loop(tone: Tone): void {
		if (this.loops.has(tone)) return;
		const howl = new Howl({ src: toneSource(tone).urls, html5: false, loop: true, volume: tone === 'hold' ? 0.5 : 1 });
		this.loops.set(tone, { howl, id: howl.play() });
	}

	stopLoop(tone: Tone): void {
		const l = this.loops.get(tone);
		if (!l) return;
		l.howl.unload();
		this.loops.delete(tone);
	}

	/** Changes the speed of what is playing too. */
	setRate(rate: number): void {
		this.rate = rate;
		for (const h of this.howls.values()) h.rate(rate);
	}

	setVolume(v: number): void {
		Howler.volume(v);
	}

	setMuted(m: boolean): void {
		Howler.mute(m);
		if (typeof speechSynthesis !== 'undefined' && m) speechSynthesis.cancel();
	}

	/** Fetches sources ahead (the format Howler would pick): the browser and the service worker keep them. */
	preload(sources: readonly VoiceSource[]): void {
		for (const s of sources) {
			if (this.fetched.has(s.id)) continue;
			this.fetched.add(s.id);
			const url = s.urls.find((u) => Howler.codecs(u.slice(u.lastIndexOf('.') + 1))) ?? s.urls[0];
			fetch(url)
				.then((r) => r.arrayBuffer())
				.catch(() => void this.fetched.delete(s.id));
		}
	}

	close(): void {
		for (const h of this.howls.values()) h.unload();
		for (const t of [...this.loops.keys()]) this.stopLoop(t);
		this.howls.clear();
		if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
	}
}

/** The browser's Mandarin (mainland) voice, if it has one. */
export function systemVoice(): SpeechSynthesisVoice | null {
	if (typeof speechSynthesis === 'undefined') return null;
	return speechSynthesis.getVoices().find((v) => /^(zh[-_]cn|cmn)/i.test(v.lang)) ?? null;
}

/** Reads words with the browser's voice at a mood stage's pace and loudness; resolves when done (or aborted). */
export function speakSystem(text: string, stage: MoodStageId, opts: { rate: number; volume: number; muted: boolean }, signal?: AbortSignal): Promise<void> {
	const voice = systemVoice();
	if (!voice || opts.muted) return Promise.reject(new Error('no system voice'));
	return new Promise((resolve, reject) => {
		const p = prosody(stage);
		const u = new SpeechSynthesisUtterance(text);
		u.voice = voice;
		u.lang = voice.lang;
		// espeak's 175 words a minute is the middle stage: the browser's 1.0.
		u.rate = Math.min(4, Math.max(0.5, (p.rate / 175) * opts.rate));
		u.pitch = Math.min(2, Math.max(0, p.pitch / 50));
		u.volume = Math.min(1, (p.amplitude / 200) * opts.volume * 1.5);
		u.onend = () => resolve();
		u.onerror = (e) => reject(new Error(e.error));
		signal?.addEventListener('abort', () => {
			speechSynthesis.cancel();
			resolve();
		});
		speechSynthesis.speak(u);
	});
}
