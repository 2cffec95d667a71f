// The checker's diagnostics, pinned file by file against tests/fixtures/broken/, and the shape of
// what the compiler produces for a valid scenario.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileScenario, LIMITS } from './compiler';
import { checkFile, checkText } from './files';
import { formatDiagnostic } from './types';

const BROKEN = 'tests/fixtures/broken';
const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const exampleText = readFileSync(EXAMPLE, 'utf8');

function check(name: string) {
	return checkFile(join(BROKEN, `${name}.yaml`), `${BROKEN}/${name}.yaml`);
}
function messages(name: string): string[] {
	return check(name).diagnostics.map(formatDiagnostic);
}
const f = (name: string) => `${BROKEN}/${name}.yaml`;

/** Every diagnostic, in order, exactly as `npm run scenarios:check` prints it. */
const pinned: Record<string, string[]> = {
	'yaml-syntax-error': [`${f('yaml-syntax-error')}:19:11: YAML: Nested mappings are not allowed in compact mappings`],
	'not-a-map': [`${f('not-a-map')}:2:1: a scenario file must be a YAML map of fields (format, id, title, …, nodes)`],
	'unknown-field-top': [`${f('unknown-field-top')}:9:1: unknown field "author"`],
	'unknown-field-reply': [`${f('unknown-field-reply')}:24:9: node "d1" › reply "a": unknown field "score"`],
	'missing-field': [`${f('missing-field')}:20:9: node "d1" › reply "a": missing required field "feedback"`],
	'missing-title': [`${f('missing-title')}:1:1: missing required field "title"`],
	'route-missing-otherwise': [`${f('route-missing-otherwise')}:17:5: node "check": missing required field "otherwise"`],
	'wrong-type': [`${f('wrong-type')}:8:10: minutes: Invalid input: expected number, received string`],
	'unknown-node-type': [`${f('unknown-node-type')}:18:11: node "open" › type: each node needs a type: line, decision, route or ending`],
	'unknown-mood-stage': [
		`${f('unknown-mood-stage')}:33:30: node "check" › route #1 › when › moodAtLeast: expected a mood stage (latent, brewing, voiced, potential, complaint, escalated) or a number 0–100`
	],
	'duplicate-node-id': [`${f('duplicate-node-id')}:21:9: duplicate node id "open" (first defined at line 17)`],
	'duplicate-reply-id': [`${f('duplicate-reply-id')}:25:13: duplicate reply id "a" in decision "d1"`],
	'next-nowhere': [`${f('next-nowhere')}:29:15: reply "d1.b" leads to "supervisor-callback", which is not a node`],
	'next-typo': [
		`${f('next-typo')}:29:15: reply "d1.b" leads to "end-lots", which is not a node (did you mean "end-lost"?)`,
		`${f('next-typo')}:35:9: node "end-lost" can never be reached from the start ("d1")`
	],
	'start-nowhere': [
		`${f('start-nowhere')}:16:8: start leads to "opening", which is not a node`,
		`${f('start-nowhere')}:18:9: node "open" can never be reached from the start ("opening")`,
		`${f('start-nowhere')}:22:9: node "end" can never be reached from the start ("opening")`
	],
	'chose-nonexistent': [
		`${f('chose-nonexistent')}:34:24: chose: "d1.blaem" is not a reply of any decision (did you mean "d1.blame"?)`,
		`${f('chose-nonexistent')}:36:37: notChose: "d9.calm" is not a reply of any decision (did you mean "d1.calm"?)`
	],
	'unreachable-node': [`${f('unreachable-node')}:21:9: node "orphan" can never be reached from the start ("open")`],
	'no-ending-node': [
		`${f('no-ending-node')}:17:3: the scenario has no ending node`,
		`${f('no-ending-node')}:17:9: loop with no way out: "d1" never reaches an ending`
	],
	'no-ending-reachable': [
		`${f('no-ending-reachable')}:30:9: no ending can be reached from node "hold"`,
		`${f('no-ending-reachable')}:35:9: loop with no way out: "dead-end" never reaches an ending`
	],
	'loop-no-way-out': [`${f('loop-no-way-out')}:30:9: loop with no way out: "ask" → "repeat" never reaches an ending`],
	'loop-without-decision': [
		`${f('loop-without-decision')}:17:9: loop without a decision: "open" → "check" would repeat forever, since nothing changes the state`
	],
	'decision-one-reply': [`${f('decision-one-reply')}:20:7: node "d1" › replies: a decision needs at least 2 replies`],
	'decision-five-replies': [`${f('decision-five-replies')}:20:7: node "d1" › replies: a decision offers at most 4 replies`],
	'mood-start-out-of-range': [`${f('mood-start-out-of-range')}:15:10: mood › start: mood must be between 0 and 100`],
	'reply-mood-out-of-range': [`${f('reply-mood-out-of-range')}:22:15: node "d1" › reply "a" › mood: mood change must be between -100 and 100`],
	'id-mismatch': [`${f('id-mismatch')}:2:5: id "late-parcel-copy" must match the file name "id-mismatch.yaml"`],
	'too-many-aliases': [`${f('too-many-aliases')}:1:1: file uses 110 YAML aliases; the limit is 100`],
	'many-errors': [
		`${f('many-errors')}:6:10: channel: Invalid option: expected one of "phone"|"chat"|"counter"`,
		`${f('many-errors')}:16:3: mood: unknown field "end"`,
		`${f('many-errors')}:23:15: node "d1" › reply "a" › mood: mood change must be between -100 and 100`,
		`${f('many-errors')}:26:9: node "d1" › reply "b": missing required field "feedback"`,
		`${f('many-errors')}:32:14: node "end" › outcome: Invalid option: expected one of "resolved"|"escalated"|"lost"`,
		`${f('many-errors')}:34:14: node "end" › debrief: must not be empty`
	],
	'many-errors-graph': [
		`${f('many-errors-graph')}:25:13: duplicate reply id "a" in decision "d1"`,
		`${f('many-errors-graph')}:29:15: reply "d1.a" leads to "rap", which is not a node (did you mean "wrap"?)`,
		`${f('many-errors-graph')}:34:24: chose: "d1.c" is not a reply of any decision (did you mean "d1.a"?)`,
		`${f('many-errors-graph')}:37:9: duplicate node id "wrap" (first defined at line 30)`,
		`${f('many-errors-graph')}:41:9: node "lonely" can never be reached from the start ("d1")`
	],
	'ending-never-reached': [
		`${f('ending-never-reached')}:42:9: warning: ending "end-escalated" is never reached in play: no mood or earlier choice leads there`
	]
};

