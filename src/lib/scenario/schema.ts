// The scenario file format as a zod schema: the single source for validation, TypeScript types
// and the generated JSON Schema (static/schema/scenario.schema.json). See docs/scenario-format.md.
import { z } from 'zod';
import {
	ALL_CODES,
	ARCHETYPES,
	CHANNELS,
	COMPLAINT_CLASSES,
	DIFFICULTIES,
	FLAG_CODES,
	MOOD_MAX,
	MOOD_MIN,
	MOOD_STAGE_IDS,
	MOVE_CODES,
	OUTCOMES,
	SPEAKERS,
	TECHNIQUES
} from '../domain';
import { SCENARIO_ID } from './ids';
import { REACTION_KEYS } from './reactions';

export const FORMAT_VERSION = 1;

export const reactionLine = z.string().trim().min(1, 'a reaction line must not be empty').max(300);
export const moodDelta = z.number().int().min(-30, 'a mood change is between -30 and 30').max(30, 'a mood change is between -30 and 30');

/** The reaction table's costs (reactions.ts), declared once: the shared defaults give all, overrides some. */
export const reactionCostsSchema = z.strictObject({
	base: z.number().int().min(0).max(30),
	unclear: z.number().int().min(1, 'even a reply with nothing in it costs a little patience (at least 1)').max(30),
	calmLimit: z.number().int().min(0).max(30),
	flagFloor: z.number().int().min(1, 'a reply with a flag must cost something (at least 1)').max(30),
	waiting: z.number().int().min(1, 'keeping a caller waiting must cost something (at least 1)').max(30),
	holdCalm: z.number().int().min(0).max(30),
	holdUnannounced: z.number().int().min(1, 'a hold without asking must cost something (at least 1)').max(30),
	holdLong: z.number().int().min(1, 'a hold past the time asked for must cost something (at least 1)').max(30)
});

/** Off-script reactions (reactions.ts): a partial table: what the persona or the scenario changes. */
export const reactionOverrideSchema = z.strictObject({
	costs: reactionCostsSchema.partial().optional(),
	mood: z.partialRecord(z.enum(ALL_CODES), moodDelta).optional(),
	lines: z.partialRecord(z.enum(REACTION_KEYS), z.array(reactionLine).min(1, 'give at least one line')).optional()
});
export type ReactionOverride = z.output<typeof reactionOverrideSchema>;


const id = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ids use letters, digits, "-" and "_" only')
	.max(64);
export { SCENARIO_ID };
const scenarioId = z.string().regex(SCENARIO_ID, 'a scenario id uses lower-case letters, digits and "-" only (at most 64)');
const text = z.string().trim().min(1, 'must not be empty').max(2000);
const weight = z.number().int().min(1).max(3);

/** Codes as a list (`[listen, empathy]`) or as weights (`{ listen: 2 }`). */
function codeSet<T extends readonly [string, ...string[]]>(codes: T, what: string) {
	const code = z.enum(codes, { error: () => `unknown ${what} code; expected one of ${codes.join(', ')}` });
	return z.union([z.array(code), z.partialRecord(code, weight)], {
		error: () => `${what}s must be a list of codes or a map of code to weight (1–3)`
	});
}

const moodLevel = z.union([z.enum(MOOD_STAGE_IDS), z.number().min(MOOD_MIN).max(MOOD_MAX)], {
	error: () => `expected a mood stage (${MOOD_STAGE_IDS.join(', ')}) or a number ${MOOD_MIN}–${MOOD_MAX}`
});
const replyRef = z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'expected "<decision id>.<reply id>"');
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1)]);

export const conditionSchema = z
	.strictObject({
		moodAtLeast: moodLevel.optional(),
		moodBelow: moodLevel.optional(),
		chose: oneOrMany(replyRef).optional(),
		notChose: oneOrMany(replyRef).optional(),
		flagged: oneOrMany(z.enum(FLAG_CODES)).optional(),
		moved: oneOrMany(z.enum(MOVE_CODES)).optional()
	})
	.refine((c) => Object.keys(c).length > 0, 'a condition needs at least one test');

/** File types an authored recording may be (what browsers play). */
export const AUDIO_EXTENSIONS = ['mp3', 'ogg', 'webm', 'm4a', 'wav'] as const;
/**
 * An authored recording of a line: a file under static/audio/, written relative to it
 * (`recordings/angry-open.mp3`), served as /audio/<path>.
 */
