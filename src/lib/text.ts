// The one home for cleaning text people send (typed replies, quiz text answers, profile and cohort
// names, login fields): framework-free, used by the browser and every server boundary alike, so
// both read the same words and a retry carries exactly what was stored.
//
// PostgreSQL refuses NUL in text and jsonb, and half a surrogate pair cannot be stored as UTF-8 (a
// jsonb escape of one is refused; text gets U+FFFD). Cleaning before anything is compared or stored
// makes an identical retry of an event identical to what was stored.

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as it is read and stored: control characters removed (NUL and the like; newlines kept),
 * tabs as spaces, half surrogate pairs as U+FFFD.
 */
export function cleanText(text: string): string {
	return text.replace(/\t/g, ' ').replace(CONTROLS, '').replace(LONE_SURROGATE, '\ufffd');
}

/** One line (a name, an e-mail address): cleanText with line breaks as spaces, trimmed. */
export function cleanLine(text: string): string {
	return cleanText(text).replace(/\r\n?|\n/g, ' ').trim();
}

/** An authored file's text (studio documents): like cleanText, but tabs stay, so a file round-trips byte for byte. */
export function cleanFileText(text: string): string {
	return text.replace(CONTROLS, '').replace(LONE_SURROGATE, '\ufffd');
}