/**
 * Files on which the checker is wrong today (see the report that came with these tests). Each
 * expects one error at the right place with a message that names the problem.
 */
const buggy: Record<string, { at: string; message: RegExp | string }> = {
	// An empty document parses to null, which compileScenario takes for "parse failed": no
	// diagnostic at all, so `scenarios:check` passes an empty scenario file.
	empty: { at: '1:1', message: 'a scenario file must be a YAML map of fields (format, id, title, …, nodes)' },
	// The unclosed quote opens at 19:11; the YAML error is reported at the end of the file.
	'yaml-unclosed-quote': { at: '19:11', message: 'YAML: this quoted string is never closed (missing closing ")' },
	// `text: *greeting` at 19:11 refers to no anchor; the error is reported at 1:1.
	'undefined-alias': { at: '19:11', message: 'YAML: alias *greeting refers to no anchor (define it first with &greeting)' },
	// `moves: [info, smile]`: should point at `smile` and say it is not a move code, not that the
	// list is not a list.
	'unknown-move': {
		at: '22:23',
		message: /unknown move code; expected one of info, demand, listen, propose, promise, confirm, empathy, apology, thanks$/
	},
	// `flags: { blame: 2, rude: 1 }`: "rude" is an unknown flag code, not an unknown field.
	'unknown-flag': { at: '27:28', message: /unknown flag code.*argue, blame, lecture, dismiss, overpromise, informal/ }
};