export const audioPath = z
	.string()
	.trim()
	.max(200)
	.regex(/^[^/\\?#%:*"<>|][^\\?#%:*"<>|]*$/, 'an audio file is a path relative to static/audio/, such as recordings/angry-open.mp3 (no leading "/", no drive, "\\", "?", "#" or "%")')
	.refine((p) => !p.split('/').some((seg) => seg === '..' || seg === '.' || seg === ''), 'an audio path stays inside static/audio/: no "..", "." or empty parts')
	.refine((p) => new RegExp(`\\.(${AUDIO_EXTENSIONS.join('|')})$`, 'i').test(p), `an audio file ends in .${AUDIO_EXTENSIONS.join(', .')}`);

/**
 * The mood band (or first and last band) the words of a line fit: the checker warns where play can
 * show them in a band more than one away (lints.ts). For the author and the checker only.
 */
const stageMark = z.union([z.enum(MOOD_STAGE_IDS), z.tuple([z.enum(MOOD_STAGE_IDS), z.enum(MOOD_STAGE_IDS)])], {
	error: () => `a stage is a mood stage (${MOOD_STAGE_IDS.join(', ')}) or [first, last]`
});
const variant = z.strictObject({ when: conditionSchema, text, stage: stageMark.optional(), audio: audioPath.optional() });

const lineNode = z.strictObject({
	id,
	type: z.literal('line'),
	speaker: z.enum(SPEAKERS).default('customer'),
	text,
	stage: stageMark.optional(),
	direction: text.optional(),
	/** An authored recording of `text`, played instead of a generated voice (phone scenarios). */
	audio: audioPath.optional(),
	variants: z.array(variant).optional(),
	next: id
});

export const replySchema = z.strictObject({
	id,
	text,
	moves: codeSet(MOVE_CODES, 'move').optional(),
	flags: codeSet(FLAG_CODES, 'flag').optional(),
	mood: z.number().int().min(-100, 'mood change must be between -100 and 100').max(100, 'mood change must be between -100 and 100'),
	feedback: text,
	response: text.optional(),
	next: id
});

const decisionNode = z.strictObject({
	id,
	type: z.literal('decision'),
	prompt: text.optional(),
	/** `text`: the trainee types a reply, which the analyzer routes to the closest authored reply. */
	input: z.enum(['buttons', 'text']).default('buttons'),
	/** Where an off-script typed reply leads; by default the decision is offered again. */
	offScript: id.optional(),
	/** The course's techniques this decision practises (domain TECHNIQUES). */
	techniques: z.array(z.enum(TECHNIQUES, { error: () => `unknown technique; expected one of ${TECHNIQUES.join(', ')}` })).optional(),
	/** 不要让我等: seconds of silence on a call before the customer speaks up (default: by mood stage, pressure.ts). */
	responseTime: z.number().int().min(3, 'a response time is at least 3 seconds').max(120, 'a response time is at most 120 seconds').optional(),
	/** 迂回暂缓: the trainee may put the caller on hold here, for at most `seconds` (default 30). */
	hold: z.strictObject({ seconds: z.number().int().min(5, 'a hold lasts at least 5 seconds').max(600, 'a hold lasts at most 600 seconds').optional() }).optional(),
	replies: z.array(replySchema).min(2, 'a decision needs at least 2 replies').max(4, 'a decision offers at most 4 replies')
});

const routeNode = z.strictObject({
	id,
	type: z.literal('route'),
	routes: z.array(z.strictObject({ when: conditionSchema, next: id })).min(1),
	otherwise: id
});

const endingNode = z.strictObject({
	id,
	type: z.literal('ending'),
	outcome: z.enum(OUTCOMES),
	title: text,
	debrief: text
});

export const nodeSchema = z.discriminatedUnion('type', [lineNode, decisionNode, routeNode, endingNode], {
	error: () => 'each node needs a type: line, decision, route or ending'
});

export const scenarioSchema = z.strictObject({
	format: z.literal(FORMAT_VERSION, { error: () => `format must be ${FORMAT_VERSION}` }),
	id: scenarioId,
	title: text,
	summary: text,
	class: z.enum(COMPLAINT_CLASSES),
	channel: z.enum(CHANNELS),
	difficulty: z.enum(DIFFICULTIES),
	minutes: z.number().int().min(1).max(120),
	persona: z.strictObject({ name: text, archetype: z.enum(ARCHETYPES), description: text.optional() }),
	manager: z.strictObject({ name: text }).optional(),
	objectives: z.array(text).min(1),
	tags: z.array(z.string().trim().min(1).max(30)).default([]),
	responseTime: z
		.strictObject({
			targetSeconds: z.number().int().min(3).max(600),
			/** Default: true on a phone call (its response times are the course's 不要让我等), false elsewhere. */
			scored: z.boolean().optional()
		})
		.optional(),
	mood: z.strictObject({
		start: z.number().int().min(MOOD_MIN, 'mood must be between 0 and 100').max(MOOD_MAX, 'mood must be between 0 and 100')
	}),
	/**
	 * Past the top of the mood scale the customer leaves (over-the-top.ts); false turns that off
	 * (fixtures that test other rules, or a scenario whose own routes already end every such play).
	 */
	overTheTop: z.boolean().default(true),
	/** Changes to the shared reaction table for off-script replies (scenarios/reactions/defaults.yaml). */
	reactions: reactionOverrideSchema.optional(),
	start: id.optional(),
	nodes: z.array(nodeSchema).min(1)
});

export type ScenarioFile = z.output<typeof scenarioSchema>;
export type NodeFile = z.output<typeof nodeSchema>;
export type ReplyFile = z.output<typeof replySchema>;
export type ConditionFile = z.output<typeof conditionSchema>;

/** JSON Schema for editors, generated from the zod schema above. */
export function scenarioJsonSchema(): Record<string, unknown> {
	return {
		...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
		title: 'Complaint Coach scenario',
		description: 'A branching complaint-handling role play. See docs/scenario-format.md.'
	};
}
