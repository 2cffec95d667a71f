// The API's one body reader: a size limit checked on Content-Length before reading, and on the
// bytes of a chunked body as they come (the rest is never read); 413 with a message, not "not JSON".
import { describe, expect, it } from 'vitest';
import { answer, MAX_JSON_BYTES, readJson } from './api';

/** A chunked body of `chunks` pieces of 16 KiB (endless when Infinity), counting what was pulled. */
function stream(chunks: number, fill = 0x20) {
	const seen = { pulled: 0, cancelled: false };
	const body = new ReadableStream<Uint8Array>({
		pull(c) {
			if (seen.pulled >= chunks) return c.close();
			seen.pulled++;
			c.enqueue(new Uint8Array(16 * 1024).fill(fill));
		},
		cancel() {
			seen.cancelled = true;
		}
	}, { highWaterMark: 0 });
	return { seen, request: new Request('http://localhost/api', { method: 'POST', body, duplex: 'half' } as RequestInit) };
}

const refusal = async (p: Promise<unknown>) => {
	const res = await answer(() => p);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('readJson', () => {
	it('refuses a body whose Content-Length is over the limit with 413, before reading it', async () => {
		const { seen, request } = stream(1000);
		request.headers.set('content-length', String(5 * 1024 * 1024));
		const r = await refusal(readJson(request));
		expect(r).toMatchObject({ status: 413, body: { error: 'too-large', limit: MAX_JSON_BYTES, message: expect.stringContaining('太大') } });
		expect(seen.pulled).toBe(0);
	});

	it('stops reading a chunked body as soon as it passes the limit', async () => {
		const { seen, request } = stream(Infinity);
		const r = await refusal(readJson(request));
		expect(r.status).toBe(413);
		expect(seen.pulled).toBeLessThanOrEqual(MAX_JSON_BYTES / (16 * 1024) + 2);
		// Left unread, not cancelled: adapter-node destroys the socket on cancel, and no answer would arrive.
		expect(seen.cancelled).toBe(false);
	});

	it("answers 413 when the server's own body limit cuts the stream", async () => {
		const body = new ReadableStream({ pull: (c) => c.error(Object.assign(new Error('Content-length of 5242880 exceeds limit'), { status: 413 })) });
		const r = await refusal(readJson(new Request('http://localhost/api', { method: 'POST', body, duplex: 'half' } as RequestInit)));
		expect(r).toMatchObject({ status: 413, body: { error: 'too-large' } });
	});

	it('reads bodies within the limit; refuses what is not JSON or not UTF-8 with 400', async () => {
		const post = (body: BodyInit) => new Request('http://localhost/api', { method: 'POST', body });
		expect(await readJson(post(JSON.stringify({ a: 'x'.repeat(MAX_JSON_BYTES - 20) })))).toMatchObject({ a: expect.any(String) });
		expect(await readJson(post(''), { optional: true })).toBeUndefined();
		expect(await refusal(readJson(post('{score')))).toMatchObject({ status: 400, body: { error: 'bad-input' } });
		expect(await refusal(readJson(post(new Uint8Array([0x22, 0xff, 0x22]))))).toMatchObject({ status: 400, body: { error: 'bad-input' } });
	});
});