describe('broken scenario corpus', () => {
	it('pins every file in the corpus, and only those', () => {
		const files = readdirSync(BROKEN)
			.filter((n) => n.endsWith('.yaml'))
			.map((n) => n.replace(/\.yaml$/, ''))
			.sort();
		expect(files).toEqual([...Object.keys(pinned), ...Object.keys(buggy)].sort());
		expect(files.length).toBeGreaterThanOrEqual(16);
	});

	it.each(Object.keys(pinned))('%s.yaml', (name) => {
		expect(messages(name)).toEqual(pinned[name]);
	});

	it.each(Object.keys(buggy))('%s.yaml (checker bug)', (name) => {
		const { at, message } = buggy[name];
		const ds = check(name).diagnostics;
		expect(ds.map(formatDiagnostic)).toHaveLength(1);
		expect(`${ds[0].line}:${ds[0].col}`).toBe(at);
		expect(ds[0].severity).toBe('error');
		if (typeof message === 'string') expect(ds[0].message).toBe(message);
		else expect(ds[0].message).toMatch(message);
	});

	it('produces a compiled scenario exactly when there is no error', () => {
		for (const name of Object.keys(pinned)) {
			const r = check(name);
			const hasError = r.diagnostics.some((d) => d.severity === 'error');
			expect({ name, compiled: r.scenario !== null }).toEqual({ name, compiled: !hasError });
		}
	});

	it('compiles a scenario whose only problem is an ending never reached in play, with a warning', () => {
		const r = check('ending-never-reached');
		expect(r.scenario).not.toBeNull();
		expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning']);
		expect(r.stats?.unreachableEndings).toEqual(['end-escalated']);
		expect(r.stats?.reachableEndings).toEqual(['end-ok']);
	});

	it('reports every problem of a file, not only the first', () => {
		expect(new Set(check('many-errors').diagnostics.map((d) => d.line)).size).toBe(6);
		expect(new Set(check('many-errors-graph').diagnostics.map((d) => d.line)).size).toBe(5);
	});

	it('checkText and checkFile agree on a broken file', () => {
		const text = readFileSync(join(BROKEN, 'many-errors-graph.yaml'), 'utf8');
		expect(checkText(f('many-errors-graph'), text).diagnostics).toEqual(check('many-errors-graph').diagnostics);
	});
});

describe('the valid example', () => {
	it('checks with no diagnostics at all', () => {
		const r = checkFile(EXAMPLE, EXAMPLE);
		expect(r.diagnostics).toEqual([]);
		expect(r.scenario).not.toBeNull();
		expect(r.stats).toMatchObject({ id: 'example-late-parcel', nodes: 8, decisions: 2, endings: 2, paths: 2, shortestPath: 1, longestPath: 2 });
	});

	it('refuses the example under another file name', () => {
		const r = compileScenario('scenarios/other.yaml', exampleText);
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.map(formatDiagnostic)).toEqual([
			'scenarios/other.yaml:3:5: id "example-late-parcel" must match the file name "other.yaml"'
		]);
	});
});

