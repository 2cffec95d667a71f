// Item statistics for a trainer (issue 13): per quiz, per question, difficulty and discrimination
// (src/lib/quiz/item-stats.ts) from the submitted assessment attempts of the members of the cohorts
// this trainer leads, read as the trainer (row-level security: a trainer reads only their cohorts'
// members' attempts and scores). Practice attempts are left out (answers there can be changed after
// seeing the feedback), and so are the trainer's own attempts and anyone else's they may read.
import { itemStats, type GradedAttempt, type ItemStats } from '../../quiz/item-stats';
import { asUser, type Claims } from './session';
import type { Db } from './types';

export interface QuizItemStats {
	quizId: string;
	stats: ItemStats;
}

export type ItemStatsStore = ReturnType<typeof createItemStatsStore>;

export function createItemStatsStore(db: Db) {
	/**
	 * Every quiz with submitted assessments by the trainer's cohorts' members, with its item
	 * statistics; `order` gives a quiz's question ids in the order to list them (e.g. the file's).
	 */
	async function quizItemStats(user: Claims | null, order: (quizId: string) => readonly string[] = () => []): Promise<QuizItemStats[]> {
		if (!user) return [];
		const rows = await asUser(db, user, async (tx) =>
			(
				await tx.query<{ id: string; quiz_id: string; questions: { id: string; score: number; max: number }[] | null }>(
					`select a.id, a.scenario_id as quiz_id,
					        (select jsonb_agg(jsonb_build_object('id', q ->> 'id', 'score', (q ->> 'score')::numeric, 'max', (q ->> 'max')::numeric)
					                order by ord)
					         from jsonb_array_elements(s.report -> 'questions') with ordinality as x(q, ord)) as questions
					 from app.attempts a join app.scores s on s.attempt_id = a.id
					 where a.kind = 'quiz' and a.mode = 'assessment' and a.state = 'finished'
					   and exists (select 1 from app.cohort_members m join app.cohorts c on c.id = m.cohort_id
					               where m.profile_id = a.user_id and c.trainer_id = auth.uid())
					 order by a.scenario_id, a.id`
				)
			).rows
		);
		const byQuiz = new Map<string, GradedAttempt[]>();
		for (const r of rows) {
			const list = byQuiz.get(r.quiz_id) ?? [];
			list.push({ id: r.id, questions: (r.questions ?? []).map((q) => ({ id: q.id, score: Number(q.score), max: Number(q.max) })) });
			byQuiz.set(r.quiz_id, list);
		}
		return [...byQuiz].map(([quizId, attempts]) => ({ quizId, stats: itemStats(attempts, order(quizId)) }));
	}
	return { quizItemStats };
}
