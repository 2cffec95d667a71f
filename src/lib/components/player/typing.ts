// Everything typed replies need in practice, loaded only when the trainee starts typing (a dynamic
// import): the analyzer and its rules (fetched as a cacheable file), the feedback on the words,
// and the typed-reply components.
import type { CompiledRules } from '$lib/analyzer';
import * as t from '$lib/i18n';
import { routeTyped } from '$lib/analyzer/route';
import { typedFeedback } from '$lib/scoring/typed';
import type { Reader, Source } from './play';

export { default as TypedReply } from './TypedReply.svelte';
export { default as TypedFeedback } from '$lib/components/TypedFeedback.svelte';

/** The rules file; after an update it is gone (404), and the page must be reloaded for the new one. */
async function fetchRules(url: string): Promise<CompiledRules> {
	// Unreachable or failing: worth asking again later (a resume waits for it, docs/storage.md).
	const res = await fetch(url).catch((e: unknown) => {
		throw Object.assign(new Error(`${url}: ${String(e)}`), { retry: true });
	});
	if (res.status === 404) throw Object.assign(new Error(url), { refusal: t.dataRefusals.rulesGone });
	if (!res.ok) throw Object.assign(new Error(`${url}: ${res.status}`), { retry: true });
	return (await res.json()) as CompiledRules;
}

/** Reads typed words in the browser with the rules the attempt is read with (as the server will). */
export async function practiceReader(source: Source<CompiledRules>): Promise<Reader> {
	const rules = 'inline' in source ? source.inline : await fetchRules(source.url);
	return async (decision, text) => {
		const read = routeTyped(text, decision.replies, rules);
		return { replyId: read.replyId, moves: read.analysis.moves, flags: read.analysis.flags, feedback: typedFeedback(read.analysis, read.reason, decision) };
	};
}
