// The browser side of the studio's live checks: checkDraft in a module Web Worker
// (check.worker.ts), one check at a time, the latest request winning. A check asked for while
// another runs waits; asked again, it replaces the waiting one; every caller still waiting gets
// the newest report. A worker that fails answers with an error report (and is started afresh on
// the next check), never with silence.
import * as t from '$lib/i18n';
import type { ReactionDefaults } from '../scenario/reactions-file';
import type { CheckReport, StudioKind } from './types';

export interface CheckerInit {
	/** The shared reaction table as plain JSON (reactionDefaultsFor('scenarios').defaults, sent by the server). */
	reactions: ReactionDefaults;
	/** Where the analyzer's browser rules are served (/data/analyzer/<hash>.json): fetched once, inside the worker. */
	rulesUrl?: string;
}

export type ToWorker = ({ type: 'init' } & CheckerInit) | { type: 'check'; id: number; kind: StudioKind; name: string; text: string };
export type FromWorker = { id: number; report: CheckReport } | { id: number; error: string };

/** What checker.ts needs of a Worker (tests pass a fake). */
export interface WorkerLike {
	postMessage(message: ToWorker): void;
	terminate(): void;
	onmessage: ((e: MessageEvent<FromWorker>) => unknown) | null;
	onerror: ((e: ErrorEvent) => unknown) | null;
}

export interface Checker {
	check(kind: StudioKind, name: string, text: string): Promise<CheckReport>;
	dispose(): void;
}

const spawnWorker = (): WorkerLike => new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;

/** A report with one error at the top of the document: the check itself could not run. */
export function failedReport(kind: StudioKind, name: string, why: string): CheckReport {
	return { kind, diagnostics: [{ file: name, line: 1, col: 1, severity: 'error', message: why }], ok: false, compiled: null, figures: null };
}

export function createChecker(init: CheckerInit, spawn: () => WorkerLike = spawnWorker): Checker {
	type Request = { kind: StudioKind; name: string; text: string };
	let worker: WorkerLike | null = null;
	let seq = 0;
	let running: (Request & { id: number }) | null = null;
	let queued: Request | null = null;
	let waiting: ((r: CheckReport) => void)[] = [];
	let disposed = false;

	const settle = (report: CheckReport) => {
		const list = waiting;
		waiting = [];
		for (const done of list) done(report);
	};
	const fail = (req: Request, why: string) => {
		worker?.terminate();
		worker = null;
		running = null;
		queued = null;
		settle(failedReport(req.kind, req.name, why));
	};
	const start = (req: Request) => {
		if (!worker) {
			try {
				worker = spawn();
			} catch (e) {
				return fail(req, t.studioCheck.workerFailed(e instanceof Error ? e.message : String(e)));
			}
			worker.onmessage = (e) => {
				const m = e.data;
				if (!running || m.id !== running.id) return;
				const done = running;
				running = null;
				if (queued) {
					// Superseded while it ran: its answer is stale, the newest text is checked instead.
					const next = queued;
					queued = null;
					return start(next);
				}
				settle('report' in m ? m.report : failedReport(done.kind, done.name, t.studioCheck.checkFailed(m.error)));
			};
			worker.onerror = (e) => {
				e.preventDefault?.();
				fail(running ?? queued ?? req, t.studioCheck.workerFailed(e.message || ''));
			};
			worker.postMessage({ type: 'init', reactions: init.reactions, ...(init.rulesUrl ? { rulesUrl: init.rulesUrl } : {}) });
		}
		running = { ...req, id: ++seq };
		worker.postMessage({ type: 'check', ...running });
	};

	return {
		check(kind, name, text) {
			if (disposed) return Promise.resolve(failedReport(kind, name, t.studioCheck.disposed));
			return new Promise<CheckReport>((resolve) => {
				waiting.push(resolve);
				if (running) queued = { kind, name, text };
				else start({ kind, name, text });
			});
		},
		dispose() {
			disposed = true;
			const req = running ?? queued;
			worker?.terminate();
			worker = null;
			running = queued = null;
			if (req) settle(failedReport(req.kind, req.name, t.studioCheck.disposed));
		}
	};
}
