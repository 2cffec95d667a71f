// The studio's shared shapes: what the checker reports on a draft, and what the server says about
// a studio document. Plain JSON, used by the browser (studio only), the check worker and the server.
import type { FlagCode, MoveCode, Outcome } from '../domain';
import type { Diagnostic } from '../scenario/types';

/** What a studio document holds: a role play (scenario YAML) or a quiz (quiz YAML). */
export const STUDIO_KINDS = ['scenario', 'quiz'] as const;
export type StudioKind = (typeof STUDIO_KINDS)[number];

/** Where a document stands: never published, published (its newest version is live), taken down, or put away. */
export const DOCUMENT_STATES = ['draft', 'published', 'unpublished', 'archived'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** One reply whose authored codes the analyzer reads differently. */
export interface Disagreement {
	node: string;
	reply: string;
	line: number;
	col: number;
	authored: { moves: MoveCode[]; flags: FlagCode[] };
	read: { moves: MoveCode[]; flags: FlagCode[] };
}

/** The figures a scenario draft that compiles shows beside the editor. */
export interface ScenarioFigures {
	/** Ways through, as a decimal string (exact; may exceed 2^53). */
	pathCount: string;
	endings: { id: string; outcome: Outcome; reached: boolean }[];
	/** The best overall score (0–100), or null when it could not be worked out within the limit. */
	best: number | null;
	/** Which of the 15 codes some reply carries. */
	moves: MoveCode[];
	flags: FlagCode[];
	disagreements: Disagreement[];
}

/** The figures a quiz draft that compiles shows. */
export interface QuizFigures {
	questions: number;
	points: number;
	types: Record<string, number>;
}

/** The checker's verdict on a draft: every diagnostic (file = the document's name), and the compiled form when there is no error. */
export interface CheckReport {
	kind: StudioKind;
	diagnostics: Diagnostic[];
	/** True when no diagnostic is an error: the draft can be previewed and published. */
	ok: boolean;
	/** CompiledScenario or CompiledQuiz when ok, else null. */
	compiled: unknown | null;
	figures: ScenarioFigures | QuizFigures | null;
}

/** A studio document as its trainer sees it in the editor. `revision` grows by one on every save. */
export interface StudioDocument {
	id: string;
	kind: StudioKind;
	/** The scenario's or quiz's own id: fixed at the first publish (attempts refer to it). */
	slug: string;
	title: string;
	text: string;
	revision: number;
	state: DocumentState;
	updatedAt: string;
	updatedBy: string;
	/** The newest published version's number (1, 2, …), or null before the first publish. */
	publishedVersion: number | null;
	/** The text of the newest published version differs from the draft's. */
	changedSincePublish: boolean;
	/** Who owns it (publishes it, to their cohorts); co-authors edit it too. */
	ownerName: string;
	/** The signed-in trainer owns it (else they co-author it). */
	isOwner: boolean;
}

/** A trainer who co-authors a document. */
export interface Coauthor {
	id: string;
	displayName: string;
}

export type DocumentSummary = Omit<StudioDocument, 'text'>;

export interface VersionSummary {
	number: number;
	/** The content hash attempts record (CompiledScenario.version / CompiledQuiz.version). */
	contentVersion: string;
	publishedAt: string;
	publishedBy: string;
	/** This is the version the team plays now. */
	live: boolean;
}

/** What a save that lost a race answers (HTTP 409, error "conflict"): the other side's version. */
export interface SaveConflict {
	theirs: { text: string; revision: number; updatedAt: string; updatedBy: string };
}