describe('compiled output', () => {
	const s = compileScenario(EXAMPLE, exampleText).scenario!;

	it('carries the metadata and mood start', () => {
		expect(s.format).toBe(1);
		expect(s.moodStart).toBe(60);
		expect(s.meta).toEqual({
			id: 'example-late-parcel',
			title: '包裹迟到三天',
			summary: '顾客的生日礼物没按时送到,电话里已经很不耐烦。',
			class: '普通',
			channel: 'phone',
			difficulty: 'easy',
			minutes: 5,
			persona: { name: '周女士', archetype: 'anxious', description: '第一次网购送礼,很在意时间。' },
			manager: { name: '刘主管' },
			objectives: ['先安抚情绪再谈方案'],
			tags: ['物流', '入门']
		});
		expect(Object.keys(s.nodes)).toEqual(['open', 'd1', 'check', 'manager-in', 'd2', 'wrap', 'end-ok', 'end-escalated']);
	});

	it('normalises moves and flags to weights (lists weigh 1, missing is empty)', () => {
		const d1 = s.nodes.d1;
		const d2 = s.nodes.d2;
		if (d1.type !== 'decision' || d2.type !== 'decision') throw new Error('d1 and d2 are decisions');
		expect(d1.replies.map((r) => [r.id, r.moves, r.flags])).toEqual([
			['calm', { apology: 2, empathy: 1 }, {}],
			['blame', {}, { blame: 1, dismiss: 1, informal: 1 }]
		]);
		expect(d2.replies.map((r) => [r.id, r.moves, r.flags])).toEqual([
			['ask', { info: 1 }, {}],
			['promise-all', {}, { overpromise: 1 }]
		]);
		expect(d1.prompt).toBe('顾客第一次开口,你先说什么?');
		expect('prompt' in d2).toBe(false);
		expect(d1.replies[0].response).toBe('嗯,你快点查。');
		expect('response' in d1.replies[1]).toBe(false);
	});

	it('resolves mood stage names to numbers and lists single references', () => {
		expect(s.nodes.check).toEqual({ type: 'route', id: 'check', routes: [{ when: { moodAtLeast: 84 }, next: 'manager-in' }], otherwise: 'd2' });
		expect(s.nodes.wrap).toEqual({
			type: 'line',
			id: 'wrap',
			speaker: 'customer',
			text: '好吧,那我等你们消息。',
			variants: [{ when: { chose: ['d2.promise-all'] }, text: '你说的今天一定到,要是没到我还找你!' }],
			next: 'end-ok'
		});
		expect(s.nodes.open).toMatchObject({ speaker: 'customer', direction: '（叹气）' });
		expect(s.nodes['manager-in']).toMatchObject({ speaker: 'manager' });
		expect(s.nodes['end-escalated']).toEqual({ type: 'ending', id: 'end-escalated', outcome: 'escalated', title: '主管介入', debrief: '推诿让顾客直接要求找主管。' });
	});

	it('resolves every stage name to its floor, keeps numbers, and drops absent tests', () => {
		const stages = { latent: 0, brewing: 17, voiced: 34, potential: 50, complaint: 67, escalated: 84 };
		for (const [stage, floor] of Object.entries(stages)) {
			const text = exampleText.replace('when: { moodAtLeast: escalated }', `when: { moodBelow: ${stage}, moodAtLeast: 3, flagged: blame, moved: [info, listen], notChose: d2.ask }`);
			const c = compileScenario(EXAMPLE, text).scenario!;
			expect(c.nodes.check.type === 'route' && c.nodes.check.routes[0].when).toEqual({
				moodBelow: floor,
				moodAtLeast: 3,
				flagged: ['blame'],
				moved: ['info', 'listen'],
				notChose: ['d2.ask']
			});
		}
	});

	it('starts at the first node unless `start` names one', () => {
		expect(s.start).toBe('open');
		// The ending comes first in the list; only `start` makes "open" the way in.
		const text = (start: string) => `format: 1
id: starts
title: 开始
summary: 测试 start
class: 普通
channel: chat
difficulty: easy
minutes: 1
persona: { name: 顾客, archetype: silent }
objectives: [测试]
mood: { start: 10 }
${start}nodes:
  - id: end
    type: ending
    outcome: resolved
    title: 结束
    debrief: 结束了
  - id: open
    type: line
    text: 你好
    next: end
`;
		const explicit = compileScenario('starts.yaml', text('start: open\n'));
		expect(explicit.diagnostics).toEqual([]);
		expect(explicit.scenario!.start).toBe('open');
		const implicit = compileScenario('starts.yaml', text(''));
		expect(implicit.scenario).toBeNull();
		expect(implicit.diagnostics.map(formatDiagnostic)).toEqual(['starts.yaml:18:9: node "open" can never be reached from the start ("end")']);
	});

	it('has a version that is stable, ignores formatting, and follows the content', () => {
		const a = compileScenario(EXAMPLE, exampleText).scenario!;
		const b = compileScenario(EXAMPLE, exampleText).scenario!;
		expect(a.version).toMatch(/^[0-9a-f]{16}$/);
		expect(b.version).toBe(a.version);
		expect(b).toEqual(a);
		// Comments and equivalent spellings compile to the same thing.
		const reformatted = exampleText.replace('moves: [info]', 'moves: { info: 1 }').replace('format: 1 ', '# a comment\nformat: 1 ');
		expect(compileScenario(EXAMPLE, reformatted).scenario!.version).toBe(a.version);
		// Any change a player could see changes it.
		const changedText = exampleText.replace('好吧,那我等你们消息。', '好吧,那我等你们的消息。');
		const changedMood = exampleText.replace('mood: -15', 'mood: -14');
		const changedStart = exampleText.replace('start: 60', 'start: 61');
		const versions = [changedText, changedMood, changedStart].map((t) => compileScenario(EXAMPLE, t).scenario!.version);
		expect(new Set([a.version, ...versions]).size).toBe(4);
	});

	it('is plain JSON', () => {
		expect(JSON.parse(JSON.stringify(s))).toEqual(s);
	});
});

