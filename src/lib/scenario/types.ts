// The compiled scenario: what the browser receives and the engine runs. Plain JSON, no parser.
import type {
	Archetype,
	Channel,
	ComplaintClass,
	Difficulty,
	FlagCode,
	MoveCode,
	Outcome,
	Speaker,
	Technique
} from '../domain';
import type { CompiledReactions } from './reactions';

/** A state test with mood levels resolved to numbers and every list form normalised. */
export interface Condition {
	moodAtLeast?: number;
	moodBelow?: number;
	chose?: string[];
	notChose?: string[];
	flagged?: FlagCode[];
	moved?: MoveCode[];
}

export interface Reply {
	id: string;
	text: string;
	moves: Partial<Record<MoveCode, number>>;
	flags: Partial<Record<FlagCode, number>>;
	mood: number;
	feedback: string;
	response?: string;
	next: string;
}

export type CompiledNode =
	| {
			type: 'line';
			id: string;
			speaker: Speaker;
			text: string;
			direction?: string;
			/** An authored recording of `text`: a path under static/audio/ (served under /audio/). */
			audio?: string;
			variants: { when: Condition; text: string; audio?: string }[];
			next: string;
	  }
	| {
			type: 'decision';
			id: string;
			prompt?: string;
			input: 'buttons' | 'text';
			replies: Reply[];
			/** Where an off-script typed reply leads; absent: the decision is offered again. */
			offScript?: string;
			/** The course's techniques it practises. */
			techniques?: Technique[];
			/** 不要让我等: authored seconds before a caller speaks up (absent: by mood stage, pressure.ts). */
			responseSeconds?: number;
			/** 迂回暂缓: the caller may be put on hold here, for at most this long. */
			hold?: { seconds: number };
	  }
	| { type: 'route'; id: string; routes: { when: Condition; next: string }[]; otherwise: string }
	| { type: 'ending'; id: string; outcome: Outcome; title: string; debrief: string };

export interface ScenarioMeta {
	id: string;
	title: string;
	summary: string;
	class: ComplaintClass;
	channel: Channel;
	difficulty: Difficulty;
	minutes: number;
	persona: { name: string; archetype: Archetype; description?: string };
	manager?: { name: string };
	objectives: string[];
	tags: string[];
}

export interface CompiledScenario {
	format: 1;
	/** Content hash of the compiled form: an attempt records it to replay on the exact version. */
	version: string;
	meta: ScenarioMeta;
	moodStart: number;
	/** The "不要让我等" rule: a reply slower than this is shown as slow; it costs points only if scored. */
	responseTime: { targetSeconds: number; scored: boolean };
	start: string;
	nodes: Record<string, CompiledNode>;
	/** How the customer reacts to off-script typed replies (absent in versions compiled before them). */
	reactions?: CompiledReactions;
}

export interface Diagnostic {
	file: string;
	line: number;
	col: number;
	severity: 'error' | 'warning';
	message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
	return `${d.file}:${d.line}:${d.col}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}
