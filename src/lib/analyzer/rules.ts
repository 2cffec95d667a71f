// The analyzer's rules file (scenarios/analyzer/phrases.yaml): its zod schema, the small pattern
// language trainers write phrases in, and the compiler that turns the file into CompiledRules,
// plain JSON the browser can receive. Every problem is reported with its file:line:col.
// Framework-free and free of node: imports, like all of src/lib/analyzer: reading the file is the
// caller's job (scripts, the server loader).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { ALL_CODES, MOVE_CODES, type Code } from '../domain';
import type { Diagnostic } from '../scenario/types';
import { foldChar, SEPARATORS, TERMINATORS } from './fold';
import type { LearnedModel } from './learnedModel';
import { expandSets, setRef, setsUsed } from './setref';

export { expandSets, setRef };

export { foldChar, SEPARATORS, TERMINATORS };

// ---------------------------------------------------------------------------------------------
// The compiled form

/** Where a pattern counts: anywhere, only inside a question, or only inside a statement. */
export type PatternScope = 'any' | 'question' | 'statement';

export interface CompiledPattern {
	/** The pattern as the trainer wrote it (for explanations and debugging; left out of the browser's copy). */
	source?: string;
	/**
	 * A JavaScript regular expression source, matched with the `gu` flags on normalized text, once
	 * its set references {=name} are expanded (expandSets).
	 */
	regex: string;
	/** Omitted when 1. */
	weight?: number;
	/** Omitted when 'any'. */
	scope?: PatternScope;
}

export interface CompiledCode {
	code: Code;
	kind: 'move' | 'flag';
	patterns: CompiledPattern[];
	/** Regex sources: a match that overlaps one of these is not counted. */
	except: string[];
	/** The summed weight of the matches a code needs to be reported. */
	minScore: number;
	/** Whether a negation cue just before a match cancels it. */
	negatable: boolean;
	/** Codes that, found in the same sentence, cancel this code's matches there. */
	suppressedBy: Code[];
}

export interface RoutingRules {
	codeWeight: number;
	textWeight: number;
	moveWeight: number;
	flagWeight: number;
	threshold: number;
	margin: number;
}

export interface CompiledRules {
	version: 1;
	/** Traditional → simplified, one character to one character. */
	traditional: Record<string, string>;
	/**
	 * Words whose traditional form needs context (著急 → 着急, but 显著 stays): applied after the
	 * characters are folded, each word to a simplified word of the same length.
	 */
	traditionalWords?: Record<string, string>;
	/** Regex source of each set the patterns refer to as {=name} (see expandSets). */
	sets?: Record<string, string>;
	/** Quote pairs [open, close]: text between them is someone else's words and is not analysed. */
	quotes: [string, string][];
	/**
	 * A cue negates a match after it in the same clause: within `scope` characters, or (scope -1)
	 * anywhere later in the clause unless one of `breakers` stands between them (at least `minGap`
	 * characters after the cue: 不全是 keeps its negation, 没及时通知您是 does not).
	 */
	negation: { cues: { cue: string; scope: number }[]; ignore: string[]; breakers: { word: string; minGap: number }[] };
	questions: { endings: string[]; softEndings: string[]; starts: string[]; words: string[]; notQuestion: string[] };
	/** Every code of domain.md, in domain order (codes without patterns are never reported). */
	codes: CompiledCode[];
	routing: RoutingRules;
	/** The learned model (learnedModel.ts), attached by the loader from model.json beside the rules. */
	model?: LearnedModel;
}

// ---------------------------------------------------------------------------------------------
// The file format

const phrase = z.string().trim().min(1, 'must not be empty');
const entry = z.union([
	phrase,
	z.strictObject({
		pattern: phrase,
		weight: z.number().positive('weight must be above 0').max(10, 'weight must be at most 10').optional(),
		note: z.string().optional()
	})
]);
const codeRules = z.strictObject({
	note: z.string().optional(),
	phrases: z.array(entry).optional(),
	questions: z.array(entry).optional(),
	statements: z.array(entry).optional(),
	except: z.array(phrase).optional(),
	minScore: z.number().positive('minScore must be above 0').max(20).optional(),
	negatable: z.boolean().optional(),
	suppressedBy: z.array(z.string()).optional()
});
const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

