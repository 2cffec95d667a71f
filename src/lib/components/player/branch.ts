// 「从这里重来」: replays the turns kept before the decision the trainee goes back to, as they were
// played (typed words read again, a call's silence and hold replayed), and records them for the new
// attempt. Fetched on first use, so /play's first load does not carry it.
import * as t from '$lib/i18n';
import type { ScenarioMachine } from '$lib/scenario/engine';
import type { CompiledScenario } from '$lib/scenario/types';
import type { AttemptTurn } from '$lib/scoring/attempt';
import type { Actor } from 'xstate';
import { turnPressure } from '$lib/scoring/attempt-params';
import { decisionHere, type Reader } from './play';

/** Asks before the conversation after turn `k` is cleared. */
export const confirmBranch = (k: number) => confirm(t.playLater.restartFromConfirm(k + 1));

export async function replayKept(
	keep: AttemptTurn[],
	d: {
		scenario: CompiledScenario;
		actor: Actor<ScenarioMachine>;
		engine: typeof import('$lib/scenario/engine');
		reader: () => Promise<Reader>;
		record: (turn: AttemptTurn, seq: number, at: string) => Promise<void>;
	}
): Promise<void> {
	for (const [i, turn] of keep.entries()) {
		const here = decisionHere(d.scenario, d.actor);
		const read = turn.typed !== undefined && here ? await (await d.reader())(here, turn.typed) : null;
		const words = read ? { text: turn.typed!, moves: read.moves, flags: read.flags } : null;
		d.engine.play1(d.scenario, d.actor, read ? read.replyId : turn.reply!, words, i, turnPressure(turn));
		void d.record(turn, i + 1, new Date().toISOString());
	}
}
