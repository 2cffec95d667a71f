// How typed answers are compared: short answers, rubric keywords, duplicate checks.

/**
 * The form two answers are compared in: Unicode NFKC (full-width letters, digits and punctuation
 * become half-width: "ＩＤＬ，" → "IDL,"), lower case, runs of whitespace as one space, trimmed.
 */
export function normalizeAnswer(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
