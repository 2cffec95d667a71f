// The JSON API of quiz attempts, through the real route handlers and the app's own store
// (getStore: embedded PGlite in a temporary directory, quizzes from tests/db/fixtures): what the
// browser and the outbox send and get back, as JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CompiledQuestion, CompiledQuiz } from '../../src/lib/quiz';
import type { Claims } from '../../src/lib/server/db';
import { DB_TIMEOUT, fixtureQuiz, newKey } from './helpers';
import { attemptOrder, rightAnswer, wrongAnswer } from './quiz-answers';

const dir = mkdtempSync(join(tmpdir(), 'quiz-api-'));
vi.mock('$env/dynamic/private', () => ({ env: { DATA_DIR: join(dir, 'pglite'), QUIZZES_DIR: 'tests/db/fixtures' } }));

const attempts = await import('../../src/routes/api/attempts/+server');
const attempt = await import('../../src/routes/api/attempts/[id]/+server');
const replies = await import('../../src/routes/api/attempts/[id]/replies/+server');
const answers = await import('../../src/routes/api/attempts/[id]/answers/+server');
const submit = await import('../../src/routes/api/attempts/[id]/submit/+server');
const abandon = await import('../../src/routes/api/attempts/[id]/abandon/+server');
const attemptPage = await import('../../src/routes/quiz/[id]/[attempt]/+page.server');
const { getStore, localClaims } = await import('../../src/lib/server/db');
const { scenarioById } = await import('../../src/lib/server/scenarios');

let claims: Claims;
let quiz: CompiledQuiz;

type Handler = (event: never) => Promise<Response>;
async function call(handler: Handler, params: Record<string, string>, body?: unknown, raw?: string): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
	const init: RequestInit = body === undefined && raw === undefined ? { method: 'POST' } : { method: 'POST', body: raw ?? JSON.stringify(body), headers: { 'content-type': 'application/json' } };
	const request = new Request('http://localhost/api', handler === (attempt.GET as Handler) ? { method: 'GET' } : init);
	const res = await handler({ request, params, locals: { claims, profile: null } } as never);
	const text = await res.text();
	return { status: res.status, json: JSON.parse(text), text };
}

beforeAll(async () => {
	const store = await getStore();
	claims = localClaims((await store.createProfile({ displayName: '接口测试' })).id);
	quiz = fixtureQuiz('db-quiz');
}, DB_TIMEOUT);
afterAll(async () => {
	await (await getStore()).db.close();
	rmSync(dir, { recursive: true, force: true });
});

const secrets = () =>
	fixtureQuiz('db-quiz').questions.flatMap((q) => [
		q.explanation,
		...(q.type === 'single' || q.type === 'multiple' ? q.options.flatMap((o) => (o.feedback ? [o.feedback] : [])) : []),
		...(q.type === 'case' ? [q.modelAnswer, ...q.rubric.map((r) => r.point)] : [])
	]);

