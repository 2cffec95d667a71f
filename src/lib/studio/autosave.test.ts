import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, localKey, openingText, otherCopies, readLocal, type AutosaveStatus, type KeyValueStore, type SaveResult } from './autosave';

function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, v),
		removeItem: (k) => void data.delete(k),
		get length() {
			return data.size;
		},
		key: (i) => [...data.keys()][i] ?? null
	};
}

/** A server that keeps one document and answers saves the way the studio API does. */
function fakeServer(text: string) {
	const doc = { text, revision: 1 };
	let online = true;
	const sent: { text: string; base: number }[] = [];
	return {
		doc,
		sent,
		setOnline: (v: boolean) => (online = v),
		send: async (t: string, base: number): Promise<SaveResult> => {
			sent.push({ text: t, base });
			if (!online) throw new TypeError('Failed to fetch');
			if (base !== doc.revision) return { kind: 'conflict', theirs: { text: doc.text, revision: doc.revision, updatedAt: '', updatedBy: '周老师' } };
			doc.text = t;
			doc.revision += 1;
			return { kind: 'saved', revision: doc.revision };
		}
	};
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
	it('keeps every edit in the browser at once and sends the newest after a pause', async () => {
		const storage = memoryStorage();
		const server = fakeServer('a');
		const statuses: AutosaveStatus[] = [];
		const save = createAutosave({ docId: 'd', tabId: 't1', server: { ...server.doc }, storage, send: server.send, onstatus: (s) => statuses.push(s), delayMs: 500 });
		save.edit('ab');
		save.edit('abc');
		expect(readLocal(storage, 'd', 't1')).toMatchObject({ text: 'abc', baseRevision: 1 });
		expect(server.sent).toEqual([]);
		await vi.advanceTimersByTimeAsync(500);
		expect(server.sent).toEqual([{ text: 'abc', base: 1 }]);
		expect(statuses.at(-1)).toEqual({ kind: 'saved', revision: 2 });
		// Saved: the browser copy is no longer needed.
		expect(storage.data.has(localKey('d', 't1'))).toBe(false);
	});

	it('waits offline with the copy kept, and sends it when the connection is back', async () => {
		const storage = memoryStorage();
		const server = fakeServer('a');
		const statuses: AutosaveStatus[] = [];
		const save = createAutosave({ docId: 'd', tabId: 't1', server: { ...server.doc }, storage, send: server.send, onstatus: (s) => statuses.push(s), delayMs: 10, retryMs: 60_000 });
		server.setOnline(false);
		save.edit('offline words');
		await vi.advanceTimersByTimeAsync(10);
		expect(statuses.at(-1)).toEqual({ kind: 'offline' });
		expect(readLocal(storage, 'd', 't1')?.text).toBe('offline words');
		server.setOnline(true);
		save.online();
		await vi.advanceTimersByTimeAsync(0);
		expect(server.doc.text).toBe('offline words');
		expect(statuses.at(-1)).toEqual({ kind: 'saved', revision: 2 });
	});

	it('never overwrites a save made elsewhere: it stops with both versions until settled', async () => {
		const storage = memoryStorage();
		const server = fakeServer('a');
		const statuses: AutosaveStatus[] = [];
		const tab1 = createAutosave({ docId: 'd', tabId: 't1', server: { ...server.doc }, storage, send: server.send, onstatus: (s) => statuses.push(s), delayMs: 10 });
		// Another tab saves first.
		await server.send('from tab 2', 1);
		tab1.edit('from tab 1');
		await vi.advanceTimersByTimeAsync(10);
		expect(server.doc.text).toBe('from tab 2');
		expect(statuses.at(-1)).toMatchObject({ kind: 'conflict', mine: 'from tab 1', theirs: { text: 'from tab 2', revision: 2 } });
		tab1.edit('from tab 1, more');
		await vi.advanceTimersByTimeAsync(1000);
		expect(server.doc.text).toBe('from tab 2');
		// Keeping mine is a save over theirs, made knowingly.
		tab1.resolve({ text: 'from tab 2', revision: 2 }, 'from tab 1, more');
		await vi.advanceTimersByTimeAsync(0);
		expect(server.doc).toEqual({ text: 'from tab 1, more', revision: 3 });
	});

	it('opens an unsent browser copy, or shows it as a conflict when the server moved on', () => {
		expect(openingText({ text: 'a', revision: 3 }, null)).toEqual({ text: 'a', restored: false, conflict: null });
		expect(openingText({ text: 'a', revision: 3 }, { text: 'a+', baseRevision: 3, editedAt: '' })).toEqual({ text: 'a+', restored: true, conflict: null });
		expect(openingText({ text: 'b', revision: 4 }, { text: 'a+', baseRevision: 3, editedAt: '' }).conflict?.text).toBe('a+');
		expect(openingText({ text: 'a', revision: 4 }, { text: 'a', baseRevision: 3, editedAt: '' }).conflict).toBeNull();
	});

	it('keeps refused words and tries again on the next edit', async () => {
		const storage = memoryStorage();
		let refuse = true;
		const sent: string[] = [];
		const statuses: AutosaveStatus[] = [];
		const save = createAutosave({
			docId: 'd',
			tabId: 't1',
			server: { text: 'a', revision: 1 },
			storage,
			send: async (t) => (sent.push(t), refuse ? { kind: 'refused', message: '太大' } : { kind: 'saved', revision: 2 }),
			onstatus: (s) => statuses.push(s),
			delayMs: 5
		});
		save.edit('too big');
		await vi.advanceTimersByTimeAsync(5);
		expect(statuses.at(-1)).toEqual({ kind: 'refused', message: '太大' });
		expect(readLocal(storage, 'd', 't1')?.text).toBe('too big');
		refuse = false;
		save.edit('small');
		await vi.advanceTimersByTimeAsync(5);
		expect(sent).toEqual(['too big', 'small']);
		expect(statuses.at(-1)).toEqual({ kind: 'saved', revision: 2 });
	});

	it('is saved again, with nothing sent, when an edit goes back to what the server holds', async () => {
		const server = fakeServer('a');
		const statuses: AutosaveStatus[] = [];
		const save = createAutosave({ docId: 'd', tabId: 't1', server: { ...server.doc }, storage: memoryStorage(), send: server.send, onstatus: (s) => statuses.push(s), delayMs: 500 });
		save.edit('ab');
		save.edit('a');
		await vi.advanceTimersByTimeAsync(1000);
		expect(server.sent).toEqual([]);
		expect(statuses.at(-1)).toEqual({ kind: 'saved', revision: 1 });
	});

	it("keeps each tab's copy apart: one tab's save never wipes another tab's unsent words", async () => {
		const storage = memoryStorage();
		const server = fakeServer('a');
		const statuses: AutosaveStatus[] = [];
		const tab1 = createAutosave({ docId: 'd', tabId: 't1', server: { ...server.doc }, storage, send: server.send, onstatus: (s) => statuses.push(s), delayMs: 10 });
		const tab2 = createAutosave({ docId: 'd', tabId: 't2', server: { ...server.doc }, storage, send: server.send, onstatus: () => {}, delayMs: 10 });
		tab2.edit('tab 2 first');
		await vi.advanceTimersByTimeAsync(10);
		tab1.edit('tab 1 words');
		await vi.advanceTimersByTimeAsync(10);
		expect(statuses.at(-1)?.kind).toBe('conflict');
		tab2.edit('tab 2 again');
		await vi.advanceTimersByTimeAsync(10);
		expect(server.doc.text).toBe('tab 2 again');
		// Tab 1's words are still in the browser, and a page opened later finds them.
		expect(readLocal(storage, 'd', 't1')?.text).toBe('tab 1 words');
		expect(otherCopies(storage, 'd', 't3').map((c) => c.text)).toEqual(['tab 1 words']);
	});

	it('ignores a late answer that would take it back to an older revision', async () => {
		const server = fakeServer('a');
		const save = createAutosave({ docId: 'd', tabId: 't1', server: { ...server.doc }, storage: memoryStorage(), send: server.send, onstatus: () => {}, delayMs: 5 });
		save.edit('b');
		await vi.advanceTimersByTimeAsync(5);
		expect(save.revision).toBe(2);
		save.rebase({ text: 'a', revision: 1 });
		expect(save.revision).toBe(2);
		save.edit('c');
		await vi.advanceTimersByTimeAsync(5);
		expect(server.doc).toEqual({ text: 'c', revision: 3 });
	});
});
