// Team content through the real route handlers and the app's own store (embedded PGlite in a
// temporary directory, local mode): the library, /play (its page, typed-words reading, debrief),
// /quiz, /progress and /trainer for a member of the publishing trainer's cohort, for a trainee of
// another trainer and for nobody signed in. A team's play page carries its scenario inline and
// privately, never a public data file address, and is never marked shareable for the anonymous
// page memory (scripts/server/page-cache.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Claims, Profile } from '../../src/lib/server/db';
import { DB_TIMEOUT, newKey } from './helpers';
import { publish, teamQuiz, teamScenario, unpublish, type Published } from './publish-fixture';

const dir = mkdtempSync(join(tmpdir(), 'library-routes-'));
vi.mock('$env/dynamic/private', () => ({ env: { DATA_DIR: join(dir, 'pglite'), QUIZZES_DIR: 'tests/db/fixtures' } }));
vi.mock('$env/dynamic/public', () => ({ env: {} }));

const home = await import('../../src/routes/+page.server');
const playPage = await import('../../src/routes/play/[id]/+page.server');
const read = await import('../../src/routes/play/[id]/read/+server');
const debriefPage = await import('../../src/routes/play/[id]/debrief/+page.server');
const dataFile = await import('../../src/routes/data/scenarios/[file]/+server');
const quizList = await import('../../src/routes/quiz/+page.server');
const quizPage = await import('../../src/routes/quiz/[id]/+page.server');
const progressPage = await import('../../src/routes/progress/+page.server');
const trainerPage = await import('../../src/routes/trainer/+page.server');
const { getDb, getStore, localClaims, StoreError } = await import('../../src/lib/server/db');
const { allScenarios } = await import('../../src/lib/server/scenarios');

type Locals = { claims: Claims | null; profile: Profile | null };
let member: Locals, member2: Locals, outsider: Locals, lead: Locals;
const anonymous: Locals = { claims: null, profile: null };
const scenario = teamScenario('team-route', '团队路由情景');
const quiz = teamQuiz('team-route-quiz', '团队路由测验');
let published: Published;

