// Quiz compiler, in the scenario compiler's steps: parse (YAML with positions, shared) → validate
// (zod, shared wording) → resolve (checks across fields) → compile. Every step collects all its
// diagnostics with file:line:col instead of stopping at the first.
import { sha256Hex } from '../sha256';
import { ALL_CODES, DIMENSIONS, MOOD_STAGE_IDS, MOOD_STAGES, QUIZ_TOPIC_IDS } from '../domain';
import { at, diag, limitDiagnostics, parse, sortDiagnostics, validateSchema, type Located, type SchemaWording } from '../scenario/compiler';
import type { Diagnostic } from '../scenario/types';
import { stageOptions } from './listen';
import { checkDraw } from './draw-check';
import { normalizeAnswer } from './normalize';
import { quizSchema, type QuestionFile, type QuizFile } from './schema';
import type { CompiledQuestion, CompiledQuiz } from './types';

export interface QuizCompileResult {
	quiz: CompiledQuiz | null;
	diagnostics: Diagnostic[];
	/** The validated file, for tools that need authored fields (null when invalid). */
	source: QuizFile | null;
}

const QUIZ_WORDING: SchemaWording = {
	notAMap: 'a quiz file must be a YAML map of fields (id, title, kind, description, questions)',
	itemNoun: {
		questions: 'question',
		options: 'option',
		pairs: 'pair',
		items: 'item',
		answers: 'answer',
		distractors: 'distractor',
		rubric: 'rubric point',
		bands: 'band',
		scale: 'scale label',
		keywords: 'keyword',
		draw: 'draw entry'
	},
	valueIssue: (path, value) => {
		const last = path[path.length - 1];
		const field = typeof last === 'number' ? path[path.length - 2] : last;
		const known = field === 'codes' ? ALL_CODES : field === 'topics' ? QUIZ_TOPIC_IDS : field === 'dimension' ? DIMENSIONS : field === 'stage' ? MOOD_STAGE_IDS : null;
		if (!known || typeof value !== 'string' || known.includes(value as never)) return null;
		const what = field === 'codes' ? 'code' : field === 'topics' ? 'topic' : field === 'dimension' ? 'dimension' : 'stage';
		return `unknown ${what} "${value}"; expected one of ${known.join(', ')}`;
	}
};

// ---------------------------------------------------------------------------------------------
// Resolve: what the schema cannot say on its own

export function resolveQuiz(src: Located, f: QuizFile): Diagnostic[] {
	const out: Diagnostic[] = [];
	const error = (path: PropertyKey[], message: string, key = false) => out.push(diag(src, at(src, path, key), message));
	const warn = (path: PropertyKey[], message: string) => out.push(diag(src, at(src, path), message, 'warning'));
	const line = (path: PropertyKey[]) => src.lines.linePos(at(src, path)).line;

	const name = src.file.split(/[\\/]/).pop()!;
	if (/\.ya?ml$/.test(name) && name.replace(/\.ya?ml$/, '') !== f.id) error(['id'], `id "${f.id}" must match the file name "${name.replace(/\.ya?ml$/, '')}.yaml"`);

	const selfAssessment = f.kind === 'self-assessment';
	const likerts = f.questions.filter((q) => q.type === 'likert').length;
	if (selfAssessment) {
		if (f.pass_percent !== undefined) error(['pass_percent'], 'pass_percent is for knowledge quizzes; a self-assessment has no pass mark', true);
		if (!f.scale) error([], 'a self-assessment needs a scale: the labels of its answers, e.g. [完全不符合, 不太符合, 一般, 比较符合, 完全符合]');
		if (!f.bands) error([], 'a self-assessment needs bands: how a dimension\'s percentage reads, e.g. - { from: 0, label: 需要加强 }');
		if (!likerts) warn(['questions'], 'this self-assessment has no likert statements, so it yields no profile');
	} else {
		if (f.scale) error(['scale'], 'only self-assessment quizzes have a scale (kind: self-assessment)', true);
		if (f.bands) error(['bands'], 'only self-assessment quizzes have bands (kind: self-assessment)', true);
	}
	if (f.bands) {
		if (f.bands[0].from !== 0) error(['bands', 0, 'from'], `the first band must start from 0 (it starts from ${f.bands[0].from}), so every percentage has a band`);
		for (let i = 1; i < f.bands.length; i++)
			if (f.bands[i].from <= f.bands[i - 1].from)
				error(['bands', i, 'from'], `bands go up: from ${f.bands[i].from} must be more than the band before (${f.bands[i - 1].from})`);
	}

	if (f.draw) out.push(...checkDraw(src, f));

	const ids = new Map<string, number>();
	f.questions.forEach((q, i) => {
		const p: PropertyKey[] = ['questions', i];
		const label = `question "${q.id}"`;
		const first = ids.get(q.id);
		if (first !== undefined) error([...p, 'id'], `duplicate question id "${q.id}" (first defined at line ${line(['questions', first, 'id'])})`);
		else ids.set(q.id, i);

		if (q.type === 'likert') {
			if (!selfAssessment) error([...p, 'type'], `${label}: likert statements belong in self-assessment quizzes (kind: self-assessment)`);
		} else if (!q.codes.length && !q.topics.length)
			error(p, `${label}: name what it tests: codes (${ALL_CODES.slice(0, 3).join(', ')}, …) or topics (${QUIZ_TOPIC_IDS.slice(0, 3).join(', ')}, …), at least one`);
		twice(q.codes, (k) => error([...p, 'codes', k], `${label}: code "${q.codes[k]}" is listed twice`));
		twice(q.topics, (k) => error([...p, 'topics', k], `${label}: topic "${q.topics[k]}" is listed twice`));
		checkQuestion(q, p, label, error, warn);
	});
	return out;
}

