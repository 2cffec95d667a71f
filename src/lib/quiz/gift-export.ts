// Writing Moodle GIFT (gift.ts, docs/quiz-format.md): what GIFT can hold, with a `// cc:` line for
// what it has no place for; every question it cannot carry is named in the messages.
import { escapeGift, fmt, WEIGHT } from './gift-text';
import type { CompiledQuestion, CompiledQuiz } from './types';

// ---------------------------------------------------------------------------------------------
// Export


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
