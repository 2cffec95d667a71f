// Reading scenario files from disk: shared by the checker CLI and the server's content module.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { compileLocated, LIMITS, type CompileResult } from './compiler';
import { compileReactionDefaults, REACTIONS_PATH, type ReactionDefaults } from './reactions-file';
import { checkText, type CheckedFile } from './check';
import type { Diagnostic } from './types';

// The checker itself has no node APIs (the studio runs it in the browser); callers import it from here too.
export { checkText, PATH_WARNING, type CheckedFile } from './check';

/** Scenario files under a folder (not its sub-folders: quizzes and fixtures live there). */
export function scenarioFiles(dir: string): string[] {
	return readdirSync(dir)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort()
		.map((f) => join(dir, f));
}

export interface LoadedDefaults {
	file: string;
	defaults: ReactionDefaults | null;
	diagnostics: Diagnostic[];
}
const defaultsCache = new Map<string, LoadedDefaults>();

/**
 * The shared reaction table for scenarios in `dir`: `<dir>/reactions/defaults.yaml`, else the
 * project's (scenarios/reactions/defaults.yaml from the working directory). Read once per path.
 */
export function reactionDefaultsFor(dir: string): LoadedDefaults {
	const own = join(dir, 'reactions', 'defaults.yaml');
	const path = existsSync(own) ? own : join(process.cwd(), REACTIONS_PATH);
	let loaded = defaultsCache.get(path);
	if (!loaded) {
		const file = relative(process.cwd(), path) || path;
		let text: string | null = null;
		try {
			text = readFileSync(path, 'utf8');
		} catch (e) {
			loaded = { file, defaults: null, diagnostics: [{ file, line: 1, col: 1, severity: 'error', message: `cannot read the shared reaction table: ${(e as Error).message}` }] };
		}
		if (text !== null) loaded = { file, ...compileReactionDefaults(file, text) };
		defaultsCache.set(path, loaded!);
	}
	return loaded!;
}

/** Compiles a file with the shared reaction table, without the path analysis checkFile adds (for CLIs). */
export function compileScenarioFile(path: string): CompileResult {
	const shared = reactionDefaultsFor(dirname(path));
	if (!shared.defaults) return { scenario: null, source: null, diagnostics: shared.diagnostics };
	const file = relative(process.cwd(), path) || path;
	try {
		if (statSync(path).size > LIMITS.bytes) return { scenario: null, source: null, diagnostics: [{ file, line: 1, col: 1, severity: 'error', message: `file is larger than ${LIMITS.bytes} bytes` }] };
		return compileLocated(file, readFileSync(path, 'utf8'), shared.defaults).result;
	} catch (e) {
		return { scenario: null, source: null, diagnostics: [{ file, line: 1, col: 1, severity: 'error', message: `cannot read file: ${(e as Error).message}` }] };
	}
}

export function checkFile(path: string, displayName = relative(process.cwd(), path) || path): CheckedFile {
	let text: string;
	try {
		const size = statSync(path).size;
		if (size > LIMITS.bytes)
			return { file: displayName, scenario: null, source: null, paths: null, stats: null, diagnostics: [{ file: displayName, line: 1, col: 1, severity: 'error', message: `file is ${size} bytes; the limit is ${LIMITS.bytes}` }] };
		text = readFileSync(path, 'utf8');
	} catch (e) {
		return { file: displayName, scenario: null, source: null, paths: null, stats: null, diagnostics: [{ file: displayName, line: 1, col: 1, severity: 'error', message: `cannot read file: ${(e as Error).message}` }] };
	}
	// Scenarios are compiled with the shared reaction table: a broken table stops every one of them.
	const shared = reactionDefaultsFor(dirname(path));
	if (!shared.defaults) return { file: displayName, scenario: null, source: null, paths: null, stats: null, diagnostics: shared.diagnostics };
	return checkText(displayName, text, shared.defaults);
}
