// The quiz command lines, run as child processes exactly as documented:
//   npm run --silent quiz:import-gift -- <file>     npm run --silent quiz:export-gift -- <quiz file>
//   npm run --silent scenarios:check [paths…]       (now also quizzes)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tests/fixtures/analyzer/load';
import { compileQuiz } from './compiler';
import { importGift } from './gift';

function npmRun(script: string, ...args: string[]) {
	const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
}
const tmp = mkdtempSync(join(tmpdir(), 'quiz-cli-'));
const MOODLE = 'tests/fixtures/gift/moodle-export.txt';
const KNOWLEDGE = 'tests/fixtures/quiz/sample-knowledge.yaml';

// Generous time limits: each test starts npm and tsx, which take seconds on a busy machine.
describe('quiz command lines', { timeout: 120_000 }, () => {
	it('quiz:import-gift prints the quiz YAML, and each problem as file:line: message', () => {
		const r = npmRun('quiz:import-gift', MOODLE);
		expect(r.status).toBe(0);
		const expected = importGift(readFileSync(join(repoRoot, MOODLE), 'utf8'), { file: MOODLE });
		expect(r.lines).toEqual(expected.diagnostics.map((d) => `${MOODLE}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`));
		expect(r.lines).toContain(`${MOODLE}:42: 数值题（{#…}）暂不支持：这道题已跳过`);
		// The YAML is a quiz file: once saved under its id, the checker reads it and finds only what the importer warned of.
		const saved = join(tmp, 'moodle-export.yaml');
		writeFileSync(saved, r.stdout);
		const checked = compileQuiz(saved, r.stdout);
		expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual(['question "q11" › explanation: must not be empty']);
		expect(checked.source).toBeNull();
		expect(r.stdout).toMatch(/^id: moodle-export\ntitle: moodle-export\nkind: knowledge\n/);
	});

	it('quiz:import-gift exits non-zero when nothing could be imported, or the file cannot be read', () => {
		const empty = join(tmp, 'nothing.gift');
		writeFileSync(empty, '// 只有说明\n\n::说明::这不是题目\n\n::数值::几步？{#8}\n');
		const r = npmRun('quiz:import-gift', empty);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.lines).toEqual([
			`${empty}:3: 只有文字、没有答案块 {…} 的是说明，不是题目：已跳过`,
			`${empty}:5: 数值题（{#…}）暂不支持：这道题已跳过`,
			`${empty}: no question could be imported from nothing.gift`
		]);
		const missing = npmRun('quiz:import-gift', join(tmp, 'missing.gift'));
		expect(missing.status).toBe(1);
		expect(missing.lines[0]).toMatch(/missing\.gift: cannot read file: ENOENT/);
	});

	it('quiz:export-gift prints GIFT, and names every question it cannot write with its line', () => {
		const r = npmRun('quiz:export-gift', KNOWLEDGE);
		expect(r.status).toBe(0);
		expect(r.lines).toEqual([
			`${KNOWLEDGE}:38: GIFT has no ordering questions; question "eight-d" (ordering) not exported`,
			`${KNOWLEDGE}:60: GIFT has no rubric-graded case questions (its essay questions are graded by hand); question "dropped-calls" (case) not exported`,
			`${KNOWLEDGE}: warning: 2 of 7 questions not exported (named above); the other 5 are in the GIFT`
		]);
		const back = importGift(r.stdout, { id: 'sample-knowledge' });
		expect(back.diagnostics).toEqual([]);
		expect(back.quiz.questions.map((q) => q.id)).toEqual(['listen-meaning', 'hates', 'emotion-first', 'techniques', 'complain-share']);
	});

	it('quiz:export-gift names each listen question GIFT cannot carry, and says how many were left out', () => {
		const mixed = join(tmp, 'mixed.yaml');
		const knowledge = readFileSync(join(repoRoot, KNOWLEDGE), 'utf8').replace('id: sample-knowledge', 'id: mixed');
		const listen = `  - id: hear-stage
    type: listen
    ask: stage
    prompt: 客户处于哪个阶段？
    say: { text: 你们到底管不管？, stage: potential }
    explanation: 在酝酿投诉。
    topics: [emotion-stages]
`;
		writeFileSync(mixed, knowledge.replace('questions:\n', `questions:\n${listen}`));
		const line = knowledge.split('\n').indexOf('questions:') + 2;
		const r = npmRun('quiz:export-gift', mixed);
		expect(r.status).toBe(0);
		const name = relative(repoRoot, mixed);
		expect(r.lines[0]).toBe(`${name}:${line}: GIFT cannot carry listen questions (听声辨情): it has no audio clip to play; question "hear-stage" (listen) not exported`);
		expect(r.lines.at(-1)).toBe(`${name}: warning: 3 of 8 questions not exported (named above); the other 5 are in the GIFT`);
		expect(r.stdout).not.toContain('你们到底管不管');
		// The shipped 听声辨情 quiz has nothing GIFT can hold: every question is named, nothing is written.
		const all = npmRun('quiz:export-gift', 'scenarios/quizzes/listen.yaml');
		expect(all.status).toBe(1);
		expect(all.stdout).toBe('');
		expect(all.lines.filter((l) => l.includes('GIFT cannot carry listen questions')).length).toBeGreaterThanOrEqual(12);
		expect(all.lines.at(-1)).toBe('scenarios/quizzes/listen.yaml: no question of this quiz has a GIFT form');
	});

	it('quiz:export-gift refuses a broken quiz with the checker\'s messages, and a quiz with nothing GIFT can hold', () => {
		const broken = join(tmp, 'broken.yaml');
		writeFileSync(broken, readFileSync(join(repoRoot, KNOWLEDGE), 'utf8').replace('id: sample-knowledge', 'id: broken').replace('topics: [idlppc]', 'topics: [smile]'));
		const r = npmRun('quiz:export-gift', broken);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.lines).toHaveLength(1);
		expect(r.lines[0]).toMatch(/broken\.yaml:17:14: question "listen-meaning" › topics item #1: unknown topic "smile"/);
		const self = npmRun('quiz:export-gift', 'tests/fixtures/quiz/sample-self.yaml');
		expect(self.status).toBe(1);
		expect(self.lines.at(-1)).toBe('tests/fixtures/quiz/sample-self.yaml: no question of this quiz has a GIFT form');
		expect(self.lines.filter((l) => l.includes('(likert) not exported'))).toHaveLength(4);
	});

	it('scenarios:check checks quiz files in the same format, beside scenarios', () => {
		const dir = mkdtempSync(join(tmpdir(), 'quiz-check-'));
		const bad = join(tmp, 'sample-knowledge.yaml');
		writeFileSync(bad, readFileSync(join(repoRoot, KNOWLEDGE), 'utf8').replace('{ text: 确认执行, feedback: 那是 C。 }', '{ text: 确认执行, correct: true }'));
		const r = npmRun('scenarios:check', bad, KNOWLEDGE, 'tests/fixtures/valid/example-late-parcel.yaml', dir);
		// The quiz outside a quizzes folder is recognised by its content; the scenario is checked as before.
		// (The fixtures' half-width punctuation draws content-lint warnings, which are not the point here.)
		expect(r.lines.filter((l) => !l.includes(': warning: '))).toEqual([
			expect.stringMatching(/sample-knowledge\.yaml:12:7: question "listen-meaning": a single-choice question needs exactly one option with correct: true \(it has 2\)$/),
			expect.stringMatching(/^3 file\(s\) checked: 1 error\(s\), \d+ warning\(s\)$/)
		]);
		expect(r.status).toBe(1);
		const json = npmRun('scenarios:check', '--json', KNOWLEDGE);
		expect(json.status).toBe(0);
		expect(JSON.parse(json.stdout)).toEqual([{ file: KNOWLEDGE, kind: 'quiz', ok: true, errors: 0, questions: 7 }]);
	});
});
