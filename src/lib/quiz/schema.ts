// The quiz file format as a zod schema: the single source for validation, TypeScript types and
// the generated JSON Schema (static/schema/quiz.schema.json). See docs/quiz-format.md. Checks that
// need more than one field (exactly one right option, ascending bands, …) are in compiler.ts.
import { z } from 'zod';
import { ALL_CODES, DIMENSIONS, MOOD_STAGE_IDS, QUIZ_KINDS, QUIZ_TOPIC_IDS } from '../domain';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'ordering', 'matching', 'short', 'likert', 'case', 'listen'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const MULTIPLE_SCORING = ['partial', 'all-or-nothing'] as const;
export type MultipleScoring = (typeof MULTIPLE_SCORING)[number];

/** What a listen question asks about the clip: the customer's mood stage (of the six), emotion, or real need. */
export const LISTEN_ASKS = ['stage', 'emotion', 'need'] as const;
export type ListenAsk = (typeof LISTEN_ASKS)[number];
/** An authored recording: a path under static/audio/ (served at /audio/…), in a format browsers play. */
export const AUDIO_FILE = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\/-]+\.(webm|ogg|opus|mp3|m4a|wav)$/;

/** Sizes a quiz may have: enough for any real quiz, small enough to grade and shuffle instantly. */
export const QUIZ_LIMITS = { questions: 500, choices: 20, textChars: 4000, answerChars: 4000 } as const;

export const quizId = z
	.string()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lowercase letters and digits joined by "-"')
	.max(64);
const text = z.string().trim().min(1, 'must not be empty').max(QUIZ_LIMITS.textChars);
const code = z.enum(ALL_CODES, { error: () => `unknown code; expected one of ${ALL_CODES.join(', ')}` });
const topic = z.enum(QUIZ_TOPIC_IDS, { error: () => `unknown topic; expected one of ${QUIZ_TOPIC_IDS.join(', ')}` });
const points = z.number().positive('points must be more than 0').max(100);

/** Fields every question has (likert leaves out `points`). */
const common = {
	id: quizId,
	/** A name for question banks (GIFT's ::title::); optional. */
	title: text.optional(),
	prompt: text,
	explanation: text,
	codes: z.array(code).max(15).default([]),
	topics: z.array(topic).max(QUIZ_TOPIC_IDS.length).default([])
};

const option = z.strictObject({ text, correct: z.boolean().default(false), feedback: text.optional() });
const options = z.array(option).min(2, 'a choice question needs at least 2 options').max(QUIZ_LIMITS.choices);

const single = z.strictObject({
	...common,
	type: z.literal('single'),
	points: points.default(1),
	options,
	/** false keeps the options in the written order (e.g. for "以上都对"). */
	shuffle_options: z.boolean().default(true)
});

const multiple = z.strictObject({
	...common,
	type: z.literal('multiple'),
	points: points.default(1),
	options,
	scoring: z.enum(MULTIPLE_SCORING).default('partial'),
	shuffle_options: z.boolean().default(true)
});

const truefalse = z.strictObject({
	...common,
	type: z.literal('truefalse'),
	points: points.default(1),
	answer: z.boolean({ error: () => 'answer must be true or false' }),
	feedback_true: text.optional(),
	feedback_false: text.optional()
});

const ordering = z.strictObject({
	...common,
	type: z.literal('ordering'),
	points: points.default(1),
	items: z.array(text).min(2, 'an ordering question needs at least 2 items').max(QUIZ_LIMITS.choices)
});

const matching = z.strictObject({
	...common,
	type: z.literal('matching'),
	points: points.default(1),
	pairs: z
		.array(z.strictObject({ left: text, right: text }))
		.min(2, 'a matching question needs at least 2 pairs')
		.max(QUIZ_LIMITS.choices),
	distractors: z.array(text).max(QUIZ_LIMITS.choices).default([])
});

const shortAnswer = z.union([text, z.strictObject({ text, feedback: text.optional() })], {
	error: () => 'an accepted answer is a text, or { text, feedback }'
});
const short = z.strictObject({
	...common,
	type: z.literal('short'),
	points: points.default(1),
	answers: z.array(shortAnswer).min(1, 'a short-answer question needs at least 1 accepted answer').max(QUIZ_LIMITS.choices)
});

