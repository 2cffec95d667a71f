// Every boundary that takes text from a request, through the real route handlers and the app's own
// store (embedded PGlite in a temporary directory), in local mode: random Unicode strings (NUL, half
// surrogate pairs, control characters among them) and odd ids never give a 500, and a redirect's
// Location is always a valid header. An identical retry of an accepted event is the same event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Claims, Profile } from '../../src/lib/server/db';
import { DB_TIMEOUT, fixtureQuiz, newKey } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
vi.mock('$env/dynamic/private', () => ({ env: { DATA_DIR: join(dir, 'pglite'), QUIZZES_DIR: 'tests/db/fixtures' } }));
vi.mock('$env/dynamic/public', () => ({ env: {} }));

const attempts = await import('../../src/routes/api/attempts/+server');
const attempt = await import('../../src/routes/api/attempts/[id]/+server');
const replies = await import('../../src/routes/api/attempts/[id]/replies/+server');
const answers = await import('../../src/routes/api/attempts/[id]/answers/+server');
const submit = await import('../../src/routes/api/attempts/[id]/submit/+server');
const abandon = await import('../../src/routes/api/attempts/[id]/abandon/+server');
const profilePage = await import('../../src/routes/profile/+page.server');
const trainerPage = await import('../../src/routes/trainer/+page.server');
const quizPage = await import('../../src/routes/quiz/[id]/+page.server');
const quizAttemptPage = await import('../../src/routes/quiz/[id]/[attempt]/+page.server');
const confirm = await import('../../src/routes/auth/confirm/+server');
const password = await import('../../src/routes/account/password/+page.server');
const login = await import('../../src/routes/login/+page.server');
const playPage = await import('../../src/routes/play/[id]/+page.server');
const debriefPage = await import('../../src/routes/play/[id]/debrief/+page.server');
const progressPage = await import('../../src/routes/progress/+page.server');
const { getStore, localClaims } = await import('../../src/lib/server/db');
const { scenarioById } = await import('../../src/lib/server/scenarios');

/** Random text with what PostgreSQL and UTF-8 refuse well represented. */
const nasty = fc
	.array(
		fc.oneof(
			fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00\ud800', '\u0007', '\u001b', '\u007f', '\u0085', '\t', '\r\n', '\ufffe', '\u2028', '😀', '测', '%', '/', '..', ' '),
			fc.integer({ min: 0, max: 0x10ffff }).map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)))
		),
		{ maxLength: 30 }
	)
	.map((a) => a.join(''));
const RUNS = 25;

