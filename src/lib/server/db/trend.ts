// A trainee's progress per dimension over time (/progress): read from the stored reports of their
// finished role plays.
import { DIMENSIONS, type Dimension } from '../../domain';
import { asUser, type Claims } from './session';
import type { Db } from './types';

/** A dimension of the debrief: the six IDL+PPC moves and emotion handling. */
export type TrendDimension = Dimension;
export const TREND_DIMENSIONS: readonly TrendDimension[] = DIMENSIONS;

export interface TrendPoint {
	attemptId: string;
	scenarioId: string;
	finishedAt: Date;
	/** 0–100, or null when that attempt offered no chance to show it. */
	score: number | null;
}

export function createTrend(db: Db) {
	/**
	 * Per IDL+PPC dimension and emotion handling, the user's finished role plays' scores, oldest
	 * first. Quiz attempts are left out: their reports have another shape, and what a quiz measures
	 * on a dimension (knowing) is not what a role play does (doing it in a conversation); a quiz's
	 * result per dimension is in its own report (byDimension) and in quizHistory.
	 */
	async function trend(user: Claims | null): Promise<Record<TrendDimension, TrendPoint[]>> {
		const out = Object.fromEntries(TREND_DIMENSIONS.map((d) => [d, [] as TrendPoint[]])) as Record<TrendDimension, TrendPoint[]>;
		if (!user) return out;
		const rows = await asUser(db, user, async (tx) =>
			(
				await tx.query<{ id: string; scenario_id: string; finished_at: Date; dims: Record<string, { score: number | null }>; emotion: number | null }>(
					`select a.id, a.scenario_id, a.finished_at, s.report -> 'dimensions' as dims, (s.report -> 'emotion' ->> 'score')::int as emotion
					 from app.attempts a join app.scores s on s.attempt_id = a.id
					 where a.user_id = auth.uid() and a.state = 'finished' and a.kind = 'roleplay'
					 order by a.finished_at, a.id`
				)
			).rows
		);
		for (const r of rows)
			for (const d of TREND_DIMENSIONS)
				out[d].push({
					attemptId: r.id,
					scenarioId: r.scenario_id,
					finishedAt: r.finished_at,
					score: d === 'emotion' ? r.emotion : (r.dims?.[d]?.score ?? null)
				});
		return out;
	}
	return trend;
}
