// Moodle GIFT import and export (docs/quiz-format.md, "GIFT"). Reading follows Moodle's own
// importer (question/format/gift/format.php): questions are separated by blank lines, `//` lines
// are comments, `::name::` names a question, `[html]`-style prefixes set a text's markup, and the
// answer block decides the type. What our format cannot hold is reported with its line, never
// dropped silently. What GIFT has no place for (codes, topics, points, scoring, ids) travels in a
// `// cc:` comment line just before the question, which Moodle ignores.
import { Document, isScalar, isSeq, visit } from 'yaml';
import { ALL_CODES, QUIZ_TOPICS, QUIZ_TOPIC_IDS, type Code, type QuizTopic } from '../domain';
import type { Diagnostic } from '../scenario/types';
import { MULTIPLE_SCORING, type QuestionFileInput, type QuizFileInput } from './schema';
import type { CompiledQuestion, CompiledQuiz } from './types';

// ---------------------------------------------------------------------------------------------
// Escapes: \~ \= \# \{ \} \: \\ and \n (a line break). While a block is read, escaped characters
// stand in as private-use characters, so the structure can be found with plain string search.

const ESCAPES: Record<string, string> = { '~': '\uE07E', '=': '\uE03D', '#': '\uE023', '{': '\uE07B', '}': '\uE07D', ':': '\uE03A', '\\': '\uE05C', n: '\uE00A' };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([k, v]) => [v, k === 'n' ? '\n' : k]));
const unescape = (s: string) => s.replace(/[\uE07E\uE03D\uE023\uE07B\uE07D\uE03A\uE05C\uE00A]/g, (c) => UNESCAPES[c]);

