// The studio's boundaries through the real route handlers and the app's own store (embedded PGlite
// in a temporary directory, local mode): every bad input is refused with a status and a message
// that says what to fix, never a 500; trainees get 403; the library's forms keep what was typed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Claims, Profile } from '../../src/lib/server/db';
import { DB_TIMEOUT } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'studio-routes-'));
vi.mock('$env/dynamic/private', () => ({ env: { DATA_DIR: join(dir, 'pglite') } }));
vi.mock('$env/dynamic/public', () => ({ env: {} }));

const documents = await import('../../src/routes/api/studio/documents/+server');
const documentRoute = await import('../../src/routes/api/studio/documents/[id]/+server');
const publishRoute = await import('../../src/routes/api/studio/documents/[id]/publish/+server');
const stateRoute = await import('../../src/routes/api/studio/documents/[id]/state/+server');
const versionRoute = await import('../../src/routes/api/studio/documents/[id]/versions/[number]/+server');
const library = await import('../../src/routes/studio/+page.server');
const workbench = await import('../../src/routes/studio/[doc]/+page.server');
const { getStore, localClaims } = await import('../../src/lib/server/db');

type Locals = { claims: Claims | null; profile: Profile | null };
let coach: Locals, trainee: Locals;
const who = async (name: string, role: 'trainee' | 'trainer'): Promise<Locals> => {
	const p = await (await getStore()).createProfile({ displayName: name, role });
	return { claims: localClaims(p.id), profile: p };
};
const call = (locals: Locals, params: Record<string, string>, path: string, init?: RequestInit) =>
	({ locals, params, url: new URL(path, 'http://localhost'), request: new Request(new URL(path, 'http://localhost'), init) }) as never;
const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
async function answered(r: Response) {
	return { status: r.status, body: (await r.json()) as { error?: string; message?: string } & Record<string, unknown> };
}

beforeAll(async () => {
	coach = await who('周老师', 'trainer');
	trainee = await who('小林', 'trainee');
}, DB_TIMEOUT);

