// The scenario checker on text: compile, then count and play the paths and search the best score,
// to report what the static checks cannot see. No node APIs: the CLI and the server reach it through
// files.ts, the studio's check worker runs it in the browser. The shared reaction table arrives as
// plain JSON (reactionDefaultsFor(dir).defaults on the server).
import { at, compileLocated, workLimitDiagnostic, type CompileResult, type Located } from './compiler';
import { contentLints } from './lints';
import type { ReactionDefaults } from './reactions-file';
import { enumeratePaths, MAX_WORK, scenarioStats, type PathReport, type ScenarioStats } from './paths';
import { bestScore, BEST_WORK_LIMIT, type BestScore } from '../scoring/best';
import type { CompiledScenario, Diagnostic } from './types';

export const PATH_WARNING = 500;

export interface CheckedFile extends CompileResult {
	file: string;
	paths: PathReport | null;
	stats: ScenarioStats | null;
	/** The best score the scenario allows, searched while checking (the server keeps it). */
	best?: BestScore;
}

/** Compiles, then counts and plays the paths and searches the best score, to report what the static checks cannot see. */
export function checkText(file: string, text: string, reactions?: ReactionDefaults): CheckedFile {
	return checkLocated(file, text, reactions).checked;
}

/**
 * checkText, also handing back the parsed source (to place more diagnostics) and the compiled
 * scenario as the compiler made it, before a work limit refused it (its figures are still useful).
 */
export function checkLocated(file: string, text: string, reactions?: ReactionDefaults): { checked: CheckedFile; src: Located; compiled: CompiledScenario | null } {
	const { result, src } = compileLocated(file, text, reactions);
	if (!result.scenario) return { checked: { ...result, file, paths: null, stats: null }, src, compiled: null };
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
		// (The compiler's over-the-top ending is not among them: scenarioStats counts the author's.)
		for (const e of stats.unreachableEndings) warn(['nodes', index.get(e)!, 'id'], `ending "${e}" is never reached in play: no mood or earlier choice leads there`);
		if (stats.paths > PATH_WARNING) warn(['nodes'], `${stats.pathCount} paths: the tests replay each one, keep it under ${PATH_WARNING}`);
	}
	for (const l of contentLints(result.source!, result.scenario)) warn(l.path, l.message);
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
	return {
		checked: { ...result, scenario: errors.length ? null : result.scenario, file, diagnostics, paths, stats, ...(best ? { best } : {}) },
		src,
		compiled: result.scenario
	};
}
