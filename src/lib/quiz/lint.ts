// The quiz content lint (issue 13, items 7 and 8): fairness problems a quiz can compile with, which
// `npm run scenarios:check` reports as warnings (docs/quiz-format.md, "Content lint"):
// - the right option is strictly the longest in more than LINT_LIMITS.longestShare of a quiz's
//   single-choice questions (test-wise participants pick the longest option);
// - two options, rights or items of one question are the same or nearly the same once width,
//   case, spaces and punctuation are ignored (exact repeats are already the compiler's errors);
// - a text has half-width punctuation touching Chinese (one voice in Chinese, as the scenario
//   checker's lint: src/lib/punctuation.ts).
// lintQuiz is pure (findings with the path into the file); lintDiagnostics places them with the
// compilers' one home for source positions (scenario/compiler: at, diag).
import { halfWidthInChinese } from '../punctuation';
import { at, diag, type Located } from '../scenario/compiler';
import type { Diagnostic } from '../scenario/types';
import { normalizeAnswer } from './normalize';
import type { QuizFile } from './schema';

export const LINT_LIMITS = {
	/** Warn when the right option is strictly the longest in more than this share of single-choice questions. */
	longestShare: 0.35,
	/** Two choices whose character-bigram similarity (Dice) reaches this are near-duplicates. */
	nearDuplicate: 0.8
} as const;

export interface LintFinding {
	/** Where in the quiz file: ['questions', 3, 'options', 2, 'text'], ['questions'] for the quiz. */
	path: (string | number)[];
	message: string;
}

/** Punctuation and symbols, ASCII and full-width, which do not make two options different. */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;

/** What a participant reads as the option's length: its characters, spaces left out. */
export function optionLength(text: string): number {
	return [...text.replace(/\s+/g, '')].length;
}

/** A choice as compared: width, case and spaces folded (normalizeAnswer), punctuation left out. */
function folded(text: string): string {
	return normalizeAnswer(text).replace(PUNCTUATION, '');
}

/** Dice similarity of two texts' character bigrams (0–1) after folding; texts of one character compare equal or not. */
export function similarity(a: string, b: string): number {
	const x = [...folded(a)];
	const y = [...folded(b)];
	if (x.join('') === y.join('')) return 1;
	if (x.length < 2 || y.length < 2) return 0;
	const grams = new Map<string, number>();
	for (let i = 0; i + 1 < x.length; i++) grams.set(x[i] + x[i + 1], (grams.get(x[i] + x[i + 1]) ?? 0) + 1);
	let shared = 0;
	for (let i = 0; i + 1 < y.length; i++) {
		const g = y[i] + y[i + 1];
		const n = grams.get(g) ?? 0;
		if (n > 0) {
			shared++;
			grams.set(g, n - 1);
		}
	}
	return (2 * shared) / (x.length - 1 + (y.length - 1));
}

/** Whether the right option of a single-choice question is longer than every other option. */
export function rightIsLongest(options: readonly { text: string; correct?: boolean }[]): boolean {
	const right = options.filter((o) => o.correct);
	if (right.length !== 1) return false;
	const n = optionLength(right[0].text);
	return options.every((o) => o.correct || optionLength(o.text) < n);
}

const short = (text: string) => (text.length > 24 ? `${text.slice(0, 23)}…` : text);

/** Fields that hold no prose (ids, codes, file paths). */
const NOT_PROSE = new Set(['id', 'type', 'kind', 'codes', 'topics', 'dimension', 'audio', 'ask', 'stage', 'scoring', 'topic']);

/** Every text of the file with its path, prose fields only. */
function texts(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
	if (typeof value === 'string') return [{ path, text: value }];
	if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, [...path, i]));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => (NOT_PROSE.has(k) ? [] : texts(v, [...path, k])));
	return [];
}

/** The lists of choices a question shows, each with its path and the texts in it. */
function choiceLists(q: QuizFile['questions'][number]): { path: (string | number)[]; texts: string[]; noun: string }[] {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return [{ path: ['options'], texts: q.options.map((o) => o.text), noun: 'option' }];
		case 'listen':
			return q.options ? [{ path: ['options'], texts: q.options.map((o) => o.text), noun: 'option' }] : [];
		case 'matching':
			return [{ path: [], texts: [...q.pairs.map((p) => p.right), ...q.distractors], noun: 'right-hand choice' }];
		case 'ordering':
			return [{ path: ['items'], texts: q.items, noun: 'item' }];
		default:
			return [];
	}
}

/** Where the k-th text of a choice list sits in the file. */
function textPath(q: QuizFile['questions'][number], list: { path: (string | number)[] }, k: number): (string | number)[] {
	if (q.type === 'matching') return k < q.pairs.length ? ['pairs', k, 'right'] : ['distractors', k - q.pairs.length];
	if (q.type === 'ordering') return ['items', k];
	return [...list.path, k, 'text'];
}

export function lintQuiz(f: QuizFile): LintFinding[] {
	const out: LintFinding[] = [];

	const singles = f.questions.filter((q) => q.type === 'single');
	const longest = singles.filter((q) => q.type === 'single' && rightIsLongest(q.options));
	if (singles.length && longest.length / singles.length > LINT_LIMITS.longestShare) {
		const share = Math.round((100 * longest.length) / singles.length);
		const ids = longest.map((q) => q.id);
		out.push({
			path: ['questions'],
			message: `the right option is strictly the longest in ${longest.length} of ${singles.length} single-choice questions (${share}%, more than ${LINT_LIMITS.longestShare * 100}%), so picking the longest option scores: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? `, … (${ids.length - 8} more)` : ''}. Give some distractors the substance of the answer (plausible, but breaking a course principle), or say the answer more briefly`
		});
	}

	f.questions.forEach((q, i) => {
		for (const list of choiceLists(q)) {
			const exact = list.texts.map(normalizeAnswer);
			list.texts.forEach((text, k) => {
				for (let j = 0; j < k; j++) {
					if (exact[j] === exact[k]) continue; // the compiler's error already
					const s = similarity(list.texts[j], text);
					if (s < LINT_LIMITS.nearDuplicate) continue;
					out.push({
						path: ['questions', i, ...textPath(q, list, k)],
						message: `question "${q.id}": ${list.noun} "${short(text)}" is ${s === 1 ? 'the same as' : 'nearly the same as'} "${short(list.texts[j])}" (${Math.round(s * 100)}% alike): participants cannot tell them apart, and one may give the other away`
					});
					break;
				}
			});
		}
	});
	for (const { path, text } of texts(f)) {
		const marks = halfWidthInChinese(text);
		// In the scenario checker's words (src/lib/scenario/lints.ts).
		if (marks.length) out.push({ path, message: `half-width punctuation in Chinese text (「${marks[0]}」): use ，。：；？！（）` });
	}
	return out;
}

/** The lint's findings as warnings at their place in the file (file:line:col). */
export function lintDiagnostics(src: Located, f: QuizFile): Diagnostic[] {
	// A finding about the whole quiz sits at its `questions:` key.
	return lintQuiz(f).map((x) => diag(src, at(src, x.path, x.path.length === 1), x.message, 'warning'));
}