type Locals = { claims: Claims | null; profile: Profile | null };
let trainee: Locals, trainer: Locals;
const anonymous: Locals = { claims: null, profile: null };
const cookies = { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' };

/** What the client would get: the status, and for a redirect its Location (which must be a valid header). */
async function status(run: () => unknown): Promise<number> {
	try {
		const r = await run();
		if (r instanceof Response) return r.status;
		if (isActionFailure(r)) return r.status;
		return 200;
	} catch (e) {
		if (isRedirect(e)) {
			new Headers([['location', e.location]]); // throws (a 500 in the server) when not a valid header
			return e.status;
		}
		if (isHttpError(e)) return e.status;
		throw e;
	}
}
const post = (body: unknown) => new Request('http://localhost/api', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return new Request('http://localhost/x', { method: 'POST', body: f });
};
const page = (locals: Locals, params: Record<string, string> = {}, request?: Request, path = '/') =>
	({ locals, params, request, cookies, url: new URL(path, 'http://localhost') }) as never;
const api = (handler: unknown, locals: Locals, params: Record<string, string>, body?: unknown) =>
	status(() => (handler as (e: never) => Promise<Response>)({ locals, params, request: body === undefined ? new Request('http://localhost/api', { method: 'POST' }) : post(body) } as never));

beforeAll(async () => {
	const store = await getStore();
	const p = await store.createProfile({ displayName: '边界' });
	trainee = { claims: localClaims(p.id), profile: p };
	const tp = await store.createProfile({ displayName: '边界老师', role: 'trainer' });
	trainer = { claims: localClaims(tp.id), profile: tp };
}, DB_TIMEOUT);
afterAll(async () => {
	await (await getStore()).db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('text at the boundaries never gives a 500', () => {
	it('typed replies: cleaned, and an identical retry is the same event', async () => {
		const s = scenarioById('angry-caller')!;
		await fc.assert(
			fc.asyncProperty(nasty, async (words) => {
				const id = crypto.randomUUID();
				expect(await api(attempts.POST, trainee, {}, { id, scenarioId: s.meta.id, version: s.version, mode: 'practice' })).toBe(201);
				const event = { idempotencyKey: newKey(), seq: 1, typed: words, ms: 10, clientTime: new Date().toISOString() };
				const first = await api(replies.POST, trainee, { id }, event);
				expect(first).toBeLessThan(500);
				if (first === 200) expect(await api(replies.POST, trainee, { id }, event)).toBe(200);
			}),
			{ numRuns: RUNS }
		);
	}, DB_TIMEOUT);

	it('quiz text answers: cleaned, and an identical retry is the same answer', async () => {
		const quiz = fixtureQuiz('db-quiz');
		const id = crypto.randomUUID();
		expect(await api(attempts.POST, trainee, {}, { kind: 'quiz', id, quizId: 'db-quiz', version: quiz.version, mode: 'practice' })).toBe(201);
		let seq = 0;
		await fc.assert(
			fc.asyncProperty(nasty, fc.constantFrom('complain-share', 'dropped-calls'), async (text, questionId) => {
				const event = { idempotencyKey: newKey(), seq: seq + 1, questionId, answer: text, clientTime: new Date().toISOString() };
				const first = await api(answers.POST, trainee, { id }, event);
				expect(first).toBeLessThan(500);
				if (first === 200) {
					seq++;
					expect(await api(answers.POST, trainee, { id }, event)).toBe(200);
				}
			}),
			{ numRuns: RUNS }
		);
		expect(seq).toBe(RUNS);
	}, DB_TIMEOUT);

	it('every field of the JSON API, and ids in the path', async () => {
		const quiz = fixtureQuiz('db-quiz');
		await fc.assert(
			fc.asyncProperty(nasty, nasty, async (a, b) => {
				for (const body of [
					{ scenarioId: a, version: b, mode: 'practice' },
					{ scenarioId: 'angry-caller', version: a, mode: b },
					// One odd field at a time, the others valid, so each reaches as far as it can.
					{ scenarioId: 'angry-caller', version: a, mode: 'practice' },
					{ kind: 'quiz', quizId: 'db-quiz', version: b, mode: 'practice' },
					{ kind: 'quiz', quizId: a, version: b, mode: 'practice' },
					{ kind: 'quiz', quizId: 'db-quiz', version: quiz.version, mode: 'practice', id: a, clientTime: b }
				])
					expect(await api(attempts.POST, trainee, {}, body)).toBeLessThan(500);
				for (const handler of [replies.POST, answers.POST, submit.POST, abandon.POST, attempt.GET]) expect(await api(handler, trainee, { id: a })).toBeLessThan(500);
				expect(await api(replies.POST, trainee, { id: crypto.randomUUID() }, { idempotencyKey: a, seq: 1, reply: b, ms: 1, clientTime: a })).toBeLessThan(500);
				expect(await api(answers.POST, trainee, { id: crypto.randomUUID() }, { idempotencyKey: a, seq: 1, questionId: b, answer: a, clientTime: a })).toBeLessThan(500);
			}),
			{ numRuns: RUNS }
		);
	}, DB_TIMEOUT);

	it('profile, cohort and member forms', async () => {
		await fc.assert(
			fc.asyncProperty(nasty, nasty, async (a, b) => {
				expect(await status(() => profilePage.actions.create(page(anonymous, {}, form({ displayName: a, next: b }), '/profile?/create')))).toBeLessThan(500);
				expect(await status(() => profilePage.actions.choose(page(anonymous, {}, form({ profile: a, next: b }), '/profile?/choose')))).toBeLessThan(500);
				expect(await status(() => trainerPage.actions.cohort(page(trainer, {}, form({ name: a }))))).toBeLessThan(500);
				expect(await status(() => trainerPage.actions.member(page(trainer, {}, form({ cohort: a, profile: b }))))).toBeLessThan(500);
			}),
			{ numRuns: RUNS }
		);
	}, DB_TIMEOUT);

	it('quiz, play, debrief and progress pages: any id or parameter, signed in or not (a redirect to sign in carries the path percent-encoded)', async () => {
		await fc.assert(
			fc.asyncProperty(nasty, nasty, async (a, b) => {
				for (const who of [anonymous, trainee]) {
					expect(await status(() => quizPage.load(page(who, { id: a })))).toBeLessThan(500);
					expect(await status(() => quizPage.actions.default(page(who, { id: a }, form({ mode: b }))))).toBeLessThan(500);
					expect(await status(() => quizAttemptPage.load(page(who, { id: a, attempt: b }, undefined, `/quiz/${a}/${b}`)))).toBeLessThan(500);
				}
				expect(await status(() => quizPage.actions.default(page(anonymous, { id: 'db-quiz' }, form({ mode: b }))))).toBe(303);
				for (const who of [anonymous, trainee]) {
					expect(await status(() => playPage.load(page(who, { id: a }, undefined, `/play/x?mode=${encodeURIComponent(b.replace(/[\ud800-\udfff]/g, ''))}`)))).toBeLessThan(500);
					expect(await status(() => debriefPage.load(page(who, { id: 'angry-caller' }, undefined, `/play/angry-caller/debrief?c=${encodeURIComponent(a.replace(/[\ud800-\udfff]/g, ''))}`)))).toBeLessThan(500);
					expect(await status(() => debriefPage.actions.default(page(who, { id: 'angry-caller' }, form({ attempt: JSON.stringify({ turns: [{ typed: a, ms: 1 }] }) }))))).toBeLessThan(500);
					expect(await status(() => progressPage.load(page(who)))).toBeLessThan(500);
				}
			}),
			{ numRuns: RUNS }
		);
	}, DB_TIMEOUT);
});

describe('routes that do not apply in local mode', () => {
	it('the issue\'s probe: anonymous GET /quiz/knowledge/测试 redirects to sign in with the path encoded', async () => {
		let location = '';
		try {
			await quizAttemptPage.load(page(anonymous, { id: 'knowledge', attempt: '测试' }, undefined, '/quiz/knowledge/测试'));
		} catch (e) {
			if (!isRedirect(e)) throw e;
			location = e.location;
		}
		// `next` is the path as the browser sent it (percent-encoded), encoded once more as a query value.
		expect(new URL(location, 'http://localhost').searchParams.get('next')).toBe('/quiz/knowledge/%E6%B5%8B%E8%AF%95');
	});

	it('answers 404 to the e-mail link, the password form and the sign-in forms', async () => {
		expect(await status(() => confirm.GET({ url: new URL('http://localhost/auth/confirm?token_hash=x&type=signup&next=/progress'), cookies } as never))).toBe(404);
		for (const who of [anonymous, trainee])
			expect(await status(() => password.actions.default(page(who, {}, form({ password: 'long enough password' }), '/account/password')))).toBe(404);
		for (const action of ['signin', 'signup', 'magic', 'reset'] as const)
			expect(await status(() => login.actions[action](page(anonymous, {}, form({ email: 'a@b.cn', password: 'long enough password', displayName: '甲' }), '/login')))).toBe(404);
	});
});