type Report = (path: PropertyKey[], message: string) => void;

function checkQuestion(q: QuestionFile, p: PropertyKey[], label: string, error: Report, warn: Report): void {
	switch (q.type) {
		case 'listen':
			checkListen(q, p, label, error);
			break;
		case 'single':
		case 'multiple': {
			const right = q.options.filter((o) => o.correct).length;
			if (q.type === 'single' && right !== 1)
				error([...p, 'options'], `${label}: a single-choice question needs exactly one option with correct: true (it has ${right})`);
			if (q.type === 'multiple' && right === 0) error([...p, 'options'], `${label}: a multiple-choice question needs at least one option with correct: true`);
			if (q.type === 'multiple' && right === q.options.length && q.scoring === 'partial')
				warn([...p, 'options'], `${label}: every option is right, so picking them all is always full marks`);
			twice(q.options.map((o) => normalizeAnswer(o.text)), (k) => error([...p, 'options', k, 'text'], `${label}: option "${q.options[k].text}" is there twice`));
			break;
		}
		case 'ordering':
			twice(q.items.map(normalizeAnswer), (k) => error([...p, 'items', k], `${label}: item "${q.items[k]}" is there twice, so the order is ambiguous`));
			break;
		case 'matching': {
			twice(q.pairs.map((x) => normalizeAnswer(x.left)), (k) => error([...p, 'pairs', k, 'left'], `${label}: left "${q.pairs[k].left}" is there twice`));
			const rights = [...q.pairs.map((x) => x.right), ...q.distractors].map(normalizeAnswer);
			twice(rights, (k) =>
				k < q.pairs.length
					? error([...p, 'pairs', k, 'right'], `${label}: right "${q.pairs[k].right}" is there twice; each right belongs to one left`)
					: error([...p, 'distractors', k - q.pairs.length], `${label}: distractor "${q.distractors[k - q.pairs.length]}" is also a right or another distractor`)
			);
			break;
		}
		case 'short':
			twice(q.answers.map((a) => normalizeAnswer(typeof a === 'string' ? a : a.text)), (k) =>
				error([...p, 'answers', k], `${label}: this accepted answer is the same as an earlier one once spaces, width and case are ignored`)
			);
			break;
		case 'case':
			q.rubric.forEach((r, k) => {
				if (!r.keywords.length && !r.codes.length)
					error([...p, 'rubric', k], `${label}: rubric point "${r.point}" can never be met: give it keywords or codes (or both)`);
			});
			break;
	}
}

function checkListen(q: Extract<QuestionFile, { type: 'listen' }>, p: PropertyKey[], label: string, error: Report): void {
	if (q.say && q.audio) error([...p, 'audio'], `${label}: a listen question plays one clip: say: { text, stage } (generated) or audio: <file> (a recording), not both`);
	else if (!q.say && !q.audio)
		error(p, `${label}: a listen question needs its clip: say: { text, stage } (the customer's words, generated in that stage's voice) or audio: <a file under static/audio/>`);
	if (q.say && q.transcript) error([...p, 'transcript'], `${label}: transcript is for an audio recording; a generated clip's transcript is its say.text`);
	if (q.shuffle_options !== undefined && !q.options) error([...p, 'shuffle_options'], `${label}: shuffle_options needs written options (the six default stages keep their order)`);
	if (!q.options) {
		if (q.ask !== 'stage') error([...p, 'ask'], `${label}: ask: ${q.ask} needs options (only ask: stage may leave them out: the six stages are then the options)`);
		else if (q.audio && !q.say) error(p, `${label}: without options the right stage is the clip's say.stage; for an audio recording, write the options and mark the right one`);
		return;
	}
	const right = q.options.filter((o) => o.correct).length;
	if (right !== 1) error([...p, 'options'], `${label}: a listen question needs exactly one option with correct: true (it has ${right})`);
	twice(q.options.map((o) => normalizeAnswer(o.text)), (k) => error([...p, 'options', k, 'text'], `${label}: option "${q.options![k].text}" is there twice`));
	// Asked for the stage of a generated clip, the right option cannot name another stage than the
	// one the clip is spoken in.
	if (q.ask === 'stage' && q.say && right === 1) {
		const k = q.options.findIndex((o) => o.correct);
		const named = MOOD_STAGES.find((s) => normalizeAnswer(s.name) === normalizeAnswer(q.options![k].text));
		const spoken = MOOD_STAGES.find((s) => s.id === q.say!.stage)!;
		if (named && named.id !== spoken.id)
			error([...p, 'options', k, 'text'], `${label}: the right option is ${named.name} (${named.id}), but the clip is spoken as ${spoken.name} (say.stage: ${spoken.id})`);
	}
}