describe('limits', () => {
	const dir = mkdtempSync(join(tmpdir(), 'cc-compiler-test-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('refuses a file over the size limit with a size message', () => {
		const path = join(dir, 'example-late-parcel.yaml');
		const padding = LIMITS.bytes + 1 - Buffer.byteLength(exampleText);
		writeFileSync(path, exampleText + '#'.repeat(padding));
		const r = checkFile(path, 'scenarios/example-late-parcel.yaml');
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.map(formatDiagnostic)).toEqual([
			`scenarios/example-late-parcel.yaml:1:1: file is ${LIMITS.bytes + 1} bytes; the limit is ${LIMITS.bytes}`
		]);
	});

	it('accepts a file exactly at the size limit', () => {
		const path = join(dir, 'example-late-parcel.yaml');
		writeFileSync(path, exampleText + '#'.repeat(LIMITS.bytes - Buffer.byteLength(exampleText)));
		const r = checkFile(path, 'scenarios/example-late-parcel.yaml');
		expect(r.diagnostics).toEqual([]);
		expect(r.scenario).not.toBeNull();
	});

	it('counts the limit in UTF-8 bytes, not characters', () => {
		const chars = Math.floor((LIMITS.bytes - Buffer.byteLength(exampleText) - 1) / 3) + 1;
		const text = exampleText + '#' + '字'.repeat(chars);
		expect(Buffer.byteLength(text)).toBeGreaterThan(LIMITS.bytes);
		expect(text.length).toBeLessThan(LIMITS.bytes);
		const r = compileScenario(EXAMPLE, text);
		expect(r.scenario).toBeNull();
		expect(r.diagnostics).toHaveLength(1);
		expect(r.diagnostics[0].message).toBe(`file is ${Buffer.byteLength(text)} bytes; the limit is ${LIMITS.bytes}`);
	});

	const withAliases = (n: number) =>
		exampleText.replace('objectives:\n  - 先安抚情绪再谈方案\n', 'objectives:\n  - &o 先安抚情绪再谈方案\n' + '  - *o\n'.repeat(n));

	it('refuses more than 100 aliases', () => {
		expect(compileScenario(EXAMPLE, withAliases(101)).diagnostics.map(formatDiagnostic)).toEqual([`${EXAMPLE}:1:1: file uses 101 YAML aliases; the limit is 100`]);
		expect(compileScenario(EXAMPLE, withAliases(99)).diagnostics).toEqual([]);
	});

	// Checker bug: the documented limit is "more than 100", but yaml's maxAliasCount also counts
	// the anchor itself, so exactly 100 aliases of one anchor fail with a resource-exhaustion error.
	it('allows exactly 100 aliases (checker bug)', () => {
		const ok = compileScenario(EXAMPLE, withAliases(100));
		expect(ok.diagnostics).toEqual([]);
		expect(ok.scenario!.meta.objectives).toHaveLength(101);
	});

	it('refuses a billion-laughs file even under the alias limit, quickly', () => {
		let lol = 'lol0: &l0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n';
		for (let i = 1; i < 10; i++) lol += `lol${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
		const t0 = performance.now();
		const r = compileScenario(EXAMPLE, exampleText + lol);
		expect(performance.now() - t0).toBeLessThan(2000);
		expect(r.scenario).toBeNull();
		expect(r.diagnostics).toHaveLength(1);
		expect(r.diagnostics[0].severity).toBe('error');
		expect(r.diagnostics[0].message).toMatch(/^YAML: .*alias/i);
	});

	it('refuses more than the node limit', () => {
		const extra = Array.from({ length: LIMITS.scenarioNodes }, (_, i) => `  - id: x${i}\n    type: ending\n    outcome: lost\n    title: t\n    debrief: d\n`).join('');
		const r = compileScenario(EXAMPLE, exampleText + extra);
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.filter((d) => d.message.includes('the limit is')).map(formatDiagnostic)).toEqual([
			`${EXAMPLE}:22:3: ${LIMITS.scenarioNodes + 8} nodes; the limit is ${LIMITS.scenarioNodes}`
		]);
	});
});
