// Reading Moodle GIFT (gift.ts, docs/quiz-format.md): questions separated by blank lines, one
// answer block each; what our format cannot hold is reported with its line.
import { QUIZ_TOPICS, type QuizTopic } from '../domain';
import type { Diagnostic } from '../scenario/types';
import { importChoice, importMatching, importShort } from './gift-answers';
import { ESCAPES, htmlToText, ID, MARKUP, parseCc, splitFormat, sub, trim, unescape, type Format, type Span } from './gift-text';
import type { QuestionFileInput, QuizFileInput } from './schema';

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
			error(q, '只有文字、没有答案块 {…} 的是说明，不是题目：已跳过');
			continue;
		}
		if (close < 0) {
			error(sub(rest, open), '答案块的 { 在题目结束的空行之前没有用 } 闭合：这道题已跳过');
			continue;
		}
		if (open < 0 || close < open) {
			error(sub(rest, close), '这个 } 前面没有对应的 {（题干里要写花括号请用 \\}）：这道题已跳过');
			continue;
		}
		const inner = rest.s.indexOf('{', open + 1);
		if (inner >= 0 && inner < close) {
			error(sub(rest, inner), '答案块里又出现了 {（要写花括号请用 \\{）：这道题已跳过');
			continue;
		}
		const after = trim(sub(rest, close + 1));
		if (after.s.includes('{') || after.s.includes('}')) {
			error(sub(after, Math.max(0, after.s.search(/[{}]/))), '一道题里有多个答案块（多处填空），暂不支持：这道题已跳过');
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
					(what) => warn(sp, `${what}无法导入（只支持文字）：已略去`),
					(bad) => {
						// At the first one's line when it is found as written (unescape keeps lengths, trim does not).
						const k = s.indexOf(bad[0]);
						const lead = t.s.length - t.s.trimStart().length;
						warn(k < 0 ? sp : sub(t, lead + k), `“${bad[0]}”不是有效字符（数字实体应在十六进制 1 到 10FFFF 之间，且不能是 D800 到 DFFF 的代理码点）：按原样保留${bad.length > 1 ? `；这段文字里还有 ${bad.length - 1} 处同样保留` : ''}`);
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
			error(sub(rest, open), '问答题（{}）暂不支持：这里没有办法给它判分。这道题已跳过');
			continue;
		} else if (a.startsWith('#')) {
			error(answer, '数值题（{#…}）暂不支持：这道题已跳过');
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
			if (meta.id) warn(q, `cc：编号“${meta.id}”已被前面的题目使用，这道题改用新编号`);
			// The smallest free suffix: every one below nextSuffix is taken already (ids are only
			// added), so many questions of one name are not searched from -2 each time (quadratic).
			let n = nextSuffix.get(id) ?? 2;
			while (usedIds.has(`${id}-${n}`)) n++;
			nextSuffix.set(id, n + 1);
			id = `${id}-${n}`;
		}
		usedIds.add(id);
		question.id = id;
		if (!question.explanation) warn(q, `题目“${id}”：没有总体反馈（####…）可作解析，使用前请补写一段解析`);
		if (!question.codes?.length && !question.topics?.length)
			warn(q, `题目“${id}”：没有标注动作代码或知识点；请在题前加一行“// cc: codes=… topics=…”，或在 YAML 里补上（至少要有一项）`);
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
