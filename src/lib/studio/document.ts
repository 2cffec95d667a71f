// The studio document model: edits of a scenario's YAML text, each `(text, …) => text`. Both
// editors edit the same text; these functions change only what they are asked to and keep comments,
// key order and the bytes of every other line (yaml-edit.ts). Impossible edits throw an Error whose
// message is Chinese, for the author. Replies, variants and routes: document-parts.ts.
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { dashIndent, editNode, itemBlocks, itemText, joinBlocks, splice, usualGap } from './yaml-blocks';
import { edit, nodeAt, pairOf, parseText, seqAt, setAt, spliceScalar, type Path } from './yaml-edit';

export type { Path } from './yaml-edit';
export * from './document-parts';

export type NodeKind = 'line' | 'decision' | 'route' | 'ending';
export const NODE_KINDS: readonly NodeKind[] = ['line', 'decision', 'route', 'ending'];

/** A node or reply id the format accepts. */
export const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Meta fields the outline edits (a path inside the file's top map). */
const META_KEYS = new Set(['id', 'title', 'summary', 'class', 'channel', 'difficulty', 'minutes', 'persona', 'manager', 'objectives', 'tags', 'responseTime', 'mood', 'start']);

function toPath(key: string | Path): Path {
	return typeof key === 'string' ? key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : key;
}

/** Sets a scenario field outside `nodes` (`title`, `persona.name`, `mood.start`, `objectives`, …); an empty value removes it. */
export function setMeta(text: string, key: string | Path, value: unknown): string {
	const path = toPath(key);
	if (!META_KEYS.has(String(path[0]))) throw new Error(`大纲编辑器不能修改字段“${path.join('.')}”。`);
	return spliceScalar(text, path, value) ?? edit(text, (doc) => {
		setAt(doc, path, value);
		// A manager without a name is no manager.
		const manager = nodeAt(doc, ['manager']);
		if (path[0] === 'manager' && isMap(manager) && manager.items.length === 0) setAt(doc, ['manager'], undefined);
	});
}

// ---------------------------------------------------------------------------------------------
// Nodes

export function nodesOf(doc: Document): YAMLSeq {
	return seqAt(doc, ['nodes'], '节点列表（nodes）');
}

export function nodeMapAt(doc: Document, index: number): YAMLMap {
	const item = nodesOf(doc).items[index];
	if (!isMap(item)) throw new Error(`第 ${index + 1} 个节点不存在。`);
	return item;
}

export function idOf(node: unknown): string | undefined {
	if (!isMap(node)) return undefined;
	const v = pairOf(node, 'id')?.value;
	return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

function str(node: YAMLMap, key: string): string | undefined {
	const v = pairOf(node, key)?.value;
	return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

export function nodeIds(doc: Document): string[] {
	const nodes = nodeAt(doc, ['nodes']);
	return isSeq(nodes) ? nodes.items.map(idOf).filter((id): id is string => id !== undefined) : [];
}

const PREFIX: Record<NodeKind, string> = { line: 'line', decision: 'decision', route: 'route', ending: 'end' };

/** The first `<prefix>-<n>` that is not taken. */
export function freshId(taken: Iterable<string>, prefix: string): string {
	const used = new Set(taken);
	for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** The id addNode would give a new node of this kind. */
export function freshNodeId(text: string, kind: NodeKind): string {
	let id = '';
	edit(text, (doc) => void (id = freshId(nodeIds(doc), PREFIX[kind])));
	return id;
}

/** Placeholder texts of new nodes and replies: valid, and plainly waiting to be rewritten. */
export const PLACEHOLDER = {
	line: '（在这里写这句台词）',
	prompt: '（给学员的提示，可以不写）',
	reply: '（学员可以选择的回复）',
	feedback: '（为什么这样回复好，或者不好）',
	endingTitle: '（结局标题）',
	debrief: '（结局点评：这次处理得怎么样）'
} as const;

export function newReply(id: string, next: string | undefined): Record<string, unknown> {
	return { id, text: PLACEHOLDER.reply, mood: 0, feedback: PLACEHOLDER.feedback, ...(next ? { next } : {}) };
}

function newNode(kind: NodeKind, id: string, next: string | undefined): Record<string, unknown> {
	const to = next ? { next } : {};
	switch (kind) {
		case 'line':
			return { id, type: 'line', speaker: 'customer', text: PLACEHOLDER.line, ...to };
		case 'decision':
			return { id, type: 'decision', replies: [newReply('reply-1', next), newReply('reply-2', next)] };
		case 'route':
			return { id, type: 'route', routes: [{ when: { moodAtLeast: 'complaint' }, ...to }], ...(next ? { otherwise: next } : {}) };
		case 'ending':
			return { id, type: 'ending', outcome: 'resolved', title: PLACEHOLDER.endingTitle, debrief: PLACEHOLDER.debrief };
	}
}

/** A new node, blank-line separated when its neighbours are. */
function insertNode(doc: Document, seq: YAMLSeq, at: number, value: unknown): void {
	const node = doc.createNode(value) as YamlNode;
	for (const p of (node as YAMLMap).items) if (isMap(p.value) || isSeq(p.value)) markFlow(p.value as YAMLMap | YAMLSeq);
	if (seq.items.slice(1).some((n) => (n as YamlNode).spaceBefore)) node.spaceBefore = true;
	seq.items.splice(at, 0, node);
}

function markFlow(node: YAMLMap | YAMLSeq): void {
	for (const item of node.items as unknown[]) {
		const pair = isMap(node) ? (item as { key: unknown; value: unknown }) : null;
		const child = pair ? pair.value : item;
		const key = pair && isScalar(pair.key) ? String(pair.key.value) : '';
		if (isMap(child) && ['when', 'moves', 'flags'].includes(key)) child.flow = true;
		else if (isMap(child) || isSeq(child)) markFlow(child);
	}
}

/**
 * Adds a node of a kind after the node at `afterIndex` (-1: first). When that node is a line, the
 * new node (not an ending) is linked in between: the line now leads to it and it leads on to where
 * the line led. Otherwise the new node leads to the node after it.
 */
export function addNode(text: string, kind: NodeKind, afterIndex: number): string {
	return addAsText(text, kind, afterIndex) ?? edit(text, (doc) => {
		const seq = nodesOf(doc);
		const at = Math.max(0, Math.min(afterIndex + 1, seq.items.length));
		const id = freshId(nodeIds(doc), PREFIX[kind]);
		const prev = at > 0 ? seq.items[at - 1] : undefined;
		let next = idOf(seq.items[at]);
		if (kind !== 'ending' && isMap(prev) && str(prev, 'type') === 'line' && str(prev, 'next')) {
			next = str(prev, 'next');
			setAt(doc, ['nodes', at - 1, 'next'], id);
		}
		if (!next) next = seq.items.map((n) => (isMap(n) && str(n, 'type') === 'ending' ? idOf(n) : undefined)).find(Boolean);
		insertNode(doc, seq, at, newNode(kind, id, next));
	});
}

/** addNode by inserting the new node's lines (and rewriting the line before's `next` in place). */
function addAsText(text: string, kind: NodeKind, afterIndex: number): string | null {
	const parsed = parseText(text);
	const b = parsed.error ? null : itemBlocks(text, ['nodes']);
	if (!b) return null;
	const seq = nodesOf(parsed.doc);
	const at = Math.max(0, Math.min(afterIndex + 1, seq.items.length));
	const ids = nodeIds(parsed.doc);
	const id = freshId(ids, PREFIX[kind]);
	const prev = at > 0 ? seq.items[at - 1] : undefined;
	let next = idOf(seq.items[at]);
	let link: { from: number; to: number } | null = null;
	if (kind !== 'ending' && isMap(prev) && str(prev, 'type') === 'line' && str(prev, 'next')) {
		const scalar = pairOf(prev, 'next')!.value as YamlNode;
		if (!scalar.range || (scalar as { type?: string }).type !== 'PLAIN') return null;
		next = str(prev, 'next');
		link = { from: scalar.range[0] - b.offsets[at - 1], to: scalar.range[1] - b.offsets[at - 1] };
	}
	if (!next) next = seq.items.map((n) => (isMap(n) && str(n, 'type') === 'ending' ? idOf(n) : undefined)).find(Boolean);
	const indent = dashIndent(b.blocks[0]);
	if (indent === null) return null;
	const node = parsed.doc.createNode(newNode(kind, id, next)) as YAMLMap;
	for (const p of node.items) if (isMap(p.value) || isSeq(p.value)) markFlow(p.value as YAMLMap | YAMLSeq);
	if (link) b.blocks[at - 1] = splice(b.blocks[at - 1], [{ ...link, insert: id }]);
	const gap = usualGap(b);
	b.blocks.splice(at, 0, itemText(node, text, indent));
	b.gaps.splice(at, 0, at === 0 ? '' : gap);
	if (at === 0) b.gaps[1] = gap;
	const out = joinBlocks(text, b);
	const check = parseText(out);
	const expected = [...ids];
	expected.splice(at, 0, id);
	if (check.error || nodeIds(check.doc).join('\n') !== expected.join('\n')) return null;
	return out;
}

/** Moves a node to another place in the list; the scenario keeps starting where it did. */
export function moveNode(text: string, from: number, to: number): string {
	return moveAsText(text, from, to) ?? edit(text, (doc) => {
		const seq = nodesOf(doc);
		const n = seq.items.length;
		if (from < 0 || from >= n || to < 0 || to >= n) throw new Error('没有这个位置的节点，无法移动。');
		if (from === to) return;
		const first = idOf(seq.items[0]);
		const head = seq.items[0] as YamlNode;
		// A comment above the first item is the list's in yaml's eyes, but it is about that item.
		if (seq.commentBefore && (from === 0 || to === 0)) {
			head.commentBefore = head.commentBefore ? `${seq.commentBefore}\n${head.commentBefore}` : seq.commentBefore;
			seq.commentBefore = undefined;
		}
		const [item] = seq.items.splice(from, 1);
		seq.items.splice(to, 0, item);
		keepSpacing(seq, [item as YamlNode, head]);
		const start = nodeAt(doc, ['start']);
		if (start === undefined && first && idOf(seq.items[0]) !== first) setAt(doc, ['start'], first);
	});
}

/**
 * moveNode by moving the item's lines (no re-printing: quick at 200 nodes). Null when the start
 * would change or the list is not a plain block list; the result is read back to make sure.
 */
function moveAsText(text: string, from: number, to: number): string | null {
	const parsed = parseText(text);
	if (parsed.error || nodeAt(parsed.doc, ['start']) !== undefined || from === 0 || to === 0) return null;
	const b = itemBlocks(text, ['nodes']);
	const ids = nodeIds(parsed.doc);
	if (!b || from < 0 || to < 0 || from >= b.blocks.length || to >= b.blocks.length || ids.length !== b.blocks.length) return null;
	if (from === to) return text;
	const spaced = b.gaps.slice(1).filter((g) => g).length * 2 >= b.blocks.length - 2;
	const gap = spaced ? (b.gaps.slice(1).find((g) => g) ?? '\n') : '';
	const [block] = b.blocks.splice(from, 1);
	b.blocks.splice(to, 0, block);
	b.gaps.splice(from, 1);
	b.gaps.splice(to, 0, gap);
	const out = joinBlocks(text, b);
	const [id] = ids.splice(from, 1);
	ids.splice(to, 0, id);
	const check = parseText(out);
	if (check.error || nodeIds(check.doc).join('\n') !== ids.join('\n')) return null;
	return out;
}

/** After a reorder, the first item never has a blank line before it and the others keep the file's habit. */
function keepSpacing(seq: YAMLSeq, moved: YamlNode[]): void {
	const spaced = seq.items.filter((n) => (n as YamlNode).spaceBefore).length;
	if (!spaced) return;
	for (const n of moved) n.spaceBefore = spaced * 2 >= seq.items.length - 2;
	(seq.items[0] as YamlNode).spaceBefore = false;
}

/** Copies a node right after itself, with a new id. */
export function duplicateNode(text: string, index: number): string {
	return duplicateAsText(text, index) ?? edit(text, (doc) => {
		const seq = nodesOf(doc);
		const node = nodeMapAt(doc, index);
		const copy = node.clone() as YAMLMap;
		const base = idOf(node) ?? 'node';
		const ids = nodeIds(doc);
		let id = `${base}-copy`;
		for (let k = 2; ids.includes(id); k++) id = `${base}-copy-${k}`;
		const pair = pairOf(copy, 'id');
		if (pair && isScalar(pair.value)) pair.value.value = id;
		copy.commentBefore = undefined;
		if (seq.items.slice(1).some((n) => (n as YamlNode).spaceBefore)) copy.spaceBefore = true;
		seq.items.splice(index + 1, 0, copy);
	});
}

/** duplicateNode by copying the node's lines (without the comments above it) under a new id. */
function duplicateAsText(text: string, index: number): string | null {
	const parsed = parseText(text);
	const b = parsed.error ? null : itemBlocks(text, ['nodes']);
	if (!b) return null;
	const node = nodeMapAt(parsed.doc, index);
	const ids = nodeIds(parsed.doc);
	const base = idOf(node);
	const scalar = pairOf(node, 'id')?.value as YamlNode | undefined;
	if (!base || !scalar?.range || (scalar as { type?: string }).type !== 'PLAIN' || ids.length !== b.blocks.length) return null;
	let id = `${base}-copy`;
	for (let k = 2; ids.includes(id); k++) id = `${base}-copy-${k}`;
	const block = b.blocks[index];
	const dash = block.search(/^[ \t]*- /m);
	if (dash < 0) return null;
	const from = scalar.range[0] - b.offsets[index] - dash;
	const copy = splice(block.slice(dash), [{ from, to: from + (scalar.range[1] - scalar.range[0]), insert: id }]);
	b.blocks.splice(index + 1, 0, copy);
	b.gaps.splice(index + 1, 0, usualGap(b));
	const out = joinBlocks(text, b);
	const check = parseText(out);
	ids.splice(index + 1, 0, id);
	if (check.error || nodeIds(check.doc).join('\n') !== ids.join('\n')) return null;
	return out;
}

/** Every place a node id is referred to: [path, value] for `next`, `offScript`, `otherwise`, `start`, routes and replies. */
function references(doc: Document): Path[] {
	const out: Path[] = [];
	if (isScalar(nodeAt(doc, ['start']))) out.push(['start']);
	nodesOf(doc).items.forEach((node, i) => {
		if (!isMap(node)) return;
		for (const key of ['next', 'offScript', 'otherwise']) if (pairOf(node, key)) out.push(['nodes', i, key]);
		for (const list of ['replies', 'routes']) {
			const items = pairOf(node, list)?.value;
			if (isSeq(items)) items.items.forEach((item, j) => isMap(item) && pairOf(item, 'next') && out.push(['nodes', i, list, j, 'next']));
		}
	});
	return out;
}

/** Every condition map (`when`) in the scenario. */
export function conditions(doc: Document): YAMLMap[] {
	const out: YAMLMap[] = [];
	for (const node of nodesOf(doc).items) {
		if (!isMap(node)) continue;
		for (const list of ['variants', 'routes']) {
			const items = pairOf(node, list)?.value;
			if (isSeq(items)) for (const item of items.items) if (isMap(item) && isMap(pairOf(item, 'when')?.value)) out.push(pairOf(item, 'when')!.value as YAMLMap);
		}
	}
	return out;
}

/** Rewrites `chose`/`notChose` references `<node>.<reply>` whose value `match` accepts. */
export function rewriteReplyRefs(doc: Document, rewrite: (ref: string) => string): void {
	for (const when of conditions(doc))
		for (const key of ['chose', 'notChose']) {
			const v = pairOf(when, key)?.value;
			const scalars = isScalar(v) ? [v] : isSeq(v) ? v.items.filter(isScalar) : [];
			for (const s of scalars) if (typeof s.value === 'string') s.value = rewrite(s.value);
		}
}

/** Removes a node. References to a removed line now point where it led; other references are left for the checker to show. */
export function deleteNode(text: string, index: number): string {
	return edit(text, (doc) => {
		const seq = nodesOf(doc);
		const node = nodeMapAt(doc, index);
		const id = idOf(node);
		const onward = str(node, 'type') === 'line' ? str(node, 'next') : undefined;
		const wasFirst = index === 0;
		seq.items.splice(index, 1);
		if (seq.items[0]) (seq.items[0] as YamlNode).spaceBefore = false;
		if (!id || nodeIds(doc).includes(id)) return; // another node still has this id
		for (const path of references(doc)) {
			if (String((nodeAt(doc, path) as { value?: unknown })?.value) !== id) continue;
			if (onward && onward !== id) setAt(doc, path, onward);
			else if (path[0] === 'start') setAt(doc, path, undefined);
		}
		if (wasFirst && onward && !nodeAt(doc, ['start']) && idOf(seq.items[0]) !== onward && nodeIds(doc).includes(onward)) setAt(doc, ['start'], onward);
	});
}

/**
 * Renames a node and every reference to it: `next`, `offScript`, `otherwise`, `start`, routes,
 * replies and the `chose`/`notChose` conditions naming its replies. `index` picks one of several
 * nodes sharing `oldId` (references then stay, since they are ambiguous).
 */
export function renameNode(text: string, oldId: string, newId: string, index?: number): string {
	if (!NODE_ID.test(newId)) throw new Error(`节点 id“${newId}”不合规：只能用字母、数字、“-”和“_”，并以字母或数字开头。`);
	return edit(text, (doc) => {
		const seq = nodesOf(doc);
		const ids = nodeIds(doc);
		const at = index ?? seq.items.findIndex((n) => idOf(n) === oldId);
		if (at < 0 || idOf(seq.items[at]) !== oldId) throw new Error(`找不到 id 为“${oldId}”的节点。`);
		if (oldId === newId) return;
		if (ids.includes(newId)) throw new Error(`已经有 id 为“${newId}”的节点了，换一个名字。`);
		setAt(doc, ['nodes', at, 'id'], newId);
		if (ids.filter((id) => id === oldId).length > 1) return;
		for (const path of references(doc)) if (String((nodeAt(doc, path) as { value?: unknown })?.value) === oldId) setAt(doc, path, newId);
		rewriteReplyRefs(doc, (ref) => (ref.startsWith(`${oldId}.`) ? `${newId}${ref.slice(oldId.length)}` : ref));
	});
}

/** Sets a field of a node (`text`, `next`, `prompt`, `variants.0.text`, …); an empty value removes the key. */
export function setNodeField(text: string, index: number, field: string | Path, value: unknown): string {
	const path = toPath(field);
	const change = (doc: Document) => {
		nodeMapAt(doc, index);
		setAt(doc, ['nodes', index, ...path], value);
	};
	return spliceScalar(text, ['nodes', index, ...path], value) ?? (path[0] === 'id' ? null : editNode(text, index, change)) ?? edit(text, change);
}
