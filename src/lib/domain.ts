// The vocabularies of domain.md, declared once. Types, the scenario schema, the JSON Schema and
// (later) SQL checks are all derived from these arrays: never repeat the strings elsewhere.

/** IDL+PPC moves, in the order the framework teaches them. */
export const IDLPPC_CODES = ['info', 'demand', 'listen', 'propose', 'promise', 'confirm'] as const;
/** Emotion moves, scored beside IDL+PPC ("先处理心情,再处理事情"). */
export const EMOTION_CODES = ['empathy', 'apology', 'thanks'] as const;
/** Anti-patterns from the course's list of common mistakes. */
export const FLAG_CODES = ['argue', 'blame', 'lecture', 'dismiss', 'overpromise', 'informal'] as const;
export const MOVE_CODES = [...IDLPPC_CODES, ...EMOTION_CODES] as const;
export const ALL_CODES = [...MOVE_CODES, ...FLAG_CODES] as const;

export type IdlppcCode = (typeof IDLPPC_CODES)[number];
export type EmotionCode = (typeof EMOTION_CODES)[number];
export type MoveCode = (typeof MOVE_CODES)[number];
export type FlagCode = (typeof FLAG_CODES)[number];
export type Code = (typeof ALL_CODES)[number];

export const CODE_LABELS: Record<Code, string> = {
	info: '信息收集',
	demand: '需求探索',
	listen: '有效倾听',
	propose: '建议方案',
	promise: '承诺质量',
	confirm: '确认执行',
	empathy: '共情安抚',
	apology: '致歉',
	thanks: '感谢',
	argue: '争辩/否定客户',
	blame: '推卸/责难',
	lecture: '说教/讽刺/怀疑',
	dismiss: '冷漠/敷衍/拒绝',
	overpromise: '海口承诺',
	informal: '用语不规范'
};

/**
 * The customer's six psychological stages. Mood is a 0–100 displeasure score: 0 is calm,
 * 100 is as angry as it gets. Each stage starts at `from` and runs up to the next stage's `from`.
 */
export const MOOD_STAGES = [
	{ id: 'latent', name: '潜在不满', from: 0 },
	{ id: 'brewing', name: '即将转化为抱怨', from: 17 },
	{ id: 'voiced', name: '显化抱怨', from: 34 },
	{ id: 'potential', name: '潜在投诉', from: 50 },
	{ id: 'complaint', name: '投诉', from: 67 },
	{ id: 'escalated', name: '投诉升级', from: 84 }
] as const;
export type MoodStageId = (typeof MOOD_STAGES)[number]['id'];
export const MOOD_STAGE_IDS = MOOD_STAGES.map((s) => s.id) as unknown as readonly [MoodStageId, ...MoodStageId[]];
export const MOOD_MIN = 0;
export const MOOD_MAX = 100;

export function moodStage(mood: number): (typeof MOOD_STAGES)[number] {
	let stage: (typeof MOOD_STAGES)[number] = MOOD_STAGES[0];
	for (const s of MOOD_STAGES) if (mood >= s.from) stage = s;
	return stage;
}
export function stageFloor(id: MoodStageId): number {
	return MOOD_STAGES.find((s) => s.id === id)!.from;
}
export function clampMood(mood: number): number {
	return Math.min(MOOD_MAX, Math.max(MOOD_MIN, mood));
}

/** Complaint classes (投诉分类). The Chinese word is the value authors write. */
export const COMPLAINT_CLASSES = ['普通', '重大', '升级', '疑难'] as const;
export type ComplaintClass = (typeof COMPLAINT_CLASSES)[number];

