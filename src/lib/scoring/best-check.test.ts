// The issue 10 repro at the checker: a scenario whose best score no search works out within its
// work limit is an error at its node, so `npm run scenarios:check` fails and the server's loader
// (which checks files the same way) refuses it; one it can work out passes with its best attached.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../scenario/files';
import { BEST_WORK_LIMIT } from './best';
import { randomReplies, sameNextText } from './best-shapes';

const stall = sameNextText(60, (i) => randomReplies(3, 7 * i + 1), 'stall');
const message = (node: string) =>
	`the best possible score cannot be worked out within ${BEST_WORK_LIMIT} steps (stopped at "${node}"): too many replies trade different moves, flags and mood against each other on the way to the same node; give fewer of them different moves, or let them lead to different nodes`;

/** What the checker says beyond the content lints (lints.ts), which a generated shape of course trips. */
const beyondLints = (ds: { message: string }[]) => ds.filter((d) => !/lead to one place|the best reply is the longest|decisions? lead to different places/.test(d.message));

describe('the best-score work limit at the checker', () => {
	it('is an error at the node the search stopped in; the file is refused', { timeout: 60_000 }, () => {
		const r = checkText('stall.yaml', stall);
		expect(r.scenario).toBeNull();
		const node = r.best!.stoppedAt!;
		const line = stall.split('\n').findIndex((l) => l === `  - id: ${node}`) + 1;
		expect(beyondLints(r.diagnostics)).toEqual([{ file: 'stall.yaml', line, col: 9, severity: 'error', message: message(node) }]);
	});

	it('passes the 60 x 3 repro with authored-looking replies, its best attached for the server', { timeout: 60_000 }, () => {
		const r = checkText('same.yaml', sameNextText(60, undefined, 'same'));
		expect(beyondLints(r.diagnostics)).toEqual([]);
		expect(r.scenario).not.toBeNull();
		expect(r.best).toMatchObject({ exhaustive: true });
	});

	it('makes npm run scenarios:check fail with file:line', { timeout: 120_000 }, () => {
		const dir = mkdtempSync(join(tmpdir(), 'coach-stall-'));
		try {
			writeFileSync(join(dir, 'stall.yaml'), stall);
			const r = spawnSync('npx', ['tsx', 'scripts/scenarios-check.ts', '--no-agreement', join(dir, 'stall.yaml')], { cwd: resolve('.'), encoding: 'utf8' });
			expect(r.status).toBe(1);
			expect(r.stderr).toMatch(/stall\.yaml:\d+:9: the best possible score cannot be worked out/);
			expect(r.stderr).toContain('1 file(s) checked: 1 error(s)');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
