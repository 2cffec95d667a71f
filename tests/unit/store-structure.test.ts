// The store stays split by feature (issue 14): one module per feature beside the attempts core,
// none over 450 lines, and no feature module reaching into another's (only the core and the
// shared plumbing: errors, sessions, types). store.ts alone puts the features together.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = 'src/lib/server/db';
/** Feature modules: each stands on the core, not on another feature. */
const FEATURES = ['profiles.ts', 'cohorts.ts', 'roleplays.ts', 'quiz-store.ts', 'trend.ts', 'assignments.ts', 'analytics.ts'];
/** What any feature may import: the attempts core and the plumbing, and its own helper modules. */
const SHARED = new Set(['attempt-base', 'access', 'errors', 'session', 'types', 'typed-readings', 'quiz-inputs', 'quiz-draws', 'lock']);

const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const localImports = (f: string) => [...readFileSync(join(DIR, f), 'utf8').matchAll(/from '\.\/([\w-]+)'/g)].map((m) => m[1]);

describe('the store, split by feature', () => {
	it('keeps every module of the store under 450 lines', () => {
		const long = files.map((f) => [f, readFileSync(join(DIR, f), 'utf8').split('\n').length] as const).filter(([, n]) => n > 450);
		expect(long).toEqual([]);
	});

	it('has feature modules that import the core, never another feature', () => {
		for (const f of files.filter((x) => FEATURES.includes(x)))
			expect(
				localImports(f).filter((m) => !SHARED.has(m)),
				f
			).toEqual([]);
	});

	it('puts the features together in store.ts, with the role plays no longer in it', () => {
		const store = readFileSync(join(DIR, 'store.ts'), 'utf8');
		for (const m of ['profiles', 'cohorts', 'roleplays', 'trend']) expect(localImports('store.ts')).toContain(m);
		expect(store).not.toMatch(/insert into|select /);
	});
});
