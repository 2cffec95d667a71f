// Loading the shipped analyzer from disk (node only: server, scripts, tests): the rules file
// compiled, with the learned model beside it (model.json in the same folder) attached as
// `rules.model`. One loader, so the browser, the server, the CLIs and the figures all read the same.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../scenario/types';
import { parseLearnedModel } from './learnedModel';
import { RULES_PATH } from './index';
import { compileRules, type CompiledRules } from './rules';

/** The learned model's file name, beside the rules. */
export const MODEL_FILE = 'model.json';

/**
 * Compiles the rules at `path` (default: RULES_PATH under `root`) and attaches the learned model
 * from the same folder when there is one. Problems come back as diagnostics with their file.
 */
export function loadAnalyzer(path?: string, root = process.cwd()): { rules: CompiledRules | null; diagnostics: Diagnostic[] } {
	const full = resolve(root, path ?? RULES_PATH);
	// Diagnostics name the file as it was given (an absolute path stays absolute).
	const file = path ?? RULES_PATH;
	let text: string;
	try {
		text = readFileSync(full, 'utf8');
	} catch (e) {
		return { rules: null, diagnostics: [{ file, line: 1, col: 1, severity: 'error', message: `cannot read the analyzer rules: ${(e as Error).message}` }] };
	}
	const compiled = compileRules(file, text);
	if (!compiled.rules) return compiled;
	const modelPath = join(dirname(full), MODEL_FILE);
	if (!existsSync(modelPath)) return compiled;
	const modelFile = path ? join(dirname(path), MODEL_FILE) : join(dirname(RULES_PATH), MODEL_FILE);
	try {
		const model = parseLearnedModel(JSON.parse(readFileSync(modelPath, 'utf8')));
		return { rules: { ...compiled.rules, model }, diagnostics: compiled.diagnostics };
	} catch (e) {
		return { rules: null, diagnostics: [...compiled.diagnostics, { file: modelFile, line: 1, col: 1, severity: 'error', message: (e as Error).message }] };
	}
}

/** The shipped analyzer, or an Error listing every problem with its place. */
export function shippedAnalyzer(root = process.cwd()): CompiledRules {
	const { rules, diagnostics } = loadAnalyzer(undefined, root);
	if (!rules) throw new Error(`analyzer unusable:\n${diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('\n')}`);
	return rules;
}

/**
 * The copy of the analyzer a page sends to the browser: what analyze() needs, without what only
 * explains or documents (each pattern's source as written, the model's training metadata). It
 * reads every reply exactly as the full rules do (files.test.ts checks it).
 */
export function browserCopy(rules: CompiledRules): CompiledRules {
	const { model, ...rest } = rules;
	const codes = rest.codes.map((c) => ({ ...c, patterns: c.patterns.map(({ source: _source, ...p }) => p) }));
	if (!model) return { ...rest, codes };
	const { meta: _meta, ...lean } = model;
	return { ...rest, codes, model: lean };
}
