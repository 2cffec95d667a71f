import { isSynthesized } from '../scenario/over-the-top';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedAnalyzer } from '../analyzer/files';
import { checkFile, reactionDefaultsFor } from '../scenario/files';
import type { CompiledScenario } from '../scenario/types';
import type { CompiledQuiz } from '../quiz/types';
import { checkDraft } from './checks';
import type { QuizFigures, ScenarioFigures } from './types';

const reactions = reactionDefaultsFor('scenarios').defaults!;
const read = (p: string) => readFileSync(p, 'utf8');

const small = (replyText: string, moves: string) => `format: 1
id: small
title: 测试情景
summary: 小情景。
class: 普通
channel: phone
difficulty: easy
minutes: 5
persona:
  name: 王先生
  archetype: angry
objectives:
  - 先安抚情绪
mood:
  start: 50
nodes:
  - id: d1
    type: decision
    replies:
      - id: sorry
        text: ${replyText}
        moves: ${moves}
        mood: -10
        feedback: 好
        next: check
      - id: blame
        text: 这不归我管。
        flags: [blame]
        mood: 10
        feedback: 推诿
        next: check
  - id: check
    type: route
    routes:
      - when: { moodAtLeast: escalated }
        next: end-escalated
    otherwise: end-ok
  - id: end-ok
    type: ending
    outcome: resolved
    title: 解决
    debrief: 顾客满意。
  - id: end-escalated
    type: ending
    outcome: escalated
    title: 升级
    debrief: 顾客要求找主管。
`;

describe('checkDraft: scenarios', () => {
	it('gives a shipped scenario the figures the command-line checker finds', () => {
		const path = 'scenarios/angry-caller.yaml';
		const report = checkDraft('scenario', 'angry-caller.yaml', read(path), { reactions });
		const cli = checkFile(path);
		expect(report.ok).toBe(true);
		expect(report.kind).toBe('scenario');
		expect((report.compiled as CompiledScenario).version).toBe(cli.scenario!.version);
		const f = report.figures as ScenarioFigures;
		expect(f.pathCount).toBe(cli.stats!.pathCount);
		expect(f.best).toBe(cli.best!.overall);
		expect(f.endings.map((e) => e.id).sort()).toEqual([...cli.stats!.reachableEndings.filter((e) => !isSynthesized(e)), ...cli.stats!.unreachableEndings].sort());
		expect(f.endings.every((e) => e.reached)).toBe(true);
		expect(f.moves.length).toBeGreaterThan(3);
		expect(f.flags).toContain('argue');
		expect(f.disagreements).toEqual([]);
	});

	it('locates errors in the named document and refuses to compile', () => {
		const report = checkDraft('scenario', 'drafts/草稿.yaml', read('tests/fixtures/broken/next-typo.yaml'), { reactions });
		expect(report.ok).toBe(false);
		expect(report.compiled).toBeNull();
		expect(report.diagnostics.length).toBeGreaterThan(0);
		for (const d of report.diagnostics) expect(d.file).toBe('drafts/草稿.yaml');
		expect(report.diagnostics.some((d) => d.severity === 'error' && d.line > 1)).toBe(true);
	});

	it('marks an ending no path reaches, with a warning, and still compiles', () => {
		const report = checkDraft('scenario', 'ending-never-reached.yaml', read('tests/fixtures/broken/ending-never-reached.yaml'), { reactions });
		expect(report.ok).toBe(true);
		const f = report.figures as ScenarioFigures;
		expect(f.endings).toEqual([
			{ id: 'end-ok', outcome: 'resolved', reached: true },
			{ id: 'end-escalated', outcome: 'escalated', reached: false }
		]);
		expect(f.pathCount).toBe('1');
		expect(f.moves).toEqual([]);
		expect(f.flags).toEqual(['blame']);
		expect(report.diagnostics.some((d) => d.severity === 'warning' && /end-escalated/.test(d.message))).toBe(true);
	});

	it("lists the analyzer's disagreements at the reply when rules are given", () => {
		const text = small('非常抱歉，给您添麻烦了。', '{ confirm: 1 }');
		const rules = shippedAnalyzer();
		expect((checkDraft('scenario', 'small.yaml', text, { reactions }).figures as ScenarioFigures).disagreements).toEqual([]);
		const f = checkDraft('scenario', 'small.yaml', text, { reactions, rules }).figures as ScenarioFigures;
		const d = f.disagreements.find((x) => x.reply === 'sorry')!;
		expect(d).toMatchObject({ node: 'd1', reply: 'sorry', line: 20, col: 9, authored: { moves: ['confirm'], flags: [] } });
		expect(d.read.moves).toContain('apology');
		expect(d.read.moves).not.toContain('confirm');
	});

	it('counts paths exactly beyond 2^53', () => {
		// 60 diamonds in series (two replies, each through its own line, meeting again): 2^60 paths.
		const nodes: string[] = [];
		for (let i = 0; i < 60; i++) {
			const next = i === 59 ? 'end' : `d${i + 1}`;
			nodes.push(`  - id: d${i}
    type: decision
    replies:
      - { id: a, text: 好的。, mood: 0, feedback: 好, next: a${i} }
      - { id: b, text: 行。, mood: 0, feedback: 好, next: b${i} }
  - { id: a${i}, type: line, speaker: customer, text: 嗯。, next: ${next} }
  - { id: b${i}, type: line, speaker: customer, text: 哦。, next: ${next} }`);
		}
		const head = small('x', '{}').split('nodes:\n')[0];
		const text = `${head}nodes:\n${nodes.join('\n')}\n  - { id: end, type: ending, outcome: resolved, title: 完, debrief: 完 }\n`;
		const report = checkDraft('scenario', 'small.yaml', text, { reactions });
		expect(report.ok).toBe(true);
		expect((report.figures as ScenarioFigures).pathCount).toBe(String(2n ** 60n));
	});
});

