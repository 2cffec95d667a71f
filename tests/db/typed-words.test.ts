// Typed words with characters PostgreSQL refuses or cannot keep as sent: cleaned at the boundary
// (cleanTyped), stored, and a retry of the same event is the same event, never a 500 or key-reused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/lib/server/db/errors';
import type { Claims } from '../../src/lib/server/db/session';
import { DB_TIMEOUT, freshStore, newKey, trainee, type TestStore } from './helpers';

let t: TestStore;
let A: Claims;

beforeAll(async () => {
	t = await freshStore();
	A = await trainee(t.store, '打字');
}, DB_TIMEOUT);
afterAll(() => t?.db.close());

describe('typed words at the boundary', () => {
	it('stores words with a NUL or half a surrogate pair cleaned, and takes the same event again as a duplicate', async () => {
		const version = t.library.get('tiny')!.version;
		const a = await t.store.startAttempt(A, { scenarioId: 'tiny', version, mode: 'practice' });
		const base = a.startedAt.getTime();
		for (const [seq, words, kept] of [
			[1, '非常抱歉\u0000给您添麻烦了', '非常抱歉给您添麻烦了'],
			[2, '这个\ud800不归我们管', '这个\ufffd不归我们管']
		] as const) {
			const event = { idempotencyKey: newKey(), seq, typed: words, ms: 500, clientTime: new Date(base + seq * 1000).toISOString() };
			const first = await t.store.recordEvent(A, a.id, event);
			expect(first.event.typedText).toBe(kept);
			const again = await t.store.recordEvent(A, a.id, event);
			expect(again.duplicate).toBe(true);
		}
	}, DB_TIMEOUT);

	it('refuses words that are nothing but control characters with a clear error', async () => {
		const version = t.library.get('tiny')!.version;
		const a = await t.store.startAttempt(A, { scenarioId: 'tiny', version, mode: 'practice' });
		const e = await t.store
			.recordEvent(A, a.id, { idempotencyKey: newKey(), seq: 1, typed: '\u0000\u0001', ms: 1, clientTime: new Date(a.startedAt.getTime() + 1000).toISOString() })
			.catch((x) => x);
		expect(e).toBeInstanceOf(StoreError);
		expect((e as StoreError).code).toBe('bad-input');
	}, DB_TIMEOUT);
});
