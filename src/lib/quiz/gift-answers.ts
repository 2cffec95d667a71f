// Reading one GIFT answer block (gift-import.ts): choice (single or multiple), matching and short
// answers, each turned into a question of our format or reported.
import { fmt, sameWeight, splitBefore, sub, trim, WEIGHT, type CcMeta, type Format, type Span } from './gift-text';
import type { QuestionFileInput } from './schema';

export type Plain = (sp: Span, inherited?: Format, parseFormat?: boolean) => string;
export type Report = (where: Span | number, message: string) => void;
export type Common = Pick<QuestionFileInput, 'id' | 'title' | 'prompt' | 'explanation' | 'codes' | 'topics'>;

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

export function importChoice(answer: Span, meta: CcMeta, common: Common, points: { points?: number }, plain: Plain, error: Report, warn: Report): QuestionFileInput | null {
	const parts = splitBefore(answer, '~=');
	if (parts[0].s.trim() && !'~='.includes(parts[0].s[0])) {
		error(parts[0], '答案块里第一个答案（~ 或 =）之前还有文字：这道题已跳过');
		return null;
	}
	const answers = parts.filter((p) => '~='.includes(p.s[0])).map((p) => readAnswer(p, true));
	if (answers.length < 2) {
		error(answer, '选择题至少要有 2 个选项：这道题已跳过');
		return null;
	}
	const single = answers.some((x) => x.marker === '=');
	const options = answers.map((x) => {
		const fb = x.feedback ? plain(x.feedback) : '';
		return { text: plain(x.text), ...(fb ? { feedback: fb } : {}) };
	});
	const empty = answers.findIndex((_, k) => !options[k].text);
	if (empty >= 0) {
		error(answers[empty].text, '有一个选项没有内容：这道题已跳过');
		return null;
	}
	if (single) {
		// = is right; ~ is wrong, unless it carries a weight (partial credit), which single choice has not.
		const right = answers.filter((x) => x.marker === '=' || (x.weight !== null && sameWeight(x.weight, 100)));
		if (right.length > 1) {
			error(answer, `有 ${right.length} 个选项都是完全正确（=），而单选题只能有一个：这道题已跳过`);
			return null;
		}
		for (const x of answers)
			if (x.marker === '~' && x.weight !== null && !sameWeight(x.weight, 0) && !sameWeight(x.weight, 100))
				warn(x.text, `单选题错误选项上的部分分（${x.weight}%）无法保留：按错误处理`);
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
		error(answer, '没有正确选项（既没有 =，也没有正的 %权重%）：这道题已跳过');
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
				`权重 ${answers.map((x) => `${x.weight ?? 0}%`).join(' ')} 换算成本系统的部分分：每选对一项 +1/${correct}，每选错一项 −1/${correct}（在 GIFT 里写作 ~%${fmt(100 / correct)}% 和 ~%-${fmt(100 / correct)}%）`
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

export function importMatching(answer: Span, common: Common, points: { points?: number }, plain: Plain, error: Report, warn: Report): QuestionFileInput | null {
	const parts = splitBefore(answer, '=');
	if (parts[0].s.trim() && parts[0].s[0] !== '=') {
		error(parts[0], '答案块里第一组配对（=）之前还有文字：这道题已跳过');
		return null;
	}
	const pairs: { left: string; right: string }[] = [];
	const distractors: string[] = [];
	for (const p of parts.filter((x) => x.s[0] === '=')) {
		const body = sub(p, 1);
		const arrow = body.s.indexOf('->');
		if (arrow < 0) {
			error(p, '配对的两边之间要用“->”连接：这道题已跳过');
			return null;
		}
		if (body.s.includes('#')) warn(p, 'GIFT 的配对题没有单项反馈：# 后面的文字会保留为配对内容的一部分');
		const left = plain({ s: body.s.slice(0, arrow).replace(/#/g, '\uE023'), i: body.i });
		const right = plain({ s: body.s.slice(arrow + 2).replace(/#/g, '\uE023'), i: body.i + arrow + 2 }, 'plain', false);
		if (!right) {
			error(p, '有一组配对在“->”后面没有内容：这道题已跳过');
			return null;
		}
		if (left) pairs.push({ left, right });
		else distractors.push(right);
	}
	if (pairs.length < 2) {
		error(answer, '配对题至少要有 2 组：这道题已跳过');
		return null;
	}
	return { ...common, type: 'matching', ...points, pairs, ...(distractors.length ? { distractors } : {}) };
}

export function importShort(answer: Span, common: Common, points: { points?: number }, plain: Plain, error: Report, warn: Report, fromUs: boolean): QuestionFileInput | null {
	const parts = splitBefore(answer, '=');
	if (parts[0].s.trim() && parts[0].s[0] !== '=') {
		error(parts[0], '答案块既不是判断（T/F）、选项（~）、配对（->），也不是可接受答案（=）：这道题已跳过');
		return null;
	}
	const answers: (string | { text: string; feedback: string })[] = [];
	for (const x of parts.filter((p) => p.s[0] === '=').map((p) => readAnswer(p, false))) {
		// Moodle's short answers are plain text: a [format] prefix is dropped, markup is not read.
		const text = plain(x.text, 'plain');
		if (!text) continue;
		if (x.weight !== null && !sameWeight(x.weight, 100)) {
			warn(x.text, `“${text}”在 GIFT 里得 ${x.weight}% 分；这里的简答题只分对错，所以略去了这个答案`);
			continue;
		}
		// (A file this app wrote marks its questions with a cc line: there, * was meant as written.)
		if (text.includes('*') && !fromUs) warn(x.text, `“*”在 Moodle 简答题里是通配符；在这里，“${text}”要按原样输入才算对`);
		const fb = x.feedback ? plain(x.feedback) : '';
		answers.push(fb ? { text, feedback: fb } : text);
	}
	if (!answers.length) {
		error(answer, '简答题没有完全正确的答案：这道题已跳过');
		return null;
	}
	return { ...common, type: 'short', ...points, answers };
}
