// Moodle GIFT's text layer, shared by import and export (gift.ts): escapes, spans of the source
// with their offsets, markup prefixes and HTML turned into plain text, and the `// cc:` line that
// carries what GIFT has no place for.
import { ALL_CODES, QUIZ_TOPIC_IDS, type Code, type QuizTopic } from '../domain';
import { MULTIPLE_SCORING } from './schema';

// ---------------------------------------------------------------------------------------------
// Escapes: \~ \= \# \{ \} \: \\ and \n (a line break). While a block is read, escaped characters
// stand in as private-use characters, so the structure can be found with plain string search.

export const ESCAPES: Record<string, string> = { '~': '\uE07E', '=': '\uE03D', '#': '\uE023', '{': '\uE07B', '}': '\uE07D', ':': '\uE03A', '\\': '\uE05C', n: '\uE00A' };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([k, v]) => [v, k === 'n' ? '\n' : k]));
export const unescape = (s: string) => s.replace(/[\uE07E\uE03D\uE023\uE07B\uE07D\uE03A\uE05C\uE00A]/g, (c) => UNESCAPES[c]);

/** Escapes a text for GIFT as Moodle's exporter does: the reserved characters and line breaks. */
export function escapeGift(text: string): string {
	return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** A piece of a block's text (escapes replaced) and where it starts in that text. */
export interface Span {
	s: string;
	i: number;
}
export const sub = (sp: Span, from: number, to = sp.s.length): Span => ({ s: sp.s.slice(from, to), i: sp.i + from });
export function trim(sp: Span): Span {
	const start = sp.s.length - sp.s.trimStart().length;
	return { s: sp.s.trim(), i: sp.i + start };
}
/** Splits before every occurrence of one of the marker characters (the marker starts its piece). */
export function splitBefore(sp: Span, markers: string): Span[] {
	const out: Span[] = [];
	let start = 0;
	for (let k = 0; k < sp.s.length; k++)
		if (markers.includes(sp.s[k]) && k > start) {
			out.push(sub(sp, start, k));
			start = k;
		}
	out.push(sub(sp, start));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Markup: [html], [moodle], [plain], [markdown] before a text

export const FORMATS = ['html', 'moodle', 'plain', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function splitFormat(sp: Span, inherited: Format): { text: Span; format: Format } {
	const m = /^\[([a-z]+)\]/.exec(sp.s);
	if (m && (FORMATS as readonly string[]).includes(m[1])) return { text: sub(sp, m[0].length), format: m[1] as Format };
	return { text: sp, format: inherited };
}

// Untrusted text: every pattern here must run in linear time. A tag is `<…>` with no `<` inside,
// so a run of `<` with no `>` is scanned once, not once from every `<` (which was quadratic).
export const MARKUP = /<\/?[a-z][^<>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i;
const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', hellip: '…', mdash: '—', ndash: '–' };

/** A numeric entity's character, or null when its number is not one (0, a surrogate, above U+10FFFF). */
function numericEntity(e: string): string | null {
	const hex = e[1] === 'x' || e[1] === 'X';
	const n = hex ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
	if (!Number.isSafeInteger(n) || n < 1 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
	return String.fromCodePoint(n);
}

/** HTML as plain text: line breaks kept, tags dropped, entities decoded (an invalid numeric one is kept as written). */
export function htmlToText(html: string, lost: (what: string) => void, invalid: (entities: string[]) => void): string {
	const media = /<(img|video|audio|iframe|object|embed)\b/i.exec(html);
	if (media) lost(`图片、音视频等媒体（<${media[1].toLowerCase()}>）`);
	const bad: string[] = [];
	const text = html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6]|tr|blockquote|pre)>/gi, '\n')
		.replace(/<[^<>]*>/g, '')
		.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
			if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? all;
			const c = numericEntity(e);
			if (c === null) bad.push(all);
			return c ?? all;
		})
		.split('\n')
		.map((l) => l.trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	if (bad.length) invalid(bad);
	return text;
}

// ---------------------------------------------------------------------------------------------
// The `// cc:` line

export interface CcMeta {
	id?: string;
	codes?: Code[];
	topics?: QuizTopic[];
	points?: number;
	scoring?: (typeof MULTIPLE_SCORING)[number];
	shuffle_options?: boolean;
}

export const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function parseCc(text: string, warn: (message: string) => void): CcMeta {
	const meta: CcMeta = {};
	for (const field of text.trim().split(/\s+/).filter(Boolean)) {
		const eq = field.indexOf('=');
		const key = eq < 0 ? field : field.slice(0, eq);
		const value = eq < 0 ? '' : field.slice(eq + 1);
		const list = value.split(',').filter(Boolean);
		// The names of a vocabulary kept, each unknown one left out with a warning.
		const known = <T extends string>(names: string[], vocabulary: readonly T[], what: string): T[] =>
			names.filter((n): n is T => {
				const ok = (vocabulary as readonly string[]).includes(n);
				if (!ok) warn(`cc：不认识的${what}“${n}”已略去；可用的有 ${vocabulary.join('、')}`);
				return ok;
			});
		switch (key) {
			case 'id':
				if (ID.test(value) && value.length <= 64) meta.id = value;
				else warn(`cc：编号“${value}”格式不对（应为小写字母和数字，用“-”连接），已改用新编号`);
				break;
			case 'codes':
				meta.codes = known(list, ALL_CODES, '动作代码');
				break;
			case 'topics':
				meta.topics = known(list, QUIZ_TOPIC_IDS, '知识点');
				break;
			case 'points': {
				const n = Number(value);
				if (value !== '' && Number.isFinite(n) && n > 0 && n <= 100) meta.points = n;
				else warn(`cc：分值“${value}”不是大于 0、不超过 100 的数，按 1 分处理`);
				break;
			}
			case 'scoring':
				if ((MULTIPLE_SCORING as readonly string[]).includes(value)) meta.scoring = value as CcMeta['scoring'];
				else warn(`cc：计分方式“${value}”不在可选范围内（${MULTIPLE_SCORING.join('、')}）`);
				break;
			case 'shuffle_options':
				if (value === 'true' || value === 'false') meta.shuffle_options = value === 'true';
				else warn(`cc：shuffle_options 的值“${value}”应为 true 或 false`);
				break;
			default:
				warn(`cc：不认识的字段“${key}”；可用字段为 id、codes、topics、points、scoring、shuffle_options`);
		}
	}
	return meta;
}


/** A weight as GIFT writes it before an answer: %50%. */
export const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;

/** Moodle writes thirds, sixths, sevenths… with 5 decimals (33.33333): close enough is equal. */
export const sameWeight = (a: number, b: number) => Math.abs(a - b) < 0.001;

/** A weight as Moodle writes it: at most 5 decimals, no trailing zeros (33.33333, 50). */
export function fmt(n: number): string {
	return String(Number(n.toFixed(5)));
}