export const CHANNELS = ['phone', 'chat', 'counter', 'written'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const ARCHETYPES = ['angry', 'analytical', 'demanding', 'anxious', 'silent', 'talkative'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export const OUTCOMES = ['resolved', 'escalated', 'lost'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The course's techniques and principles a decision can practise (a decision's `techniques:`):
 * the content test holds every shipped one to be practised somewhere, and progress can point a
 * trainee at the decisions that practise one.
 */
export const TECHNIQUES = [
	'extreme-opposite',
	'anger-sensing',
	'emotion-handling',
	'varied-questions',
	'address-flex',
	'hold-detour',
	'internal-coordination',
	'no-prolonged-fight',
	'self-protection',
	'first-contact',
	'eight-steps'
] as const;
export type Technique = (typeof TECHNIQUES)[number];
export const TECHNIQUE_LABELS: Record<Technique, string> = {
	'extreme-opposite': '极端相反',
	'anger-sensing': '愤怒感知',
	'emotion-handling': '情绪处理',
	'varied-questions': '多变提问',
	'address-flex': '称谓变通',
	'hold-detour': '迂回暂缓',
	'internal-coordination': '内部配合',
	'no-prolonged-fight': '不恋战',
	'self-protection': '自我保护',
	'first-contact': '首次接触负责',
	'eight-steps': '投诉处理八步'
};

export const SPEAKERS = ['customer', 'manager', 'narrator'] as const;
export type Speaker = (typeof SPEAKERS)[number];

// Stored progress (supabase/migrations): the SQL `check (… in (…))` lists are these arrays, and a
// test (tests/db/vocabulary.test.ts) holds the applied schema to them.
export const PROFILE_ROLES = ['trainee', 'trainer'] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];

/** What an attempt is of: a role play, or (later) a quiz, which reuses the same tables. */
export const ATTEMPT_KINDS = ['roleplay', 'quiz'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

export const ATTEMPT_MODES = ['practice', 'assessment'] as const;
export type AttemptMode = (typeof ATTEMPT_MODES)[number];

export const ATTEMPT_STATES = ['active', 'finished', 'abandoned'] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/** One event of an attempt: an authored reply picked, words typed (role plays), or a quiz question answered. */
export const EVENT_KINDS = ['choice', 'typed', 'answer'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * The dimensions a trainee is shown on, for role plays and quizzes alike: the six IDL+PPC moves
 * and emotion handling (empathy, apology and thanks together).
 */
export const DIMENSIONS = [...IDLPPC_CODES, 'emotion'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<Dimension, string> = {
	info: CODE_LABELS.info,
	demand: CODE_LABELS.demand,
	listen: CODE_LABELS.listen,
	propose: CODE_LABELS.propose,
	promise: CODE_LABELS.promise,
	confirm: CODE_LABELS.confirm,
	emotion: '情绪处理'
};
/** The dimension a code counts towards, or null for the flags (they are penalties, not skills). */
export function codeDimension(code: Code): Dimension | null {
	if ((IDLPPC_CODES as readonly string[]).includes(code)) return code as IdlppcCode;
	if ((EMOTION_CODES as readonly string[]).includes(code)) return 'emotion';
	return null;
}

// Quizzes (docs/quiz-format.md).
export const QUIZ_KINDS = ['knowledge', 'self-assessment'] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];

/** What a quiz question is about, beside the codes: the course's concepts, with their labels. */
export const QUIZ_TOPICS = [
	{ id: 'idlppc', label: 'IDL+PPC 沟通工具' },
	{ id: 'emotion-stages', label: '六个心理阶段' },
	{ id: 'principles', label: '处理原则' },
	{ id: 'customer-hates', label: '客户最讨厌的四件事' },
	{ id: 'mistakes', label: '常见错误' },
	{ id: 'classes-causes', label: '投诉分类与原因' },
	{ id: 'figures', label: '课程引用的数据' },
	{ id: 'handling-steps', label: '处理流程' },
	{ id: 'eight-d', label: '8D 方法' },
	{ id: 'techniques', label: '沟通技巧' },
	{ id: 'cases', label: '案例分析' },
	{ id: 'emotion-first', label: '先处理心情' }
] as const;
export type QuizTopic = (typeof QUIZ_TOPICS)[number]['id'];
export const QUIZ_TOPIC_IDS = QUIZ_TOPICS.map((t) => t.id) as unknown as readonly [QuizTopic, ...QuizTopic[]];
export const QUIZ_TOPIC_LABELS = Object.fromEntries(QUIZ_TOPICS.map((t) => [t.id, t.label])) as Record<QuizTopic, string>;
