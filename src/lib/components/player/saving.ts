// Saving a signed-in trainee's attempt (loaded only for one): each turn goes to the IndexedDB
// outbox first, then to the server ($lib/client/sync.ts: flushing, the online listener, retries,
// shared with the quiz taker); an unfinished attempt resumes from whichever knows more, this
// device's outbox or the server, replayed on the scenario here.
import { activeAttempt, saveAttempt, saveEvent, type FlushState, type LocalAttempt } from '$lib/client/outbox';
import { createSync, networkOrTimeout, type Sync } from '$lib/client/sync';
import { callPart, turnPressure } from '$lib/scoring/attempt-params';
import * as t from '$lib/i18n';
import type { AttemptTurn } from '$lib/scoring/attempt';
import type { ScenarioMachine } from '$lib/scenario/engine';
import type { CompiledScenario } from '$lib/scenario/types';
import type { Actor } from 'xstate';
import type { Reader, ResumeTurn } from './play';

/** What resuming needs of the player. */
export interface ResumeHost {
	/** The scenario and the engine, started. */
	ready(): Promise<CompiledScenario>;
	engine(): typeof import('$lib/scenario/engine');
	actor(): Actor<ScenarioMachine>;
	reader(): Promise<Reader>;
	/** A new actor at the start, no turns: the saved ones did not play (or not yet). */
	fresh(): void;
	/** What to show meanwhile ('' clears it). */
	problem(message: string): void;
	/** The player went away. */
	gone(): boolean;
}

export class Saver {
	attempt: LocalAttempt | null = null;
	/** 「从这里重来」: what the next attempt branches from (set when the one given up is branched). */
	private branch: LocalAttempt['branchedFrom'] | null = null;
	/** Sending and retrying: only the latest flush's state reaches the player. */
	readonly sync: Sync;

	constructor(
		private readonly owner: string,
		private readonly what: { scenarioId: string; version: string; mode: 'practice' | 'assessment' },
		onSync: (state: FlushState) => void
	) {
		this.sync = createSync(owner, onSync);
	}

	private local(id: string, synced: boolean): LocalAttempt {
		return { id, owner: this.owner, ...this.what, clientTime: new Date().toISOString(), synced, finished: false };
	}

	async send() {
		await this.sync.send();
	}

	/** The player went away: no more retries or listening for the network. */
	stop() {
		this.sync.stop();
	}

	/** The turns to replay (none: a fresh start), from this device's outbox or the server's resume. */
	async toResume(resume: { attemptId: string; turns: ResumeTurn[] } | null): Promise<ResumeTurn[]> {
		const local = await activeAttempt(this.owner, this.what);
		const localTurns = local?.events ?? [];
		if (local && localTurns.length >= (resume?.turns.length ?? 0) && (localTurns.length || !resume)) {
			this.attempt = local.attempt;
			// Typed turns the server already read (an assessment's) come with its reading: no need to ask again.
			const server = resume?.attemptId === local.attempt.id ? resume.turns : [];
			return localTurns.map((e, i): ResumeTurn => {
				if (e.typed === undefined) return { reply: e.reply!, ms: e.ms, ...callPart(e) };
				const known = server[i];
				return known && 'typed' in known && known.typed === e.typed && known.read
					? { typed: e.typed, ms: e.ms, ...callPart(e), read: known.read }
					: { typed: e.typed, ms: e.ms, ...callPart(e) };
			});
		}
		if (!resume) return [];
		this.attempt = this.local(resume.attemptId, true);
		await saveAttempt(this.attempt);
		return resume.turns;
	}

	/** Plays saved turns on the actor (typed ones read by `read` unless they come read); throws when they no longer play. */
	async replay(
		engine: typeof import('$lib/scenario/engine'),
		scenario: CompiledScenario,
		actor: Actor<ScenarioMachine>,
		list: ResumeTurn[],
		read: Reader | null
	): Promise<AttemptTurn[]> {
		const out: AttemptTurn[] = [];
		for (const [i, x] of list.entries()) {
			if ('typed' in x) {
				const decision = scenario.nodes[String(actor.getSnapshot().value)];
				if (decision?.type !== 'decision') throw new Error(`typed turn ${i + 1}: not at a decision`);
				const r = x.read ?? (await read!(decision, x.typed));
				engine.play1(scenario, actor, r.replyId, { text: x.typed, moves: r.moves, flags: r.flags }, i, turnPressure(x));
				out.push({ ...(r.replyId ? { reply: r.replyId, typed: x.typed } : { typed: x.typed }), ms: x.ms, ...callPart(x) });
			} else {
				engine.play1(scenario, actor, x.reply, null, i, turnPressure(x));
				out.push({ reply: x.reply, ms: x.ms, ...callPart(x) });
			}
		}
		return out;
	}

