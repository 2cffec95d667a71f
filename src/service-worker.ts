// The service worker: a trainee who goes offline mid-attempt can reload the play page and keep
// playing (the choices wait in the IndexedDB outbox, src/lib/client/outbox.ts).
//  - the build's files and static/ are precached per deployment and served from the cache, except
//    those only the trainers' studio uses (fetched from the network when a studio page asks);
//  - the play page (/play/<id>, and its __data.json for client-side navigation) is network-first:
//    each successful answer replaces the cached copy, which is served only when the network fails;
//  - the content-named data files (/data/*: a scenario version, the analyzer's rules) are kept
//    once fetched and served from the cache (cache first): their names change with their content,
//    so a play page reloaded offline finds the scenario it fetched when it was opened;
//  - the audio of phone calls (/audio/*: voice clips, recordings, call tones; never precached, they are
//    megabytes) is kept when a call fetches it, in a cache of its own: generated clips (named by their
//    content) cache first, other audio network first with the cache when offline; a call fetches the
//    next step's clips ahead, so a call started online goes on offline (the newest AUDIO_LIMIT kept);
//  - nothing else is touched: /api/*, POSTs, other pages and other origins go to the network as if
//    there were no worker, so the outbox sees a failed send offline and never a stale answer.
// The cached play pages carry the signed-in profile (the server names it in X-Coach-Profile); when
// a fresh answer names another one (a switch or sign-out), the other's pages are dropped, so a page
// cached for one profile is never served to another.
// A team's scenario (published in the studio, for its team only) has no /data/ file: it comes
// inline in its play page, so it is only ever in the pages cache, with the profile it was made for,
// never in the data cache every profile shares (docs/storage.md, "Team content").
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

const sw = globalThis.self as unknown as ServiceWorkerGlobalScope;

const ASSETS_CACHE = `assets-${version}`;
const PAGES_CACHE = `pages-${version}`;
/** Not per deployment: a file's name says what is in it, so it stays valid across updates. */
const DATA_CACHE = 'data-v1';
const DATA_FILE = /^\/data\/(scenarios|analyzer)\/[^/]+\.json$/;
const DATA_LINK = /\/data\/(?:scenarios|analyzer)\/[\w.@-]+\.json/g;
const ASSETS = new Set([...build, ...files]);
/** Phone calls' audio, kept across deployments (clips are content-named; other audio is refreshed when online). */
const AUDIO_CACHE = 'audio-v1';
const AUDIO_LIMIT = 400;
const CLIP = /^\/audio\/voices\/[0-9a-f]{16}\.(webm|mp3)$/;
/** Must match src/hooks.server.ts. */
const PROFILE_HEADER = 'x-coach-profile';

const PLAY_PAGE = /^\/play\/[^/]+\/?$/;
const PLAY_DATA = /^\/play\/[^/]+\/__data\.json$/;

/** The cache key of a page request: SvelteKit's invalidation marker is not part of what is asked. */
function pageKey(url: URL): string {
	const key = new URL(url);
	key.searchParams.delete('x-sveltekit-invalidated');
	key.hash = '';
	return key.href;
}

/** Drops the cached pages of any profile but `owner` (the one the server just named). */
async function keepOnly(cache: Cache, owner: string) {
	for (const req of await cache.keys()) {
		const old = await cache.match(req);
		if ((old?.headers.get(PROFILE_HEADER) ?? '') !== owner) await cache.delete(req);
	}
}

async function storePage(key: string, response: Response) {
	const cache = await caches.open(PAGES_CACHE);
	await keepOnly(cache, response.headers.get(PROFILE_HEADER) ?? '');
	await cache.put(key, response);
}

/** Any page the server answered says who is signed in now. */
async function forgetOtherProfiles(response: Response) {
	if (response.headers.has(PROFILE_HEADER)) await keepOnly(await caches.open(PAGES_CACHE), response.headers.get(PROFILE_HEADER)!);
}

const cacheable = (r: Response) => r.status === 200 && r.type === 'basic' && !r.headers.get('cache-control')?.includes('no-store');

async function networkFirst(request: Request, key: string): Promise<Response> {
	try {
		const response = await fetch(request);
		if (cacheable(response)) await storePage(key, response.clone());
		else await forgetOtherProfiles(response);
		return response;
	} catch (err) {
		const cached = await (await caches.open(PAGES_CACHE)).match(key);
		if (cached) return cached;
		throw err;
	}
}

/**
 * What a data file is the current one of: a scenario in a form (`<id>@…` or `<id>@….assessment…`),
 * or the analyzer rules. Only the current file of each is ever served (an attempt on an older
 * version gets it inline in its page), so a newer one replaces the older in the cache, unless a
 * play page kept for offline reloads still names the older one.
 */
