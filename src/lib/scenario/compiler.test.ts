// The checker's diagnostics, pinned file by file against tests/fixtures/broken/, and the shape of
// what the compiler produces for a valid scenario.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { compileScenario, LIMITS } from './compiler';
import { checkFile, checkText } from './files';
import { formatDiagnostic } from './types';

const BROKEN = 'tests/fixtures/broken';
const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const exampleText = readFileSync(EXAMPLE, 'utf8');

/** Runs fn, failing instead of hanging when it does not return within ms (a vm timeout can stop a sync loop). */
function finishing<T>(fn: () => T, ms = 10_000): T {
	try {
		return runInNewContext('run()', { run: fn }, { timeout: ms }) as T;
	} catch (e) {
		if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Error(`the checker did not finish within ${ms} ms`);
		throw e;
	}
}
function check(name: string) {
	return finishing(() => checkFile(join(BROKEN, `${name}.yaml`), `${BROKEN}/${name}.yaml`));
}
function messages(name: string): string[] {
	return check(name).diagnostics.map(formatDiagnostic);
}
const f = (name: string) => `${BROKEN}/${name}.yaml`;

/** Every diagnostic, in order, exactly as `npm run scenarios:check` prints it. */
const pinned: Record<string, string[]> = {
	'yaml-syntax-error': [`${f('yaml-syntax-error')}:19:11: YAML: Nested mappings are not allowed in compact mappings`],
	'yaml-unclosed-quote': [`${f('yaml-unclosed-quote')}:19:11: YAML: this quoted string is never closed (missing closing ")`],
	'yaml-unclosed-single-quote': [`${f('yaml-unclosed-single-quote')}:19:11: YAML: this quoted string is never closed (missing closing ')`],
	'yaml-missing-colon': [`${f('yaml-missing-colon')}:20:5: YAML: missing ":" in "next end" (each field is written key: value)`],
	'yaml-missing-colon-after-quote': [`${f('yaml-missing-colon-after-quote')}:20:5: YAML: missing ":" in "next end" (each field is written key: value)`],
	'yaml-missing-colon-blank-first-line': [`${f('yaml-missing-colon-blank-first-line')}:21:5: YAML: missing ":" in "next end" (each field is written key: value)`],
	'yaml-duplicate-key': [`${f('yaml-duplicate-key')}:22:5: YAML: duplicate key "text" (first at line 19)`],
	'undefined-alias': [`${f('undefined-alias')}:19:11: YAML: alias *greeting refers to no anchor (define it first with &greeting)`],
	empty: [`${f('empty')}:1:1: a scenario file must be a YAML map of fields (format, id, title, …, nodes)`],
	'not-a-map': [`${f('not-a-map')}:2:1: a scenario file must be a YAML map of fields (format, id, title, …, nodes)`],
	'unknown-field-top': [`${f('unknown-field-top')}:9:1: unknown field "author"`],
	'unknown-field-reply': [`${f('unknown-field-reply')}:24:9: node "d1" › reply "a": unknown field "score"`],
	'missing-field': [`${f('missing-field')}:20:9: node "d1" › reply "a": missing required field "feedback"`],
	'missing-title': [`${f('missing-title')}:1:1: missing required field "title"`],
	'route-missing-otherwise': [`${f('route-missing-otherwise')}:17:5: node "check": missing required field "otherwise"`],
	'wrong-type': [`${f('wrong-type')}:8:10: minutes: Invalid input: expected number, received string`],
	'unknown-node-type': [`${f('unknown-node-type')}:18:11: node "open" › type: each node needs a type: line, decision, route or ending`],
	'unknown-move': [
		`${f('unknown-move')}:22:23: node "d1" › reply "a" › moves item #2: unknown move code "smile"; expected one of info, demand, listen, propose, promise, confirm, empathy, apology, thanks`
	],
	'unknown-flag': [
		`${f('unknown-flag')}:27:28: node "d1" › reply "b" › flags: unknown flag code "rude"; expected one of argue, blame, lecture, dismiss, overpromise, informal`
	],
	'unknown-flag-condition': [
		`${f('unknown-flag-condition')}:33:26: node "check" › route #1 › when › flagged: unknown flag code "rude"; expected one of argue, blame, lecture, dismiss, overpromise, informal`
	],
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
		`${f('no-ending-node')}:17:9: loop with no way out: "d1" → "d1" never reaches an ending`
	],
	'no-ending-reachable': [
		`${f('no-ending-reachable')}:30:9: no ending can be reached from node "hold"`,
		`${f('no-ending-reachable')}:35:9: loop with no way out: "dead-end" → "dead-end" never reaches an ending`
	],
	'loop-no-way-out': [`${f('loop-no-way-out')}:30:9: loop with no way out: "ask" → "repeat" → "ask" never reaches an ending`],
	// hub → left → hub and hub → right → hub: the walk names only edges the file has.
	'loop-star': [`${f('loop-star')}:30:9: loop with no way out: "hub" → "left" → "hub" → "right" → "hub" never reaches an ending`],
	'loop-without-decision': [
		`${f('loop-without-decision')}:17:9: loop without a decision: "open" → "check" → "open" would repeat forever, since nothing changes the state`
	],
	'decision-one-reply': [`${f('decision-one-reply')}:20:7: node "d1" › replies: a decision needs at least 2 replies`],
	'decision-five-replies': [`${f('decision-five-replies')}:20:7: node "d1" › replies: a decision offers at most 4 replies`],
	'mood-start-out-of-range': [`${f('mood-start-out-of-range')}:15:10: mood › start: mood must be between 0 and 100`],
	'reply-mood-out-of-range': [`${f('reply-mood-out-of-range')}:22:15: node "d1" › reply "a" › mood: mood change must be between -100 and 100`],
	'id-mismatch': [`${f('id-mismatch')}:2:5: id "late-parcel-copy" must match the file name "id-mismatch.yaml"`],
	'too-many-aliases': [`${f('too-many-aliases')}:1:1: file uses 110 YAML aliases; the limit is 100`],
	'many-errors': [
		`${f('many-errors')}:6:10: channel: Invalid option: expected one of "phone"|"chat"|"counter"|"written"`,
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

describe('broken scenario corpus', () => {
	it('pins every file in the corpus, and only those', () => {
		const files = readdirSync(BROKEN)
			.filter((n) => n.endsWith('.yaml'))
			.map((n) => n.replace(/\.yaml$/, ''))
			.sort();
		expect(files).toEqual(Object.keys(pinned).sort());
		expect(files.length).toBeGreaterThanOrEqual(16);
	});

	it.each(Object.keys(pinned))('%s.yaml', (name) => {
		expect(messages(name)).toEqual(pinned[name]);
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

describe("a scenario's own id", () => {
	it('is lower-case letters, digits and "-": it names the scenario in URLs, data files and stored attempts', () => {
		const r = compileScenario('x.yaml', exampleText.replace('id: example-late-parcel', 'id: Late_Parcel'));
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.map((d) => [d.line, d.message])).toContainEqual([3, expect.stringContaining('lower-case')]);
	});
});

describe('the valid example', () => {
	it('is the complete example of docs/scenario-format.md, verbatim', () => {
		const doc = readFileSync('docs/scenario-format.md', 'utf8');
		const block = /## Complete annotated example\n\n```yaml\n([\s\S]*?)```/.exec(doc);
		expect(block, 'docs/scenario-format.md has a "Complete annotated example" yaml block').not.toBeNull();
		expect(exampleText).toBe(block![1]);
	});

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
			summary: '顾客的生日礼物没按时送到，电话里已经很不耐烦。',
			class: '普通',
			channel: 'phone',
			difficulty: 'easy',
			minutes: 5,
			persona: { name: '周女士', archetype: 'anxious', description: '第一次网购送礼，很在意时间。' },
			manager: { name: '刘主管' },
			objectives: ['先安抚情绪再谈方案'],
			tags: ['物流', '入门']
		});
		expect(Object.keys(s.nodes)).toEqual([
			'open', 'd1', 'check', 'manager-in', 'd2', 'wrap', 'end-ok', 'end-escalated',
			// The over-the-top rule (over-the-top.ts): a guard in front of each reply's target, a line, an ending.
			'~top>d2', '~top>check', '~top>wrap', '~over-the-top', '~over-the-top-end'
		]);
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
		expect(d1.prompt).toBe('顾客第一次开口，你先说什么？');
		expect('prompt' in d2).toBe(false);
		expect(d1.replies[0].response).toBe('嗯，你快点查。');
		expect('response' in d1.replies[1]).toBe(false);
	});

	it('resolves mood stage names to numbers and lists single references', () => {
		expect(s.nodes.check).toEqual({ type: 'route', id: 'check', routes: [{ when: { moodAtLeast: 84 }, next: 'manager-in' }], otherwise: 'd2' });
		expect(s.nodes.wrap).toEqual({
			type: 'line',
			id: 'wrap',
			speaker: 'customer',
			text: '好吧，那我等你们消息。',
			variants: [{ when: { chose: ['d2.promise-all'] }, text: '你说的今天一定到，要是没到我还找你！' }],
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
		const changedText = exampleText.replace('好吧，那我等你们消息。', '好吧,那我等你们的消息。');
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

	it('allows exactly 100 aliases', () => {
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
			`${EXAMPLE}:25:3: ${LIMITS.scenarioNodes + 8} nodes; the limit is ${LIMITS.scenarioNodes}`
		]);
	});
});

describe('move and flag codes in conditions', () => {
	const when = (w: string) =>
		compileScenario(EXAMPLE, exampleText.replace('when: { moodAtLeast: escalated }', `when: ${w}`)).diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
	const flags = 'argue, blame, lecture, dismiss, overpromise, informal';
	const moves = 'info, demand, listen, propose, promise, confirm, empathy, apology, thanks';

	it('names the unknown code and the valid ones, in every form', () => {
		expect(when('{ flagged: [blame, rude] }')).toEqual([`51:34: node "check" › route #1 › when › flagged item #2: unknown flag code "rude"; expected one of ${flags}`]);
		expect(when('{ moved: smile }')).toEqual([`51:24: node "check" › route #1 › when › moved: unknown move code "smile"; expected one of ${moves}`]);
		expect(when('{ moved: [smile] }')).toEqual([`51:25: node "check" › route #1 › when › moved item #1: unknown move code "smile"; expected one of ${moves}`]);
	});

	it('says what is expected when the value is not a code', () => {
		expect(when('{ flagged: [] }')).toEqual([`51:26: node "check" › route #1 › when › flagged: the list is empty; name at least one flag code: ${flags}`]);
		expect(when('{ flagged: 3 }')).toEqual([`51:26: node "check" › route #1 › when › flagged: expected a flag code or a list of them, from ${flags}`]);
		expect(when('{ moved: [3] }')).toEqual([`51:25: node "check" › route #1 › when › moved item #1: expected a move code, one of ${moves}`]);
	});
});

describe('hostile files are refused cleanly, without hanging', () => {
	const lines = (ds: { line: number; col: number; message: string }[]) => ds.map((d) => `${d.line}:${d.col}: ${d.message}`);

	it('refuses [ { nesting past the limit before parsing, and accepts it up to the limit', () => {
		// yaml recurses per level: 2 MiB of "[" took over a minute here.
		const r = finishing(() => compileScenario(EXAMPLE, `x: ${'['.repeat(LIMITS.bytes - 10)}`));
		expect(lines(r.diagnostics)).toEqual([`1:${4 + LIMITS.flowDepth}: YAML: [ ] and { } nested more than ${LIMITS.flowDepth} levels deep`]);
		const deep = (n: number) => exampleText.replace('tags: [物流, 入门]', `tags: ${'['.repeat(n - 1)}{ a: 物流 }${']'.repeat(n - 1)}`);
		expect(lines(compileScenario(EXAMPLE, deep(LIMITS.flowDepth)).diagnostics)).toEqual(['18:8: tags item #1: Invalid input: expected string, received array']);
		expect(lines(compileScenario(EXAMPLE, deep(LIMITS.flowDepth + 1)).diagnostics)).toEqual([`18:${7 + LIMITS.flowDepth}: YAML: [ ] and { } nested more than ${LIMITS.flowDepth} levels deep`]);
	});

	it('refuses a file with more YAML nodes than the limit before building them', () => {
		const r = finishing(() => compileScenario(EXAMPLE, 'nodes:\n' + '  - 1\n'.repeat(LIMITS.yamlNodes + 1)));
		expect(lines(r.diagnostics)).toEqual([`1:1: file has more than ${LIMITS.yamlNodes} YAML nodes`]);
	});

	// The guards below stop a hang, not a slow run: they are far above the time these take now.
	const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n');
	const exampleLines = exampleText.split('\n').length;

	it('finds duplicate keys in one pass over a map of 80,000 keys', { timeout: 150_000 }, () => {
		// yaml's own duplicate-key check is quadratic: 40,000 keys took 25 s here, 80,000 four times that.
		const r = finishing(() => compileScenario(EXAMPLE, `${exampleText}${keys(80_000)}\nk7: again\n`), 60_000);
		expect(lines(r.diagnostics)).toEqual([`${exampleLines + 80_000}:1: YAML: duplicate key "k7" (first at line ${exampleLines + 7})`]);
	});

	it('locates 40,000 unknown fields in linear time, and lists a bounded number of them', { timeout: 150_000 }, () => {
		// Each location used to search its map from the start: minutes for 50,000 unknown fields.
		const r = finishing(() => compileScenario(EXAMPLE, `${exampleText}${keys(40_000)}\n`), 60_000);
		expect(r.diagnostics).toHaveLength(LIMITS.diagnostics + 1);
		expect(lines(r.diagnostics.slice(0, 2))).toEqual([`${exampleLines}:1: unknown field "k0"`, `${exampleLines + 1}:1: unknown field "k1"`]);
		expect(r.diagnostics.at(-1)).toMatchObject({
			line: exampleLines + LIMITS.diagnostics,
			message: `${40_000 - LIMITS.diagnostics} more problems not listed; fix the ones above first`
		});
	});

	it('lists a bounded number of YAML errors', { timeout: 150_000 }, () => {
		const r = finishing(() => compileScenario(EXAMPLE, "a: '\n".repeat(50_000)), 60_000);
		expect(r.diagnostics).toHaveLength(LIMITS.diagnostics + 1);
		expect(r.diagnostics[0]).toMatchObject({ line: 1, col: 4, message: "YAML: this quoted string is never closed (missing closing ')" });
		expect(r.diagnostics.at(-1)!.message).toMatch(/^\d+ more problems not listed; fix the ones above first$/);
	});

	it('does not turn YAML 1.1 tags into binary data, sets or dates', () => {
		expect(lines(compileScenario(EXAMPLE, '!!binary aGVsbG8=\n').diagnostics)).toEqual(['1:10: a scenario file must be a YAML map of fields (format, id, title, …, nodes)']);
		const r = compileScenario(EXAMPLE, exampleText.replace('title: 包裹迟到三天', 'title: !!binary 5YyF6KO5'));
		expect(r.diagnostics).toEqual([]);
		expect(r.scenario!.meta.title).toBe('5YyF6KO5');
	});
});