	/**
	 * Replays saved turns until they play: the turns played; null (and a fresh start) when they no
	 * longer play on this version; undefined when the player went away first. When typed words could
	 * not be read now (offline, server trouble), which says nothing about the attempt, it waits for
	 * the network (or 10 s) and tries again.
	 */
	async resume(list: ResumeTurn[], host: ResumeHost): Promise<AttemptTurn[] | null | undefined> {
		for (;;) {
			if (host.gone()) return undefined;
			const s = await host.ready();
			try {
				const read = list.some((x) => 'typed' in x && !x.read) ? await host.reader() : null;
				const turns = await this.replay(host.engine(), s, host.actor(), list, read);
				host.problem('');
				return turns;
			} catch (e) {
				host.fresh();
				if (!(e as { retry?: boolean }).retry) {
					console.error('could not resume the saved attempt', e);
					host.problem('');
					return null;
				}
			}
			host.problem(t.playLater.resumeWaiting);
			await networkOrTimeout(10_000);
		}
	}

	/**
	 * When the player opens: the saved attempt (this device's outbox or the server's) is replayed
	 * into it unless the trainee already played, then whatever waits is sent. `on` tells the player.
	 */
	async open(
		resume: { attemptId: string; turns: ResumeTurn[] } | null,
		host: ResumeHost & { played: () => boolean },
		on: { attempt: (id: string | null) => void; resumed: (turns: AttemptTurn[] | null) => void; settled: () => void }
	): Promise<void> {
		if (!host.gone()) this.sync.start();
		try {
			const saved = await this.toResume(resume);
			on.attempt(this.attempt?.id ?? null);
			if (saved.length && !host.played()) {
				const played = await this.resume(saved, host);
				if (played === undefined) return;
				on.resumed(played);
				if (!played) await this.giveUp();
			}
		} finally {
			on.settled();
		}
		await this.send();
	}

	/** Turns are written one after another, in the order they were played. */
	private writing: Promise<void> = Promise.resolve();

	/**
	 * Keeps a turn in the outbox. `at` is when it was played, taken by the caller before anything
	 * waits: two quick turns (a second Enter while the first words were read) once got their times
	 * in the order their writes finished, the second before the first, and the server refused it
	 * as going back in time.
	 */
	record(turn: AttemptTurn, seq: number, at: string = new Date().toISOString()): Promise<void> {
		const write = this.writing.then(async () => {
			if (!this.attempt) {
				this.attempt = this.local(crypto.randomUUID(), false);
				if (this.branch) this.attempt.branchedFrom = this.branch;
				this.branch = null;
				await saveAttempt(this.attempt);
			}
			await saveEvent({
				idempotencyKey: `${this.attempt.id}-${seq}`,
				attemptId: this.attempt.id,
				seq,
				...(turn.typed !== undefined ? { typed: turn.typed } : { reply: turn.reply }),
				ms: turn.ms ?? null,
				...callPart(turn),
				clientTime: at,
				sent: false
			});
		});
		this.writing = write.catch(() => {});
		return write;
	}

	/**
	 * The unfinished attempt is given up (kept in the list, unscored); the next turn starts a new
	 * one, with `branchAt` a practice branch of it from that turn (「从这里重来」).
	 */
	async giveUp(branchAt?: number) {
		const old = this.attempt;
		this.attempt = null;
		this.branch = old && branchAt ? { attemptId: old.id, turn: branchAt } : null;
		if (!old) return;
		old.finished = true;
		await saveAttempt(old);
		if (old.synced) fetch(`/api/attempts/${old.id}/abandon`, { method: 'POST' }).catch(() => {});
	}
}