function dataFamily(path: string): string {
	const m = /^\/data\/scenarios\/([a-z0-9-]+)@[^/]*?(\.assessment)?\.[0-9a-f]+\.json$/.exec(path);
	return m ? `scenario:${m[1]}${m[2] ?? ''}` : path.startsWith('/data/analyzer/') ? 'analyzer' : path;
}

/** The data files the play pages kept for offline reloads still name (an older page may name an older file). */
async function namedByKeptPages(): Promise<Set<string>> {
	const named = new Set<string>();
	const pages = await caches.open(PAGES_CACHE);
	for (const request of await pages.keys()) {
		const response = await pages.match(request);
		for (const link of (await response?.text())?.match(DATA_LINK) ?? []) named.add(link);
	}
	return named;
}

async function cacheFirst(request: Request, key: string): Promise<Response> {
	const cache = await caches.open(DATA_CACHE);
	const cached = await cache.match(key);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.status === 200 && response.type === 'basic') {
		await cache.put(key, response.clone());
		const family = dataFamily(key);
		const named = await namedByKeptPages();
		for (const old of await cache.keys()) {
			const path = new URL(old.url).pathname;
			if (path !== key && dataFamily(path) === family && !named.has(path)) await cache.delete(old);
		}
	}
	return response;
}

/** Audio of a call: a content-named clip from the cache if there, anything else from the network when it answers; kept. */
async function audio(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(AUDIO_CACHE);
	if (CLIP.test(path)) {
		const cached = await cache.match(path);
		if (cached) return cached;
	}
	let response: Response;
	try {
		response = await fetch(request);
	} catch (err) {
		const cached = await cache.match(path);
		if (cached) return cached;
		throw err;
	}
	if (response.status === 200 && response.type === 'basic') {
		await cache.put(path, response.clone());
		const keys = await cache.keys();
		for (const old of keys.slice(0, Math.max(0, keys.length - AUDIO_LIMIT))) await cache.delete(old);
	}
	return response;
}

/**
 * Build files only the trainers' studio uses (listed at build time by scripts/vite/studio-assets.ts):
 * not precached, so trainees never download the editors. Without the list, everything is kept.
 */
async function studioOnly(): Promise<Set<string>> {
	try {
		const res = await fetch('/_app/studio-assets.json', { cache: 'no-store' });
		return new Set(res.ok ? ((await res.json()) as string[]) : []);
	} catch {
		return new Set();
	}
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const skip = await studioOnly();
			await (await caches.open(ASSETS_CACHE)).addAll([...ASSETS].filter((f) => !skip.has(f)));
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (![ASSETS_CACHE, PAGES_CACHE, DATA_CACHE, AUDIO_CACHE].includes(key)) await caches.delete(key);
			await sw.clients.claim();
			// A play page opened before this worker took over was never seen by it: keep a copy now,
			// so that page, too, reloads offline.
			for (const client of await sw.clients.matchAll({ type: 'window' })) {
				const url = new URL(client.url);
				if (url.origin !== sw.location.origin || !PLAY_PAGE.test(url.pathname)) continue;
				try {
					const response = await fetch(url.href, { credentials: 'same-origin' });
					if (!cacheable(response)) continue;
					// The data files that page fetched went past the worker too: keep those it names.
					const names = new Set((await response.clone().text()).match(DATA_LINK) ?? []);
					await storePage(pageKey(url), response);
					for (const name of names) await cacheFirst(new Request(name), name).catch(() => {});
				} catch {
					// Offline already: nothing to keep.
				}
			}
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;

	if (ASSETS.has(url.pathname)) {
		event.respondWith(
			(async () => (await (await caches.open(ASSETS_CACHE)).match(url.pathname)) ?? fetch(request))()
		);
		return;
	}
	if (DATA_FILE.test(url.pathname)) {
		event.respondWith(cacheFirst(request, url.pathname));
		return;
	}
	// A ranged request (an <audio> element seeking) is left to the network: the cache keeps whole files.
	if (url.pathname.startsWith('/audio/') && !request.headers.has('range')) {
		event.respondWith(audio(request, url.pathname));
		return;
	}
	if ((request.mode === 'navigate' && PLAY_PAGE.test(url.pathname)) || PLAY_DATA.test(url.pathname)) {
		event.respondWith(networkFirst(request, pageKey(url)));
		return;
	}
	// Any other page: straight to the network; its answer says which profile is signed in now.
	if (request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) {
		const response = fetch(request);
		event.respondWith(response);
		event.waitUntil(response.then(forgetOtherProfiles, () => {}));
	}
});
