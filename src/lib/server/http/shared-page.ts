// Pages that are the same for every anonymous visitor say so, and scripts/server/page-cache.js may
// answer the next anonymous GET of the same URL from memory for a minute (SSR costs ~0.7 ms a page,
// a remembered one about what a static file costs). The header never leaves the server.
import type { RequestEvent } from '@sveltejs/kit';

/** Read by scripts/server/page-cache.js (CACHE_MARK): keep the two in step. */
export const SHARED_PAGE_HEADER = 'x-coach-cache';

/** Marks this response as shareable when nobody is signed in (the page then depends on the URL alone). */
export function shareWhenAnonymous({ locals, setHeaders }: Pick<RequestEvent, 'locals' | 'setHeaders'>) {
	if (!locals.claims) setHeaders({ [SHARED_PAGE_HEADER]: 'anonymous' });
}