describe('quiz attempts through the JSON API', () => {
	it('starts, takes answers from the outbox, hides everything until submission, and submits once', async () => {
		const started = await call(attempts.POST as Handler, {}, { kind: 'quiz', quizId: 'db-quiz', version: quiz.version, mode: 'assessment' });
		expect(started.status).toBe(201);
		const id = (started.json.attempt as { id: string }).id;
		// The order's seed stays on the server (it is keyed with the answers; see shuffleQuiz).
		expect(started.json.view).not.toHaveProperty('seed');
		const order = attemptOrder(quiz, id);
		const seen = [started.text];

		// The outbox's body, exactly: { idempotencyKey, seq, questionId, answer, clientTime }.
		const body = (seq: number, questionId: string, answer: unknown) => ({ idempotencyKey: newKey(), seq, questionId, answer, clientTime: new Date().toISOString() });
		const sent = [];
		for (const [i, q] of order.questions.entries()) {
			// (A case answer of our own words: the model answer would be echoed back as what was answered.)
			const b = body(i + 1, q.id, q.type === 'case' ? '先道歉,再问清楚情况' : i < 4 ? rightAnswer(q) : wrongAnswer(q));
			const r = await call(answers.POST as Handler, { id }, b);
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ duplicate: false, attempt: { state: 'active' }, event: { seq: i + 1, questionId: q.id } });
			seen.push(r.text);
			sent.push(b);
		}
		const again = await call(answers.POST as Handler, { id }, sent[0]);
		expect(again.json.duplicate).toBe(true);
		const bad = await call(answers.POST as Handler, { id }, body(8, 'listen-meaning', 9));
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({ error: 'bad-input', message: '提交的内容格式不对，没有保存。' });
		seen.push(bad.text);
		const got = await call(attempt.GET as Handler, { id });
		expect(got.status).toBe(200);
		expect(got.json).toMatchObject({ nextSeq: 8, result: null, score: null, feedback: null });
		seen.push(got.text);
		for (const text of seen) {
			for (const s of secrets()) expect(text).not.toContain(s);
			expect(text).not.toMatch(/"correct"|"explanation"|"rubric"|"modelAnswer"|"correctAnswer"|"solution"/);
		}

		const forged = await call(submit.POST as Handler, { id }, { score: 100 });
		expect(forged.status).toBe(400);
		expect(forged.json.error).toBe('bad-input');
		const notJson = await call(submit.POST as Handler, { id }, undefined, '{score');
		expect(notJson.status).toBe(400);
		const done = await call(submit.POST as Handler, { id });
		expect(done.status).toBe(200);
		expect(done.json).toMatchObject({ duplicate: false, attempt: { state: 'finished' }, score: { bestPossible: 100 } });
		const result = done.json.result as { answered: number; questions: { explanation: string }[] };
		expect(result.answered).toBe(7);
		expect(done.text).toContain(quiz.questions[0].explanation);
		expect((await call(submit.POST as Handler, { id }, { lastSeq: 7 })).json.duplicate).toBe(true);
		const after = await call(attempt.GET as Handler, { id });
		expect(after.json.result).toEqual(done.json.result);
		const late = await call(answers.POST as Handler, { id }, body(8, 'hates', [0]));
		expect(late).toMatchObject({ status: 409, json: { error: 'attempt-closed' } });
	});

	it('answers practice mode with the question graded, and keeps role plays working', async () => {
		const started = await call(attempts.POST as Handler, {}, { kind: 'quiz', quizId: 'db-quiz', version: quiz.version, mode: 'practice' });
		const id = (started.json.attempt as { id: string }).id;
		const q = attemptOrder(quiz, id).questions.find((x) => x.id === 'listen-meaning')!;
		const r = await call(answers.POST as Handler, { id }, { idempotencyKey: newKey(), seq: 1, questionId: q.id, answer: rightAnswer(q), clientTime: new Date().toISOString() });
		expect(r.json.feedback).toMatchObject({ id: q.id, correct: true, explanation: q.explanation });
		expect(((await call(attempt.GET as Handler, { id })).json.feedback as Record<string, unknown>)[q.id]).toMatchObject({ correct: true });

		const s = scenarioById('angry-caller')!;
		const rp = await call(attempts.POST as Handler, {}, { scenarioId: s.meta.id, version: s.version, mode: 'practice' });
		expect(rp.status).toBe(201);
		const rid = rp.json.id as string;
		const detail = await call(attempt.GET as Handler, { id: rid });
		expect(detail.json).toMatchObject({ attempt: { kind: 'roleplay' }, nextSeq: 1 });
		// Replies and answers have their own endpoints: each refuses the other kind of attempt clearly.
		expect(await call(answers.POST as Handler, { id: rid }, { idempotencyKey: newKey(), seq: 1, questionId: 'hates', answer: [0], clientTime: new Date().toISOString() })).toMatchObject({
			status: 409,
			json: { error: 'wrong-kind', message: expect.stringContaining('分开提交'), detail: expect.stringContaining(`/api/attempts/${rid}/replies`) }
		});
		const reply = 'sorry';
		expect(await call(replies.POST as Handler, { id }, { idempotencyKey: newKey(), seq: 2, reply, ms: 10, clientTime: new Date().toISOString() })).toMatchObject({
			status: 409,
			json: { error: 'wrong-kind', detail: expect.stringContaining(`/api/attempts/${id}/answers`) }
		});
		// An answer's body at the replies endpoint (or a reply's at the answers endpoint) is not of that form.
		expect(await call(replies.POST as Handler, { id }, { idempotencyKey: newKey(), seq: 2, questionId: 'hates', answer: [0], clientTime: new Date().toISOString() })).toMatchObject({
			status: 400,
			json: { error: 'bad-input' }
		});
		expect(await call(answers.POST as Handler, { id: rid }, { idempotencyKey: newKey(), seq: 1, reply, ms: 10, clientTime: new Date().toISOString() })).toMatchObject({
			status: 400,
			json: { error: 'bad-input' }
		});
		expect((await call(attempt.GET as Handler, { id: crypto.randomUUID() })).status).toBe(404);
	});

	it('answers 413 with a clear message to a body over the size limit, on every JSON route', async () => {
		const huge = JSON.stringify({ idempotencyKey: newKey(), seq: 1, questionId: 'listen-meaning', answer: 'x'.repeat(5 * 1024 * 1024), clientTime: new Date().toISOString() });
		const id = crypto.randomUUID();
		for (const [handler, params] of [
			[replies.POST, { id }],
			[answers.POST, { id }],
			[attempts.POST, {}],
			[submit.POST, { id }]
		] as [Handler, Record<string, string>][]) {
			const r = await call(handler, params, undefined, huge);
			expect(r).toMatchObject({ status: 413, json: { error: 'too-large', message: expect.stringContaining('太大') } });
		}
	});

	it('reveals nothing graded of a quiz while the same person has an assessment of it open', async () => {
		const store = await getStore();
		claims = localClaims((await store.createProfile({ displayName: '考核中' })).id);
		const start = async (mode: string) => ((await call(attempts.POST as Handler, {}, { kind: 'quiz', quizId: 'db-quiz', version: quiz.version, mode })).json.attempt as { id: string }).id;
		const answer = (id: string, seq: number, q: CompiledQuestion) =>
			call(answers.POST as Handler, { id }, { idempotencyKey: newKey(), seq, questionId: q.id, answer: wrongAnswer(q), clientTime: new Date().toISOString() });
		// A practice attempt submitted before the assessment: its result holds the answers.
		const before = await start('practice');
		expect((await call(submit.POST as Handler, { id: before })).status).toBe(200);
		const exam = await start('assessment');
		const practice = await start('practice');
		const q = attemptOrder(quiz, practice).questions[0];
		const seen: string[] = [(await answer(practice, 1, q)).text];

		// The probe: submitting the practice attempt with no answers gave the whole answer key.
		const refused = await call(submit.POST as Handler, { id: practice });
		expect(refused).toMatchObject({ status: 409, json: { error: 'assessment-open', message: expect.stringContaining('请先完成或放弃那次考核') } });
		seen.push(refused.text);
		for (const id of [practice, before]) {
			const got = await call(attempt.GET as Handler, { id });
			expect(got.json).toMatchObject({ withheld: true, feedback: null, result: null, score: null });
			seen.push(got.text);
			const page = (await attemptPage.load({ params: { id: 'db-quiz', attempt: id }, locals: { claims, profile: null } } as never)) as Record<string, unknown>;
			expect(page).toMatchObject({ withheld: true, feedback: null, result: null });
			seen.push(JSON.stringify(page));
		}
		for (const text of seen) {
			for (const s of secrets()) expect(text).not.toContain(s);
			expect(text).not.toMatch(/"correct"|"explanation"|"rubric"|"modelAnswer"|"correctAnswer"|"solution"/);
		}
		// The assessment itself is still taken and submitted as usual; its own page is not held back.
		expect((await call(attempt.GET as Handler, { id: exam })).json).toMatchObject({ withheld: false });

		// Once the assessment is abandoned, practice shows its answers again.
		expect((await call(abandon.POST as Handler, { id: exam })).status).toBe(200);
		const done = await call(submit.POST as Handler, { id: practice });
		expect(done.status).toBe(200);
		expect(done.text).toContain(q.explanation);
		expect((await call(attempt.GET as Handler, { id: before })).json).toMatchObject({ withheld: false, result: { answered: 0 } });
	});
});
