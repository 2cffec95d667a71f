// The id and title a studio document's text declares, read leniently and cheaply (a draft may be
// broken, and this runs on every save and keystroke: no YAML parse, whose cost a hostile text can
// make quadratic): anything unusable falls back, so a draft is always saved and always has a file
// name. The file name is `<id>.yaml`, which the checker holds the id to (as `npm run
// scenarios:check` does with files on disk), so an exported document checks clean there too.
import { SCENARIO_ID } from '../scenario/ids';
import type { StudioKind } from './types';

const ID_BODY = SCENARIO_ID.source.replace(/^\^/, '').replace(/\$$/, '');
/** A top-level `id:` line: the value plain or quoted, a comment allowed after it. */
const TOP_ID = new RegExp(`^id:[ \\t]*(["']?)(${ID_BODY})\\1[ \\t]*(?:#.*)?$`, 'm');
/** A top-level `title:` line with a one-line value. */
const TOP_TITLE = /^title:[ \t]*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^#\r\n]*?))[ \t]*(?:#.*)?$/m;

export function declaredSlug(kind: StudioKind, text: string): string {
	return TOP_ID.exec(text)?.[2] ?? (kind === 'scenario' ? 'untitled-scenario' : 'untitled-quiz');
}

export function declaredName(text: string, kind: StudioKind): { slug: string; title: string } {
	const slug = declaredSlug(kind, text);
	const m = TOP_TITLE.exec(text);
	const raw = m ? (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]) : '';
	const title = raw.trim().slice(0, 200);
	return { slug, title: title && !/^[[{|>]/.test(title) ? title : slug };
}

/** The name a document is checked and downloaded under. */
export const documentFileName = (slug: string) => `${slug}.yaml`;
