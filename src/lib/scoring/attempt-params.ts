// The debrief URL carries an attempt as its choices and response times. Parsed strictly here, at
// the boundary, before anything is replayed. Also what browser and server share about a recorded
// turn without zod: its limits, and its live-call part.
import type { TurnPressure } from '../scenario/engine';

export interface AttemptParams {
	choices: string[];
	responseMs: (number | null)[];
}

export const MAX_CHOICES = 500;
/** The longest typed reply (characters); also the schema's check in the database. */
export const MAX_TYPED_CHARS = 500;
/** Typed words as they are read and stored: the shared cleanText (src/lib/text.ts). */
export { cleanText as cleanTyped } from '../text';

/** A live call's part of a recorded turn (不要让我等, 迂回暂缓): its silence was timed, and a hold before it. */
export interface CallPart {
	timed?: true;
	hold?: { asked: boolean; ms: number };
}

/** The call fields a turn or an event carries, only those set (a turn off a call has none). */
export const callPart = (e: { timed?: boolean | null; hold?: CallPart['hold'] | null }): CallPart => ({
	...(e.timed ? { timed: true as const } : {}),
	...(e.hold ? { hold: e.hold } : {})
});

/** What the engine replays before a turn's reply (engine.TurnPressure), from the turn's call part; null off a call. */
export const turnPressure = (t: CallPart & { ms?: number | null }): TurnPressure | null =>
	t.timed || t.hold ? { timedMs: t.timed ? (t.ms ?? 0) : null, hold: t.hold ?? null } : null;

/** An authored reply id as it may appear in a recorded attempt. */
export const REPLY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function encodeAttempt(a: AttemptParams): string {
	const p = new URLSearchParams();
	p.set('c', a.choices.join(','));
	if (a.responseMs.length) p.set('ms', a.responseMs.map((m) => (m === null ? '' : String(Math.round(m)))).join(','));
	return p.toString();
}

export function parseAttempt(params: URLSearchParams): { ok: true; attempt: AttemptParams } | { ok: false; error: string } {
	const c = params.get('c');
	if (!c) return { ok: false, error: '缺少回复记录(参数 c)。' };
	const choices = c.split(',');
	if (choices.length > MAX_CHOICES) return { ok: false, error: `回复记录过长(最多 ${MAX_CHOICES} 步)。` };
	if (!choices.every((x) => REPLY_ID.test(x))) return { ok: false, error: '回复记录里有无效的回复编号。' };
	const raw = params.get('ms');
	const responseMs = raw === null ? [] : raw.split(',').map((m) => (m === '' ? null : Number(m)));
	if (responseMs.length > choices.length || !responseMs.every((m) => m === null || (Number.isInteger(m) && m >= 0 && m <= 3_600_000)))
		return { ok: false, error: '用时记录无效:每步应是 0 到 3600000 之间的毫秒数。' };
	return { ok: true, attempt: { choices, responseMs } };
}
