// The JSON API's one way of answering: a store error becomes its HTTP status with a code the
// client can act on and a message saying what to fix; anything else is a 500.
import { json } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { StoreError } from '$lib/server/db';

export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new StoreError('bad-input', 'the request body is not JSON');
	}
}

export async function answer(fn: () => Promise<unknown>, status = 200): Promise<Response> {
	try {
		return json(await fn(), { status });
	} catch (e) {
		// `message` is for people (Chinese); `detail` says exactly what was wrong, for developers.
		if (e instanceof StoreError) return json({ error: e.code, message: t.storeErrors[e.code], detail: e.message, ...e.detail }, { status: e.status });
		throw e;
	}
}
