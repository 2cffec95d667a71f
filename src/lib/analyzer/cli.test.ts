// The command-line filter scripts/analyze.ts (npm run --silent analyze), run as a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tests/fixtures/analyzer/load';

function runCli(input: string, env: Record<string, string> = {}) {
	const r = spawnSync('npx', ['tsx', 'scripts/analyze.ts'], { cwd: repoRoot, input, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stdout split into lines; every line must be one JSON value. */
function jsonLines(stdout: string): Record<string, unknown>[] {
	expect(stdout.endsWith('\n')).toBe(true);
	return stdout
		.slice(0, -1)
		.split('\n')
		.map((line) => JSON.parse(line));
}

// Generous time limits: each test starts `npx tsx`, which alone takes seconds on a busy machine.
describe('npm run analyze', { timeout: 60_000 }, () => {
	it('answers every non-blank line, in order, with exactly one JSON line on stdout', () => {
		const input = [
			'{"id":"a","text":"您好！請問您的訂單號是多少？"}',
			'',
			'not json at all',
			'   ',
			'{"id":7,"text":"你先别急，这个我们也没办法。"}',
			'{"id":"no-text"}',
			'[1,2]',
			'{"id":"quote","text":"您刚才说“你们就会糊弄人”，我都记下了。"}'
		].join('\r\n');
		const { status, stdout, stderr } = runCli(input);
		expect(status).toBe(0);
		const out = jsonLines(stdout);
		expect(out).toEqual([
			{ id: 'a', moves: ['info'], flags: [], evidence: { info: expect.any(Array) } },
			{ id: null, error: 'not valid JSON' },
			{ id: 7, moves: [], flags: ['dismiss', 'informal'], evidence: { dismiss: ['没办法'], informal: ['你'] } },
			{ id: 'no-text', error: 'missing "text" (a string)' },
			{ id: null, error: 'expected a JSON object {"id": …, "text": "…"}' },
			{ id: 'quote', moves: ['info', 'listen'], flags: [], evidence: expect.any(Object) }
		]);
		// Evidence quotes the original (traditional) characters.
		for (const q of (out[0].evidence as { info: string[] }).info) expect('您好！請問您的訂單號是多少？').toContain(q);
		// Problems are explained on stderr, with the input line number.
		expect(stderr).toContain('line 3: not valid JSON');
		expect(stderr).toContain('line 6: missing "text"');
	});

	it('streams a large input: one output line per input line', () => {
		const n = 3000;
		const input = Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, text: i % 2 ? '非常抱歉让您久等了。' : '你号码多少？' })).join('\n') + '\n';
		const { status, stdout } = runCli(input);
		expect(status).toBe(0);
		const out = jsonLines(stdout);
		expect(out).toHaveLength(n);
		expect(out.map((o) => o.id)).toEqual(Array.from({ length: n }, (_, i) => i));
		expect(out[1]).toMatchObject({ moves: ['apology'], flags: [] });
	});

	it('reads rules from $ANALYZER_RULES; broken rules print located diagnostics and nothing on stdout', () => {
		const dir = mkdtempSync(join(tmpdir(), 'analyzer-'));
		const broken = join(dir, 'phrases.yaml');
		writeFileSync(broken, 'version: 1\ncodes:\n  apology:\n    phrases: [(抱歉]\n');
		const { status, stdout, stderr } = runCli('{"id":1,"text":"抱歉"}\n', { ANALYZER_RULES: broken });
		expect(status).toBe(2);
		expect(stdout).toBe('');
		// Named exactly as given: an absolute path stays absolute (not relative to the working directory).
		expect(stderr.split('\n')).toContain(`${broken}:1:1: error: file: missing required field "negation"`);
	});
});
