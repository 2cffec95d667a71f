// What a library card says about the trainee's own play of a scenario: new, in progress, or done
// with the best score so far. Pure: the home page's server load gives it the trainee's attempts.
export type CardStatus =
	| { state: 'new' }
	| { state: 'in-progress' }
	| { state: 'done'; best: { overall: number; bestPossible: number }; attempts: number };

interface AttemptLike {
	kind: string;
	scenarioId: string;
	state: string;
	score: { overall: number; bestPossible: number } | null;
}

/** Per scenario id the trainee has played; a scenario not in it is new. */
export function cardStatuses(attempts: readonly AttemptLike[]): Record<string, CardStatus> {
	const out: Record<string, CardStatus> = {};
	for (const a of attempts) {
		if (a.kind !== 'roleplay') continue;
		const was = out[a.scenarioId];
		if (a.state === 'finished' && a.score) {
			const n = was?.state === 'done' ? was.attempts + 1 : 1;
			const best = was?.state === 'done' && was.best.overall >= a.score.overall ? was.best : { overall: a.score.overall, bestPossible: a.score.bestPossible };
			out[a.scenarioId] = { state: 'done', best, attempts: n };
		} else if (a.state === 'active' && was?.state !== 'done') out[a.scenarioId] = { state: 'in-progress' };
	}
	return out;
}