export const rulesSchema = z.strictObject({
	version: z.literal(1, { error: () => 'version must be 1' }),
	gap: z.number().int().min(1).max(40).default(8),
	quotes: z.array(z.string().refine((s) => [...s].length === 2, 'a quote pair is two characters, e.g. “”')).default(['“”', '‘’', '「」', '『』', '""']),
	traditional: z.record(z.string(), z.string()).default({}),
	traditionalWords: z.record(z.string(), z.string()).default({}),
	sets: z.record(z.string(), z.union([phrase, z.array(phrase).min(1, 'a set needs at least one member')])).default({}),
	negation: z.strictObject({
		scope: z.union([z.number().int().min(0).max(20), z.literal('clause')]),
		cues: z.array(z.union([phrase, z.strictObject({ cue: phrase, scope: z.union([z.number().int().min(0).max(30), z.literal('clause')]) })])),
		ignore: z.array(phrase).default([]),
		breakers: z.array(z.union([phrase, z.strictObject({ word: phrase, minGap: z.number().int().min(0).max(20) })])).default([])
	}),
	questions: z.strictObject({
		endings: z.array(phrase).default([]),
		softEndings: z.array(phrase).default([]),
		starts: z.array(phrase).default([]),
		words: z.array(phrase).default([]),
		notQuestion: z.array(phrase).default([])
	}),
	codes: z.record(z.string(), codeRules),
	routing: z.strictObject({
		codeWeight: unit,
		textWeight: unit,
		moveWeight: z.number().positive().max(10).default(1),
		flagWeight: z.number().positive().max(10).default(1),
		threshold: unit,
		margin: unit
	})
});
export type RulesFile = z.infer<typeof rulesSchema>;

// ---------------------------------------------------------------------------------------------
// Normalization shared by patterns and text (in ./fold.ts, which the browser loads without yaml or zod)

const isSpace = (ch: string) => /\s/.test(ch) || ch === '\u200b' || ch === '\ufeff';
const isAsciiWord = (ch: string | undefined) => !!ch && /[a-z0-9]/i.test(ch);

/** Normalizes a phrase: the same folding as the analysed text, spaces removed. */
export function foldPhrase(s: string, traditional: Record<string, string>): string {
	let out = '';
	for (const ch of s) if (!isSpace(ch)) out += foldChar(ch, traditional);
	return out;
}

// ---------------------------------------------------------------------------------------------
// The pattern language
//
//   plain text     matches itself (after normalization: 您好！ and 您好! are the same)
//   …  or  ...     a gap of 0 to `gap` characters inside one sentence (……: up to twice that)
//   (甲|乙|)       one of the alternatives; an empty alternative makes the group optional
//   {名}  {名}+    a member of the set 名 from `sets:` (`+`: one or more in a row)
//   ^  $           the start / end of a clause (zero-width; usually first / last)
//
// Everything else is literal. A pattern that could match an empty string is an error.

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escapeClass = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
const BOUNDARY = escapeClass(TERMINATORS + SEPARATORS);
const CLAUSE_START = `(?<=^|[${BOUNDARY}])`;
const CLAUSE_END = `(?=$|[${BOUNDARY}.])`;

export interface PatternContext {
	gap: number;
	traditional: Record<string, string>;
	/** Set name → compiled regex source (already a group). */
	sets: Record<string, string>;
}

