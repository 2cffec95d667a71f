// The one server module that loads the reply analyzer's rules (authored data in
// scenarios/analyzer/phrases.yaml). Compiled once per process; the browser receives the compiled
// rules (plain JSON) so typed replies and /coach are analysed instantly, and the server analyses
// the same words again with the same rules when it scores an attempt.
import { env } from '$env/dynamic/private';
import { createHash } from 'node:crypto';
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

// ---------------------------------------------------------------------------------------------
// The browser copy as an immutable file (src/routes/data/analyzer): fetched when the trainee
// starts typing, instead of inlined in every page. Named by the hash of its content.

let file: { name: string; body: string; rules: CompiledRules } | null = null;

/** The current rules' browser copy as JSON text and its file name `<hash>.json`, built once. */
export function analyzerFile(): { name: string; body: string } {
	const rules = analyzerRules();
	if (file?.rules !== rules) {
		const body = JSON.stringify(analyzerForBrowser(rules));
		file = { name: `${createHash('sha256').update(body).digest('hex').slice(0, 16)}.json`, body, rules };
	}
	return file;
}

const fingerprints = new WeakMap<object, string>();

/** A hash of the rules that does not depend on key order (rules read back from the store's jsonb are reordered). */
function fingerprint(rules: CompiledRules): string {
	let f = fingerprints.get(rules);
	if (f === undefined) {
		const canonical = JSON.stringify(rules, (_k, v) =>
			v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v
		);
		fingerprints.set(rules, (f = createHash('sha256').update(canonical).digest('hex')));
	}
	return f;
}

/** Whether an attempt's stored rules are today's (then the browser may fetch today's file). */
export function isCurrentRules(rules: CompiledRules): boolean {
	return rules === analyzerRules() || fingerprint(rules) === fingerprint(analyzerRules());
}
