// The assignment form's fields as the store takes them (server side of +page.server.ts).
import * as t from '$lib/i18n';
import type { AssignmentRefusal, StoreError } from '$lib/server/db';

/** The content select's value, `<kind>:<id>`; anything else leaves the store to refuse it. */
export function splitContent(value: string): { kind: string; contentId: string } {
	const at = value.indexOf(':');
	return at < 0 ? { kind: '', contentId: value } : { kind: value.slice(0, at), contentId: value.slice(at + 1) };
}

const LOCAL = /^\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The due time as an ISO time: the browser sends `dueAt` (the typed local time with its own time
 * zone) when its script runs; without it, the typed local time is read in the server's time zone.
 * Anything else is passed on for the store to refuse.
 */
export function dueFromForm(dueAt: string, due: string): string {
	if (dueAt) return dueAt;
	if (!LOCAL.test(due)) return due;
	const d = new Date(due);
	return Number.isNaN(d.getTime()) ? due : d.toISOString();
}

/** What the trainer is told: the exact reason when the store gave one, else its code's message. */
export function refusal(e: StoreError): string {
	const reason = e.detail.reason as AssignmentRefusal | undefined;
	return reason && reason in t.assignmentRefusals ? t.assignmentRefusals[reason] : t.storeErrors[e.code];
}
