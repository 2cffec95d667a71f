import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { compileScenario } from '../scenario/compiler';
import { reactionDefaultsFor } from '../scenario/files';
import * as d from './document';
import { scenarioTemplate } from './template';
import { editNode } from './yaml-blocks';
import { edit, keepLines, setAt } from './yaml-edit';

const reactions = reactionDefaultsFor('scenarios').defaults!;
const template = scenarioTemplate({ id: 'tpl', title: '模板', personaName: '王先生', archetype: 'angry', complaintClass: '普通', channel: 'phone', difficulty: 'easy', moodStart: 50 });
const shipped = readFileSync('scenarios/angry-caller.yaml', 'utf8');

function errors(text: string) {
	return compileScenario('tpl.yaml', text, reactions).diagnostics.filter((x) => x.severity === 'error');
}
function data(text: string) {
	return parseDocument(text).toJS();
}
/** Lines of `a` that `b` does not have at the same place, and the reverse. */
function changed(a: string, b: string) {
	const A = a.split('\n');
	const B = b.split('\n');
	return { removed: A.filter((l) => !B.includes(l)), added: B.filter((l) => !A.includes(l)) };
}
const ix = (text: string, id: string) => (data(text).nodes as { id: string }[]).findIndex((n) => n.id === id);

describe('edits keep the rest of the file byte for byte', () => {
	it('a title change on a shipped scenario changes only that line, though yaml would print `[info]` as `[ info ]`', () => {
		expect(parseDocument(shipped).toString({ lineWidth: 0 })).not.toBe(shipped); // the reason for keepLines
		const out = d.setMeta(shipped, 'title', '新标题');
		expect(changed(shipped, out)).toEqual({ removed: ['title: 翻了三倍的话费单'], added: ['title: 新标题'] });
		expect(out.split('\n').length).toBe(shipped.split('\n').length);
	});

	it('a reply edit keeps comments, blank lines and the other replies', () => {
		const out = d.setReplyField(template, 1, 0, 'mood', -10);
		expect(changed(template, out)).toEqual({
			removed: ['        mood: -15             # 负数让顾客平静，正数让顾客更生气'],
			added: ['        mood: -10             # 负数让顾客平静，正数让顾客更生气']
		});
	});

	it('new keys go in the conventional order', () => {
		const wait = ix(template, 'wait');
		const out = d.setNodeField(template, wait, 'direction', '（小声）');
		expect(Object.keys(data(out).nodes[wait])).toEqual(['id', 'type', 'direction', 'text', 'variants', 'next']);
		const reply = d.setReplyField(template, 1, 1, 'response', '哼。');
		expect(Object.keys(data(reply).nodes[1].replies[1])).toEqual(['id', 'text', 'flags', 'mood', 'feedback', 'response', 'next']);
		const summary = d.setMeta(d.setMeta(template, 'summary', undefined), 'summary', '新的概要');
		expect(Object.keys(data(summary)).slice(0, 5)).toEqual(['format', 'id', 'title', 'summary', 'class']);
		expect(summary).toContain('title: 模板\nsummary: 新的概要\nclass:');
	});

	it('an empty value removes the key; persona and mood paths reach inside', () => {
		const out = d.setNodeField(template, 1, 'prompt', '');
		expect(data(out).nodes[1].prompt).toBeUndefined();
		const p = d.setMeta(d.setMeta(template, 'persona.name', '赵女士'), ['mood', 'start'], 70);
		expect(data(p).persona.name).toBe('赵女士');
		expect(data(p).mood.start).toBe(70);
		expect(p).toContain('  start: 70   # 顾客开场时的不满程度');
		const objectives = d.setMeta(template, 'objectives', ['只留一条']);
		expect(data(objectives).objectives).toEqual(['只留一条']);
		expect(objectives).toContain('objectives:               # 学员练完应该做到的事');
		expect(d.setMeta(d.setMeta(template, 'manager.name', '刘主管'), 'manager.name', '')).toBe(template);
		expect(() => d.setMeta(template, 'nodes', [])).toThrow(/不能修改/);
	});

	it('keepLines takes untouched lines from the original and edited lines from the new printing', () => {
		const original = 'a: [x]\nb: 1   # c\nc: 2\n';
		const before = 'a: [ x ]\nb: 1 # c\nc: 2\n';
		const after = 'a: [ x ]\nb: 1 # c\nc: 3\nd: 4\n';
		expect(keepLines(original, before, after)).toBe('a: [x]\nb: 1   # c\nc: 3\nd: 4\n');
		expect(keepLines(original, before, 'a: [ x, y ]\nb: 1 # c\nc: 2\n')).toBe('a: [ x, y ]\nb: 1   # c\nc: 2\n');
	});

	it('an edit inside one node re-prints that node only, and means what a whole-document edit means', () => {
		const changes: ((doc: import('yaml').Document) => void)[] = [
			(doc) => setAt(doc, ['nodes', 1, 'replies', 0, 'moves', 'info'], 2),
			(doc) => setAt(doc, ['nodes', 1, 'replies', 0, 'flags'], { blame: 1 }),
			(doc) => setAt(doc, ['nodes', 1, 'prompt'], undefined),
			(doc) => setAt(doc, ['nodes', 1, 'replies', 1, 'text'], '两行\n文字')
		];
		for (const change of changes) {
			const local = editNode(shipped, 1, change)!;
			expect(local).not.toBeNull();
			expect(data(local)).toEqual(data(edit(shipped, change)));
			const [a, b] = [shipped.split('\n'), local.split('\n')];
			const from = shipped.indexOf('  - id: opening');
			const line = shipped.slice(0, from).split('\n').length - 1;
			expect(b.slice(0, line)).toEqual(a.slice(0, line));
			const after = a.findIndex((l, i) => i > line && l.startsWith('  - id: '));
			expect(b.slice(b.length - (a.length - after))).toEqual(a.slice(after));
		}
	});

	it('an empty document takes meta fields and a first node', () => {
		const t = d.addNode(d.setMeta('', 'title', '新的'), 'line', -1);
		expect(data(t)).toEqual({ title: '新的', nodes: [{ id: 'line-1', type: 'line', speaker: 'customer', text: d.PLACEHOLDER.line }] });
	});

	it('text that does not parse is refused with a Chinese message', () => {
		expect(() => d.setMeta('title: [\n', 'title', 'x')).toThrow(/第 \d+ 行有 YAML 语法错误/);
		expect(() => d.setNodeField(template, 99, 'text', 'x')).toThrow(/第 100 个节点不存在/);
	});
});