/** Calls back with the index of every later repeat of an earlier value. */
function twice<T>(values: readonly T[], report: (index: number) => void): void {
	const seen = new Set<T>();
	values.forEach((v, k) => {
		if (seen.has(v)) report(k);
		seen.add(v);
	});
}

// ---------------------------------------------------------------------------------------------
// Compile

function compileQuestion(q: QuestionFile): CompiledQuestion {
	const base = {
		id: q.id,
		...(q.title !== undefined ? { title: q.title } : {}),
		prompt: q.prompt,
		explanation: q.explanation,
		codes: q.codes,
		topics: q.topics,
		points: q.type === 'likert' ? 0 : q.points
	};
	const choices = (options: { text: string; correct: boolean; feedback?: string }[]) =>
		options.map((o) => ({ text: o.text, correct: o.correct, ...(o.feedback !== undefined ? { feedback: o.feedback } : {}) }));
	switch (q.type) {
		case 'single':
			return { ...base, type: 'single', options: choices(q.options), shuffleOptions: q.shuffle_options };
		case 'multiple':
			return { ...base, type: 'multiple', options: choices(q.options), scoring: q.scoring, shuffleOptions: q.shuffle_options };
		case 'truefalse':
			return {
				...base,
				type: 'truefalse',
				answer: q.answer,
				...(q.feedback_true !== undefined ? { feedbackTrue: q.feedback_true } : {}),
				...(q.feedback_false !== undefined ? { feedbackFalse: q.feedback_false } : {})
			};
		case 'ordering':
			return { ...base, type: 'ordering', items: q.items, solution: q.items.map((_, i) => i) };
		case 'matching':
			return {
				...base,
				type: 'matching',
				lefts: q.pairs.map((x) => x.left),
				rights: [...q.pairs.map((x) => x.right), ...q.distractors],
				solution: q.pairs.map((_, i) => i)
			};
		case 'short':
			return { ...base, type: 'short', answers: q.answers.map((a) => (typeof a === 'string' ? { text: a } : { text: a.text, ...(a.feedback !== undefined ? { feedback: a.feedback } : {}) })) };
		case 'likert':
			return { ...base, type: 'likert', dimension: q.dimension, reverse: q.reverse };
		case 'listen': {
			const clip = q.say ? { say: { text: q.say.text, stage: q.say.stage } } : { audio: q.audio!, ...(q.transcript !== undefined ? { transcript: q.transcript } : {}) };
			const options = q.options ? choices(q.options) : stageOptions(q.say!.stage);
			return { ...base, type: 'listen', ask: q.ask, clip, options, shuffleOptions: q.options ? (q.shuffle_options ?? true) : false };
		}
		case 'case':
			return { ...base, type: 'case', modelAnswer: q.model_answer, rubric: q.rubric.map((r) => ({ point: r.point, keywords: r.keywords, codes: r.codes, weight: r.weight })) };
	}
}

export function compileQuizFile(f: QuizFile): CompiledQuiz {
	const body = {
		format: 1 as const,
		id: f.id,
		title: f.title,
		kind: f.kind,
		description: f.description,
		...(f.time_limit_minutes !== undefined ? { timeLimitMinutes: f.time_limit_minutes } : {}),
		shuffle: f.shuffle,
		...(f.pass_percent !== undefined ? { passPercent: f.pass_percent } : {}),
		...(f.scale ? { scale: f.scale } : {}),
		...(f.bands ? { bands: f.bands.map((b) => ({ from: b.from, label: b.label, ...(b.advice !== undefined ? { advice: b.advice } : {}) })) } : {}),
		...(f.draw ? { draw: f.draw.map((d) => ({ topic: d.topic, count: d.count })) } : {}),
		questions: f.questions.map(compileQuestion)
	};
	const version = sha256Hex(JSON.stringify(body)).slice(0, 16);
	return { ...body, version };
}

/** All steps. Produces a compiled quiz only when there is no error (warnings are fine). */
export function compileQuiz(file: string, text: string): QuizCompileResult {
	return compileQuizLocated(file, text).result;
}

/** compileQuiz, also handing back the parsed source so callers can place more diagnostics. */
export function compileQuizLocated(file: string, text: string): { result: QuizCompileResult; src: Located } {
	const parsed = parse(file, text);
	const { src } = parsed;
	if (!parsed.ok) return { src, result: { quiz: null, diagnostics: parsed.diagnostics, source: null } };
	const valid = validateSchema(src, parsed.data, quizSchema, QUIZ_WORDING);
	if (!valid.file) return { src, result: { quiz: null, diagnostics: valid.diagnostics, source: null } };
	const diagnostics = limitDiagnostics(sortDiagnostics(resolveQuiz(src, valid.file)));
	const ok = !diagnostics.some((d) => d.severity === 'error');
	return { src, result: { quiz: ok ? compileQuizFile(valid.file) : null, diagnostics, source: valid.file } };
}