const likert = z.strictObject({
	...common,
	type: z.literal('likert'),
	dimension: z.enum(DIMENSIONS, { error: () => `dimension must be one of ${DIMENSIONS.join(', ')}` }),
	reverse: z.boolean().default(false)
});

const rubricPoint = z.strictObject({
	point: text,
	keywords: z.array(z.string().trim().min(1, 'a keyword must not be empty').max(100)).max(50).default([]),
	codes: z.array(code).max(15).default([]),
	weight: z.number().positive('weight must be more than 0').max(100).default(1)
});
const caseQuestion = z.strictObject({
	...common,
	type: z.literal('case'),
	points: points.default(1),
	model_answer: text,
	rubric: z.array(rubricPoint).min(1, 'a case question needs at least 1 rubric point').max(50)
});

const stage = z.enum(MOOD_STAGE_IDS, { error: () => `stage must be one of ${MOOD_STAGE_IDS.join(', ')}` });
const listen = z.strictObject({
	...common,
	type: z.literal('listen'),
	points: points.default(1),
	ask: z.enum(LISTEN_ASKS, { error: () => `ask must be one of ${LISTEN_ASKS.join(', ')}` }),
	/** A generated clip: what the customer says, spoken with the prosody of that mood stage. */
	say: z.strictObject({ text, stage }).optional(),
	/** An authored recording instead: a file under static/audio/. */
	audio: z
		.string()
		.trim()
		.regex(AUDIO_FILE, 'audio is a file under static/audio/, written relative to it (e.g. calls/angry-1.mp3): letters, digits, . _ - and /, ending in .webm, .ogg, .opus, .mp3, .m4a or .wav')
		.optional(),
	/** What an authored recording says, shown after answering (a generated clip's transcript is its say.text). */
	transcript: text.optional(),
	/** Single choice. Optional for ask: stage, where the six stages are the options, the clip's stage the right one. */
	options: options.optional(),
	/** Default: shuffled when the options are written; the six default stages keep their order. */
	shuffle_options: z.boolean().optional()
});

export const questionSchema = z.discriminatedUnion('type', [single, multiple, truefalse, ordering, matching, short, likert, caseQuestion, listen], {
	error: () => `each question needs a type: ${QUESTION_TYPES.join(', ')}`
});

const band = z.strictObject({
	from: z.number().min(0, 'from is a percentage, 0–100').max(100, 'from is a percentage, 0–100'),
	label: text,
	advice: text.optional()
});

/**
 * A question bank's draw: how many questions each attempt gets from each topic's pool. A question
 * is in the pool of its first topic; the server draws afresh when an attempt starts and stores it.
 */
const drawEntry = z.strictObject({
	topic,
	count: z.number().int('count is a whole number of questions').min(1, 'count must be at least 1').max(QUIZ_LIMITS.questions)
});

export const quizSchema = z.strictObject({
	id: quizId,
	title: text,
	kind: z.enum(QUIZ_KINDS, { error: () => `kind must be one of ${QUIZ_KINDS.join(', ')}` }),
	description: text,
	time_limit_minutes: z.number().int().min(1).max(600).optional(),
	shuffle: z.boolean().default(true),
	pass_percent: z.number().min(0).max(100).optional(),
	scale: z.array(text).min(2, 'a scale needs at least 2 labels').max(11).optional(),
	bands: z.array(band).min(1).max(10).optional(),
	/** Knowledge quizzes only: a question bank; each attempt draws `count` questions per topic (docs/quiz-format.md). */
	draw: z.array(drawEntry).min(1, 'a draw names at least one topic').max(QUIZ_TOPIC_IDS.length).optional(),
	questions: z.array(questionSchema).min(1, 'a quiz needs at least 1 question').max(QUIZ_LIMITS.questions)
});

export type QuizFile = z.output<typeof quizSchema>;
export type QuestionFile = z.output<typeof questionSchema>;
/** A quiz file as written (defaults not yet applied): what the GIFT importer produces. */
export type QuizFileInput = z.input<typeof quizSchema>;
export type QuestionFileInput = z.input<typeof questionSchema>;

/** JSON Schema for editors, generated from the zod schema above. */
export function quizJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(quizSchema, { io: 'input', unrepresentable: 'any' }),
		title: 'Complaint Coach quiz',
		description: 'A knowledge quiz or a self-assessment. See docs/quiz-format.md.'
	};
}