describe('checkDraft: quizzes', () => {
	it('compiles a quiz and counts its questions, points and types', () => {
		const report = checkDraft('quiz', 'knowledge.yaml', read('scenarios/quizzes/knowledge.yaml'), { reactions });
		expect(report.ok).toBe(true);
		const quiz = report.compiled as CompiledQuiz;
		const f = report.figures as QuizFigures;
		expect(f.questions).toBe(quiz.questions.length);
		expect(f.points).toBe(quiz.questions.reduce((n, q) => n + q.points, 0));
		expect(Object.values(f.types).reduce((a, b) => a + b, 0)).toBe(quiz.questions.length);
		expect(f.types.single).toBeGreaterThan(0);
	});

	it('lints a quiz draft as scenarios:check does: warnings, and it still publishes', () => {
		const report = checkDraft('quiz', '内容检查', read('tests/fixtures/quiz/lint-longest.yaml'), { reactions });
		expect(report.ok).toBe(true);
		expect(report.diagnostics.map((d) => `${d.line}:${d.severity}:${d.message.split(':')[0]}`)).toEqual([
			'8:warning:the right option is strictly the longest in 2 of 4 single-choice questions (50%, more than 35%), so picking the longest option scores',
			'42:warning:question "near-twins"',
			'51:warning:question "match-twins"'
		]);
	});

	it('reports a broken quiz in the named document', () => {
		const report = checkDraft('quiz', '测验', 'id: q\ntitle: 测\nkind: knowledge\nquestions:\n  - id: a\n    type: single\n', { reactions });
		expect(report.ok).toBe(false);
		expect(report.compiled).toBeNull();
		expect(report.diagnostics.length).toBeGreaterThan(0);
		for (const d of report.diagnostics) expect(d.file).toBe('测验');
	});
});

describe('checkDraft runs in a browser worker', () => {
	it('imports nothing from node, SvelteKit or Svelte, however deep', () => {
		const seen = new Set<string>();
		const bad: string[] = [];
		const walk = (file: string) => {
			if (seen.has(file)) return;
			seen.add(file);
			const text = read(file);
			for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
				if (/^import\s+type\b|^export\s+type\b/.test(m[0].trim())) continue;
				const spec = m[1];
				if (spec.startsWith('.')) {
					const base = resolve(dirname(file), spec);
					walk([`${base}.ts`, join(base, 'index.ts')].find((p) => { try { return !!read(p); } catch { return false; } })!);
				} else if (/^(node:|fs$|path$|crypto$|\$app|\$env|\$lib|svelte|@sveltejs)/.test(spec)) bad.push(`${file}: ${spec}`);
			}
		};
		walk(resolve('src/lib/studio/checks.ts'));
		expect(seen.size).toBeGreaterThan(10);
		expect(bad).toEqual([]);
	});
});
