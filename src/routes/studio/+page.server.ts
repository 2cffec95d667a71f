import { fail, redirect } from '@sveltejs/kit';
import * as t from '$lib/i18n';
import { ARCHETYPES, CHANNELS, COMPLAINT_CLASSES, DIFFICULTIES, QUIZ_KINDS } from '$lib/domain';
import { looksLikeQuiz } from '$lib/quiz/files';
import { SCENARIO_ID } from '$lib/scenario/schema';
import { cleanLine } from '$lib/text';
import { getStore, StoreError } from '$lib/server/db';
import { MAX_DOCUMENT_BYTES } from '$lib/server/db/studio-store';
import { allQuizzes } from '$lib/server/quizzes';
import { allScenarios } from '$lib/server/scenarios';
import { requireTrainer, shippedCopy, shippedIds } from '$lib/server/studio';
import { quizTemplate, scenarioTemplate } from '$lib/studio/template';
import { STUDIO_KINDS, type StudioKind } from '$lib/studio/types';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const claims = requireTrainer(locals, url.pathname);
	return {
		documents: await (await getStore()).listDocuments(claims),
		shipped: {
			scenario: allScenarios().map((s) => ({ id: s.meta.id, title: s.meta.title })),
			quiz: allQuizzes().map((q) => ({ id: q.id, title: q.title }))
		},
		maxBytes: MAX_DOCUMENT_BYTES
	};
};

const oneOf = <T extends string>(values: readonly T[], v: FormDataEntryValue | null): T | null => (values.includes(v as T) ? (v as T) : null);

/** Creates the document and opens it; a store refusal is shown on the library page. */
async function createAndOpen(claims: App.Locals['claims'], kind: StudioKind, text: string) {
	let id: string;
	try {
		id = (await (await getStore()).createDocument(claims, { kind, text })).id;
	} catch (e) {
		if (e instanceof StoreError) return fail(e.status, { error: t.storeErrors[e.code] });
		throw e;
	}
	redirect(303, `/studio/${id}`);
}

export const actions: Actions = {
	scenario: async ({ request, locals, url }) => {
		const claims = requireTrainer(locals, url.pathname);
		const f = await request.formData();
		const id = cleanLine(String(f.get('id') ?? ''));
		const title = cleanLine(String(f.get('title') ?? ''));
		const personaName = cleanLine(String(f.get('persona') ?? ''));
		const archetype = oneOf(ARCHETYPES, f.get('archetype'));
		const complaintClass = oneOf(COMPLAINT_CLASSES, f.get('class'));
		const channel = oneOf(CHANNELS, f.get('channel'));
		const difficulty = oneOf(DIFFICULTIES, f.get('difficulty'));
		const moodStart = Number(f.get('mood'));
		const values = { id, title, personaName, moodStart: String(f.get('mood') ?? '') };
		if (!SCENARIO_ID.test(id)) return fail(400, { error: t.studio.badField(t.studio.fieldId), form: 'scenario', values });
		if (shippedIds('scenario').includes(id)) return fail(400, { error: t.studio.idTaken(id), form: 'scenario', values });
		if (!title || title.length > 100) return fail(400, { error: t.studio.badField(t.studio.fieldTitle), form: 'scenario', values });
		if (!personaName || personaName.length > 30) return fail(400, { error: t.studio.badField(t.studio.fieldPersona), form: 'scenario', values });
		if (!archetype || !complaintClass || !channel || !difficulty) return fail(400, { error: t.studio.badField(t.studio.fieldArchetype), form: 'scenario', values });
		if (!Number.isInteger(moodStart) || moodStart < 0 || moodStart > 100) return fail(400, { error: t.studio.badField(t.studio.fieldMood), form: 'scenario', values });
		return createAndOpen(claims, 'scenario', scenarioTemplate({ id, title, personaName, archetype, complaintClass, channel, difficulty, moodStart }));
	},
	quiz: async ({ request, locals, url }) => {
		const claims = requireTrainer(locals, url.pathname);
		const f = await request.formData();
		const id = cleanLine(String(f.get('id') ?? ''));
		const title = cleanLine(String(f.get('title') ?? ''));
		const kind = oneOf(QUIZ_KINDS, f.get('quizKind'));
		const values = { id, title };
		if (!SCENARIO_ID.test(id)) return fail(400, { error: t.studio.badField(t.studio.fieldId), form: 'quiz', values });
		if (shippedIds('quiz').includes(id)) return fail(400, { error: t.studio.idTaken(id), form: 'quiz', values });
		if (!title || title.length > 100) return fail(400, { error: t.studio.badField(t.studio.fieldTitle), form: 'quiz', values });
		if (!kind) return fail(400, { error: t.studio.badField(t.studio.fieldQuizKind), form: 'quiz', values });
		return createAndOpen(claims, 'quiz', quizTemplate({ id, title, kind }));
	},
	copy: async ({ request, locals, url }) => {
		const claims = requireTrainer(locals, url.pathname);
		const f = await request.formData();
		const kind = oneOf(STUDIO_KINDS, f.get('kind'));
		const mine = (await (await getStore()).listDocuments(claims)).map((d) => d.slug);
		const text = kind ? shippedCopy(kind, String(f.get('id') ?? ''), mine) : undefined;
		if (!kind || text === undefined) return fail(404, { error: t.storeErrors['unknown-scenario'] });
		return createAndOpen(claims, kind, text);
	},
	// A text made elsewhere in the app (the trainer page's GIFT conversion) as a new draft.
	text: async ({ request, locals, url }) => {
		const claims = requireTrainer(locals, url.pathname);
		const f = await request.formData();
		const kind = oneOf(STUDIO_KINDS, f.get('kind'));
		const text = f.get('text');
		if (!kind || typeof text !== 'string' || !text.trim()) return fail(400, { error: t.studio.uploadEmpty, form: 'upload' });
		// A form sends line breaks as CRLF: the text was written with LF.
		return createAndOpen(claims, kind, text.replace(/\r\n/g, '\n'));
	},
	upload: async ({ request, locals, url }) => {
		const claims = requireTrainer(locals, url.pathname);
		const file = (await request.formData()).get('file');
		const mib = MAX_DOCUMENT_BYTES / 1024 / 1024;
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: t.studio.uploadEmpty, form: 'upload' });
		if (file.size > MAX_DOCUMENT_BYTES) return fail(413, { error: t.studio.uploadTooBig(mib), form: 'upload' });
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
		} catch {
			return fail(400, { error: t.studio.uploadNotText, form: 'upload' });
		}
		// A byte order mark some editors write is not part of the YAML.
		text = text.replace(/^\ufeff/, '');
		return createAndOpen(claims, looksLikeQuiz(text) ? 'quiz' : 'scenario', text);
	}
};
