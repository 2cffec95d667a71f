// How compiled patterns refer to the rules' sets. A pattern that uses {补救} is shipped as
// "…(?:\{=补救\})…" and the set's regex once, in CompiledRules.sets; the analyzer expands the
// references when it builds its regexes. A reference is itself a valid regex (the compiler checks
// every pattern), and "\{=" never comes out of a pattern otherwise: a { in a pattern starts a set.
// Its own module, free of yaml and zod, so the browser can load it.

/** How a compiled pattern refers to a set. */
export const setRef = (name: string) => `(?:\\{=${name}\\})`;

const REF = /\(\?:\\\{=(.+?)\\\}\)/gu;

/** A compiled pattern's regex with its set references replaced by the sets' regexes. */
export function expandSets(regex: string, sets: Record<string, string> | undefined): string {
	if (!sets || !regex.includes('\\{=')) return regex;
	return regex.replace(REF, (ref, name: string) => sets[name] ?? ref);
}

/** The names of the sets a compiled regex refers to. */
export function setsUsed(regex: string): string[] {
	return [...regex.matchAll(REF)].map((m) => m[1]);
}
