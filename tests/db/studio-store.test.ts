// The studio store on real PGlite, acting out each role: the trainer who owns a document, another
// trainer, the trainer's team (members of the cohorts they lead), a trainee outside the team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuiz } from '../../src/lib/quiz/compiler';
import { checkText, reactionDefaultsFor } from '../../src/lib/scenario/files';
import type { Claims } from '../../src/lib/server/db/session';
import { createStudioStore, MAX_DOCUMENT_BYTES, type StudioStore } from '../../src/lib/server/db/studio-store';
import type { CheckReport, StudioKind } from '../../src/lib/studio/types';
import { DB_TIMEOUT, freshStore, play, probe, TINY_YAML, trainee, trainer, type TestStore } from './helpers';

const reactions = reactionDefaultsFor('scenarios').defaults!;
function check(kind: StudioKind, name: string, text: string): CheckReport {
	if (kind === 'quiz') {
		const r = compileQuiz(name, text);
		return { kind, diagnostics: r.diagnostics, ok: !!r.quiz, compiled: r.quiz, figures: null };
	}
	const r = checkText(name, text, reactions);
	return { kind, diagnostics: r.diagnostics, ok: !!r.scenario, compiled: r.scenario, figures: null };
}

const TEAM_YAML = TINY_YAML.replace('id: tiny', 'id: team-tiny').replace('title: 小场景', 'title: 团队小场景');
const errorCode = (p: Promise<unknown>) => p.then(() => 'none', (e: { code?: string }) => e.code ?? String(e));

