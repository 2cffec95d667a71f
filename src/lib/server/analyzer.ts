// The one server module that loads the reply analyzer's rules (authored data in
// scenarios/analyzer/phrases.yaml). Compiled once per process; the browser receives the compiled
// rules (plain JSON) so typed replies and /coach are analysed instantly, and the server analyses
// the same words again with the same rules when it scores an attempt.
import { env } from '$env/dynamic/private';
import { resolve } from 'node:path';
import type { CompiledRules } from '$lib/analyzer';
import { browserCopy, loadAnalyzer } from '$lib/analyzer/files';
import { formatDiagnostic } from '$lib/scenario/types';

let cache: CompiledRules | null = null;

export function analyzerRules(): CompiledRules {
	if (cache) return cache;
	const path = resolve(env.ANALYZER_RULES || 'scenarios/analyzer/phrases.yaml');
	const { rules, diagnostics } = loadAnalyzer(path);
	// Without rules typed replies cannot be understood: fail loudly with every problem located.
	if (!rules) throw new Error(`analyzer rules unusable:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
	return (cache = rules);
}

const leanCopies = new WeakMap<CompiledRules, CompiledRules>();

/**
 * What pages send to the browser: the same readings, without sources and training metadata. Of
 * the current rules, or of the rules an attempt is read with (an attempt resumed after the rules
 * changed is read in the browser exactly as the server reads it).
 */
export function analyzerForBrowser(rules: CompiledRules = analyzerRules()): CompiledRules {
	let copy = leanCopies.get(rules);
	if (!copy) leanCopies.set(rules, (copy = browserCopy(rules)));
	return copy;
}
