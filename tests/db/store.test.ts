// What the routes get from the store: resuming, the progress page, the trainer's view, and
// replays that survive edits to scenarios and analyzer rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { TREND_DIMENSIONS } from '../../src/lib/server/db/store';
import { DB_TIMEOUT, TINY_YAML, compileYaml, freshStore, newKey, play, trainee, trainer, type TestStore } from './helpers';

let t: TestStore;
let A: Claims, B: Claims, C: Claims, T1: Claims;
let version: string;
const start = (u: Claims, over: Record<string, unknown> = {}) =>
	t.store.startAttempt(u, { scenarioId: 'tiny', version, mode: 'practice', ...over });

// tiny, with a hold allowed at its first decision (迂回暂缓).
const tinyHold = () => compileYaml(TINY_YAML.replace('id: tiny', 'id: tiny-hold').replace('    type: decision\n', '    type: decision\n    hold: { seconds: 20 }\n'));

beforeAll(async () => {
	t = await freshStore([compileYaml(TINY_YAML), tinyHold()]);
	version = t.library.get('tiny')!.version;
	A = await trainee(t.store, '小A');
	B = await trainee(t.store, '小B');
	C = await trainee(t.store, '小C');
	T1 = await trainer(t.store, '王老师');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('profiles', () => {
	it('creates local profiles as trainees unless the server says trainer, and lists them', async () => {
		const all = await t.store.listProfiles();
		expect(all.map((p) => [p.displayName, p.role])).toEqual([
			['小A', 'trainee'],
			['小B', 'trainee'],
			['小C', 'trainee'],
			['王老师', 'trainer']
		]);
		expect(await t.store.getProfile(A)).toMatchObject({ id: A.sub, displayName: '小A', role: 'trainee' });
		expect(await t.store.getProfile(null)).toBeNull();
	});

	it('never takes the role from user metadata', async () => {
		const id = (
			await t.db.query<{ id: string }>(
				`insert into auth.users (email, raw_user_meta_data) values ('x@example.com', '{"display_name": "自称老师", "role": "trainer"}') returning id`
			)
		).rows[0].id;
		expect((await t.db.query('select display_name, role from app.profiles where id = $1', [id])).rows[0]).toEqual({
			display_name: '自称老师',
			role: 'trainee'
		});
		expect(await t.store.profileIdByEmail('X@example.com')).toBe(id);
	});

	it('lets people rename themselves, and only the server change roles', async () => {
		expect((await t.store.renameProfile(B, '  小B同学 ')).displayName).toBe('小B同学');
		const p = await t.store.setRole(C.sub, 'trainer');
		expect(p.role).toBe('trainer');
		await t.store.setRole(C.sub, 'trainee');
	});
});

describe('attempts', () => {
	it('resumes an unfinished attempt at the same turn', async () => {
		const a = await start(A);
		await play(t.store, A, a.id, ['argue'], a.startedAt.getTime());
		const got = (await t.store.getAttempt(A, a.id))!;
		expect(got.nextSeq).toBe(2);
		expect(got.turns).toEqual([{ reply: 'argue', ms: 800 }]);
		expect(got.scenario.version).toBe(version);
		expect(got.score).toBeNull();
		expect(await t.store.getAttempt(B, a.id)).toBeNull();
	});

	it("finds the one attempt the play page resumes: the user's own newest unfinished one of that scenario and mode", async () => {
		const u = await trainee(t.store, '续玩');
		expect(await t.store.activeAttemptId(u, 'tiny', 'practice')).toBeNull();
		const older = await start(u, { clientTime: new Date(Date.now() - 60_000).toISOString() });
		const newer = await start(u);
		const exam = await start(u, { mode: 'assessment' });
		await start(B);
		expect(await t.store.activeAttemptId(u, 'tiny', 'practice')).toBe(newer.id);
		expect(await t.store.activeAttemptId(u, 'tiny', 'assessment')).toBe(exam.id);
		await t.store.abandonAttempt(u, newer.id);
		expect(await t.store.activeAttemptId(u, 'tiny', 'practice')).toBe(older.id);
		expect(await t.store.activeAttemptId(u, 'other', 'practice')).toBeNull();
		expect(await t.store.activeAttemptId(null, 'tiny', 'practice')).toBeNull();
	}, DB_TIMEOUT);

	it('starts an attempt once per client-chosen id (an attempt started offline)', async () => {
		const id = crypto.randomUUID();
		const clientTime = new Date(Date.now() - 600_000).toISOString();
		const a = await start(A, { id, clientTime });
		expect(a.startedAt.toISOString()).toBe(clientTime);
		expect(await start(A, { id, clientTime })).toEqual(a);
		await expect(start(A, { id, mode: 'assessment' })).rejects.toMatchObject({ code: 'attempt-id-taken' });
		await expect(start(B, { id })).rejects.toMatchObject({ code: 'attempt-id-taken' });
	});

	it('returns the stored event for a repeated delivery, and the score once finished', async () => {
		const a = await start(A);
		const e1 = { idempotencyKey: newKey(), seq: 1, reply: 'sorry', ms: 500, clientTime: new Date(a.startedAt.getTime() + 1000).toISOString() };
		const e2 = { idempotencyKey: newKey(), seq: 2, reply: 'ask', ms: 500, clientTime: new Date(a.startedAt.getTime() + 2000).toISOString() };
		const first = await t.store.recordEvent(A, a.id, e1);
		expect(first.duplicate).toBe(false);
		expect(await t.store.recordEvent(A, a.id, e1)).toEqual({ ...first, duplicate: true });
		const last = await t.store.recordEvent(A, a.id, e2);
		expect(last.attempt).toMatchObject({ state: 'finished', outcome: 'resolved' });
		expect(last.score).toMatchObject({ overall: expect.any(Number), bestPossible: expect.any(Number) });
		// The last event again, after the attempt finished: the same answer, not an error.
		expect(await t.store.recordEvent(A, a.id, e2)).toEqual({ ...last, duplicate: true });
	});

	it('stores the reply typed words were routed to, and the words', async () => {
		const a = await start(A);
		const r = await t.store.recordEvent(A, a.id, {
			idempotencyKey: newKey(),
			seq: 1,
			typed: '  真的很抱歉，给您添麻烦了 ',
			ms: 4000,
			clientTime: new Date(a.startedAt.getTime() + 5000).toISOString()
		});
		expect(r.event).toMatchObject({ kind: 'typed', replyId: 'sorry', typedText: '真的很抱歉，给您添麻烦了', responseMs: 4000 });
	});

	it('stores a call\'s silence and hold with the reply, replays them into the mood, and refuses a hold the decision does not allow', async () => {
		const a = await start(A);
		const at = (ms: number) => new Date(a.startedAt.getTime() + ms).toISOString();
		const silent = await t.store.recordEvent(A, a.id, { idempotencyKey: newKey(), seq: 1, reply: 'sorry', ms: 40_000, timed: true, clientTime: at(41_000) });
		expect(silent.event).toMatchObject({ timed: true, hold: null, responseMs: 40_000 });
		// Not allowed at d2 of tiny: refused with its own code, nothing stored.
		const refused = await t.store
			.recordEvent(A, a.id, { idempotencyKey: newKey(), seq: 2, reply: 'ask', ms: 1000, hold: { asked: true, ms: 5000 }, clientTime: at(50_000) })
			.catch((e) => e);
		expect(refused).toBeInstanceOf(StoreError);
		expect(refused.code).toBe('no-hold');
		const detail = (await t.store.getAttempt(A, a.id))!;
		expect(detail.turns).toEqual([{ reply: 'sorry', ms: 40_000, timed: true }]);

		const h = await start(A, { scenarioId: 'tiny-hold', version: t.library.get('tiny-hold')!.version });
		const hat = (ms: number) => new Date(h.startedAt.getTime() + ms).toISOString();
		// A hold longer than the time since the attempt started is impossible.
		const tooLong = await t.store
			.recordEvent(A, h.id, { idempotencyKey: newKey(), seq: 1, reply: 'sorry', ms: 2000, hold: { asked: true, ms: 900_000 }, clientTime: hat(10_000) })
			.catch((e) => e);
		expect(tooLong.code).toBe('time-impossible');
		const held = { idempotencyKey: newKey(), seq: 1, reply: 'sorry', ms: 2000, timed: true as const, hold: { asked: false, ms: 30_000 }, clientTime: hat(33_000) };
		expect((await t.store.recordEvent(A, h.id, held)).event).toMatchObject({ hold: { asked: false, ms: 30_000 }, timed: true });
		// The same key with another hold is another event.
		expect((await t.store.recordEvent(A, h.id, { ...held, hold: { asked: true, ms: 30_000 } }).catch((e) => e)).code).toBe('key-reused');
		const done = await t.store.recordEvent(A, h.id, { idempotencyKey: newKey(), seq: 2, reply: 'ask', ms: 1000, clientTime: hat(40_000) });
		const report = (await t.store.getAttempt(A, h.id))!.score!.report;
		expect(done.attempt.state).toBe('finished');
		expect(report.turns[0].hold).toMatchObject({ asked: false, ms: 30_000, long: true });
		// Unannounced and too long: the caller's mood paid for both before the reply.
		expect(report.turns[0].moodBefore).toBeGreaterThan(50);
	});

	it('abandons an active attempt, which then takes no events', async () => {
		const a = await start(A);
		const x = await t.store.abandonAttempt(A, a.id);
		expect(x.state).toBe('abandoned');
		expect(x.finishedAt).toBeInstanceOf(Date);
		await expect(t.store.abandonAttempt(A, a.id)).rejects.toMatchObject({ code: 'attempt-closed' });
	});

	it('replays an old attempt on its own version after the scenario file changed', async () => {
		const a = await start(A);
		await play(t.store, A, a.id, ['sorry'], a.startedAt.getTime());
		// The file is edited: reply "ask" is renamed, so the old version's "ask" no longer exists now.
		const edited = compileYaml(TINY_YAML.replaceAll('id: ask', 'id: ask-number'));
		expect(edited.version).not.toBe(version);
		t.library.set('tiny', edited);
		try {
			const r = await t.store.recordEvent(A, a.id, {
				idempotencyKey: newKey(),
				seq: 2,
				reply: 'ask',
				ms: 100,
				clientTime: new Date(a.startedAt.getTime() + 3000).toISOString()
			});
			expect(r.attempt.state).toBe('finished');
			expect((await t.store.getAttempt(A, a.id))!.scenario.version).toBe(version);
			// A player still on the old version may start it (stored); the new one is stored on first use.
			expect((await start(A)).scenarioVersion).toBe(version);
			expect((await start(A, { version: edited.version })).scenarioVersion).toBe(edited.version);
		} finally {
			t.library.set('tiny', compileYaml(TINY_YAML));
		}
	});

	it('lists my attempts newest first with scores, and a trend per dimension over finished ones', async () => {
		const u = await trainee(t.store, '趋势');
		for (const replies of [['argue', 'away'], ['sorry', 'away'], ['sorry', 'ask']]) {
			const a = await start(u);
			await play(t.store, u, a.id, replies, a.startedAt.getTime());
		}
		const open = await start(u);
		const list = await t.store.listMyAttempts(u);
		expect(list.map((a) => a.state)).toEqual(['active', 'finished', 'finished', 'finished']);
		expect(list[0].id).toBe(open.id);
		const overall = list.slice(1).map((a) => a.score!.overall).reverse();
		expect(overall[2]).toBeGreaterThan(overall[0]);
		const trend = await t.store.trend(u);
		expect(Object.keys(trend)).toEqual([...TREND_DIMENSIONS]);
		expect(trend.emotion.map((p) => p.score)).toEqual([0, 100, 100]);
		expect(trend.info.map((p) => p.score)).toEqual([0, 0, 100]);
		expect(trend.propose.map((p) => p.score)).toEqual([null, null, null]);
		expect(await t.store.listMyAttempts(null)).toEqual([]);
	});
});

describe('cohorts', () => {
	it("shows a trainer each member's latest and best score per scenario, and nothing of other cohorts", async () => {
		const k = await t.store.createCohort(T1, '一班');
		await t.store.addMember(T1, k.id, A.sub);
		await t.store.addMember(T1, k.id, A.sub); // twice is fine
		await t.store.addMember(T1, k.id, B.sub);
		const b1 = await start(B);
		await play(t.store, B, b1.id, ['sorry', 'ask'], b1.startedAt.getTime());
		const b2 = await start(B, { mode: 'assessment' });
		await play(t.store, B, b2.id, ['argue', 'away'], b2.startedAt.getTime());

		const progress = await t.store.cohortProgress(T1, k.id);
		expect(progress.map((m) => m.member.displayName).sort()).toEqual(['小A', '小B同学']);
		const b = progress.find((m) => m.member.id === B.sub)!;
		expect(b.scenarios).toHaveLength(1);
		// Practice is told apart wherever it is shown.
		expect(b.scenarios[0]).toMatchObject({ scenarioId: 'tiny', finishedAttempts: 2, latest: { attemptId: b2.id, mode: 'assessment' }, best: { attemptId: b1.id, mode: 'practice' } });
		expect(b.scenarios[0].best.overall).toBeGreaterThan(b.scenarios[0].latest.overall);

		expect((await t.store.listCohorts(T1)).map((c) => [c.name, c.as])).toEqual([['一班', 'lead']]);
		expect((await t.store.listCohorts(B)).map((c) => [c.name, c.as])).toEqual([['一班', 'member']]);
		expect(await t.store.listCohorts(C)).toEqual([]);

		const T2 = await trainer(t.store, '李老师');
		await expect(t.store.cohortProgress(T2, k.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(t.store.cohortProgress(B, k.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(t.store.addMember(T2, k.id, C.sub)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(t.store.addMember(T1, k.id, crypto.randomUUID())).rejects.toMatchObject({ code: 'unknown-profile' });

		await t.store.removeMember(T1, k.id, B.sub);
		expect((await t.store.cohortProgress(T1, k.id)).map((m) => m.member.id)).toEqual([A.sub]);
		expect(await t.store.getAttempt(T1, b1.id)).toBeNull();
	});

	it('refuses everything to nobody signed in', async () => {
		await expect(t.store.createCohort(null, 'x')).rejects.toBeInstanceOf(StoreError);
		await expect(t.store.cohortProgress(null, crypto.randomUUID())).rejects.toMatchObject({ code: 'anonymous' });
		expect(await t.store.listCohorts(null)).toEqual([]);
	});
});
