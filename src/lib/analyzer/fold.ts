// Normalization shared by the rules compiler and the analyzer. Its own module, free of yaml and zod,
// so the browser's analyzer does not pull in the rules compiler.

/** Sentence-final punctuation after normalization ("." only between non-digits, see analyze.ts). */
export const TERMINATORS = '。!?;~…\n';
/** Clause separators (sentences end clauses too). */
export const SEPARATORS = ',、:';

/**
 * One code point of input → at most one code point of output: full-width ASCII to half-width,
 * the ideographic space to a space, traditional to simplified, ASCII to lower case.
 */
export function foldChar(ch: string, traditional: Record<string, string>): string {
	let cp = ch.codePointAt(0)!;
	if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
	else if (cp === 0x3000) cp = 0x20;
	else if (cp === 0xff61) cp = 0x3002; // halfwidth ideographic full stop
	else if (cp === 0x301c) cp = 0x7e; // wave dash 〜
	let out = String.fromCodePoint(cp);
	out = traditional[out] ?? out;
	return out >= 'A' && out <= 'Z' ? out.toLowerCase() : out;
}
