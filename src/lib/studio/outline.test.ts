import { describe, expect, it } from 'vitest';
import { compileScenario } from '../scenario/compiler';
import { reactionDefaultsFor } from '../scenario/files';
import { setNodeField, setReplyField } from './document';
import { fieldAt, outlineOf, placeDiagnostics } from './outline';
import { scenarioTemplate } from './template';

const template = scenarioTemplate({ id: 'tpl', title: '模板', personaName: '王先生', archetype: 'angry', complaintClass: '普通', channel: 'phone', difficulty: 'easy', moodStart: 50 });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('outlineOf', () => {
	it('reads meta, every kind of node, replies with codes in either form, and their lines', () => {
		const o = outlineOf(template);
		if (!o.ok) throw new Error(o.message);
		expect(o.meta).toMatchObject({ id: 'tpl', title: '模板', persona: { name: '王先生', archetype: 'angry' }, moodStart: 50, class: '普通' });
		expect(o.meta.objectives).toHaveLength(2);
		expect(o.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual(['line:open', 'decision:first', 'route:check', 'decision:ask', 'line:wait', 'ending:end-ok', 'ending:end-lost']);
		const first = o.nodes[1];
		if (first.kind !== 'decision') throw new Error();
		expect(first.replies[0]).toMatchObject({ id: 'calm', moves: { apology: 2, empathy: 1 }, flags: {}, mood: -15, next: 'ask', response: '行，那你赶紧看。' });
		expect(first.lines.from).toBe(lineOf(template, 'id: first'));
		expect(first.replies[1].lines).toEqual({ from: lineOf(template, 'id: excuse'), to: lineOf(template, 'next: check') });
		expect(first.fields.prompt).toBe(lineOf(template, 'prompt: 顾客一开口'));
		const wait = o.nodes[4];
		if (wait.kind !== 'line') throw new Error();
		expect(wait.variants[0].when).toEqual({ moodAtLeast: 'complaint' });
		const check = o.nodes[2];
		if (check.kind !== 'route') throw new Error();
		expect(check).toMatchObject({ otherwise: 'ask', routes: [{ when: { moodAtLeast: 'escalated' }, next: 'end-lost' }] });
		const list = outlineOf('nodes:\n  - id: d\n    type: decision\n    replies:\n      - id: a\n        moves: [info, listen]\n');
		if (!list.ok || list.nodes[0].kind !== 'decision') throw new Error();
		expect(list.nodes[0].replies[0].moves).toEqual({ info: 1, listen: 1 });
	});

	it('is tolerant of missing and mistyped fields, and keys repeated ids apart', () => {
		const o = outlineOf('title: 3\nnodes:\n  - id: a\n    type: line\n  - id: a\n    type: nonsense\n  - text: 没有 id\n');
		if (!o.ok) throw new Error(o.message);
		expect(o.meta.title).toBe('3');
		expect(o.meta.objectives).toEqual([]);
		expect(o.nodes.map((n) => [n.kind, n.key])).toEqual([['line', 'a'], ['unknown', 'a#1'], ['unknown', '#2']]);
		expect(outlineOf('').ok).toBe(true);
	});

	it('reports a syntax error with its line', () => {
		expect(outlineOf('title: a\nnodes: [\n')).toMatchObject({ ok: false, line: expect.any(Number) });
		const bad = outlineOf('title: a\nsummary: "never closed\n');
		expect(bad.ok).toBe(false);
	});

	it('keeps the objects of nodes an edit did not touch', () => {
		const a = outlineOf(template);
		const b = outlineOf(setNodeField(template, 0, 'text', '改过的台词'));
		if (!a.ok || !b.ok) throw new Error();
		expect(b.nodes[0]).not.toBe(a.nodes[0]);
		expect(b.nodes.slice(1)).toEqual(a.nodes.slice(1));
		b.nodes.slice(1).forEach((n, i) => expect(n).toBe(a.nodes[i + 1]));
	});
});

describe('placeDiagnostics', () => {
	it('puts each diagnostic on the reply, node or meta card whose lines contain it, and on its field', () => {
		const broken = setReplyField(setNodeField(template, 0, 'next', 'nowhere'), 1, 1, 'next', 'gone');
		const diagnostics = compileScenario('tpl.yaml', broken.replace('difficulty: easy', 'difficulty: extreme'), reactionDefaultsFor('scenarios').defaults!).diagnostics;
		const text = broken.replace('difficulty: easy', 'difficulty: extreme');
		const o = outlineOf(text);
		if (!o.ok) throw new Error();
		expect(diagnostics.length).toBeGreaterThan(0);
		const placed = placeDiagnostics(o.nodes, o.meta, diagnostics);
		expect(placed.meta.map((d) => d.line)).toEqual([lineOf(text, 'difficulty: extreme')]);
		expect(fieldAt(o.meta.fields, placed.meta[0].line)).toBe('difficulty');
		const compiled = compileScenario('tpl.yaml', broken, reactionDefaultsFor('scenarios').defaults!).diagnostics;
		const p2 = placeDiagnostics(o.nodes, o.meta, compiled);
		expect(p2.nodes.get(0)?.map((d) => fieldAt(o.nodes[0].fields, d.line))).toContain('next');
		expect(p2.replies.get('1.1')?.length).toBe(1);
		const first = o.nodes[1];
		if (first.kind !== 'decision') throw new Error();
		expect(fieldAt(first.replies[1].fields, p2.replies.get('1.1')![0].line)).toBe('next');
	});
});