let t: TestStore;
let studio: StudioStore;
let coach: Claims, otherCoach: Claims, member: Claims, outsider: Claims;
beforeAll(async () => {
	t = await freshStore();
	studio = createStudioStore({ db: t.db, check, shippedIds: (kind) => (kind === 'scenario' ? ['tiny'] : ['db-quiz']) });
	coach = await trainer(t.store, '周老师');
	otherCoach = await trainer(t.store, '吴老师');
	member = await trainee(t.store, '小林');
	outsider = await trainee(t.store, '小高');
	const cohort = await t.store.createCohort(coach, '一期');
	await t.store.addMember(coach, cohort.id, member.sub);
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('documents', () => {
	it('keeps the text as typed, for its trainer only', async () => {
		const text = `# 注释留着\n${TEAM_YAML}`;
		const doc = await studio.createDocument(coach, { kind: 'scenario', text });
		expect(doc).toMatchObject({ kind: 'scenario', slug: 'team-tiny', title: '团队小场景', text, revision: 1, state: 'draft', publishedVersion: null });
		expect((await studio.getDocument(coach, doc.id)).text).toBe(text);
		expect(await errorCode(studio.getDocument(otherCoach, doc.id))).toBe('unknown-document');
		expect(await errorCode(studio.getDocument(member, doc.id))).toBe('forbidden');
		expect(await errorCode(studio.createDocument(member, { kind: 'scenario', text }))).toBe('forbidden');
		expect(await errorCode(studio.getDocument(null, doc.id))).toBe('anonymous');
		expect((await studio.listDocuments(coach)).map((d) => d.id)).toContain(doc.id);
		expect(await studio.listDocuments(otherCoach)).toEqual([]);
	});

	it('refuses a save based on an older revision with the stored version, and accepts a retry of the same text', async () => {
		const doc = await studio.createDocument(coach, { kind: 'scenario', text: TEAM_YAML });
		const a = await studio.saveDocument(coach, doc.id, { text: TEAM_YAML + '# 第一处改动\n', baseRevision: 1 });
		expect(a.document.revision).toBe(2);
		expect(a.report.ok).toBe(true);
		const stale = studio.saveDocument(coach, doc.id, { text: TEAM_YAML + '# 另一个标签页\n', baseRevision: 1 });
		await expect(stale).rejects.toMatchObject({ code: 'conflict', detail: { theirs: { text: TEAM_YAML + '# 第一处改动\n', revision: 2 } } });
		expect((await studio.getDocument(coach, doc.id)).text).toBe(TEAM_YAML + '# 第一处改动\n');
		// The same words again (a retry whose answer was lost) are not a conflict.
		expect((await studio.saveDocument(coach, doc.id, { text: TEAM_YAML + '# 第一处改动\n', baseRevision: 1 })).document.revision).toBe(2);
	});

	it('saves a broken draft with the checker\'s verdict, cleans bad characters, refuses what is too big', async () => {
		const doc = await studio.createDocument(coach, { kind: 'scenario', text: 'id: [未闭合' });
		expect(doc.slug).toBe('untitled-scenario');
		const saved = await studio.saveDocument(coach, doc.id, { text: TEAM_YAML.replace('next: d2', 'next: nowhere') + '\u0000', baseRevision: 1 });
		expect(saved.report.ok).toBe(false);
		expect(saved.report.diagnostics.some((d) => d.severity === 'error' && /nowhere/.test(d.message))).toBe(true);
		expect(saved.document.text.includes('\u0000')).toBe(false);
		const big = 'x'.repeat(MAX_DOCUMENT_BYTES + 1);
		expect(await errorCode(studio.saveDocument(coach, doc.id, { text: big, baseRevision: 2 }))).toBe('bad-input');
		expect(await errorCode(studio.saveDocument(coach, doc.id, { text: 'a', baseRevision: 2, score: 100 }))).toBe('bad-input');
	});
});

describe('publishing', () => {
	let docId: string;
	let version1 = '';

	it('refuses a draft with errors, listing them, and stores nothing', async () => {
		const doc = await studio.createDocument(coach, { kind: 'scenario', text: TEAM_YAML.replace('next: end', 'next: gone') });
		docId = doc.id;
		await expect(studio.publishDocument(coach, doc.id, { revision: 1 })).rejects.toMatchObject({
			code: 'check-failed',
			detail: { diagnostics: [expect.objectContaining({ severity: 'error', message: expect.stringContaining('gone') })] }
		});
		const n = await t.db.query<{ n: number }>('select count(*)::int as n from app.studio_versions where document_id = $1', [doc.id]);
		expect(n.rows[0].n).toBe(0);
	});

	it('publishes what the trainer sees, once per change; the team plays it and it is scored on the server', async () => {
		await studio.saveDocument(coach, docId, { text: TEAM_YAML, baseRevision: 1 });
		expect(await errorCode(studio.publishDocument(coach, docId, { revision: 1 }))).toBe('conflict');
		const first = await studio.publishDocument(coach, docId, { revision: 2 });
		expect(first).toMatchObject({ version: 1, unchanged: false, document: { state: 'published', publishedVersion: 1, changedSincePublish: false } });
		expect((await studio.publishDocument(coach, docId, { revision: 2 })).unchanged).toBe(true);
		const row = await t.db.query<{ owner_id: string; version: string }>("select owner_id, version from app.scenario_versions where scenario_id = 'team-tiny'");
		expect(row.rows).toEqual([{ owner_id: coach.sub, version: expect.any(String) }]);
		version1 = row.rows[0].version;

		const attempt = await t.store.startAttempt(member, { scenarioId: 'team-tiny', version: version1, mode: 'practice' });
		const results = await play(t.store, member, attempt.id, ['sorry', 'ask']);
		expect(results.at(-1)!.score).toMatchObject({ overall: expect.any(Number), bestPossible: expect.any(Number) });
		expect(await errorCode(t.store.startAttempt(outsider, { scenarioId: 'team-tiny', version: version1, mode: 'practice' }))).toBe('unknown-scenario');
		expect(await errorCode(t.store.startAttempt(otherCoach, { scenarioId: 'team-tiny', version: version1, mode: 'practice' }))).toBe('unknown-scenario');
	});

	it('numbers versions, keeps each one, and keeps the id', async () => {
		const edited = TEAM_YAML.replace('你们的快递又丢了', '你们的快递又丢了，这已经是第二次');
		const saved = await studio.saveDocument(coach, docId, { text: edited, baseRevision: 2 });
		expect(saved.document.changedSincePublish).toBe(true);
		expect((await studio.publishDocument(coach, docId, { revision: 3 })).version).toBe(2);
		const versions = await studio.listVersions(coach, docId);
		expect(versions.map((v) => [v.number, v.live])).toEqual([
			[2, true],
			[1, false]
		]);
		expect((await studio.getVersion(coach, docId, 1)).text).toBe(TEAM_YAML);
		expect(await errorCode(studio.getVersion(coach, docId, 9))).toBe('unknown-version');
		expect(await errorCode(studio.getVersion(coach, docId, 99_999_999_999))).toBe('unknown-version');
		expect(await errorCode(studio.listVersions(otherCoach, docId))).toBe('unknown-document');

		// Publishing leaves the text, and so the revision, as it was.
		await studio.saveDocument(coach, docId, { text: edited.replace('id: team-tiny', 'id: team-tiny-2'), baseRevision: 3 });
		expect(await errorCode(studio.publishDocument(coach, docId, { revision: 4 }))).toBe('slug-changed');
		await studio.saveDocument(coach, docId, { text: edited, baseRevision: 4 });
	});

	it('refuses ids of shipped content and of content another trainer published', async () => {
		const shipped = await studio.createDocument(otherCoach, { kind: 'scenario', text: TINY_YAML });
		expect(await errorCode(studio.publishDocument(otherCoach, shipped.id, { revision: 1 }))).toBe('slug-taken');
		const copy = await studio.createDocument(otherCoach, { kind: 'scenario', text: TEAM_YAML });
		expect(await errorCode(studio.publishDocument(otherCoach, copy.id, { revision: 1 }))).toBe('slug-taken');
		// Nothing of the refused publish was kept.
		expect((await studio.listVersions(otherCoach, copy.id)).length).toBe(0);
	});

	it('unpublishing takes it from the team at once; archived documents are read-only until restored', async () => {
		await studio.setDocumentState(coach, docId, 'unpublished');
		const live = await t.db.query<{ live: boolean }>('select live from app.published_content where document_id = $1', [docId]);
		expect(live.rows[0].live).toBe(false);
		expect(await errorCode(t.store.startAttempt(member, { scenarioId: 'team-tiny', version: version1, mode: 'practice' }))).toBe('unknown-scenario');
		// The member's finished attempt still reads its stored version.
		const seen = await probe(t.db, member, (tx) => tx.query("select version from app.scenario_versions where scenario_id = 'team-tiny'"));
		expect(seen.ok && seen.rows.length).toBe(1);
		const notSeen = await probe(t.db, outsider, (tx) => tx.query("select version from app.scenario_versions where scenario_id = 'team-tiny'"));
		expect(notSeen.ok && notSeen.rows.length).toBe(0);

		await studio.setDocumentState(coach, docId, 'archived');
		const doc = await studio.getDocument(coach, docId);
		expect(await errorCode(studio.saveDocument(coach, docId, { text: doc.text + '#', baseRevision: doc.revision }))).toBe('document-archived');
		expect((await studio.setDocumentState(coach, docId, 'draft')).state).toBe('unpublished');
		const again = await studio.publishDocument(coach, docId, { revision: doc.revision });
		expect(again.document.state).toBe('published');
		expect((await studio.getDocument(coach, docId)).state).toBe('published');
	});
});

describe('row-level security of the studio tables', () => {
	it('lets nobody but the owner read or write documents and versions; the team reads only what is live', async () => {
		const doc = await studio.createDocument(coach, { kind: 'scenario', text: TEAM_YAML.replace('id: team-tiny', 'id: rls-tiny') });
		for (const who of [member, outsider, otherCoach]) {
			const read = await probe(t.db, who, (tx) => tx.query('select id from app.studio_documents where id = $1', [doc.id]));
			expect(read.ok && read.rows.length, 'read').toBe(0);
			const write = await probe(t.db, who, (tx) => tx.query("update app.studio_documents set body = 'x' where id = $1", [doc.id]));
			expect(write.ok && write.rowCount, 'update').toBe(0);
			const versions = await probe(t.db, who, (tx) =>
				tx.query('insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, 1, $2, $3, auth.uid())', [doc.id, 'x', 'v'])
			);
			expect(versions.ok, 'insert a version').toBe(false);
		}
		const team = await probe(t.db, member, (tx) => tx.query("select slug from app.published_content where slug = 'team-tiny'"));
		expect(team.ok && team.rows.length).toBe(1);
		const other = await probe(t.db, outsider, (tx) => tx.query("select slug from app.published_content where slug = 'team-tiny'"));
		expect(other.ok && other.rows.length).toBe(0);
		const steal = await probe(t.db, otherCoach, (tx) => tx.query("update app.published_content set live = false where slug = 'team-tiny'"));
		expect(steal.ok && steal.rowCount).toBe(0);
		const sneak = await probe(t.db, member, (tx) => tx.query("update app.scenario_versions set owner_id = null where scenario_id = 'team-tiny'"));
		expect(sneak.ok).toBe(false);
	});
});

describe('deleting', () => {
	it('deletes a never-published draft of its owner, and refuses one that was published', async () => {
		const draft = await studio.createDocument(coach, { kind: 'quiz', text: 'id: del-me\ntitle: 删掉我' });
		expect(await errorCode(studio.deleteDocument(otherCoach, draft.id))).toBe('unknown-document');
		await studio.deleteDocument(coach, draft.id);
		expect(await errorCode(studio.getDocument(coach, draft.id))).toBe('unknown-document');
		const published = (await studio.listDocuments(coach)).find((d) => d.publishedVersion !== null)!;
		expect(await errorCode(studio.deleteDocument(coach, published.id))).toBe('bad-input');
		// Row-level security holds it too, whatever the server's own check says.
		const raw = await probe(t.db, coach, (tx) => tx.query('delete from app.studio_documents where id = $1', [published.id]));
		expect(raw.ok && raw.rowCount).toBe(0);
	});
});

describe('publishing the same or nearly the same text', () => {
	it('publishes a comment-only change as a new version; the same text again, or after a take-down, adds none', async () => {
		const text = TEAM_YAML.replace('id: team-tiny', 'id: same-text');
		const doc = await studio.createDocument(coach, { kind: 'scenario', text });
		expect((await studio.publishDocument(coach, doc.id, { revision: 1 })).version).toBe(1);
		await studio.saveDocument(coach, doc.id, { text: `# 只改了注释\n${text}`, baseRevision: 1 });
		const commented = await studio.publishDocument(coach, doc.id, { revision: 2 });
		expect(commented).toMatchObject({ version: 2, unchanged: false, document: { changedSincePublish: false } });
		expect((await studio.publishDocument(coach, doc.id, { revision: 2 })).unchanged).toBe(true);
		await studio.setDocumentState(coach, doc.id, 'unpublished');
		const again = await studio.publishDocument(coach, doc.id, { revision: 2 });
		expect(again).toMatchObject({ version: 2, unchanged: true, document: { state: 'published' } });
		expect((await studio.listVersions(coach, doc.id)).map((v) => [v.number, v.live])).toEqual([
			[2, true],
			[1, false]
		]);
	});
});

describe('co-authors', () => {
	it('lets another trainer edit a draft with its owner: their saves conflict, never overwrite; only the owner publishes', async () => {
		const text = TEAM_YAML.replace('id: team-tiny', 'id: together');
		const doc = await studio.createDocument(coach, { kind: 'scenario', text });
		expect(await errorCode(studio.getDocument(otherCoach, doc.id))).toBe('unknown-document');
		expect(await errorCode(studio.addCoauthor(otherCoach, doc.id, otherCoach.sub))).toBe('unknown-profile');
		expect(await errorCode(studio.addCoauthor(coach, doc.id, member.sub))).toBe('unknown-profile');
		expect(await studio.addCoauthor(coach, doc.id, otherCoach.sub)).toEqual([{ id: otherCoach.sub, displayName: '吴老师' }]);

		const theirs = await studio.getDocument(otherCoach, doc.id);
		expect(theirs).toMatchObject({ isOwner: false, ownerName: '周老师' });
		expect((await studio.listDocuments(otherCoach)).map((d) => d.id)).toContain(doc.id);
		await studio.saveDocument(otherCoach, doc.id, { text: `${text}# 吴老师改的\n`, baseRevision: 1 });
		await expect(studio.saveDocument(coach, doc.id, { text: `${text}# 周老师改的\n`, baseRevision: 1 })).rejects.toMatchObject({
			code: 'conflict',
			detail: { theirs: { text: `${text}# 吴老师改的\n`, updatedBy: '吴老师' } }
		});
		expect(await errorCode(studio.publishDocument(otherCoach, doc.id, { revision: 2 }))).toBe('owner-only');
		expect(await errorCode(studio.setDocumentState(otherCoach, doc.id, 'archived'))).toBe('owner-only');
		expect(await errorCode(studio.deleteDocument(otherCoach, doc.id))).toBe('owner-only');
		expect((await studio.publishDocument(coach, doc.id, { revision: 2 })).version).toBe(1);
		expect((await studio.listVersions(otherCoach, doc.id))[0].publishedBy).toBe('周老师');

		// A co-author leaves; then the draft is the owner's alone again.
		await studio.removeCoauthor(otherCoach, doc.id, otherCoach.sub);
		expect(await errorCode(studio.getDocument(otherCoach, doc.id))).toBe('unknown-document');
	});
});