const cookies = { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' };
/** A page event; the headers it sets are collected in `headers`. */
function event(locals: Locals, params: Record<string, string>, path: string, request?: Request) {
	const headers: Record<string, string> = {};
	const e = { locals, params, request, cookies, url: new URL(path, 'http://localhost'), setHeaders: (h: Record<string, string>) => Object.assign(headers, h) };
	return { e: e as never, headers };
}
/** The HTTP status a handler answers with (200 for data), or its redirect. */
async function status(run: () => unknown): Promise<number> {
	try {
		const r = await run();
		return r instanceof Response ? r.status : 200;
	} catch (e) {
		if (isHttpError(e) || isRedirect(e)) return e.status;
		if (e instanceof StoreError) return e.status;
		throw e;
	}
}
const who = async (name: string, role: 'trainee' | 'trainer' = 'trainee'): Promise<Locals> => {
	const p = await (await getStore()).createProfile({ displayName: name, role });
	return { claims: localClaims(p.id), profile: p };
};

beforeAll(async () => {
	// The shipped files are compiled (best scores searched) on first use: here, not in a test's time.
	allScenarios();
	const store = await getStore();
	member = await who('组员');
	member2 = await who('组员二');
	outsider = await who('外人');
	lead = await who('组长', 'trainer');
	const other = await who('别的老师', 'trainer');
	const k1 = await store.createCohort(lead.claims, '一组');
	const k2 = await store.createCohort(other.claims, '二组');
	await store.addMember(lead.claims, k1.id, member.profile!.id);
	await store.addMember(lead.claims, k1.id, member2.profile!.id);
	await store.addMember(other.claims, k2.id, outsider.profile!.id);
	published = await publish(await getDb(), lead.claims!, { scenario });
	await publish(await getDb(), lead.claims!, { quiz });
}, DB_TIMEOUT);
afterAll(async () => {
	await (await getDb()).close();
	rmSync(dir, { recursive: true, force: true });
});

describe('team content through the routes', () => {
	it('the library lists it, marked as the team\'s, for the member only', async () => {
		const load = (l: Locals) => home.load(event(l, {}, '/').e) as Promise<{ scenarios: { id: string }[]; team: { id: string }[] }>;
		const mine = await load(member);
		expect(mine.team.map((m) => m.id)).toEqual(['team-route']);
		expect(mine.scenarios.map((m) => m.id)).not.toContain('team-route');
		expect((await load(outsider)).team).toEqual([]);
		expect((await load(anonymous)).team).toEqual([]);
	});

	it('its play page carries it inline and privately for the member, and is a 404 to anyone else', async () => {
		const { e, headers } = event(member, { id: 'team-route' }, '/play/team-route');
		const data = (await playPage.load(e)) as { source: { url?: string; inline?: { version: string } }; meta: { title: string } };
		expect(data.meta.title).toBe('团队路由情景');
		expect(data.source.url).toBeUndefined();
		expect(data.source.inline?.version).toBe(scenario.version);
		expect(headers['cache-control']).toBe('private');
		expect(headers['x-coach-cache']).toBeUndefined();
		for (const l of [outsider, anonymous]) {
			const x = event(l, { id: 'team-route' }, '/play/team-route?mode=assessment');
			expect(await status(() => playPage.load(x.e))).toBe(404);
			expect(x.headers['x-coach-cache']).toBeUndefined();
		}
		// Shipped pages are unchanged: a public data file, shareable when nobody is signed in.
		const shipped = event(anonymous, { id: 'angry-caller' }, '/play/angry-caller');
		const s = (await playPage.load(shipped.e)) as { source: { url?: string } };
		expect(s.source.url).toMatch(/^\/data\/scenarios\/angry-caller@/);
		expect(shipped.headers['x-coach-cache']).toBe('anonymous');
	});

	it('never has a public data file', async () => {
		const name = `team-route@${scenario.version}.0123456789ab.json`;
		expect(await status(() => dataFile.GET({ params: { file: name } } as never))).toBe(404);
	});

	it('reads typed words for the member only', async () => {
		const body = JSON.stringify({ version: scenario.version, node: 'd2', text: '请问您的运单号是多少' });
		const req = () => new Request('http://localhost/play/team-route/read', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
		const ok = await read.POST({ params: { id: 'team-route' }, request: req(), locals: member } as never);
		expect(ok.status).toBe(200);
		for (const l of [outsider, anonymous]) expect(await status(() => read.POST({ params: { id: 'team-route' }, request: req(), locals: l } as never))).toBe(404);
	});

	it('debriefs the version played, still after it was taken down; not for another team', async () => {
		const store = await getStore();
		const a = await store.startAttempt(member.claims, { scenarioId: 'team-route', version: scenario.version, mode: 'practice' });
		for (const [i, reply] of ['sorry', 'ask'].entries())
			await store.recordEvent(member.claims, a.id, { idempotencyKey: newKey(), seq: i + 1, reply, clientTime: new Date(Date.now() - 5000 + i * 1000).toISOString() });
		const url = `/play/team-route/debrief?c=sorry,ask&v=${scenario.version}`;
		const load = (l: Locals) => debriefPage.load(event(l, { id: 'team-route' }, url).e) as Promise<{ debrief: { report: { overall: number } } | null }>;
		const before = (await load(member)).debrief!.report.overall;
		// member2 is mid-attempt when it is taken down.
		const b = await store.startAttempt(member2.claims, { scenarioId: 'team-route', version: scenario.version, mode: 'practice' });
		await store.recordEvent(member2.claims, b.id, { idempotencyKey: newKey(), seq: 1, reply: 'sorry', clientTime: new Date().toISOString() });
		await unpublish(await getDb(), published);
		expect((await load(member)).debrief!.report.overall).toBe(before);
		expect(await status(() => load(outsider))).toBe(404);
		expect(await status(() => load(anonymous))).toBe(404);
		// Taken down: no new play page, but an attempt under way resumes; progress still names it.
		expect(await status(() => playPage.load(event(member, { id: 'team-route' }, '/play/team-route').e))).toBe(404);
		const resumed = (await playPage.load(event(member2, { id: 'team-route' }, '/play/team-route').e)) as {
			resume: { attemptId: string; turns: unknown[] } | null;
			source: { inline?: { version: string } };
		};
		expect(resumed.resume).toMatchObject({ attemptId: b.id, turns: [{ reply: 'sorry' }] });
		expect(resumed.source.inline?.version).toBe(scenario.version);
		expect(await status(() => store.startAttempt(member2.claims, { scenarioId: 'team-route', version: scenario.version, mode: 'practice' }))).toBe(404);
		const progress = (await progressPage.load(event(member, {}, '/progress').e)) as { titles: Record<string, string> };
		expect(progress.titles['team-route']).toBe('团队路由情景');
		expect(progress.titles['angry-caller']).toBeDefined();
		const trainer = (await trainerPage.load(event(lead, {}, '/trainer').e)) as { titles: Record<string, string>; quizTitles: Record<string, string> };
		expect(trainer.titles['team-route']).toBe('团队路由情景');
		expect(trainer.quizTitles['team-route-quiz']).toBe('团队路由测验');
		await publish(await getDb(), lead.claims!, { scenario });
	});

	it('lists and starts a team quiz for the member; 404 for others', async () => {
		const list = (l: Locals) => quizList.load(event(l, {}, '/quiz').e) as Promise<{ quizzes: { id: string; team: boolean }[] }>;
		expect((await list(member)).quizzes.filter((q) => q.team).map((q) => q.id)).toEqual(['team-route-quiz']);
		expect((await list(outsider)).quizzes.some((q) => q.team)).toBe(false);
		expect((await list(anonymous)).quizzes.some((q) => q.team)).toBe(false);
		const page = (await quizPage.load(event(member, { id: 'team-route-quiz' }, '/quiz/team-route-quiz').e)) as { quiz: { title: string } };
		expect(page.quiz.title).toBe('团队路由测验');
		for (const l of [outsider, anonymous]) expect(await status(() => quizPage.load(event(l, { id: 'team-route-quiz' }, '/quiz/team-route-quiz').e))).toBe(404);
		const f = new FormData();
		f.set('mode', 'practice');
		const start = event(member, { id: 'team-route-quiz' }, '/quiz/team-route-quiz', new Request('http://localhost/quiz/team-route-quiz', { method: 'POST', body: f }));
		try {
			await quizPage.actions.default(start.e);
			throw new Error('no redirect');
		} catch (e) {
			expect(isRedirect(e) && e.location).toMatch(/^\/quiz\/team-route-quiz\/[0-9a-f-]{36}$/);
		}
	});
});
