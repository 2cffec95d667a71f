// npm run bench -- <section>: the sections it lists are the ones CONTRIBUTING.md names, and a name
// it does not know is refused (exit 2) before anything is measured.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bench = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', ...args], { encoding: 'utf8' });

describe('bench sections', () => {
	it('--help lists every section, and CONTRIBUTING.md names the same', () => {
		const help = bench('--help');
		expect(help.status).toBe(0);
		const listed = [...help.stdout.matchAll(/^ {2}([\w-]+) {2,}/gm)].map((m) => m[1]);
		expect(listed).toEqual(expect.arrayContaining(['compiler', 'engine', 'client-js', 'analyzer', 'store', 'dashboard', 'page-weight', 'ssr']));
		const contributing = readFileSync('CONTRIBUTING.md', 'utf8');
		const named = contributing.slice(contributing.indexOf('npm run bench [--'), contributing.indexOf('npx tsx scripts/blind-eval.ts'));
		for (const name of listed) expect(named).toContain(`\`${name}\``);
	});

	it('refuses an unknown section with exit code 2', () => {
		const r = bench('no-such-section');
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('Unknown bench section: no-such-section');
		expect(r.stdout).toBe('');
	});
});