/** Escapes a text for GIFT as Moodle's exporter does: the reserved characters and line breaks. */
export function escapeGift(text: string): string {
	return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** A piece of a block's text (escapes replaced) and where it starts in that text. */
interface Span {
	s: string;
	i: number;
}
const sub = (sp: Span, from: number, to = sp.s.length): Span => ({ s: sp.s.slice(from, to), i: sp.i + from });
function trim(sp: Span): Span {
	const start = sp.s.length - sp.s.trimStart().length;
	return { s: sp.s.trim(), i: sp.i + start };
}
/** Splits before every occurrence of one of the marker characters (the marker starts its piece). */
function splitBefore(sp: Span, markers: string): Span[] {
	const out: Span[] = [];
	let start = 0;
	for (let k = 0; k < sp.s.length; k++)
		if (markers.includes(sp.s[k]) && k > start) {
			out.push(sub(sp, start, k));
			start = k;
		}
	out.push(sub(sp, start));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Markup: [html], [moodle], [plain], [markdown] before a text

const FORMATS = ['html', 'moodle', 'plain', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

function splitFormat(sp: Span, inherited: Format): { text: Span; format: Format } {
	const m = /^\[([a-z]+)\]/.exec(sp.s);
	if (m && (FORMATS as readonly string[]).includes(m[1])) return { text: sub(sp, m[0].length), format: m[1] as Format };
	return { text: sp, format: inherited };
}

// Untrusted text: every pattern here must run in linear time. A tag is `<…>` with no `<` inside,
// so a run of `<` with no `>` is scanned once, not once from every `<` (which was quadratic).
const MARKUP = /<\/?[a-z][^<>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i;
const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', hellip: '…', mdash: '—', ndash: '–' };

/** A numeric entity's character, or null when its number is not one (0, a surrogate, above U+10FFFF). */
function numericEntity(e: string): string | null {
	const hex = e[1] === 'x' || e[1] === 'X';
	const n = hex ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
	if (!Number.isSafeInteger(n) || n < 1 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
	return String.fromCodePoint(n);
}

/** HTML as plain text: line breaks kept, tags dropped, entities decoded (an invalid numeric one is kept as written). */
function htmlToText(html: string, lost: (what: string) => void, invalid: (entities: string[]) => void): string {
	const media = /<(img|video|audio|iframe|object|embed)\b/i.exec(html);
	if (media) lost(`<${media[1].toLowerCase()}>`);
	const bad: string[] = [];
	const text = html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6]|tr|blockquote|pre)>/gi, '\n')
		.replace(/<[^<>]*>/g, '')
		.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
			if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? all;
			const c = numericEntity(e);
			if (c === null) bad.push(all);
			return c ?? all;
		})
		.split('\n')
		.map((l) => l.trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	if (bad.length) invalid(bad);
	return text;
}

// ---------------------------------------------------------------------------------------------
// The `// cc:` line

interface CcMeta {
	id?: string;
	codes?: Code[];
	topics?: QuizTopic[];
	points?: number;
	scoring?: (typeof MULTIPLE_SCORING)[number];
	shuffle_options?: boolean;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function parseCc(text: string, warn: (message: string) => void): CcMeta {
	const meta: CcMeta = {};
	for (const field of text.trim().split(/\s+/).filter(Boolean)) {
		const eq = field.indexOf('=');
		const key = eq < 0 ? field : field.slice(0, eq);
		const value = eq < 0 ? '' : field.slice(eq + 1);
		const list = value.split(',').filter(Boolean);
		// The names of a vocabulary kept, each unknown one left out with a warning.
		const known = <T extends string>(names: string[], vocabulary: readonly T[], what: string): T[] =>
			names.filter((n): n is T => {
				const ok = (vocabulary as readonly string[]).includes(n);
				if (!ok) warn(`cc: unknown ${what} "${n}" left out; expected one of ${vocabulary.join(', ')}`);
				return ok;
			});
		switch (key) {
			case 'id':
				if (ID.test(value) && value.length <= 64) meta.id = value;
				else warn(`cc: id "${value}" is not kebab-case (lowercase letters and digits joined by "-"); a new id is made`);
				break;
			case 'codes':
				meta.codes = known(list, ALL_CODES, 'code');
				break;
			case 'topics':
				meta.topics = known(list, QUIZ_TOPIC_IDS, 'topic');
				break;
			case 'points': {
				const n = Number(value);
				if (value !== '' && Number.isFinite(n) && n > 0 && n <= 100) meta.points = n;
				else warn(`cc: points "${value}" is not a number above 0 and at most 100; 1 is used`);
				break;
			}
			case 'scoring':
				if ((MULTIPLE_SCORING as readonly string[]).includes(value)) meta.scoring = value as CcMeta['scoring'];
				else warn(`cc: scoring "${value}" is not one of ${MULTIPLE_SCORING.join(', ')}`);
				break;
			case 'shuffle_options':
				if (value === 'true' || value === 'false') meta.shuffle_options = value === 'true';
				else warn(`cc: shuffle_options "${value}" is not true or false`);
				break;
			default:
				warn(`cc: unknown field "${key}"; the fields are id, codes, topics, points, scoring, shuffle_options`);
		}
	}
	return meta;
}

// ---------------------------------------------------------------------------------------------
// Import

export interface GiftImportOptions {
	/** The file name used in diagnostics. */
	file?: string;
	/** The quiz id (default: from the file name, else "imported-quiz"). */
	id?: string;
	/** The quiz title (default: the first $CATEGORY, else the file name). */
	title?: string;
}

export interface GiftImport {
	/** The quiz as a file would hold it: print it with quizToYaml. */
	quiz: QuizFileInput;
	/** Every problem with its line: errors left a question out, warnings changed or dropped part of one. */
	diagnostics: Diagnostic[];
	/** How many questions were imported. */
	imported: number;
}

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
/** Moodle writes thirds, sixths, sevenths… with 5 decimals (33.33333): close enough is equal. */
const sameWeight = (a: number, b: number) => Math.abs(a - b) < 0.001;

/** A question id from a name: ascii words in kebab-case, or null when the name has none. */
function slug(name: string): string | null {
	const s = name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 48)
		.replace(/-+$/, '');
	return s && ID.test(s) ? s : null;
}

/** A topic from a category name: its last segment, as a topic id or its Chinese label. */
function categoryTopic(category: string): QuizTopic | null {
	const last = category.split(/(?<!\/)\/(?!\/)/).pop()!.replace(/\/\//g, '/').trim();
	return QUIZ_TOPICS.find((t) => t.id === last || t.label === last)?.id ?? null;
}
function categoryName(category: string): string {
	return category.split(/(?<!\/)\/(?!\/)/).pop()!.replace(/\/\//g, '/').trim();
}

export function importGift(text: string, options: GiftImportOptions = {}): GiftImport {
	const file = options.file ?? 'gift';
	const source = text.replace(/^\uFEFF/, '');
	const lineStarts = [0];
	for (let k = source.indexOf('\n'); k >= 0; k = source.indexOf('\n', k + 1)) lineStarts.push(k + 1);
	const position = (offset: number) => {
		let lo = 0;
		let hi = lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (lineStarts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, col: offset - lineStarts[lo] + 1 };
	};
	const diagnostics: Diagnostic[] = [];
	const report = (offset: number, message: string, severity: Diagnostic['severity']) => diagnostics.push({ file, ...position(offset), severity, message });

	// Blocks: runs of non-blank lines.
	const blocks: { start: number; end: number }[] = [];
	let blockStart = -1;
	let offset = 0;
	for (const raw of source.split('\n')) {
		const blank = raw.trim() === '';
		if (!blank && blockStart < 0) blockStart = offset;
		if (blank && blockStart >= 0) {
			blocks.push({ start: blockStart, end: offset });
			blockStart = -1;
		}
		offset += raw.length + 1;
	}
	if (blockStart >= 0) blocks.push({ start: blockStart, end: source.length });

	const questions: QuestionFileInput[] = [];
	const usedIds = new Set<string>();
	const nextSuffix = new Map<string, number>();
	let category: string | null = null;
	const categories: string[] = [];
	let ordinal = 0;

	for (const block of blocks) {
		// Comment lines become blank (as in Moodle), except `// cc:`, which is read.
		let cc: { text: string; at: number } | null = null;
		let body = '';
		const pos: number[] = [];
		let at = block.start;
		for (const raw of source.slice(block.start, block.end).split('\n')) {
			const line = raw.replace(/\r$/, '');
			const trimmed = line.trim();
			if (trimmed.startsWith('//')) {
				const m = /^\/\/\s*cc:(.*)$/.exec(trimmed);
				if (m) cc = { text: m[1], at: at + line.indexOf('//') };
			} else if (trimmed.startsWith('$CATEGORY:') && body.trim() === '') {
				category = trimmed.slice('$CATEGORY:'.length).trim();
				categories.push(category);
			} else {
				// Escapes become stand-ins; every character remembers its offset in the file.
				for (let k = 0; k < line.length; k++) {
					const esc = line[k] === '\\' ? ESCAPES[line[k + 1]] : undefined;
					if (esc) {
						body += esc;
						pos.push(at + k);
						k++;
					} else {
						body += line[k];
						pos.push(at + k);
					}
				}
			}
			body += '\n';
			pos.push(at + raw.length);
			at += raw.length + 1;
		}
		const whole: Span = { s: body, i: 0 };
		const q = trim(whole);
		if (!q.s) continue;
		const off = (sp: Span | number) => pos[Math.min(pos.length - 1, typeof sp === 'number' ? sp : sp.i)] ?? block.start;
		const error = (where: Span | number, message: string) => report(off(where), message, 'error');
		const warn = (where: Span | number, message: string) => report(off(where), message, 'warning');
		ordinal++;

		const meta = cc ? parseCc(cc.text, (m) => report(cc!.at, m, 'warning')) : {};

		// ::name::
		let rest = q;
		let name: string | null = null;
		if (rest.s.startsWith('::')) {
			const end = rest.s.indexOf('::', 2);
			if (end >= 0) {
				name = unescape(rest.s.slice(2, end)).trim();
				rest = trim(sub(rest, end + 2));
			}
		}

		// The answer block.
		const open = rest.s.indexOf('{');
		const close = rest.s.indexOf('}');
		if (open < 0 && close < 0) {
			error(q, 'a description (text with no answer block {…}) is not a question; left out');
			continue;
		}
		if (close < 0) {
			error(sub(rest, open), 'the answer block { is not closed before the blank line that ends the question; question left out');
			continue;
		}
		if (open < 0 || close < open) {
			error(sub(rest, close), 'a } with no { before it (write \\} for a brace in the text); question left out');
			continue;
		}
		const inner = rest.s.indexOf('{', open + 1);
		if (inner >= 0 && inner < close) {
			error(sub(rest, inner), 'a { inside an answer block (write \\{ for a brace); question left out');
			continue;
		}
		const after = trim(sub(rest, close + 1));
		if (after.s.includes('{') || after.s.includes('}')) {
			error(sub(after, Math.max(0, after.s.search(/[{}]/))), 'more than one answer block in a question (several blanks) is not supported; question left out');
			continue;
		}
		// An answer block inside the sentence is the missing-word format: the blank is shown as _____.
		const promptSpan0 = trim(after.s ? { s: rest.s.slice(0, open) + '_____' + rest.s.slice(close + 1), i: rest.i } : sub(rest, 0, open));
		const { text: promptSpan, format } = splitFormat(promptSpan0, 'moodle');

		let answer = trim(sub(rest, open + 1, close));
		let explanation = '';
		const gf = answer.s.lastIndexOf('####');
		if (gf >= 0) {
			explanation = sub(answer, gf + 4).s;
			answer = trim(sub(answer, 0, gf));
		}

		/** A text as plain text: escapes undone, markup read (html and moodle text may hold HTML). */
		const plain = (sp: Span, inherited: Format = format, parseFormat = true): string => {
			const { text: t, format: f } = parseFormat ? splitFormat(trim(sp), inherited) : { text: trim(sp), format: 'plain' as Format };
			const s = unescape(t.s).trim();
			if ((f === 'html' || f === 'moodle') && MARKUP.test(s))
				return htmlToText(
					s,
					(what) => warn(sp, `${what} cannot be imported (text only); it was left out`),
					(bad) => {
						// At the first one's line when it is found as written (unescape keeps lengths, trim does not).
						const k = s.indexOf(bad[0]);
						const lead = t.s.length - t.s.trimStart().length;
						warn(k < 0 ? sp : sub(t, lead + k), `"${bad[0]}" is not a character (a numeric entity is 1 to 10FFFF in hex, not a surrogate D800 to DFFF); kept as written${bad.length > 1 ? `, as are ${bad.length - 1} more in this text` : ''}`);
					}
				);
			return s;
		};

		const prompt = plain(promptSpan, format);
		const common = {
			id: '',
			...(name && name !== meta.id ? { title: name } : {}),
			prompt,
			explanation: plain({ s: explanation, i: gf >= 0 ? answer.i + gf + 4 : answer.i }),
			codes: meta.codes ?? [],
			topics: meta.topics ?? (category && categoryTopic(category) ? [categoryTopic(category)!] : [])
		};
		const points = meta.points !== undefined ? { points: meta.points } : {};

		let question: QuestionFileInput | null = null;
		const a = answer.s;
		if (a === '') {
			error(sub(rest, open), 'essay questions ({}) are not supported: nothing here could grade them; question left out');
			continue;
		} else if (a.startsWith('#')) {
			error(answer, 'numerical questions ({#…}) are not supported; question left out');
			continue;
		} else if (a.includes('~')) {
			question = importChoice(answer, meta, common, points, plain, error, warn);
		} else if (a.includes('=') && a.includes('->')) {
			question = importMatching(answer, common, points, plain, error, warn);
		} else {
			const head = (a.includes('#') ? a.slice(0, a.indexOf('#')) : a).trim();
			if (['T', 'TRUE', 'F', 'FALSE'].includes(head)) {
				// {T#feedback when answered wrong#feedback when answered right}, as Moodle reads it.
				const first = a.indexOf('#');
				const second = first < 0 ? -1 : a.indexOf('#', first + 1);
				const wrongFb = first < 0 ? '' : plain(sub(answer, first + 1, second < 0 ? a.length : second));
				const rightFb = second < 0 ? '' : plain(sub(answer, second + 1));
				const isTrue = head === 'T' || head === 'TRUE';
				const feedbackTrue = isTrue ? rightFb : wrongFb;
				const feedbackFalse = isTrue ? wrongFb : rightFb;
				question = {
					...common,
					type: 'truefalse',
					...points,
					answer: isTrue,
					...(feedbackTrue ? { feedback_true: feedbackTrue } : {}),
					...(feedbackFalse ? { feedback_false: feedbackFalse } : {})
				};
			} else question = importShort(answer, common, points, plain, error, warn, cc !== null);
		}
		if (!question) continue;

		// The id: from the cc line, else from an ascii name, else by position; always unique.
		let id = meta.id ?? (name ? slug(name) : null) ?? `q${ordinal}`;
		if (usedIds.has(id)) {
			if (meta.id) warn(q, `cc: id "${meta.id}" is used by an earlier question; this one gets a new id`);
			// The smallest free suffix: every one below nextSuffix is taken already (ids are only
			// added), so many questions of one name are not searched from -2 each time (quadratic).
			let n = nextSuffix.get(id) ?? 2;
			while (usedIds.has(`${id}-${n}`)) n++;
			nextSuffix.set(id, n + 1);
			id = `${id}-${n}`;
		}
		usedIds.add(id);
		question.id = id;
		if (!question.explanation) warn(q, `question "${id}": no general feedback (####…) to use as its explanation; write one before using the quiz`);
		if (!question.codes?.length && !question.topics?.length)
			warn(q, `question "${id}": no codes or topics; add a line "// cc: codes=… topics=…" before it, or fill them in the YAML (one is required)`);
		questions.push(question);
	}

	const base = (options.file ?? '').split(/[\\/]/).pop()!.replace(/\.[^.]*$/, '');
	// The title: the first category that names neither a topic nor one of Moodle's own ("top",
	// "Default for …", "默认 用于 …"), else the file name.
	const named = categories.map(categoryName).find((c) => c && !categoryTopic(c) && !/^(top|default for .*|默认.*)$/i.test(c));
	const title = options.title ?? named ?? (base || 'GIFT 导入');
	const quiz: QuizFileInput = {
		id: options.id ?? slug(base) ?? 'imported-quiz',
		title,
		kind: 'knowledge',
		description: base ? `从 GIFT 文件 ${base} 导入的题目。` : '从 GIFT 文件导入的题目。',
		questions
	};
	diagnostics.sort((x, y) => x.line - y.line || x.col - y.col);
	return { quiz, diagnostics, imported: questions.length };
}

type Plain = (sp: Span, inherited?: Format, parseFormat?: boolean) => string;
type Report = (where: Span | number, message: string) => void;
type Common = Pick<QuestionFileInput, 'id' | 'title' | 'prompt' | 'explanation' | 'codes' | 'topics'>;

/** One answer of a choice or short question: marker, weight, text, feedback. */
function readAnswer(sp: Span, choice: boolean): { marker: string; weight: number | null; text: Span; feedback: Span | null } {
	const marker = sp.s[0];
	let body = trim(sub(sp, 1));
	let weight: number | null = null;
	// In a choice question "=" is fully right and what follows is text (Moodle reads no weight there).
	const w = choice && marker === '=' ? null : WEIGHT.exec(body.s);
	if (w) {
		weight = Number(w[1]);
		body = trim(sub(body, w[0].length));
	}
	const hash = body.s.indexOf('#');
	return { marker, weight, text: hash < 0 ? body : sub(body, 0, hash), feedback: hash < 0 ? null : sub(body, hash + 1) };
}

function importChoice(answer: Span, meta: CcMeta, common: Common, points: { points?: number }, plain: Plain, error: Report, warn: Report): QuestionFileInput | null {
	const parts = splitBefore(answer, '~=');
	if (parts[0].s.trim() && !'~='.includes(parts[0].s[0])) {
		error(parts[0], 'text before the first answer (~ or =) in the answer block; question left out');
		return null;
	}
	const answers = parts.filter((p) => '~='.includes(p.s[0])).map((p) => readAnswer(p, true));
	if (answers.length < 2) {
		error(answer, 'a multiple-choice question needs at least 2 answers; question left out');
		return null;
	}
	const single = answers.some((x) => x.marker === '=');
	const options = answers.map((x) => {
		const fb = x.feedback ? plain(x.feedback) : '';
		return { text: plain(x.text), ...(fb ? { feedback: fb } : {}) };
	});
	const empty = answers.findIndex((_, k) => !options[k].text);
	if (empty >= 0) {
		error(answers[empty].text, 'an answer with no text; question left out');
		return null;
	}
	if (single) {
		// = is right; ~ is wrong, unless it carries a weight (partial credit), which single choice has not.
		const right = answers.filter((x) => x.marker === '=' || (x.weight !== null && sameWeight(x.weight, 100)));
		if (right.length > 1) {
			error(answer, `${right.length} answers are fully right (=); here a single-choice question has exactly one; question left out`);
			return null;
		}
		for (const x of answers)
			if (x.marker === '~' && x.weight !== null && !sameWeight(x.weight, 0) && !sameWeight(x.weight, 100))
				warn(x.text, `partial credit (${x.weight}%) on a wrong answer of a single-choice question cannot be kept: it counts as wrong`);
		return {
			...common,
			type: 'single',
			...points,
			options: options.map((o, k) => withCorrect(o, answers[k].marker === '=')),
			...(meta.shuffle_options === false ? { shuffle_options: false } : {})
		};
	}
	// No = : Moodle's "multiple answers" question, graded by adding the weights of the picks.
	const correct = answers.filter((x) => (x.weight ?? 0) > 0).length;
	if (!correct) {
		error(answer, 'no answer is right (no = and no positive %weight%); question left out');
		return null;
	}
	const scoring = meta.scoring ?? 'partial';
	if (scoring === 'partial') {
		const off = answers.filter((x) => {
			const w = x.weight ?? 0;
			return w > 0 ? !sameWeight(w, 100 / correct) : !sameWeight(w, -100 / correct);
		});
		if (off.length)
			warn(
				answer,
				`weights ${answers.map((x) => `${x.weight ?? 0}%`).join(' ')} become this format's partial credit: each right pick +1/${correct}, each wrong pick −1/${correct} (in GIFT: ~%${fmt(100 / correct)}% and ~%-${fmt(100 / correct)}%)`
			);
	}
	return {
		...common,
		type: 'multiple',
		...points,
		options: options.map((o, k) => withCorrect(o, (answers[k].weight ?? 0) > 0)),
		...(scoring !== 'partial' ? { scoring } : {}),
		...(meta.shuffle_options === false ? { shuffle_options: false } : {})
	};
}

/** An option as written in a file: text, then correct (only when true), then feedback. */
const withCorrect = (o: { text: string; feedback?: string }, correct: boolean) => ({ text: o.text, ...(correct ? { correct: true } : {}), ...(o.feedback ? { feedback: o.feedback } : {}) });

function importMatching(answer: Span, common: Common, points: { points?: number }, plain: Plain, error: Report, warn: Report): QuestionFileInput | null {
	const parts = splitBefore(answer, '=');
	if (parts[0].s.trim() && parts[0].s[0] !== '=') {
		error(parts[0], 'text before the first pair (=) in the answer block; question left out');
		return null;
	}
	const pairs: { left: string; right: string }[] = [];
	const distractors: string[] = [];
	for (const p of parts.filter((x) => x.s[0] === '=')) {
		const body = sub(p, 1);
		const arrow = body.s.indexOf('->');
		if (arrow < 0) {
			error(p, 'a matching pair needs "->" between its two sides; question left out');
			return null;
		}
		if (body.s.includes('#')) warn(p, 'a matching pair has no feedback in GIFT: the text after # is kept as part of the pair');
		const left = plain({ s: body.s.slice(0, arrow).replace(/#/g, '\uE023'), i: body.i });
		const right = plain({ s: body.s.slice(arrow + 2).replace(/#/g, '\uE023'), i: body.i + arrow + 2 }, 'plain', false);
		if (!right) {
			error(p, 'a matching pair with nothing after "->"; question left out');
			return null;
		}
		if (left) pairs.push({ left, right });
		else distractors.push(right);
	}
	if (pairs.length < 2) {
		error(answer, 'a matching question needs at least 2 pairs; question left out');
		return null;
	}
	return { ...common, type: 'matching', ...points, pairs, ...(distractors.length ? { distractors } : {}) };
}

function importShort(answer: Span, common: Common, points: { points?: number }, plain: Plain, error: Report, warn: Report, fromUs: boolean): QuestionFileInput | null {
	const parts = splitBefore(answer, '=');
	if (parts[0].s.trim() && parts[0].s[0] !== '=') {
		error(parts[0], 'an answer block that is neither T/F, choices (~), pairs (->) nor accepted answers (=); question left out');
		return null;
	}
	const answers: (string | { text: string; feedback: string })[] = [];
	for (const x of parts.filter((p) => p.s[0] === '=').map((p) => readAnswer(p, false))) {
		// Moodle's short answers are plain text: a [format] prefix is dropped, markup is not read.
		const text = plain(x.text, 'plain');
		if (!text) continue;
		if (x.weight !== null && !sameWeight(x.weight, 100)) {
			warn(x.text, `"${text}" earns ${x.weight}% in GIFT; a short answer here is right or wrong, so it was left out`);
			continue;
		}
		// (A file this app wrote marks its questions with a cc line: there, * was meant as written.)
		if (text.includes('*') && !fromUs) warn(x.text, `"*" is a wildcard in Moodle's short answers; here "${text}" must be typed as it is`);
		const fb = x.feedback ? plain(x.feedback) : '';
		answers.push(fb ? { text, feedback: fb } : text);
	}
	if (!answers.length) {
		error(answer, 'a short-answer question with no fully right answer; question left out');
		return null;
	}
	return { ...common, type: 'short', ...points, answers };
}

// ---------------------------------------------------------------------------------------------
// Export

/** A weight as Moodle writes it: at most 5 decimals, no trailing zeros (33.33333, 50). */
function fmt(n: number): string {
	return String(Number(n.toFixed(5)));
}

export interface GiftExport {
	text: string;
	/** Questions that could not be written, or lose something in GIFT, by index in quiz.questions. */
	messages: { index: number; question: string; message: string; severity: 'error' | 'warning' }[];
	exported: number;
}

/** Types GIFT has no form for. */
const NOT_IN_GIFT: Partial<Record<CompiledQuestion['type'], string>> = {
	ordering: 'GIFT has no ordering questions',
	likert: 'GIFT has no rating-scale (likert) statements',
	case: 'GIFT has no rubric-graded case questions (its essay questions are graded by hand)',
	listen: 'GIFT cannot carry listen questions (听声辨情): it has no audio clip to play'
};

export function exportGift(quiz: CompiledQuiz): GiftExport {
	const messages: GiftExport['messages'] = [];
	const out: string[] = [
		`// ${quiz.title.replace(/\s+/g, ' ')}: exported from Complaint Coach (客诉教练), quiz "${quiz.id}".`,
		'// "// cc:" lines keep what GIFT has no place for (id, codes, topics, points, scoring).',
		'',
		`$CATEGORY: $course$/top/${quiz.title.replace(/\s+/g, ' ').replace(/\//g, '//')}`,
		''
	];
	let exported = 0;
	quiz.questions.forEach((q, index) => {
		const skip = NOT_IN_GIFT[q.type];
		if (skip) {
			messages.push({ index, question: q.id, message: `${skip}; question "${q.id}" (${q.type}) not exported`, severity: 'error' });
			return;
		}
		if (q.type === 'matching' && q.lefts.some((l) => l.includes('->'))) {
			messages.push({ index, question: q.id, message: `a left side contains "->", which GIFT cannot escape; question "${q.id}" not exported`, severity: 'error' });
			return;
		}
		if (q.type === 'short' && q.answers.some((a) => a.text.includes('->') || a.feedback?.includes('->'))) {
			// GIFT reads an answer block with = and -> as matching, and has no escape for ->.
			messages.push({ index, question: q.id, message: `an accepted answer or its feedback contains "->", which GIFT would read as matching; question "${q.id}" not exported`, severity: 'error' });
			return;
		}
		if (q.type === 'short' && q.answers.some((a) => a.text.includes('*')))
			messages.push({ index, question: q.id, message: `Moodle reads "*" in a short answer as a wildcard; question "${q.id}" will accept more there than here`, severity: 'warning' });
		if (q.type === 'multiple' && q.scoring === 'all-or-nothing')
			messages.push({ index, question: q.id, message: `GIFT has no all-or-nothing scoring: Moodle will give partial credit for "${q.id}" (the // cc: line keeps it for a re-import)`, severity: 'warning' });
		out.push(exportQuestion(q), '');
		exported++;
	});
	return { text: out.join('\n'), messages, exported };
}

function exportQuestion(q: CompiledQuestion): string {
	const cc = [`id=${q.id}`];
	if (q.codes.length) cc.push(`codes=${q.codes.join(',')}`);
	if (q.topics.length) cc.push(`topics=${q.topics.join(',')}`);
	if (q.points !== 1) cc.push(`points=${q.points}`);
	if (q.type === 'multiple' && q.scoring !== 'partial') cc.push(`scoring=${q.scoring}`);
	if ((q.type === 'single' || q.type === 'multiple') && !q.shuffleOptions) cc.push('shuffle_options=false');

	// Texts go out as plain text: when one holds what Moodle would read as markup, the question is
	// marked [plain] (its answers and feedback inherit it), and a part that starts with "[" gets
	// its own [plain] so its first word is not taken for a format.
	const parts: string[] = [q.prompt, q.explanation];
	if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) parts.push(o.text, o.feedback ?? '');
	if (q.type === 'truefalse') parts.push(q.feedbackTrue ?? '', q.feedbackFalse ?? '');
	if (q.type === 'short') for (const a of q.answers) parts.push(a.feedback ?? '');
	if (q.type === 'matching') parts.push(...q.lefts);
	const marked = parts.some((p) => /[<&]/.test(p));
	const text = (s: string) => (s.startsWith('[') ? '[plain]' : '') + escapeGift(s);
	const general = q.explanation ? `####${text(q.explanation)}` : '';
	const head = `// cc: ${cc.join(' ')}\n::${escapeGift(q.title ?? q.id)}::${marked || q.prompt.startsWith('[') ? '[plain]' : ''}${escapeGift(q.prompt)}`;

	switch (q.type) {
		case 'single':
		case 'multiple': {
			const n = q.options.filter((o) => o.correct).length;
			const lines = q.options.map((o) => {
				let mark: string;
				if (q.type === 'single') mark = o.correct ? '=' : '~';
				else mark = `~%${o.correct ? '' : '-'}${fmt(100 / n)}%`;
				// A wrong single-choice option whose text starts with %…% gets an explicit 0 weight.
				if (mark === '~' && WEIGHT.test(o.text)) mark = '~%0%';
				return `\t${mark}${text(o.text)}${o.feedback ? `#${text(o.feedback)}` : ''}`;
			});
			return `${head}{\n${lines.join('\n')}\n${general ? `\t${general}\n` : ''}}`;
		}
		case 'truefalse': {
			const right = q.answer ? q.feedbackTrue : q.feedbackFalse;
			const wrong = q.answer ? q.feedbackFalse : q.feedbackTrue;
			let body = q.answer ? 'TRUE' : 'FALSE';
			if (wrong) body += `#${text(wrong)}`;
			else if (right) body += '#';
			if (right) body += `#${text(right)}`;
			return `${head}{${body}${general}}`;
		}
		case 'short': {
			const lines = q.answers.map((a) => `\t=${WEIGHT.test(a.text) ? '%100%' : ''}${text(a.text)}${a.feedback ? `#${text(a.feedback)}` : ''}`);
			return `${head}{\n${lines.join('\n')}\n${general ? `\t${general}\n` : ''}}`;
		}
		case 'matching': {
			const used = new Set(q.solution);
			const lines = q.lefts.map((l, i) => `\t=${text(l)} -> ${escapeGift(q.rights[q.solution[i]])}`);
			q.rights.forEach((r, k) => {
				if (!used.has(k)) lines.push(`\t= -> ${escapeGift(r)}`);
			});
			return `${head}{\n${lines.join('\n')}\n${general ? `\t${general}\n` : ''}}`;
		}
		default:
			throw new Error(`${q.type} has no GIFT form`);
	}
}

// ---------------------------------------------------------------------------------------------
// YAML

const QUESTION_ORDER = ['id', 'title', 'type', 'prompt', 'ask', 'say', 'audio', 'transcript', 'options', 'scoring', 'shuffle_options', 'answer', 'feedback_true', 'feedback_false', 'items', 'pairs', 'distractors', 'answers', 'dimension', 'reverse', 'model_answer', 'rubric', 'explanation', 'codes', 'topics', 'points'];
const INLINE = new Set(['codes', 'topics', 'keywords', 'scale']);

/** A quiz as YAML, fields in the order of docs/quiz-format.md, lists of codes and topics inline. */
export function quizToYaml(quiz: QuizFileInput): string {
	const rank = (k: string) => (QUESTION_ORDER.includes(k) ? QUESTION_ORDER.indexOf(k) : QUESTION_ORDER.length);
	const ordered = {
		...quiz,
		questions: quiz.questions.map((q) => Object.fromEntries(Object.entries(q).sort(([a], [b]) => rank(a) - rank(b))))
	};
	const doc = new Document(ordered);
	visit(doc, {
		Pair(_, pair) {
			if (isScalar(pair.key) && INLINE.has(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
		}
	});
	return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
