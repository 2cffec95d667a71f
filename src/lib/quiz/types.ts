// The compiled quiz (server side: it holds the answers), the view the browser gets (no answers),
// what a participant answers, and the graded result. Plain JSON throughout.
import type { Code, Dimension, MoodStageId, QuizKind, QuizTopic } from '../domain';
import type { ListenAsk, MultipleScoring, QuestionType } from './schema';

export type { QuestionType, MultipleScoring, ListenAsk };

interface QuestionBase {
	id: string;
	title?: string;
	prompt: string;
	explanation: string;
	codes: Code[];
	topics: QuizTopic[];
	/** Points the question is worth (0 for likert statements, which have no right answer). */
	points: number;
}

export interface Choice {
	text: string;
	correct: boolean;
	feedback?: string;
}

/**
 * A listen question's clip: a generated one (`say`: the words and the mood stage whose prosody
 * speaks them; its files are named by clipUrls) or an authored recording under static/audio/.
 */
export type ListenClip = { say: { text: string; stage: MoodStageId } } | { audio: string; transcript?: string };

export type CompiledQuestion =
	| (QuestionBase & { type: 'single'; options: Choice[]; shuffleOptions: boolean })
	| (QuestionBase & { type: 'multiple'; options: Choice[]; scoring: MultipleScoring; shuffleOptions: boolean })
	| (QuestionBase & { type: 'truefalse'; answer: boolean; feedbackTrue?: string; feedbackFalse?: string })
	| (QuestionBase & {
			type: 'ordering';
			/** The items in the order they are shown. */
			items: string[];
			/** The right order, as indexes into `items` (0, 1, 2… as written, until shuffled). */
			solution: number[];
	  })
	| (QuestionBase & {
			type: 'matching';
			lefts: string[];
			/** The right-hand choices: every pair's right and the distractors, in the order shown. */
			rights: string[];
			/** For each left, the index of its right in `rights`; the rights no left has are distractors. */
			solution: number[];
	  })
	| (QuestionBase & { type: 'short'; answers: { text: string; feedback?: string }[] })
	| (QuestionBase & { type: 'likert'; dimension: Dimension; reverse: boolean })
	| (QuestionBase & {
			type: 'case';
			modelAnswer: string;
			rubric: { point: string; keywords: string[]; codes: Code[]; weight: number }[];
	  })
	| (QuestionBase & {
			type: 'listen';
			ask: ListenAsk;
			clip: ListenClip;
			/** Single choice; for ask: stage without written options, the six stages in order. */
			options: Choice[];
			shuffleOptions: boolean;
	  });

export type QuestionOf<T extends QuestionType> = Extract<CompiledQuestion, { type: T }>;

export interface Band {
	from: number;
	label: string;
	advice?: string;
}

export interface CompiledQuiz {
	format: 1;
	/** Content hash of the compiled form: an attempt records it to grade against the exact version. */
	version: string;
	id: string;
	title: string;
	kind: QuizKind;
	description: string;
	timeLimitMinutes?: number;
	/** Shuffle question order and choice options on each attempt. */
	shuffle: boolean;
	passPercent?: number;
	/** Likert labels, scored 1..n (self-assessments). */
	scale?: string[];
	bands?: Band[];
	/**
	 * A question bank: each attempt gets `count` questions from each topic's pool (a question's
	 * pool is its first topic), drawn by the server (drawQuestions) and stored with the attempt.
	 * A drawn quiz (drawQuiz) has no `draw`: it holds only the drawn questions.
	 */
	draw?: DrawEntry[];
	questions: CompiledQuestion[];
}

export interface DrawEntry {
	topic: QuizTopic;
	count: number;
}

/**
 * A quiz in the order one attempt shows it (shuffleQuiz): the only form that is redacted for the
 * browser and graded, so the indexes in answers always mean what the participant saw.
 */
export interface ShuffledQuiz extends CompiledQuiz {
	seed: string;
}

// ---------------------------------------------------------------------------------------------
// What the browser receives (redactQuiz): no right answers, feedback, explanations or rubric.

