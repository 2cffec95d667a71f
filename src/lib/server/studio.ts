// The studio's server side in one place: the checker every save and publish runs (the same
// checkDraft the editor runs in a worker, with the server's shared reaction table and analyzer
// rules), the ids of shipped content, and what the editor page needs to check in the browser.
import { env } from '$env/dynamic/private';
import { resolve } from 'node:path';
import { compileQuiz } from '$lib/quiz/compiler';
import { checkText, reactionDefaultsFor } from '$lib/scenario/files';
import type { CheckReport, StudioKind } from '$lib/studio/types';
import { allQuizzes } from './quizzes';
import { allScenarios } from './scenarios';

/** The shared reaction table scenarios compile with (scenarios/reactions/defaults.yaml). */
export function sharedReactions() {
	const loaded = reactionDefaultsFor(resolve(env.SCENARIOS_DIR || 'scenarios'));
	if (!loaded.defaults) throw new Error(`the shared reaction table is broken: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
	return loaded.defaults;
}

export function studioCheck(kind: StudioKind, name: string, text: string): CheckReport {
	if (kind === 'quiz') {
		const r = compileQuiz(name, text);
		return { kind, diagnostics: r.diagnostics, ok: !!r.quiz, compiled: r.quiz, figures: null };
	}
	const r = checkText(name, text, sharedReactions());
	return { kind, diagnostics: r.diagnostics, ok: !!r.scenario, compiled: r.scenario, figures: null };
}

export function shippedIds(kind: StudioKind): string[] {
	return kind === 'scenario' ? allScenarios().map((s) => s.meta.id) : allQuizzes().map((q) => q.id);
}
