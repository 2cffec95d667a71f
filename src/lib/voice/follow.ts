// Which transcript entries a call has still to say (issue 12). The player gives the call the
// entries since the trainee's last reply (`latest`) and the transcript's length; the call remembers
// how much of the transcript it has taken (`upTo`). New entries can come after a reply (a new batch)
// or without one (the customer speaking up after a silence, coming back from hold): both are said.
// A shorter transcript is a restart. The same length again (the engine taking over from the
// server's opening, a re-render) is nothing new. Pure.

export interface Followed<T> {
	/** The transcript got shorter: the conversation started again. */
	restarted: boolean;
	/** The transcript changed (a reply with no answer still counts: it is heard at once). */
	changed: boolean;
	/** Entries to say, in order. */
	fresh: T[];
	upTo: number;
}

/** `upTo` −1: nothing taken yet (the call was just answered): all of `latest` is to be said. */
export function follow<T>(upTo: number, total: number, latest: readonly T[]): Followed<T> {
	const restarted = upTo >= 0 && total < upTo;
	const from = upTo < 0 || restarted ? total - latest.length : upTo;
	const fresh = latest.slice(Math.max(0, latest.length - (total - from)));
	return { restarted, changed: upTo < 0 || total !== upTo, fresh, upTo: total };
}