interface QuestionViewBase {
	id: string;
	title?: string;
	prompt: string;
	points: number;
}
export type QuestionView =
	| (QuestionViewBase & { type: 'single' | 'multiple'; options: string[] })
	| (QuestionViewBase & { type: 'truefalse' | 'short' | 'case' | 'likert' })
	| (QuestionViewBase & { type: 'ordering'; items: string[] })
	| (QuestionViewBase & { type: 'matching'; lefts: string[]; rights: string[] })
	| (QuestionViewBase & {
			type: 'listen';
			ask: ListenAsk;
			/** The clip's URLs in the order to try them (webm, then mp3; an authored recording: its one file). Never its words. */
			clip: string[];
			options: string[];
	  });

export interface QuizView {
	id: string;
	version: string;
	title: string;
	kind: QuizKind;
	description: string;
	timeLimitMinutes?: number;
	passPercent?: number;
	scale?: string[];
	questions: QuestionView[];
}

// ---------------------------------------------------------------------------------------------
// Answers: indexes refer to the lists of the QuizView (the shuffled order).

export type Answer =
	/** single, listen: the option index; likert: the scale value 1..n */
	| number
	/** multiple: the option indexes picked; ordering: item indexes, first to last */
	| number[]
	/** matching: for each left, the index of the right chosen (null: left open) */
	| (number | null)[]
	/** truefalse */
	| boolean
	/** short, case */
	| string;

/** By question id; a question left out (or null) is unanswered. */
export type Answers = Record<string, Answer | null | undefined>;

// ---------------------------------------------------------------------------------------------
// Results (gradeQuiz)

export interface Tally {
	score: number;
	max: number;
	/** round(100 × score / max), or null when nothing was worth points here. */
	percent: number | null;
}

export interface RubricResult {
	point: string;
	weight: number;
	met: boolean;
	/** What showed the point: a keyword found in the answer, or a code the reply analyzer found. */
	by?: { keyword: string } | { code: Code; evidence: string[] };
}

/** The right answer, as text to show after submitting. */
export type CorrectAnswer =
	| { type: 'single'; option: string }
	| { type: 'multiple'; options: string[] }
	| { type: 'truefalse'; answer: boolean }
	| { type: 'ordering'; items: string[] }
	| { type: 'matching'; pairs: { left: string; right: string }[] }
	| { type: 'short'; answers: string[] }
	| { type: 'case'; modelAnswer: string; rubric: string[] }
	| { type: 'likert' }
	/** listen: the right option, and what the clip says (shown only after answering). */
	| { type: 'listen'; option: string; transcript?: string };

export interface QuestionResult {
	id: string;
	type: QuestionType;
	prompt: string;
	answered: boolean;
	/** What was answered, as given (null when unanswered). */
	answer: Answer | null;
	score: number;
	max: number;
	/** Full points; null for likert statements (no right answer). */
	correct: boolean | null;
	explanation: string;
	correctAnswer: CorrectAnswer;
	/** Feedback written for what was answered (picked options, the matched short answer…). */
	feedback: string[];
	codes: Code[];
	topics: QuizTopic[];
	/** case: every rubric point, met or missed. */
	rubric?: RubricResult[];
	/** likert: the value counted after reversing (1..n). */
	likert?: { dimension: Dimension; value: number | null; reverse: boolean };
}

export interface ProfileEntry {
	/** Statements on this dimension, and how many were answered. */
	statements: number;
	answered: number;
	/** (sum − min) / (max − min) over the answered statements, as a rounded percentage. */
	percent: number | null;
	band: Band | null;
}

export interface QuizResult {
	quiz: string;
	version: string;
	seed: string;
	kind: QuizKind;
	/** In the order the attempt showed them. */
	questions: QuestionResult[];
	total: Tally;
	/** Only when the quiz sets pass_percent: 100 × score / max ≥ pass_percent (unrounded). */
	passed?: boolean;
	byTopic: Partial<Record<QuizTopic, Tally>>;
	byCode: Partial<Record<Code, Tally>>;
	/** The six IDL+PPC dimensions and emotion handling, as role plays are scored. */
	byDimension: Record<Dimension, Tally>;
	/** Self-assessment: the likert profile per dimension. */
	profile?: Record<Dimension, ProfileEntry>;
	answered: number;
	questionCount: number;
}
