// The studio document model: edits of a scenario's YAML text, each `(text, …) => text`. Both
// editors edit the same text; these functions change only what they are asked to and keep comments,
// key order and the bytes of every other line (yaml-edit.ts). Impossible edits throw an Error whose
// message is Chinese, for the author. Replies, variants and routes: document-parts.ts.
import { isMap, isScalar, isSeq, YAMLSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { freshId, idOf, markFlow, newNode, NODE_ID, nodeIds, nodeMapAt, nodesOf, PREFIX, references, rewriteReplyRefs, str, type NodeKind } from './document-core';
import { addAsText, deleteAsText, duplicateAsText, moveAsText, renameAsText } from './document-text';
import { editNode } from './yaml-blocks';
import { edit, insertOrdered, nodeAt, ORDER, pairOf, setAt, spliceScalar, type Path } from './yaml-edit';

export type { Path } from './yaml-edit';
export * from './document-core';
export * from './document-parts';

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

/** The id addNode would give a new node of this kind. */
export function freshNodeId(text: string, kind: NodeKind): string {
	let id = '';
	edit(text, (doc) => void (id = freshId(nodeIds(doc), PREFIX[kind])));
	return id;
}

/** A new node, blank-line separated when its neighbours are. */
function insertNode(doc: Document, seq: YAMLSeq, at: number, value: unknown): void {
	const node = doc.createNode(value) as YamlNode;
	for (const p of (node as YAMLMap).items) if (isMap(p.value) || isSeq(p.value)) markFlow(p.value as YAMLMap | YAMLSeq);
	if (seq.items.slice(1).some((n) => (n as YamlNode).spaceBefore)) node.spaceBefore = true;
	seq.items.splice(at, 0, node);
}

/**
 * Adds a node of a kind after the node at `afterIndex` (-1: first). When that node is a line, the
 * new node (not an ending) is linked in between: the line now leads to it and it leads on to where
 * the line led. Otherwise the new node leads to the node after it.
 */
export function addNode(text: string, kind: NodeKind, afterIndex: number): string {
	return addAsText(text, kind, afterIndex) ?? edit(text, (doc) => {
		// A document without nodes yet gets its list.
		if (!isSeq(nodeAt(doc, ['nodes']))) {
			setAt(doc, ['nodes'], undefined);
			insertOrdered(doc.contents as YAMLMap, doc.createPair('nodes', new YAMLSeq()) as Pair, ORDER.meta);
		}
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

/** Removes a node. References to a removed line now point where it led; other references are left for the checker to show. */
export function deleteNode(text: string, index: number): string {
	return deleteAsText(text, index) ?? edit(text, (doc) => {
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
	return renameAsText(text, oldId, newId, index) ?? edit(text, (doc) => {
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
