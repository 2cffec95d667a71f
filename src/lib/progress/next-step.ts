// 「下一步练什么」 on 我的进度: the trainee's weakest dimension (over their latest finished role
// plays), the scenario decisions that practise it (decisions whose best reply carries a code of
// that dimension) and the knowledge quizzes whose questions test it. Framework-free and pure: the
// page's server load calls it with the trend, the scenarios and the quizzes.
import { EMOTION_CODES, type Dimension, type MoveCode, type QuizTopic } from '../domain';
import type { CompiledQuiz } from '../quiz/types';
import { bestReply } from '../scoring/score';
import type { CompiledScenario } from '../scenario/types';

/** How many of the latest scores of a dimension its standing is judged on. */
export const RECENT = 3;

/** The codes a dimension is shown by. */
export const DIMENSION_CODES: Record<Dimension, readonly MoveCode[]> = {
	info: ['info'],
	demand: ['demand'],
	listen: ['listen'],
	propose: ['propose'],
	promise: ['promise'],
	confirm: ['confirm'],
	emotion: EMOTION_CODES
};

export interface Standing {
	dimension: Dimension;
	/** Mean of the latest scores (null scores left out). */
	mean: number;
	count: number;
}

/** The dimension with the lowest recent mean (ties: the first in the course's order), or null with no scores yet. */
export function weakest(trend: Record<Dimension, { score: number | null }[]>): Standing | null {
	let out: Standing | null = null;
	for (const [d, points] of Object.entries(trend) as [Dimension, { score: number | null }[]][]) {
		const recent = points.flatMap((p) => (p.score === null ? [] : [p.score])).slice(-RECENT);
		if (!recent.length) continue;
		const mean = Math.round(recent.reduce((a, b) => a + b, 0) / recent.length);
		if (!out || mean < out.mean) out = { dimension: d, mean, count: recent.length };
	}
	return out;
}

export interface PracticeDecision {
	scenarioId: string;
	title: string;
	difficulty: CompiledScenario['meta']['difficulty'];
	decision: string;
	prompt: string | null;
}

const LEVEL = { easy: 0, medium: 1, hard: 2 } as const;

/** Decisions whose best reply shows the dimension, easier scenarios first, at most `limit`, one per scenario. */
export function practiceFor(dimension: Dimension, scenarios: readonly CompiledScenario[], limit = 3): PracticeDecision[] {
	const codes = DIMENSION_CODES[dimension];
	const found: PracticeDecision[] = [];
	for (const s of [...scenarios].sort((a, b) => LEVEL[a.meta.difficulty] - LEVEL[b.meta.difficulty])) {
		const d = Object.values(s.nodes).find((n) => n.type === 'decision' && codes.some((c) => bestReply(n).moves[c]));
		if (d?.type === 'decision') found.push({ scenarioId: s.meta.id, title: s.meta.title, difficulty: s.meta.difficulty, decision: d.id, prompt: d.prompt ?? null });
		if (found.length >= limit) break;
	}
	return found;
}

export interface PracticeQuiz {
	quizId: string;
	title: string;
	/** Questions of the quiz (its bank, when it draws) that test a code of the dimension. */
	questions: number;
	/** Their topics, the most frequent first. */
	topics: QuizTopic[];
}

/** Knowledge quizzes with questions on the dimension's codes, the most such questions first, at most `limit`. */
export function quizzesFor(dimension: Dimension, quizzes: readonly CompiledQuiz[], limit = 2): PracticeQuiz[] {
	const codes = new Set<string>(DIMENSION_CODES[dimension]);
	const found: PracticeQuiz[] = [];
	for (const q of quizzes) {
		if (q.kind !== 'knowledge') continue;
		const hits = q.questions.filter((x) => x.codes.some((c) => codes.has(c)));
		if (!hits.length) continue;
		const counts = new Map<QuizTopic, number>();
		for (const h of hits) for (const t of h.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
		const topics = [...counts].sort((a, b) => b[1] - a[1]).map(([t]) => t);
		found.push({ quizId: q.id, title: q.title, questions: hits.length, topics });
	}
	return found.sort((a, b) => b.questions - a.questions || a.quizId.localeCompare(b.quizId)).slice(0, limit);
}
