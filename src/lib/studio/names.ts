// The id and title a studio document's text declares, read leniently (a draft may be broken):
// anything unusable falls back, so a draft is always saved and always has a file name. The file
// name is `<id>.yaml`, which the checker holds the id to (as `npm run scenarios:check` does with
// files on disk), so an exported document checks clean on the command line too.
import { parse as parseYaml } from 'yaml';
import type { StudioKind } from './types';

/** The top-level `id:` (cheap enough for every keystroke: no parse). */
const TOP_ID = /^id:[ \t]*(["']?)([a-z0-9][a-z0-9-]{0,63})\1[ \t]*(?:#.*)?$/m;

export function declaredSlug(kind: StudioKind, text: string): string {
	return TOP_ID.exec(text)?.[2] ?? (kind === 'scenario' ? 'untitled-scenario' : 'untitled-quiz');
}

export function declaredName(kind: StudioKind, text: string): { slug: string; title: string } {
	let data: unknown = null;
	try {
		data = parseYaml(text, { maxAliasCount: 100 });
	} catch {
		/* a draft with a syntax error keeps the fallback names */
	}
	const o = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
	const slug = declaredSlug(kind, text);
	const title = typeof o.title === 'string' && o.title.trim() ? o.title.trim().slice(0, 200) : slug;
	return { slug, title };
}

/** The name a document is checked and downloaded under. */
export const documentFileName = (slug: string) => `${slug}.yaml`;
