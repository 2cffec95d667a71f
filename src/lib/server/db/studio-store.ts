// The trainer studio in the store (issue 11; migration 20261207000002_studio.sql): a trainer's
// documents (YAML as typed, saved by revision so a stale save is a conflict, never an overwrite),
// their immutable published versions, and what the trainer's team plays. Every function runs as
// the user (row-level security decides); only the compiled form of a published version is written
// as the server, into app.scenario_versions where attempts find it.
import { z } from 'zod';
import type { AttemptKind } from '../../domain';
import type { CheckReport, Coauthor, DocumentState, DocumentSummary, SaveConflict, StudioDocument, StudioKind, VersionSummary } from '../../studio/types';
import { DOCUMENT_STATES, STUDIO_KINDS } from '../../studio/types';
import { LIMITS } from '../../scenario/compiler';
import { declaredName, documentFileName } from '../../studio/names';
import { cleanFileText } from '../../text';
import { anonymous, parse, uuid } from './attempt-base';
import { PG, StoreError, pgCode } from './errors';
import { asUser, becomeService, becomeUser, type Claims } from './session';
import type { Db, Tx } from './types';

/** The largest document the studio keeps: the checker's own file limit (and the SQL checks'). */
export const MAX_DOCUMENT_BYTES = LIMITS.bytes;

export interface StudioStoreOptions {
	db: Db;
	/** The checker every save and publish runs (src/lib/studio/checks.ts with the server's tables). */
	check: (kind: StudioKind, name: string, text: string) => CheckReport;
	/** Ids of shipped content of a kind: a team's content may not take them. */
	shippedIds: (kind: StudioKind) => string[];
}

/** What a trainer may set a document's state to (published only by publishing). */
export const STATE_CHANGES = DOCUMENT_STATES.filter((s): s is Exclude<DocumentState, 'published'> => s !== 'published');
export type StateChange = (typeof STATE_CHANGES)[number];

export const attemptKindOf = (kind: StudioKind): AttemptKind => (kind === 'scenario' ? 'roleplay' : 'quiz');

const documentText = z
	.string()
	.transform(cleanFileText)
	.refine((s) => Buffer.byteLength(s) <= MAX_DOCUMENT_BYTES, `a document is at most ${MAX_DOCUMENT_BYTES} bytes`);
const createSchema = z.strictObject({ kind: z.enum(STUDIO_KINDS), text: documentText });
const saveSchema = z.strictObject({ text: documentText, baseRevision: z.number().int().min(1) });
const revisionSchema = z.strictObject({ revision: z.number().int().min(1) });

interface DocumentRow {
	id: string;
	kind: StudioKind;
	slug: string;
	title: string;
	body: string;
	revision: number;
	state: DocumentState;
	updated_at: Date;
	updated_by_name: string | null;
	live_number: number | null;
	live_body: string | null;
	owner_name: string | null;
	is_owner: boolean;
}
const DOCUMENT_SELECT = `select d.id, d.kind, d.slug, d.title, d.body, d.revision, d.state, d.updated_at,
	app.coeditor_name(d.updated_by) as updated_by_name, app.coeditor_name(d.owner_id) as owner_name, d.owner_id = auth.uid() as is_owner,
	(select max(v.number) from app.studio_versions v where v.document_id = d.id) as live_number,
	(select v.body from app.studio_versions v where v.document_id = d.id order by v.number desc limit 1) as live_body
	from app.studio_documents d`;

const toDocument = (r: DocumentRow): StudioDocument => ({
	id: r.id,
	kind: r.kind,
	slug: r.slug,
	title: r.title,
	text: r.body,
	revision: r.revision,
	state: r.state,
	updatedAt: r.updated_at.toISOString(),
	updatedBy: r.updated_by_name ?? '',
	publishedVersion: r.live_number,
	changedSincePublish: r.live_body !== null && r.live_body !== r.body,
	ownerName: r.owner_name ?? '',
	isOwner: r.is_owner
});

export type StudioStore = ReturnType<typeof createStudioStore>;

