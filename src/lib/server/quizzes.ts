// The one server module that loads authored quizzes (scenarios/quizzes/*.yaml, docs/quiz-format.md).
// Files are compiled once per process; the compiled form holds the answers and stays on the
// server: the browser gets the redacted view of an attempt (src/lib/server/db/quiz-store.ts).
import { env } from '$env/dynamic/private';
import { join, resolve } from 'node:path';
import type { CompiledQuiz } from '$lib/quiz';
import { checkQuizFile, quizFiles } from '$lib/quiz/files';
import { formatDiagnostic } from '$lib/scenario/types';

let cache: Map<string, CompiledQuiz> | null = null;

/** Where quizzes live: QUIZZES_DIR, or `quizzes` inside SCENARIOS_DIR (default scenarios/quizzes). */
export function quizDir(e: Record<string, string | undefined> = env): string {
	return resolve(e.QUIZZES_DIR || join(e.SCENARIOS_DIR || 'scenarios', 'quizzes'));
}

function load(): Map<string, CompiledQuiz> {
	const out = new Map<string, CompiledQuiz>();
	for (const path of quizFiles(quizDir())) {
		const checked = checkQuizFile(path);
		// A broken file must not take the others down: it is left out and reported.
		if (!checked.quiz) console.error(`quiz left out:\n${checked.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n')}`);
		else out.set(checked.quiz.id, checked.quiz);
	}
	return out;
}

export function allQuizzes(): CompiledQuiz[] {
	cache ??= load();
	return [...cache.values()];
}

export function quizById(id: string): CompiledQuiz | undefined {
	cache ??= load();
	return cache.get(id);
}
