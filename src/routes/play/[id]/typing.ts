// Everything typed replies need in practice, loaded only when the trainee starts typing (a dynamic
// import): the analyzer and its rules (fetched as a cacheable file), the feedback on the words,
// and the typed-reply components.
import type { CompiledRules } from '$lib/analyzer';
import { routeTyped } from '$lib/analyzer/route';
import { typedFeedback } from '$lib/scoring/typed';
import type { Reader, Source } from './play';

export { default as TypedReply } from './TypedReply.svelte';
export { default as TypedFeedback } from '$lib/components/TypedFeedback.svelte';

/** Reads typed words in the browser with the rules the attempt is read with (as the server will). */
export async function practiceReader(source: Source<CompiledRules>): Promise<Reader> {
	const rules = 'inline' in source ? source.inline : await fetch(source.url).then((r) => (r.ok ? (r.json() as Promise<CompiledRules>) : Promise.reject(new Error(`${source.url}: ${r.status}`))));
	return async (decision, text) => {
		const read = routeTyped(text, decision.replies, rules);
		return { replyId: read.replyId, moves: read.analysis.moves, flags: read.analysis.flags, feedback: typedFeedback(read.analysis, read.reason, decision) };
	};
}