export function createStudioStore(options: StudioStoreOptions) {
	const { db, check, shippedIds } = options;

	function trainerOnly(user: Claims | null): asserts user is Claims {
		if (!user) anonymous();
	}

	async function requireTrainer(tx: Tx): Promise<void> {
		const r = await tx.query<{ ok: boolean }>('select app.is_trainer() as ok');
		if (!r.rows[0].ok) throw new StoreError('forbidden', 'only trainers use the studio');
	}

	async function documentRow(tx: Tx, id: string): Promise<DocumentRow> {
		if (!uuid.safeParse(id).success) throw new StoreError('unknown-document', `no document ${id}`);
		const r = await tx.query<DocumentRow>(`${DOCUMENT_SELECT} where d.id = $1`, [id]);
		if (!r.rows[0]) throw new StoreError('unknown-document', `no document ${id}`);
		return r.rows[0];
	}

	const nameOf = (r: { slug: string }) => documentFileName(r.slug);
	/** Publishing, taking down, archiving and deleting are the owner's: co-authors edit the text. */
	const ownerOnly = (r: DocumentRow) => {
		if (!r.is_owner) throw new StoreError('owner-only', `document ${r.id} is not this trainer's own`);
	};

	async function listDocuments(user: Claims | null): Promise<DocumentSummary[]> {
		trainerOnly(user);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const r = await tx.query<DocumentRow>(`${DOCUMENT_SELECT} order by d.updated_at desc`);
			return r.rows.map((row) => {
				const { text: _text, ...summary } = toDocument(row);
				return summary;
			});
		});
	}

	async function getDocument(user: Claims | null, id: string): Promise<StudioDocument> {
		trainerOnly(user);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			return toDocument(await documentRow(tx, id));
		});
	}

	async function createDocument(user: Claims | null, input: unknown): Promise<StudioDocument> {
		trainerOnly(user);
		const { kind, text } = parse(createSchema, input);
		const { slug, title } = declaredName(text, kind);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const r = await tx.query<{ id: string }>(
				'insert into app.studio_documents (owner_id, kind, slug, title, body, updated_by) values (auth.uid(), $1, $2, $3, $4, auth.uid()) returning id',
				[kind, slug, title, text]
			);
			return toDocument(await documentRow(tx, r.rows[0].id));
		});
	}

	/** The stored side of a lost race: what the other save left (a 409 `conflict` carries it). */
	const conflictWith = (row: DocumentRow, asked: number) =>
		new StoreError('conflict', `document ${row.id} is at revision ${row.revision}, not ${asked}`, {
			theirs: { text: row.body, revision: row.revision, updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by_name ?? '' } satisfies SaveConflict['theirs']
		});

	/**
	 * Saves a new text over the revision the editor started from. Someone else's save in between
	 * (another tab, another device) is a conflict carrying their version: nothing is overwritten,
	 * even when both arrive at once (the update itself requires the revision). The text is then
	 * checked with the publishing checker, outside the transaction, so the editor shows the
	 * server's verdict without holding the database.
	 */
	async function saveDocument(user: Claims | null, id: string, input: unknown): Promise<{ document: StudioDocument; report: CheckReport }> {
		trainerOnly(user);
		const { text, baseRevision } = parse(saveSchema, input);
		const document = await asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const row = await documentRow(tx, id);
			const { slug, title } = declaredName(text, row.kind);
			if (row.state === 'archived') throw new StoreError('document-archived', `document ${id} is archived; restore it to edit`);
			if (row.revision !== baseRevision) {
				if (row.body === text) return toDocument(row);
				throw conflictWith(row, baseRevision);
			}
			const updated = await tx.query(
				`update app.studio_documents set body = $2, slug = $3, title = $4, revision = revision + 1, updated_at = now(), updated_by = auth.uid()
				 where id = $1 and revision = $5`,
				[id, text, slug, title, baseRevision]
			);
			// Another save committed between the read and this update (Postgres, concurrent connections).
			if (updated.rowCount === 0) throw conflictWith(await documentRow(tx, id), baseRevision);
			return toDocument(await documentRow(tx, id));
		});
		return { document, report: check(document.kind, nameOf(document), text) };
	}

	/**
	 * Publishes the document as it is at `revision` (what the trainer sees): the full checker must
	 * pass; the id is the document's for good from the first publish; a text already published as
	 * the newest version publishes nothing new (it only goes live again if it was taken down). The
	 * new version goes live for the team at once. The check runs before the transaction; the
	 * transaction locks the document and publishes only if it is still at that revision.
	 */
	async function publishDocument(user: Claims | null, id: string, input: unknown): Promise<{ document: StudioDocument; version: number; unchanged: boolean }> {
		trainerOnly(user);
		const { revision } = parse(revisionSchema, input);
		const seen = await asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			return documentRow(tx, id);
		});
		ownerOnly(seen);
		if (seen.state === 'archived') throw new StoreError('document-archived', `document ${id} is archived; restore it to publish`);
		if (seen.revision !== revision) throw conflictWith(seen, revision);
		const report = check(seen.kind, nameOf(seen), seen.body);
		const errors = report.diagnostics.filter((d) => d.severity === 'error');
		if (!report.ok || !report.compiled) throw new StoreError('check-failed', `${errors.length} problems stop publishing`, { diagnostics: errors });
		const compiled = report.compiled as { version: string; meta?: { id: string }; id?: string };
		const slug = compiled.meta?.id ?? compiled.id!;
		const kind = attemptKindOf(seen.kind);
		try {
			return await asUser(db, user, async (tx) => {
				await tx.query('select 1 from app.studio_documents where id = $1 for update', [id]);
				const row = await documentRow(tx, id);
				if (row.revision !== revision || row.state === 'archived') throw conflictWith(row, revision);
				const owned = (await tx.query<{ slug: string; live_number: number; live: boolean }>(
					'select slug, live_number, live from app.published_content where document_id = $1',
					[id]
				)).rows[0];
				if (owned && owned.slug !== slug)
					throw new StoreError('slug-changed', `this document was published as "${owned.slug}"; its id cannot change`, { slug: owned.slug });
				if (!owned && shippedIds(row.kind).includes(slug)) throw new StoreError('slug-taken', `"${slug}" is the id of shipped content`, { slug });
				// The newest version already holds this very text: live again if it was taken down, nothing new.
				if (owned && row.live_body === row.body) {
					await tx.query('update app.published_content set live = true, updated_at = now() where document_id = $1 and not live', [id]);
					await tx.query("update app.studio_documents set state = 'published', updated_at = now(), updated_by = auth.uid() where id = $1 and state <> 'published'", [id]);
					return { document: toDocument(await documentRow(tx, id)), version: owned.live_number, unchanged: true };
				}

				const number = (row.live_number ?? 0) + 1;
				await tx.query(
					'insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, $2, $3, $4, auth.uid())',
					[id, number, row.body, compiled.version]
				);
				// The compiled form, where attempts find the version they play (written as the server:
				// nobody writes stored versions as themselves).
				const trainer = user.sub;
				await becomeService(tx);
				await tx.query(
					`insert into app.scenario_versions (kind, scenario_id, version, compiled, owner_id) values ($1, $2, $3, $4, $5)
					 on conflict (kind, scenario_id, version) do nothing`,
					[kind, slug, compiled.version, JSON.stringify(report.compiled), trainer]
				);
				const stored = (await tx.query<{ owner_id: string | null }>('select owner_id from app.scenario_versions where kind = $1 and scenario_id = $2 and version = $3', [kind, slug, compiled.version])).rows[0];
				if (stored.owner_id !== trainer) throw new StoreError('slug-taken', `"${slug}" is used by other content`, { slug });
				await becomeUser(tx, user);
				if (owned)
					await tx.query('update app.published_content set live_number = $2, content_version = $3, live = true, updated_at = now() where document_id = $1', [id, number, compiled.version]);
				else
					await tx.query(
						'insert into app.published_content (kind, slug, document_id, owner_id, live_number, content_version) values ($1, $2, $3, auth.uid(), $4, $5)',
						[kind, slug, id, number, compiled.version]
					);
				await tx.query("update app.studio_documents set state = 'published', updated_at = now(), updated_by = auth.uid() where id = $1", [id]);
				return { document: toDocument(await documentRow(tx, id)), version: number, unchanged: false };
			});
		} catch (e) {
			// The id is published already (another document of this trainer's, or another trainer's).
			if (pgCode(e) === PG.uniqueViolation) throw new StoreError('slug-taken', `"${slug}" is already published by another document`, { slug });
			throw e;
		}
	}

	/** Takes a document off the team's list (unpublished) or puts it away (archived), or back to work (draft). */
	async function setDocumentState(user: Claims | null, id: string, state: StateChange): Promise<StudioDocument> {
		trainerOnly(user);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const row = await documentRow(tx, id);
			ownerOnly(row);
			// Back from the archive: a document that was ever published comes back unpublished.
			const next = state === 'draft' && row.live_number !== null ? 'unpublished' : state;
			if (state === 'draft' && row.state !== 'archived') throw new StoreError('bad-input', `document ${id} is not archived`);
			if (state === 'unpublished' && row.state !== 'published') throw new StoreError('bad-input', `document ${id} is not published`);
			await tx.query('update app.published_content set live = false, updated_at = now() where document_id = $1', [id]);
			await tx.query('update app.studio_documents set state = $2, updated_at = now(), updated_by = auth.uid() where id = $1', [id, next]);
			return toDocument(await documentRow(tx, id));
		});
	}

	/** Deletes a document that was never published (published ones are archived instead: attempts refer to them). */
	async function deleteDocument(user: Claims | null, id: string): Promise<void> {
		trainerOnly(user);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const row = await documentRow(tx, id);
			ownerOnly(row);
			if (row.live_number !== null) throw new StoreError('bad-input', `document ${id} was published; archive it instead`);
			await tx.query('delete from app.studio_documents where id = $1', [id]);
		});
	}

	async function listVersions(user: Claims | null, id: string): Promise<VersionSummary[]> {
		trainerOnly(user);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			await documentRow(tx, id);
			const r = await tx.query<{ number: number; content_version: string; published_at: Date; published_by_name: string | null; live: boolean }>(
				`select v.number, v.content_version, v.published_at,
					app.coeditor_name(v.published_by) as published_by_name,
					coalesce((select c.live and c.live_number = v.number from app.published_content c where c.document_id = v.document_id), false) as live
				 from app.studio_versions v where v.document_id = $1 order by v.number desc`,
				[id]
			);
			return r.rows.map((v) => ({
				number: v.number,
				contentVersion: v.content_version,
				publishedAt: v.published_at.toISOString(),
				publishedBy: v.published_by_name ?? '',
				live: v.live
			}));
		});
	}

	async function getVersion(user: Claims | null, id: string, number: number): Promise<{ number: number; text: string; slug: string; kind: StudioKind }> {
		trainerOnly(user);
		// The column is a Postgres integer: a larger number is no version, not an overflow (a 500).
		if (!Number.isInteger(number) || number < 1 || number > 2_147_483_647) throw new StoreError('unknown-version', `no version ${number}`);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const row = await documentRow(tx, id);
			const r = await tx.query<{ body: string }>('select body from app.studio_versions where document_id = $1 and number = $2', [id, number]);
			if (!r.rows[0]) throw new StoreError('unknown-version', `document ${id} has no version ${number}`);
			return { number, text: r.rows[0].body, slug: row.slug, kind: row.kind };
		});
	}

	/** The trainers who co-author a document (its owner and co-authors may ask). */
	async function listCoauthors(user: Claims | null, id: string): Promise<Coauthor[]> {
		trainerOnly(user);
		return asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			await documentRow(tx, id);
			const r = await tx.query<{ id: string; name: string | null }>(
				'select profile_id as id, app.coeditor_name(profile_id) as name from app.studio_coauthors where document_id = $1 order by added_at',
				[id]
			);
			return r.rows.map((c) => ({ id: c.id, displayName: c.name ?? '' }));
		});
	}

	/** The owner lets another trainer edit the document. */
	async function addCoauthor(user: Claims | null, id: string, profileId: string): Promise<Coauthor[]> {
		trainerOnly(user);
		if (!uuid.safeParse(profileId).success || profileId === user.sub) throw new StoreError('unknown-profile', `no other trainer ${profileId}`);
		try {
			await asUser(db, user, async (tx) => {
				await requireTrainer(tx);
				ownerOnly(await documentRow(tx, id));
				await tx.query('insert into app.studio_coauthors (document_id, profile_id) values ($1, $2) on conflict do nothing', [id, profileId]);
			});
		} catch (e) {
			// Not a trainer's profile (the policy), or no profile at all (the foreign key).
			if (pgCode(e) === PG.insufficientPrivilege || pgCode(e) === PG.foreignKeyViolation) throw new StoreError('unknown-profile', `no trainer ${profileId}`);
			throw e;
		}
		return listCoauthors(user, id);
	}

	/** The owner takes a co-author off, or a co-author leaves. */
	async function removeCoauthor(user: Claims | null, id: string, profileId: string): Promise<void> {
		trainerOnly(user);
		if (!uuid.safeParse(profileId).success) throw new StoreError('unknown-profile', `no trainer ${profileId}`);
		await asUser(db, user, async (tx) => {
			await requireTrainer(tx);
			const row = await documentRow(tx, id);
			if (!row.is_owner && profileId !== user.sub) throw new StoreError('owner-only', 'only the owner removes other co-authors');
			await tx.query('delete from app.studio_coauthors where document_id = $1 and profile_id = $2', [id, profileId]);
		});
	}

	return { listDocuments, getDocument, createDocument, saveDocument, publishDocument, setDocumentState, deleteDocument, listVersions, getVersion, listCoauthors, addCoauthor, removeCoauthor };
}