/** Compiles one pattern to a regex source, or returns the problem in words. */
export function compilePattern(pattern: string, ctx: PatternContext, allowSets = true): { regex: string } | { error: string } {
	const p = foldPhrase(pattern, ctx.traditional);
	if (!p) return { error: 'pattern is empty' };
	const gapRe = `[^${escapeClass(TERMINATORS)}]{0,${ctx.gap}}?`;
	let out = '';
	let depth = 0;
	const chars = [...p];
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i];
		if (c === '…') out += gapRe;
		else if (c === '.' && chars[i + 1] === '.' && chars[i + 2] === '.') {
			out += gapRe;
			i += 2;
		} else if (c === '(') {
			depth++;
			out += '(?:';
		} else if (c === ')') {
			if (depth === 0) return { error: 'unbalanced ")": no "(" opens it' };
			depth--;
			out += ')';
		} else if (c === '|') out += '|';
		// Anchors are zero-width, so they may stand anywhere, e.g. (哦|啦)(~|$).
		else if (c === '^') out += CLAUSE_START;
		else if (c === '$') out += CLAUSE_END; else if (c === '{') {
			const close = chars.indexOf('}', i);
			if (close < 0) return { error: 'unclosed "{": write a set as {name}' };
			const name = chars.slice(i + 1, close).join('');
			if (!allowSets) return { error: `sets cannot refer to other sets ({${name}})` };
			const set = ctx.sets[name];
			if (set === undefined) {
				const known = Object.keys(ctx.sets);
				return { error: `unknown set {${name}}${known.length ? `; defined sets: ${known.join(', ')}` : '; define it under sets:'}` };
			}
			out += set;
			i = close;
			if (chars[i + 1] === '+') {
				out += '+';
				i++;
			}
		} else if (c === '}') return { error: 'unbalanced "}"' };
		else out += escapeRegex(c);
	}
	if (depth > 0) return { error: 'unbalanced "(": it is never closed' };
	// Top-level alternatives ("甲|乙") must bind looser than the anchors and gaps around them.
	const regex = `(?:${out})`;
	let re: RegExp;
	try {
		re = new RegExp(regex, 'u');
	} catch (e) {
		return { error: `pattern does not compile: ${(e as Error).message}` };
	}
	if (re.test('') || re.test('。') || re.test(',')) return { error: 'pattern can match an empty string, so it would fire on every reply' };
	return { regex };
}

// ---------------------------------------------------------------------------------------------
// Diagnostics located in the YAML source

interface Source {
	file: string;
	doc: Document.Parsed;
	lines: LineCounter;
}

function nodeAt(src: Source, path: readonly PropertyKey[], key = false): YamlNode | null {
	let cur: unknown = src.doc.contents;
	let best: YamlNode | null = (cur as YamlNode) ?? null;
	for (let i = 0; i < path.length; i++) {
		const seg = path[i];
		if (isMap(cur)) {
			const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
			if (!pair) break;
			if (key && i === path.length - 1) return pair.key as YamlNode;
			cur = pair.value;
		} else if (isSeq(cur) && typeof seg === 'number') cur = cur.items[seg];
		else break;
		if (cur && typeof cur === 'object' && 'range' in cur) best = cur as YamlNode;
		else break;
	}
	return best;
}

function diagAt(src: Source, path: readonly PropertyKey[], message: string, severity: Diagnostic['severity'] = 'error', key = false): Diagnostic {
	const offset = nodeAt(src, path, key)?.range?.[0] ?? 0;
	const { line, col } = src.lines.linePos(offset);
	return { file: src.file, line, col, severity, message };
}

const pathText = (path: readonly PropertyKey[]) =>
	path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');

function firstLine(s: string): string {
	return s.split('\n')[0].trim();
}

// ---------------------------------------------------------------------------------------------
// The compiler

export const RULES_LIMIT_BYTES = 512 * 1024;

/**
 * Parses, validates and compiles a rules file. `rules` is null when there is any error; warnings
 * (e.g. a code with no patterns) leave the rules usable.
 */
