// The checker's diagnostics as @codemirror/lint diagnostics, and the editor's own immediate YAML
// syntax check (the same parser and options as the checker, so it reports the same problems
// until the checker's full report, which is a little slower, arrives).
import type { Text } from '@codemirror/state';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../../scenario/types';
import { lineColToOffset, tokenEnd } from './position';

/** Where the diagnostic came from: the checker (passed in) or the editor's syntax check. */
export const CHECKER = '检查';
export const SYNTAX = 'YAML';

/** The checker's diagnostics placed in `doc` (underlining what starts at each line and column). */
export function toLintDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): LintDiagnostic[] {
	return diagnostics.map((d) => {
		const from = lineColToOffset(doc, d.line, d.col);
		return { from, to: tokenEnd(doc, from), severity: d.severity === 'warning' ? 'warning' : 'error', source: CHECKER, message: d.message };
	});
}

/** Limits of the immediate check: a bigger document waits for the checker (which has its own limits). */
const MAX_SYNTAX_CHECK = 256 * 1024;
const MAX_SYNTAX_ERRORS = 20;

/** YAML syntax errors in `doc`, at document offsets (read with "\n" breaks: CodeMirror counts every break as 1). */
export function yamlSyntaxDiagnostics(doc: Text): LintDiagnostic[] {
	if (doc.length > MAX_SYNTAX_CHECK) return [];
	const text = doc.sliceString(0, doc.length, '\n');
	const limit = Error.stackTraceLimit;
	let errors;
	try {
		Error.stackTraceLimit = 0;
		errors = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true, resolveKnownTags: false }).errors;
	} catch {
		return [];
	} finally {
		Error.stackTraceLimit = limit;
	}
	return errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
		const from = Math.min(Math.max(e.pos[0], 0), doc.length);
		return { from, to: tokenEnd(doc, from), severity: 'error', source: SYNTAX, message: `YAML: ${e.message.split('\n')[0]}` };
	});
}

/**
 * What the editor shows: the checker's diagnostics, plus its own syntax errors while the checker
 * reports none (a checker's "YAML:" diagnostic means its report already covers the syntax, which
 * the two would otherwise show twice, at slightly different places for an unclosed quote).
 */
export function mergeDiagnostics(checker: readonly LintDiagnostic[], syntax: readonly LintDiagnostic[]): LintDiagnostic[] {
	if (!syntax.length || checker.some((d) => d.message.startsWith('YAML'))) return [...checker];
	return [...checker, ...syntax];
}
