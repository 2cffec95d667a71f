// Reading scenario files from disk: shared by the checker CLI and the server's content module.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { at, compileLocated, LIMITS, workLimitDiagnostic, type CompileResult } from './compiler';
import { compileReactionDefaults, REACTIONS_PATH, type ReactionDefaults } from './reactions-file';
import { enumeratePaths, MAX_WORK, scenarioStats, type PathReport, type ScenarioStats } from './paths';
import { bestScore, BEST_WORK_LIMIT, type BestScore } from '../scoring/best';
import type { Diagnostic } from './types';

export const PATH_WARNING = 500;

export interface CheckedFile extends CompileResult {
	file: string;
	paths: PathReport | null;
	stats: ScenarioStats | null;
	/** The best score the scenario allows, searched while checking (the server keeps it). */
	best?: BestScore;
}

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

/** Compiles, then counts and plays the paths and searches the best score, to report what the static checks cannot see. */
export function checkText(file: string, text: string, reactions?: ReactionDefaults): CheckedFile {
	const { result, src } = compileLocated(file, text, reactions);
	if (!result.scenario) return { ...result, file, paths: null, stats: null };
	const paths = enumeratePaths(result.scenario);
	const stats = scenarioStats(result.scenario, paths);
	const index = new Map(result.source!.nodes.map((n, i) => [n.id, i]));
	const warnings: Diagnostic[] = [];
	const warn = (path: PropertyKey[], message: string) => {
		const { line, col } = src.lines.linePos(at(src, path));
		warnings.push({ file, line, col, severity: 'warning', message });
	};
	// Work limits are errors: the server's loader refuses the file, so no figure it serves is unknown.
	const errors: Diagnostic[] = [];
	if (paths.limit === 'work')
		errors.push(
			workLimitDiagnostic(src, result.source!, undefined, `too many ways through (loops, or mood and earlier choices combining): counting the paths stopped after ${MAX_WORK} steps; cut loops short or let fewer moods and choices decide routes`)
		);
	else {
		for (const e of stats.unreachableEndings) warn(['nodes', index.get(e)!, 'id'], `ending "${e}" is never reached in play: no mood or earlier choice leads there`);
		if (stats.paths > PATH_WARNING) warn(['nodes'], `${stats.pathCount} paths: browser tests play each one, keep it under ${PATH_WARNING}`);
	}
	// The debrief needs the best score; a search that would not finish within its limit refuses the file.
	const best = errors.length ? undefined : bestScore(result.scenario);
	if (best && !best.exhaustive)
		errors.push(
			workLimitDiagnostic(
				src,
				result.source!,
				best.stoppedAt,
				`the best possible score cannot be worked out within ${BEST_WORK_LIMIT} steps (stopped at "${best.stoppedAt}"): too many replies trade different moves, flags and mood against each other on the way to the same node; give fewer of them different moves, or let them lead to different nodes`
			)
		);
	const diagnostics = [...result.diagnostics, ...warnings, ...errors];
	return { ...result, scenario: errors.length ? null : result.scenario, file, diagnostics, paths, stats, ...(best ? { best } : {}) };
}