describe('nodes', () => {
	it('addNode after a line links the new node in; every kind compiles', () => {
		for (const kind of ['line', 'decision', 'route'] as const) {
			const out = d.addNode(template, kind, 0);
			const nodes = data(out).nodes;
			expect(nodes[1].type).toBe(kind);
			expect(nodes[0].next).toBe(nodes[1].id);
			expect(errors(out)).toEqual([]);
		}
		const ending = d.addNode(template, 'ending', ix(template, 'end-lost'));
		expect(data(ending).nodes.at(-1)).toMatchObject({ id: 'end-1', type: 'ending', outcome: 'resolved' });
		expect(errors(ending).map((e) => e.message)).toEqual(['node "end-1" can never be reached from the start ("open")']);
		expect(d.addNode(d.addNode(template, 'line', 0), 'line', 0)).toContain('id: line-2');
		expect(d.freshNodeId(template, 'decision')).toBe('decision-1');
	});

	it('moveNode reorders, keeps blank lines between nodes and keeps the start', () => {
		const out = d.moveNode(template, 0, 2);
		expect(data(out).nodes.map((n: { id: string }) => n.id).slice(0, 3)).toEqual(['first', 'check', 'open']);
		expect(data(out).start).toBe('open');
		expect(errors(out)).toEqual([]);
		expect(out).toMatch(/next: first\n\n {2}- id: ask/);
		expect(d.moveNode(out, 2, 0).replace('start: open\n', '')).toBe(template);
		expect(() => d.moveNode(template, 0, 50)).toThrow(/无法移动/);
	});

	it('adding and duplicating on a shipped file leave every other line as it was', () => {
		const added = d.addNode(shipped, 'line', 0);
		expect(changed(shipped, added).removed).toEqual([]);
		expect(added.split('\n').length - shipped.split('\n').length).toBe(6);
		expect(added).toContain('    next: line-1\n\n  - id: line-1\n    type: line\n    speaker: customer\n    text: （在这里写这句台词）\n    next: opening\n\n  - id: opening');
		const dup = d.duplicateNode(shipped, 1);
		expect(changed(shipped, dup).removed).toEqual([]);
		expect(data(dup).nodes[2]).toEqual({ ...data(shipped).nodes[1], id: 'opening-copy' });
		expect(compileScenario('angry-caller.yaml', d.addNode(shipped, 'decision', 0), reactions).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
	});

	it('renaming and deleting on a shipped file touch only the lines that name the node', () => {
		const renamed = d.renameNode(shipped, 'opening', 'hello');
		const r = changed(shipped, renamed);
		expect(r.added.length).toBeGreaterThan(1);
		expect(r.added.every((l) => /\bhello\b/.test(l))).toBe(true);
		expect(r.removed.map((l) => l.replace(/\bopening\b/g, 'hello'))).toEqual(r.added);
		expect(compileScenario('angry-caller.yaml', renamed, reactions).diagnostics).toEqual([]);
		const lineIndex = (data(shipped).nodes as { type: string; id: string }[]).findIndex((n, i) => i > 0 && n.type === 'line');
		const line = data(shipped).nodes[lineIndex] as { id: string; next: string };
		const deleted = d.deleteNode(shipped, lineIndex);
		const del = changed(shipped, deleted);
		expect(del.added.every((l) => l.includes(line.next))).toBe(true);
		expect(deleted).not.toMatch(new RegExp(`: ${line.id}$`, 'm'));
		expect(compileScenario('angry-caller.yaml', deleted, reactions).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
	});

	it('moving a node in the middle moves its lines and comments only', () => {
		const ask = ix(template, 'ask');
		const out = d.moveNode(template, ask, ask + 1);
		expect(data(out).nodes.map((n: { id: string }) => n.id).slice(ask, ask + 2)).toEqual(['wait', 'ask']);
		expect(out.split('\n').sort()).toEqual(template.split('\n').sort());
		expect(d.moveNode(out, ask + 1, ask)).toBe(template);
		const caller = d.moveNode(shipped, 5, 9);
		expect(caller.split('\n').sort()).toEqual(shipped.split('\n').sort());
		expect(compileScenario('angry-caller.yaml', caller, reactions).diagnostics).toEqual(compileScenario('angry-caller.yaml', shipped, reactions).diagnostics.map((x) => ({ ...x, line: expect.any(Number) })));
	});

	it('duplicateNode copies with a new id; deleteNode splices a line out of the flow', () => {
		const dup = d.duplicateNode(template, 1);
		expect(data(dup).nodes[2]).toMatchObject({ id: 'first-copy', type: 'decision' });
		expect(errors(dup).map((e) => e.message)).toEqual(['node "first-copy" can never be reached from the start ("open")']);
		expect(data(d.duplicateNode(dup, 1)).nodes[2].id).toBe('first-copy-2');
		const del = d.deleteNode(template, ix(template, 'wait'));
		expect(data(del).nodes[ix(template, 'ask')].replies[0].next).toBe('end-ok');
		expect(errors(del)).toEqual([]);
		const first = d.deleteNode(template, 0);
		expect(data(first).nodes[0].id).toBe('first');
		expect(errors(first)).toEqual([]);
	});

	it('renameNode updates every reference, replies’ conditions included', () => {
		const withChose = d.setVariantField(template, ix(template, 'wait'), 0, 'when.chose', 'ask.plan');
		const out = d.renameNode(withChose, 'ask', 'offer');
		const text = out;
		expect(text).not.toMatch(/\bask\b(?![-.]plan)/);
		const nodes = data(out).nodes;
		expect(nodes[1].replies[0].next).toBe('offer');
		expect(nodes[2].otherwise).toBe('offer');
		expect(nodes[4].variants[0].when.chose).toBe('offer.plan');
		expect(errors(out)).toEqual([]);
		const start = d.renameNode(d.setMeta(template, 'start', 'open'), 'open', 'hello');
		expect(data(start).start).toBe('hello');
		expect(() => d.renameNode(template, 'ask', 'first')).toThrow(/已经有/);
		expect(() => d.renameNode(template, 'ask', 'bad id')).toThrow(/不合规/);
		expect(() => d.renameNode(template, 'nope', 'x')).toThrow(/找不到/);
	});
});

describe('replies, codes, variants and routes', () => {
	it('adds, duplicates, moves and removes replies', () => {
		let t = d.addReply(template, 1);
		expect(data(t).nodes[1].replies[2]).toMatchObject({ id: 'reply-1', mood: 0, next: 'ask' });
		expect(errors(t)).toEqual([]);
		t = d.duplicateReply(t, 1, 0);
		expect(data(t).nodes[1].replies.map((r: { id: string }) => r.id)).toEqual(['calm', 'calm-copy', 'excuse', 'reply-1']);
		t = d.moveReply(t, 1, 3, 0);
		expect(data(t).nodes[1].replies[0].id).toBe('reply-1');
		t = d.removeReply(d.removeReply(t, 1, 0), 1, 0);
		expect(data(t).nodes[1].replies.map((r: { id: string }) => r.id)).toEqual(['calm-copy', 'excuse']);
		expect(errors(t)).toEqual([]);
	});

	it('renaming a reply rewrites the conditions that name it', () => {
		const wait = ix(template, 'wait');
		const t = d.setVariantField(template, wait, 0, ['when', 'chose'], 'ask.plan');
		const out = d.setReplyField(t, ix(t, 'ask'), 0, 'id', 'offer');
		expect(data(out).nodes[wait].variants[0].when.chose).toBe('ask.offer');
		expect(errors(out)).toEqual([]);
		expect(() => d.setReplyField(t, ix(t, 'ask'), 0, 'id', 'vague')).toThrow(/已经有/);
	});

	it('setReplyCode writes the map form, turns a list into a map, and removes an emptied set', () => {
		const list = shipped; // angry-caller: opening.system-accurate has `moves: { listen: 1 }`; probe.* use lists
		const probe = (data(list).nodes as { replies?: { moves?: unknown }[] }[]).findIndex((n) => n.replies?.some((r) => Array.isArray(r.moves)));
		const r = (data(list).nodes[probe].replies as { moves?: unknown }[]).findIndex((x) => Array.isArray(x.moves));
		const before = data(list).nodes[probe].replies[r].moves as string[];
		const out = d.setReplyCode(list, probe, r, 'moves', 'empathy', 2);
		expect(data(out).nodes[probe].replies[r].moves).toEqual({ ...Object.fromEntries(before.map((c) => [c, 1])), empathy: 2 });
		expect(changed(list, out).added).toHaveLength(1);
		let t = d.setReplyCode(template, 1, 0, 'moves', 'apology', 3);
		expect(t).toContain('moves: { apology: 3, empathy: 1 }');
		t = d.setReplyCode(t, 1, 0, 'moves', 'info', 1);
		expect(t).toContain('moves: { info: 1, apology: 3, empathy: 1 }');
		t = d.setReplyCode(d.setReplyCode(d.setReplyCode(t, 1, 0, 'moves', 'apology', null), 1, 0, 'moves', 'empathy', null), 1, 0, 'moves', 'info', null);
		expect(data(t).nodes[1].replies[0].moves).toBeUndefined();
		t = d.setReplyCode(t, 1, 0, 'flags', 'blame', 1);
		expect(t).toMatch(/text: .*\n {8}flags: \{ blame: 1 \}\n {8}mood: -15/);
		expect(errors(t)).toEqual([]);
		expect(() => d.setReplyCode(template, 1, 0, 'moves', 'blame', 1)).toThrow(/不是动作代码/);
		expect(() => d.setReplyCode(template, 1, 0, 'flags', 'blame', 4)).toThrow(/权重/);
	});

	it('variants: add, set a condition, move, remove (the last takes the key)', () => {
		const open = 0;
		let t = d.addVariant(template, open);
		expect(data(t).nodes[0].variants).toEqual([{ when: { moodAtLeast: 'complaint' }, text: d.PLACEHOLDER.line }]);
		expect(t).toContain('      - when: { moodAtLeast: complaint }');
		expect(Object.keys(data(t).nodes[0])).toEqual(['id', 'type', 'speaker', 'direction', 'text', 'variants', 'next']);
		t = d.setVariantField(t, open, 0, 'when.moodAtLeast', undefined);
		t = d.setVariantField(t, open, 0, 'when.moodBelow', 30);
		expect(data(t).nodes[0].variants[0].when).toEqual({ moodBelow: 30 });
		t = d.addVariant(t, open, { when: { moved: 'info' }, text: '第二条' });
		t = d.moveVariant(t, open, 1, 0);
		expect(data(t).nodes[0].variants[0].text).toBe('第二条');
		expect(errors(t)).toEqual([]);
		t = d.removeVariant(d.removeVariant(t, open, 0), open, 0);
		expect(t).toBe(template);
	});

	it('routes: add before otherwise, set, move, remove', () => {
		const check = ix(template, 'check');
		let t = d.addRoute(template, check);
		expect(data(t).nodes[check].routes[1]).toEqual({ when: { moodAtLeast: 'complaint' }, next: 'ask' });
		t = d.setRouteField(t, check, 1, 'next', 'end-ok');
		t = d.setRouteField(t, check, 1, ['when', 'chose'], 'first.excuse');
		t = d.moveRoute(t, check, 1, 0);
		expect(data(t).nodes[check].routes[0]).toEqual({ when: { moodAtLeast: 'complaint', chose: 'first.excuse' }, next: 'end-ok' });
		expect(errors(t)).toEqual([]);
		expect(d.removeRoute(t, check, 0)).toBe(template);
	});
});

describe('every edit of the template still validates', () => {
	const ops: [string, (t: string) => string][] = [
		['setMeta', (t) => d.setMeta(t, 'difficulty', 'hard')],
		['setNodeField', (t) => d.setNodeField(t, 0, 'text', '新台词')],
		['addNode', (t) => d.addNode(t, 'decision', 0)],
		['moveNode', (t) => d.moveNode(t, 3, 1)],
		['duplicateNode', (t) => d.duplicateNode(t, 3)],
		['deleteNode', (t) => d.deleteNode(t, 4)],
		['renameNode', (t) => d.renameNode(t, 'check', 'mood-gate')],
		['addReply', (t) => d.addReply(t, 3)],
		['setReplyCode', (t) => d.setReplyCode(t, 3, 1, 'flags', 'informal', 2)],
		['addVariant', (t) => d.addVariant(t, 0)],
		['addRoute', (t) => d.addRoute(t, 2)]
	];
	for (const [name, op] of ops)
		it(name, () => {
			const out = op(template);
			const result = compileScenario('tpl.yaml', out, reactions);
			expect(result.source, JSON.stringify(result.diagnostics)).not.toBeNull();
			expect(result.diagnostics.filter((x) => x.severity === 'error' && !/can never be reached/.test(x.message))).toEqual([]);
			const comments = (t: string) => t.split('\n').filter((l) => l.trim().startsWith('#'));
			if (name === 'deleteNode') expect(template.split('\n')).toEqual(expect.arrayContaining(comments(out)));
			else expect(comments(out)).toEqual(comments(template));
		});
});