export function compileRules(file: string, text: string): { rules: CompiledRules | null; diagnostics: Diagnostic[] } {
	const lines = new LineCounter();
	const fail = (message: string) => ({ rules: null, diagnostics: [{ file, line: 1, col: 1, severity: 'error' as const, message }] });
	if (new TextEncoder().encode(text).length > RULES_LIMIT_BYTES) return fail(`file is larger than ${RULES_LIMIT_BYTES} bytes`);
	const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
	const src: Source = { file, doc, lines };
	if (doc.errors.length) {
		return {
			rules: null,
			diagnostics: doc.errors.map((e) => {
				const { line, col } = lines.linePos(e.pos[0]);
				return { file, line, col, severity: 'error' as const, message: `YAML: ${firstLine(e.message)}` };
			})
		};
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: 1000 });
	} catch (e) {
		return fail(`YAML: ${firstLine((e as Error).message)}`);
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data))
		return { rules: null, diagnostics: [diagAt(src, [], 'a rules file is a YAML map (version, negation, questions, codes, routing, …)')] };

	const parsed = rulesSchema.safeParse(data);
	if (!parsed.success) {
		const diagnostics: Diagnostic[] = [];
		for (const issue of parsed.error.issues) {
			const path = issue.path as PropertyKey[];
			const where = pathText(path);
			if (issue.code === 'unrecognized_keys') {
				for (const k of issue.keys) diagnostics.push(diagAt(src, [...path, k], `${where ? `${where}: ` : ''}unknown field "${k}"`, 'error', true));
				continue;
			}
			let cur: unknown = data;
			for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg as string] : undefined;
			if (cur === undefined && issue.code === 'invalid_type')
				diagnostics.push(diagAt(src, path.slice(0, -1), `${pathText(path.slice(0, -1)) || 'file'}: missing required field "${String(path[path.length - 1])}"`));
			else diagnostics.push(diagAt(src, path, `${where ? `${where}: ` : ''}${issue.message}`));
		}
		return { rules: null, diagnostics: sortDiagnostics(diagnostics) };
	}
	const f = parsed.data;
	const diagnostics: Diagnostic[] = [];
	const error = (path: PropertyKey[], message: string, key = false) => diagnostics.push(diagAt(src, path, message, 'error', key));

	// traditional → simplified: one character each way.
	const traditional: Record<string, string> = {};
	for (const [from, to] of Object.entries(f.traditional)) {
		if ([...from].length !== 1) error(['traditional', from], `traditional: key "${from}" must be a single character`, true);
		else if ([...to].length !== 1) error(['traditional', from], `traditional: "${from}" must map to a single character, not "${to}"`);
		else traditional[from] = to;
	}

	// Words: folded like the text (so keys are written after their other characters are folded), same length.
	const traditionalWords: Record<string, string> = {};
	for (const [from, to] of Object.entries(f.traditionalWords)) {
		const a = foldPhrase(from, traditional);
		const b = foldPhrase(to, traditional);
		if (!a || a.length !== b.length) error(['traditionalWords', from], `traditionalWords: "${from}" and "${to}" must have the same length`, true);
		else if (a !== b) traditionalWords[a] = b;
	}

	// Sets first: patterns refer to them.
	const setCtx: PatternContext = { gap: f.gap, traditional, sets: {} };
	const sets: Record<string, string> = {};
	for (const [name, value] of Object.entries(f.sets)) {
		if (!/^[^\s{}()|…^$+]+$/u.test(name)) {
			error(['sets', name], `sets: "${name}" is not a usable set name (no spaces or pattern characters)`, true);
			continue;
		}
		if (typeof value === 'string') {
			const chars = [...new Set([...foldPhrase(value, traditional)])];
			sets[name] = `[${chars.map(escapeClass).join('')}]`;
		} else {
			const parts: string[] = [];
			value.forEach((member, i) => {
				const c = compilePattern(member, setCtx, false);
				if ('error' in c) error(['sets', name, i], `sets.${name}[${i}] "${member}": ${c.error}`);
				// A plain word needs no group of its own: (?:退款|退货) rather than (?:(?:退款)|(?:退货)).
				else parts.push(/^[^…(|)^${}.]+$/u.test(foldPhrase(member, traditional)) ? escapeRegex(foldPhrase(member, traditional)) : c.regex);
			});
			sets[name] = `(?:${parts.join('|')})`;
		}
	}
	const ctx: PatternContext = { gap: f.gap, traditional, sets };
	// Compiled patterns refer to a set as {=name} and the set's regex is shipped once (see setRef):
	// the browser receives each long list of words once, not in every pattern that uses it.
	const refCtx: PatternContext = { gap: f.gap, traditional, sets: Object.fromEntries(Object.keys(sets).map((n) => [n, setRef(n)])) };
	const usedSets = new Set<string>();
	const compact = (source: string): string => {
		const c = compilePattern(source, refCtx);
		if ('error' in c) throw new Error(c.error); // cannot happen: the expanded form compiled
		for (const name of setsUsed(c.regex)) usedSets.add(name);
		return c.regex;
	};

	const scopeOf = (scope: number | 'clause') => (scope === 'clause' ? -1 : scope);
	const negation = {
		cues: f.negation.cues.map((c) =>
			typeof c === 'string' ? { cue: foldPhrase(c, traditional), scope: scopeOf(f.negation.scope) } : { cue: foldPhrase(c.cue, traditional), scope: scopeOf(c.scope) }
		),
		ignore: f.negation.ignore.map((s) => foldPhrase(s, traditional)),
		breakers: f.negation.breakers.map((b) => (typeof b === 'string' ? { word: foldPhrase(b, traditional), minGap: 0 } : { word: foldPhrase(b.word, traditional), minGap: b.minGap }))
	};
	const fold = (list: string[]) => list.map((s) => foldPhrase(s, traditional));
	const questions = {
		endings: fold(f.questions.endings),
		softEndings: fold(f.questions.softEndings),
		starts: fold(f.questions.starts),
		words: fold(f.questions.words),
		notQuestion: fold(f.questions.notQuestion)
	};

	const known = new Set<string>(ALL_CODES);
	for (const key of Object.keys(f.codes))
		if (!known.has(key)) error(['codes', key], `codes: unknown code "${key}"; expected one of ${ALL_CODES.join(', ')}`, true);

	const codes: CompiledCode[] = [];
	for (const code of ALL_CODES) {
		const c = f.codes[code];
		const kind = (MOVE_CODES as readonly string[]).includes(code) ? 'move' : 'flag';
		if (!c) {
			diagnostics.push(diagAt(src, ['codes'], `codes: "${code}" has no entry, so it is never detected`, 'warning', true));
			codes.push({ code, kind, patterns: [], except: [], minScore: 1, negatable: true, suppressedBy: [] });
			continue;
		}
		const patterns: CompiledPattern[] = [];
		for (const [field, scope] of [
			['phrases', 'any'],
			['questions', 'question'],
			['statements', 'statement']
		] as const) {
			(c[field] ?? []).forEach((e, i) => {
				const source = typeof e === 'string' ? e : e.pattern;
				const weight = typeof e === 'string' ? 1 : (e.weight ?? 1);
				const path = typeof e === 'string' ? ['codes', code, field, i] : ['codes', code, field, i, 'pattern'];
				const compiled = compilePattern(source, ctx);
				if ('error' in compiled) error(path, `codes.${code}.${field}[${i}] "${source}": ${compiled.error}`);
				// Defaults are left out: the browser receives several hundred patterns.
				else patterns.push({ source, regex: compact(source), ...(weight !== 1 ? { weight } : {}), ...(scope !== 'any' ? { scope } : {}) });
			});
		}
		const except: string[] = [];
		(c.except ?? []).forEach((source, i) => {
			const compiled = compilePattern(source, ctx);
			if ('error' in compiled) error(['codes', code, 'except', i], `codes.${code}.except[${i}] "${source}": ${compiled.error}`);
			else except.push(compact(source));
		});
		const suppressedBy: Code[] = [];
		(c.suppressedBy ?? []).forEach((s, i) => {
			if (!known.has(s)) error(['codes', code, 'suppressedBy', i], `codes.${code}.suppressedBy: unknown code "${s}"; expected one of ${ALL_CODES.join(', ')}`);
			else if (s === code) error(['codes', code, 'suppressedBy', i], `codes.${code}.suppressedBy: a code cannot suppress itself`);
			else suppressedBy.push(s as Code);
		});
		if (!patterns.length && !(c.phrases?.length || c.questions?.length || c.statements?.length))
			diagnostics.push(diagAt(src, ['codes', code], `codes.${code} has no patterns, so it is never detected`, 'warning', true));
		codes.push({ code, kind, patterns, except, minScore: c.minScore ?? 1, negatable: c.negatable ?? true, suppressedBy });
	}

	const r = f.routing;
	if (Math.abs(r.codeWeight + r.textWeight - 1) > 1e-9)
		error(['routing', 'codeWeight'], `routing: codeWeight + textWeight must add up to 1 (they add up to ${+(r.codeWeight + r.textWeight).toFixed(4)})`);

	const sorted = sortDiagnostics(diagnostics);
	if (sorted.some((d) => d.severity === 'error')) return { rules: null, diagnostics: sorted };
	return {
		rules: {
			version: 1,
			traditional,
			sets: Object.fromEntries([...usedSets].sort().map((n) => [n, sets[n]])),
			...(Object.keys(traditionalWords).length ? { traditionalWords } : {}),
			quotes: f.quotes.map((q) => [...q] as [string, string]),
			negation,
			questions,
			codes,
			routing: { ...r },
		},
		diagnostics: sorted
	};
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
	return [...ds].sort((a, b) => a.line - b.line || a.col - b.col);
}
