// Authored text must be rendered as text: no component may use {@html}, which would turn a
// scenario's words into markup.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
	);
}

it('no Svelte component renders raw HTML', () => {
	const files = svelteFiles('src');
	expect(files.length).toBeGreaterThan(3);
	const offenders = files.filter((f) => readFileSync(f, 'utf8').includes('{@html'));
	expect(offenders).toEqual([]);
});
