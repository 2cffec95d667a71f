// Team content for the database tests, published the way the studio's publish step stores it
// (issue 11, supabase/migrations/20261207000002_studio.sql): a studio document, its version 1, the
// compiled form in app.scenario_versions with owner_id = the trainer and version = the compiled
// content hash, and app.published_content naming that version live. Written as service_role, as
// the server would after its checks. The content is a shipped fixture under a new id.
import { readFileSync } from 'node:fs';
import { compileQuiz, type CompiledQuiz } from '../../src/lib/quiz';
import type { CompiledScenario } from '../../src/lib/scenario/types';
import { asService, type Claims } from '../../src/lib/server/db/session';
import type { Db } from '../../src/lib/server/db/types';
import { compileYaml, TINY_YAML } from './helpers';

/** The YAML of tests/db's tiny scenario under another id and title (compiled: a new version hash). */
export function teamScenarioYaml(id: string, title = `团队情景 ${id}`): string {
	return TINY_YAML.replace(/^id: tiny$/m, `id: ${id}`).replace(/^title: .*$/m, `title: ${title}`);
}

/** tests/db's tiny scenario compiled under another id (and title). */
export const teamScenario = (id: string, title?: string): CompiledScenario => compileYaml(teamScenarioYaml(id, title));

/** The YAML of tests/db/fixtures/db-quiz.yaml under another id and title. */
export function teamQuizYaml(id: string, title = `团队测验 ${id}`): string {
	return readFileSync('tests/db/fixtures/db-quiz.yaml', 'utf8')
		.replace(/^id: db-quiz$/m, `id: ${id}`)
		.replace(/^title: .*$/m, `title: ${title}`);
}

export function teamQuiz(id: string, title?: string): CompiledQuiz {
	const r = compileQuiz(`${id}.yaml`, teamQuizYaml(id, title));
	if (!r.quiz) throw new Error(JSON.stringify(r.diagnostics));
	return r.quiz;
}

export interface Published {
	documentId: string;
	kind: 'roleplay' | 'quiz';
	id: string;
	version: string;
	number: number;
}

const ownerOf = (owner: Claims | string) => (typeof owner === 'string' ? owner : owner.sub);

/**
 * Publishes compiled content for a trainer's team as the studio does: the first call for an id
 * creates the document (version 1); later calls publish the next version and make it live.
 */
export async function publish(db: Db, owner: Claims | string, content: { scenario: CompiledScenario; yaml?: string } | { quiz: CompiledQuiz; yaml?: string }): Promise<Published> {
	const trainer = ownerOf(owner);
	const [studioKind, kind, id, title, version, compiled] =
		'scenario' in content
			? (['scenario', 'roleplay', content.scenario.meta.id, content.scenario.meta.title, content.scenario.version, content.scenario] as const)
			: (['quiz', 'quiz', content.quiz.id, content.quiz.title, content.quiz.version, content.quiz] as const);
	const body = content.yaml ?? (studioKind === 'scenario' ? teamScenarioYaml(id, title) : teamQuizYaml(id, title));
	return asService(db, async (tx) => {
		let doc = (await tx.query<{ id: string }>('select document_id as id from app.published_content where kind = $1 and slug = $2', [kind, id])).rows[0];
		if (!doc)
			doc = (
				await tx.query<{ id: string }>(
					`insert into app.studio_documents (owner_id, kind, slug, title, body, state, updated_by) values ($1, $2, $3, $4, $5, 'published', $1) returning id`,
					[trainer, studioKind, id, title, body]
				)
			).rows[0];
		else await tx.query(`update app.studio_documents set body = $2, title = $3, state = 'published', revision = revision + 1, updated_at = now() where id = $1`, [doc.id, body, title]);
		const number = (await tx.query<{ n: number }>('select coalesce(max(number), 0)::int + 1 as n from app.studio_versions where document_id = $1', [doc.id])).rows[0].n;
		await tx.query('insert into app.studio_versions (document_id, number, body, content_version, published_by) values ($1, $2, $3, $4, $5)', [
			doc.id,
			number,
			body,
			version,
			trainer
		]);
		await tx.query(
			'insert into app.scenario_versions (kind, scenario_id, version, compiled, owner_id) values ($1, $2, $3, $4, $5) on conflict do nothing',
			[kind, id, version, JSON.stringify(compiled), trainer]
		);
		await tx.query(
			`insert into app.published_content (kind, slug, document_id, owner_id, live_number, content_version, live) values ($1, $2, $3, $4, $5, $6, true)
			 on conflict (kind, slug) do update set live_number = excluded.live_number, content_version = excluded.content_version, live = true, updated_at = now()`,
			[kind, id, doc.id, trainer, number, version]
		);
		return { documentId: doc.id, kind, id, version, number };
	});
}

/** Takes published content down (unpublish, or archive with `archived`): the team no longer sees it. */
export async function unpublish(db: Db, p: Pick<Published, 'kind' | 'id' | 'documentId'>, state: 'unpublished' | 'archived' = 'unpublished'): Promise<void> {
	await asService(db, async (tx) => {
		await tx.query('update app.published_content set live = false, updated_at = now() where kind = $1 and slug = $2', [p.kind, p.id]);
		await tx.query('update app.studio_documents set state = $2 where id = $1', [p.documentId, state]);
	});
}
