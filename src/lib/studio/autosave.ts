// Nothing typed in the studio is lost: every edit is kept in the browser at once (localStorage),
// then sent to the server a moment later, based on the revision it started from. Offline, the
// copy waits and is sent when the connection is back; a reload restores it; a save that lost a
// race (another tab saved first) stops and shows both versions. Framework-free; the page wires it.

export type SaveResult =
	| { kind: 'saved'; revision: number }
	| { kind: 'conflict'; theirs: { text: string; revision: number; updatedAt: string; updatedBy: string } }
	| { kind: 'offline' }
	| { kind: 'refused'; message: string };

export type AutosaveStatus =
	| { kind: 'saved'; revision: number }
	| { kind: 'pending' }
	| { kind: 'saving' }
	| { kind: 'offline' }
	| { kind: 'conflict'; mine: string; theirs: { text: string; revision: number; updatedAt: string; updatedBy: string } }
	| { kind: 'refused'; message: string };

/** What is kept in the browser per document: the newest text and the server revision it is based on. */
export interface LocalCopy {
	text: string;
	baseRevision: number;
	editedAt: string;
}

export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
	readonly length: number;
	key(index: number): string | null;
}

export interface AutosaveOptions {
	docId: string;
	/** This browser tab (kept in sessionStorage, so a reload is the same tab): each tab keeps its own copy. */
	tabId: string;
	/** The document as the server gave it. */
	server: { text: string; revision: number };
	storage: KeyValueStore;
	send: (text: string, baseRevision: number) => Promise<SaveResult>;
	onstatus: (status: AutosaveStatus) => void;
	/** Wait this long after the last edit before sending (ms). */
	delayMs?: number;
	/** Retry an offline save this often (ms). */
	retryMs?: number;
}

const PREFIX = 'complaint-coach:studio:';
export const localKey = (docId: string, tabId: string) => `${PREFIX}${docId}:${tabId}`;

export function readLocal(storage: KeyValueStore, docId: string, tabId: string): LocalCopy | null {
	return parseCopy(storage, localKey(docId, tabId));
}

/** The copies other tabs (open or closed) kept of this document, newest first. */
export function otherCopies(storage: KeyValueStore, docId: string, tabId: string): (LocalCopy & { key: string })[] {
	const out: (LocalCopy & { key: string })[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (!key?.startsWith(`${PREFIX}${docId}:`) || key === localKey(docId, tabId)) continue;
		const copy = parseCopy(storage, key);
		if (copy) out.push({ ...copy, key });
	}
	return out.sort((a, b) => b.editedAt.localeCompare(a.editedAt));
}

/** Forgets every copy of a document in this browser (it was deleted). */
export function forgetDocument(storage: KeyValueStore, docId: string): void {
	const keys: string[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (key?.startsWith(`${PREFIX}${docId}:`)) keys.push(key);
	}
	for (const key of keys) storage.removeItem(key);
}

function parseCopy(storage: KeyValueStore, key: string): LocalCopy | null {
	try {
		const raw = storage.getItem(key);
		if (!raw) return null;
		const o = JSON.parse(raw) as Partial<LocalCopy>;
		return typeof o.text === 'string' && typeof o.baseRevision === 'number' ? { text: o.text, baseRevision: o.baseRevision, editedAt: String(o.editedAt ?? '') } : null;
	} catch {
		return null;
	}
}

/**
 * Which text to open with: the server's, or an unsent browser copy. A copy based on the server's
 * revision is newer work (restored and sent); a copy based on an older revision than the server's
 * is a conflict to show; a copy equal to the server's text is dropped.
 */
export function openingText(server: { text: string; revision: number }, local: LocalCopy | null): { text: string; restored: boolean; conflict: LocalCopy | null } {
	if (!local || local.text === server.text) return { text: server.text, restored: false, conflict: null };
	if (local.baseRevision === server.revision) return { text: local.text, restored: true, conflict: null };
	return { text: server.text, restored: false, conflict: local };
}

export function createAutosave(o: AutosaveOptions) {
	const delay = o.delayMs ?? 800;
	const retry = o.retryMs ?? 10_000;
	let revision = o.server.revision;
	let confirmed = o.server.text;
	let latest = o.server.text;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let inFlight: Promise<void> | null = null;
	let stopped = false;
	let blocked = false;

	const status = (s: AutosaveStatus) => {
		if (!stopped) o.onstatus(s);
	};
	const keep = () => {
		try {
			if (latest === confirmed) o.storage.removeItem(localKey(o.docId, o.tabId));
			else o.storage.setItem(localKey(o.docId, o.tabId), JSON.stringify({ text: latest, baseRevision: revision, editedAt: new Date().toISOString() } satisfies LocalCopy));
		} catch {
			/* a full or blocked storage only loses the offline copy; the server save still runs */
		}
	};
	const schedule = (ms: number) => {
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => void flush(), ms);
	};

	/** Sends the newest text now (waits for a save under way first). */
	async function flush(): Promise<void> {
		if (timer) (clearTimeout(timer), (timer = null));
		if (inFlight) await inFlight;
		if (stopped || blocked) return;
		if (latest === confirmed) return status({ kind: 'saved', revision });
		const text = latest;
		status({ kind: 'saving' });
		inFlight = (async () => {
			let r: SaveResult;
			try {
				r = await o.send(text, revision);
			} catch {
				r = { kind: 'offline' };
			}
			if (r.kind === 'saved') {
				revision = r.revision;
				confirmed = text;
				keep();
				if (latest === confirmed) status({ kind: 'saved', revision });
				else schedule(0);
			} else if (r.kind === 'conflict') {
				blocked = true;
				status({ kind: 'conflict', mine: latest, theirs: r.theirs });
			} else if (r.kind === 'offline') {
				status({ kind: 'offline' });
				schedule(retry);
			} else {
				// Refused (too large, archived…): the words stay in the browser and the box; the next
				// edit tries again.
				status({ kind: 'refused', message: r.message });
			}
		})();
		try {
			await inFlight;
		} finally {
			inFlight = null;
		}
	}

	return {
		/** A new text from either editor (or undo): kept locally now, sent after a pause. */
		edit(text: string) {
			if (text === latest) return;
			latest = text;
			keep();
			if (blocked) return;
			// Back to what the server holds (an undo before the save went out): nothing to send.
			if (latest === confirmed && !inFlight) {
				if (timer) (clearTimeout(timer), (timer = null));
				return status({ kind: 'saved', revision });
			}
			status({ kind: 'pending' });
			schedule(delay);
		},
		flush,
		/** The connection is back: send what waits. */
		online() {
			if (!blocked && latest !== confirmed) schedule(0);
		},
		/**
		 * Settles a conflict: continue from the server's stored version `theirs` (its revision), with
		 * `text` as the document (mine again, or theirs, or a merge): sent at once if it differs.
		 */
		resolve(theirs: { text: string; revision: number }, text: string) {
			blocked = false;
			revision = theirs.revision;
			confirmed = theirs.text;
			latest = text;
			keep();
			if (latest === confirmed) status({ kind: 'saved', revision });
			else schedule(0);
		},
		/**
		 * The server's document changed by an action of ours (publish, restore, state): start from it.
		 * An answer older than what a save already brought back (it arrived late) changes nothing.
		 */
		rebase(server: { text: string; revision: number }) {
			if (server.revision < revision) return;
			revision = server.revision;
			confirmed = server.text;
			if (latest === confirmed) keep();
		},
		get revision() {
			return revision;
		},
		get unsaved() {
			return latest !== confirmed;
		},
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
		}
	};
}

export type Autosave = ReturnType<typeof createAutosave>;
