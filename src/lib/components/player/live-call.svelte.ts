// A live call in the player (voice mode): 不要让我等 and 迂回暂缓. Silence counts from when the
// caller has finished speaking (`spoken`); each response time of it makes the caller speak up (a
// WAIT event). The trainee may put the caller on hold where the decision allows it. A turn records
// the silence (timed) and the hold; the server replays both. The clock (./call-clock.ts) is
// fetched when a call connects, so /play's first load does not carry it.
import type { EngineEvent } from '$lib/scenario/engine';
import type { CompiledScenario } from '$lib/scenario/types';
import type { AttemptTurn } from '$lib/scoring/attempt';
import type { CallClock } from './call-clock';
import { turnPressure } from '$lib/scoring/attempt-params';

export type TurnTime = Pick<AttemptTurn, 'ms' | 'timed' | 'hold'>;

export class LiveCall {
	/** True while a call is connected with voice on (the voice controls set it). */
	on = $state(false);
	/** True while the caller is on hold. */
	holding = $state(false);
	/** The caller was put on hold at this decision already (once per decision). */
	held = $state(false);
	private clock: CallClock | null = null;
	private heard = false;
	private node: string | null = null;

	constructor(
		private readonly deps: {
			ready: () => Promise<CompiledScenario>;
			send: (e: EngineEvent) => void;
			/** Where the player stands, and the mood the decision was reached at. */
			where: () => { node: string; reachedMood: number };
		}
	) {}

	/** The player reached a node (or the same decision again, after off-script words), or voice went on or off. */
	async at(node: string, live: boolean): Promise<void> {
		this.heard = false;
		this.holding = false;
		this.held = false;
		this.clock?.stop();
		this.node = node;
		if (!live) return;
		const [m, s] = await Promise.all([import('./call-clock'), this.deps.ready()]);
		const n = s.nodes[node];
		if (!this.on || this.node !== node || n?.type !== 'decision') return;
		this.clock ??= new m.CallClock(() => this.deps.send({ type: 'WAIT' }));
		this.clock.begin(m.responseSeconds(n, this.deps.where().reachedMood));
		if (this.heard) this.clock.resume();
	}

	/** The caller has finished speaking: silence counts from now. */
	spoken = (): void => {
		this.heard = true;
		this.clock?.resume();
	};

	startHold = (asked: boolean): void => {
		this.clock?.startHold(asked);
		this.holding = !!this.clock?.holding;
	};

	/** Back on the line: the caller reacts (a HOLD event). */
	endHold = (): void => {
		const h = this.clock?.endHold();
		this.holding = false;
		this.held = !!h;
		if (h) this.deps.send({ type: 'HOLD', asked: h.asked, ms: h.ms });
	};

	/** What the engine replays before the turn's reply (engine.TurnPressure). */
	pressure(time: TurnTime) {
		return turnPressure(time);
	}

	/** The turn's time: on a live call the silence (timed) and the hold; otherwise since the replies appeared. */
	timing(shownAt: number): TurnTime {
		const c = this.clock;
		if (!c?.active) return { ms: Math.round(performance.now() - shownAt) };
		return { ms: c.silenceMs(), timed: true, ...(c.hold ? { hold: c.hold } : {}) };
	}
}