describe('studio API boundaries', () => {
	it('refuses trainees, nobody, bad JSON, unknown fields and oversized documents with a clear message', async () => {
		const path = '/api/studio/documents';
		const cases: [Locals, RequestInit, number, string][] = [
			[trainee, json('POST', { kind: 'scenario', text: 'id: x' }), 403, 'forbidden'],
			[{ claims: null, profile: null }, json('POST', { kind: 'scenario', text: 'id: x' }), 401, 'anonymous'],
			[coach, json('POST', '{not json'), 400, 'bad-input'],
			[coach, json('POST', { kind: 'scenario', text: 'id: x', score: 100 }), 400, 'bad-input'],
			[coach, json('POST', { kind: 'poem', text: 'id: x' }), 400, 'bad-input'],
			[coach, json('POST', { kind: 'scenario', text: 'x'.repeat(2 * 1024 * 1024 + 1) }), 400, 'bad-input'],
			[coach, json('POST', { kind: 'scenario', text: 'x'.repeat(4 * 1024 * 1024) }), 413, 'too-large']
		];
		for (const [locals, init, status, error] of cases) {
			const r = await answered(await documents.POST(call(locals, {}, path, init)));
			expect(r, `${status} ${error}`).toMatchObject({ status, body: { error } });
			expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it('answers unknown documents, versions and states with 404 or 400, never a 500', async () => {
		const created = await answered(await documents.POST(call(coach, {}, '/api/studio/documents', json('POST', { kind: 'quiz', text: 'id: q1\ntitle: 小测' }))));
		expect(created.status).toBe(201);
		const id = created.body.id as string;
		const cases: [Response | Promise<Response>, number, string][] = [
			[documentRoute.GET(call(coach, { id: 'not-a-uuid' }, '/api/studio/documents/not-a-uuid')), 404, 'unknown-document'],
			[documentRoute.GET(call(trainee, { id }, `/api/studio/documents/${id}`)), 403, 'forbidden'],
			[documentRoute.PUT(call(coach, { id }, `/api/studio/documents/${id}`, json('PUT', { text: 'id: q1', baseRevision: 'one' }))), 400, 'bad-input'],
			[documentRoute.PUT(call(coach, { id }, `/api/studio/documents/${id}`, json('PUT', { text: 'id: q1', baseRevision: 7 }))), 409, 'conflict'],
			[publishRoute.POST(call(coach, { id }, `/api/studio/documents/${id}/publish`, json('POST', { revision: 1 }))), 422, 'check-failed'],
			[stateRoute.POST(call(coach, { id }, `/api/studio/documents/${id}/state`, json('POST', { state: 'published' }))), 400, 'bad-input'],
			[stateRoute.POST(call(coach, { id }, `/api/studio/documents/${id}/state`, json('POST', { state: 'unpublished' }))), 400, 'bad-input'],
			[versionRoute.GET(call(coach, { id, number: '99999999999' }, `/api/studio/documents/${id}/versions/99999999999?download`)), 404, 'unknown-version'],
			[versionRoute.GET(call(coach, { id, number: 'x' }, `/api/studio/documents/${id}/versions/x`)), 404, 'unknown-version']
		];
		for (const [response, status, error] of cases) expect(await answered(await response)).toMatchObject({ status, body: { error } });
		// The conflict carries what is stored, so the editor can show both versions.
		const conflict = await answered(await documentRoute.PUT(call(coach, { id }, `/api/studio/documents/${id}`, json('PUT', { text: 'id: q1\n# 我的', baseRevision: 7 }))));
		expect(conflict.body.theirs).toMatchObject({ text: 'id: q1\ntitle: 小测', revision: 1 });
		// A download is the stored text itself, named after its id.
		const file = await documentRoute.GET(call(coach, { id }, `/api/studio/documents/${id}?download`));
		expect(file.headers.get('content-disposition')).toBe('attachment; filename="q1.yaml"');
		expect(await file.text()).toBe('id: q1\ntitle: 小测');
	});
});

describe('studio pages and forms', () => {
	const form = (fields: Record<string, string | Blob>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) data.set(k, v);
		return { method: 'POST', body: data };
	};
	async function outcome(run: () => unknown) {
		try {
			const r = await run();
			return isActionFailure(r) ? { status: r.status, data: r.data as unknown as Record<string, unknown> } : { status: 200, data: r };
		} catch (e) {
			if (isRedirect(e)) return { status: e.status, location: e.location };
			if (isHttpError(e)) return { status: e.status, message: e.body.message };
			throw e;
		}
	}

	it('sends trainees away with a message, and nobody to sign in', async () => {
		expect(await outcome(() => library.load(call(trainee, {}, '/studio')))).toMatchObject({ status: 403, message: '编写工作室只对培训师开放。' });
		expect(await outcome(() => library.load(call({ claims: null, profile: null }, {}, '/studio')))).toMatchObject({ status: 303, location: '/profile?next=%2Fstudio' });
		expect(await outcome(() => workbench.load(call(coach, { doc: 'nope' }, '/studio/nope')))).toMatchObject({ status: 404 });
	});

	it('creates a scenario from the template (a line break in a name stays one line) and refuses bad fields, keeping them', async () => {
		const fields = { id: 'hotel-tea', title: '茶包\n没换', persona: '林女士', archetype: 'anxious', class: '普通', channel: 'counter', difficulty: 'easy', mood: '30' };
		const made = await outcome(() => library.actions.scenario(call(coach, {}, '/studio?/scenario', form(fields))));
		expect(made).toMatchObject({ status: 303, location: expect.stringMatching(/^\/studio\/[0-9a-f-]{36}$/) });
		const doc = await (await getStore()).getDocument(coach.claims, (made as { location: string }).location.split('/').pop()!);
		expect(doc).toMatchObject({ slug: 'hotel-tea', title: '茶包 没换' });

		const bad = await outcome(() => library.actions.scenario(call(coach, {}, '/studio?/scenario', form({ ...fields, id: 'Hotel Tea' }))));
		expect(bad).toMatchObject({ status: 400, data: { form: 'scenario', error: '「编号（id）」填写得不对，请检查后再提交。', values: { title: '茶包 没换' } } });
		const shipped = await outcome(() => library.actions.scenario(call(coach, {}, '/studio?/scenario', form({ ...fields, id: 'angry-caller' }))));
		expect(shipped).toMatchObject({ status: 400, data: { error: '编号 angry-caller 已被系统自带的内容使用，请换一个。' } });
		const mood = await outcome(() => library.actions.scenario(call(coach, {}, '/studio?/scenario', form({ ...fields, mood: '120' }))));
		expect(mood).toMatchObject({ status: 400, data: { form: 'scenario' } });
	});

	it('refuses an empty, oversized or non-UTF-8 upload with a message, and copies shipped content under a new id', async () => {
		const upload = (blob: Blob) => outcome(() => library.actions.upload(call(coach, {}, '/studio?/upload', form({ file: new File([blob], 'x.yaml') }))));
		expect(await upload(new Blob([]))).toMatchObject({ status: 400, data: { error: '请选择一个文件。' } });
		expect(await upload(new Blob([new Uint8Array([0xff, 0xfe, 0x00])]))).toMatchObject({ status: 400, data: { error: expect.stringContaining('UTF-8') } });
		expect(await upload(new Blob(['x'.repeat(2 * 1024 * 1024 + 1)]))).toMatchObject({ status: 413 });
		const copy = await outcome(() => library.actions.copy(call(coach, {}, '/studio?/copy', form({ kind: 'scenario', id: 'angry-caller' }))));
		expect(copy.status).toBe(303);
		const doc = await (await getStore()).getDocument(coach.claims, (copy as { location: string }).location.split('/').pop()!);
		expect(doc.slug).toBe('angry-caller-team');
		expect(doc.text).not.toContain('yaml-language-server');
		// Only the id and title lines differ from the shipped file.
		const shippedLines = readFileSync('scenarios/angry-caller.yaml', 'utf8').split('\n').filter((l) => !l.startsWith('# yaml-language-server'));
		const copyLines = doc.text.split('\n');
		expect(copyLines.filter((l, i) => l !== shippedLines[i])).toEqual(['id: angry-caller-team', 'title: "翻了三倍的话费单（团队版）"']);
		expect(await outcome(() => library.actions.copy(call(coach, {}, '/studio?/copy', form({ kind: 'scenario', id: 'no-such' }))))).toMatchObject({ status: 404 });
	});
});
