// The studio's server side in one place: the checker every save and publish runs (the same
// checkDraft the editor runs in a worker, with the server's shared reaction table and analyzer
// rules), the ids of shipped content, and what the editor page needs to check in the browser.
import { error, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { declaredName } from '$lib/studio/names';
import * as t from '$lib/i18n';
import { quizFiles } from '$lib/quiz/files';
import { reactionDefaultsFor, scenarioFiles } from '$lib/scenario/files';
import { checkDraft } from '$lib/studio/checks';
import type { CheckReport, StudioKind } from '$lib/studio/types';
import { analyzerFile, analyzerForBrowser } from './analyzer';
import type { Claims } from './db';
import { allQuizzes, quizDir } from './quizzes';
import { allScenarios } from './scenarios';
import { signInFirst } from './sign-in-first';

/** The shared reaction table scenarios compile with (scenarios/reactions/defaults.yaml). */
export function sharedReactions() {
	const loaded = reactionDefaultsFor(resolve(env.SCENARIOS_DIR || 'scenarios'));
	if (!loaded.defaults) throw new Error(`the shared reaction table is broken: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
	return loaded.defaults;
}

/** The same checker as the editor's worker (src/lib/studio/checks.ts), with the server's tables. */
export function studioCheck(kind: StudioKind, name: string, text: string): CheckReport {
	return checkDraft(kind, name, text, { reactions: sharedReactions(), rules: analyzerForBrowser() });
}

export function shippedIds(kind: StudioKind): string[] {
	return kind === 'scenario' ? allScenarios().map((s) => s.meta.id) : allQuizzes().map((q) => q.id);
}

/** The file of a shipped scenario or quiz as it is written (for the read-only view and copies). */
export function shippedSource(kind: StudioKind, id: string): { text: string; title: string } | undefined {
	if (!shippedIds(kind).includes(id)) return undefined;
	const dir = kind === 'scenario' ? resolve(env.SCENARIOS_DIR || 'scenarios') : quizDir();
	for (const path of (kind === 'scenario' ? scenarioFiles : quizFiles)(dir)) {
		const text = readFileSync(path, 'utf8');
		// The top-level id and title, read as the studio reads any document (no full YAML parse).
		const declared = declaredName(text, kind);
		if (declared.slug === id) return { text, title: declared.title };
	}
	return undefined;
}

/**
 * The YAML of a shipped scenario or quiz, with a new id and title for a team's copy (the shipped id
 * stays the shipped content's). Only those two lines change (and the schema comment, whose path is
 * relative to scenarios/): the rest of the file stays byte for byte. Undefined when there is no such content.
 */
export function shippedCopy(kind: StudioKind, id: string, taken: string[] = []): string | undefined {
	const source = shippedSource(kind, id);
	if (!source) return undefined;
	const ids = new Set([...shippedIds(kind), ...taken]);
	let copy = `${id}-team`.slice(0, 64);
	for (let n = 2; ids.has(copy); n++) copy = `${id}-team-${n}`.slice(0, 64);
	const title = `${declaredName(source.text, kind).title}${t.studio.copySuffix}`;
	return source.text
		.replace(/^# yaml-language-server:.*\r?\n/m, '')
		.replace(/^id:.*$/m, `id: ${copy}`)
		.replace(/^title:.*$/m, `title: ${JSON.stringify(title)}`);
}

/** The analyzer rules file the browser checker reads for disagreements. */
export const rulesUrl = () => `/data/analyzer/${analyzerFile().name}`;

/** Studio pages: trainers only (sign in first; a trainee is told it is for trainers). */
export function requireTrainer(locals: App.Locals, path: string): Claims {
	if (!locals.claims) redirect(303, signInFirst(path));
	if (locals.profile?.role !== 'trainer') error(403, t.studio.onlyTrainers);
	return locals.claims;
}
