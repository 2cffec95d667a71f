// Edits inside a node: a decision's replies and their codes, a line's variants, a route's routes.
// Same rules as document.ts: `(text, …) => text`, comments and key order kept, Chinese errors.
import { isMap, isScalar, isSeq, Scalar, type Document, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { FLAG_CODES, MOVE_CODES } from '../domain';
import { freshId, idOf, newReply, NODE_ID, nodeMapAt, PLACEHOLDER, rewriteReplyRefs } from './document-core';
import { editNode } from './yaml-blocks';
import { createNode, edit as editAll, isEmpty, pairOf, setAt, spliceScalar, type Path } from './yaml-edit';

/** An edit inside one node: re-prints only that node when it can. */
const local = (text: string, nodeIndex: number, change: (doc: Document) => void): string => editNode(text, nodeIndex, change) ?? editAll(text, change);

type List = 'replies' | 'variants' | 'routes';
const LIST_NAME: Record<List, string> = { replies: '回复', variants: '情绪变体', routes: '分流条件' };

function listOf(doc: Document, nodeIndex: number, list: List, create = false): YAMLSeq {
	const node = nodeMapAt(doc, nodeIndex);
	let seq: unknown = pairOf(node, list)?.value;
	if (!isSeq(seq) && create) {
		setAt(doc, ['nodes', nodeIndex, list], [{}]);
		const created = pairOf(node, list)!.value as YAMLSeq;
		created.items.length = 0;
		seq = created;
	}
	if (!isSeq(seq)) throw new Error(`这个节点没有${LIST_NAME[list]}列表。`);
	return seq;
}

function itemAt(seq: YAMLSeq, i: number, what: string): YAMLMap {
	const item = seq.items[i];
	if (!isMap(item)) throw new Error(`第 ${i + 1} 条${what}不存在。`);
	return item;
}

function toPath(field: string | Path): Path {
	return typeof field === 'string' ? field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : field;
}

function addItem(doc: Document, nodeIndex: number, list: List, value: unknown, after?: number): void {
	const seq = listOf(doc, nodeIndex, list, true);
	const node = createNode(doc, value) as YAMLMap;
	for (const p of node.items) if (isScalar(p.key) && ['when', 'moves', 'flags'].includes(String(p.key.value)) && isMap(p.value)) p.value.flow = true;
	const at = after === undefined ? seq.items.length : Math.max(0, Math.min(after + 1, seq.items.length));
	seq.items.splice(at, 0, node);
}

function moveItem(seq: YAMLSeq, from: number, to: number, what: string): void {
	if (from < 0 || from >= seq.items.length || to < 0 || to >= seq.items.length) throw new Error(`没有这个位置的${what}，无法移动。`);
	const [item] = seq.items.splice(from, 1);
	seq.items.splice(to, 0, item);
}

// ---------------------------------------------------------------------------------------------
// Replies

function replyIds(seq: YAMLSeq): string[] {
	return seq.items.map(idOf).filter((id): id is string => !!id);
}

/** Adds a reply to a decision (after `afterReplyIndex`, default last), leading where the decision's first reply leads. */
export function addReply(text: string, nodeIndex: number, afterReplyIndex?: number): string {
	return local(text, nodeIndex, (doc) => {
		const seq = listOf(doc, nodeIndex, 'replies', true);
		const first = seq.items[0];
		const next = isMap(first) && isScalar(pairOf(first, 'next')?.value) ? String((pairOf(first, 'next')!.value as Scalar).value) : undefined;
		addItem(doc, nodeIndex, 'replies', newReply(freshId(replyIds(seq), 'reply'), next), afterReplyIndex);
	});
}

export function removeReply(text: string, nodeIndex: number, replyIndex: number): string {
	return local(text, nodeIndex, (doc) => {
		const seq = listOf(doc, nodeIndex, 'replies');
		itemAt(seq, replyIndex, '回复');
		seq.items.splice(replyIndex, 1);
	});
}

export function moveReply(text: string, nodeIndex: number, from: number, to: number): string {
	return local(text, nodeIndex, (doc) => moveItem(listOf(doc, nodeIndex, 'replies'), from, to, '回复'));
}

/** Copies a reply right after itself, with a new id (unique within the decision). */
export function duplicateReply(text: string, nodeIndex: number, replyIndex: number): string {
	return local(text, nodeIndex, (doc) => {
		const seq = listOf(doc, nodeIndex, 'replies');
		const copy = itemAt(seq, replyIndex, '回复').clone() as YAMLMap;
		const ids = replyIds(seq);
		const base = idOf(copy) ?? 'reply';
		let id = `${base}-copy`;
		for (let k = 2; ids.includes(id); k++) id = `${base}-copy-${k}`;
		const pair = pairOf(copy, 'id');
		if (pair && isScalar(pair.value)) pair.value.value = id;
		copy.commentBefore = undefined;
		seq.items.splice(replyIndex + 1, 0, copy);
	});
}

/**
 * Sets a field of a reply (`text`, `mood`, `feedback`, `response`, `next`, …); an empty value
 * removes the key. Changing its `id` also rewrites the `chose`/`notChose` conditions naming it.
 */
export function setReplyField(text: string, nodeIndex: number, replyIndex: number, field: string | Path, value: unknown): string {
	const path = toPath(field);
	const quick = path[0] === 'id' ? null : spliceScalar(text, ['nodes', nodeIndex, 'replies', replyIndex, ...path], value);
	if (quick !== null) return quick;
	const change = (doc: Document) => {
		const seq = listOf(doc, nodeIndex, 'replies');
		const reply = itemAt(seq, replyIndex, '回复');
		if (path.length === 1 && path[0] === 'id') {
			const newId = String(value ?? '');
			if (!NODE_ID.test(newId)) throw new Error(`回复 id“${newId}”不合规：只能用字母、数字、“-”和“_”，并以字母或数字开头。`);
			const oldId = idOf(reply);
			if (oldId === newId) return;
			if (replyIds(seq).includes(newId)) throw new Error(`这个决策里已经有 id 为“${newId}”的回复了。`);
			const nodeId = idOf(nodeMapAt(doc, nodeIndex));
			if (oldId && nodeId && replyIds(seq).filter((id) => id === oldId).length === 1)
				rewriteReplyRefs(doc, (ref) => (ref === `${nodeId}.${oldId}` ? `${nodeId}.${newId}` : ref));
		}
		setAt(doc, ['nodes', nodeIndex, 'replies', replyIndex, ...path], value);
	};
	// A new id is rewritten in the conditions of other nodes too.
	return path.length === 1 && path[0] === 'id' ? editAll(text, change) : local(text, nodeIndex, change);
}

/**
 * Gives a reply a move or flag with a weight 1–3, or takes it away (`null`). Writes the map form
 * (`{ info: 1 }`); a list already in the file (`[info]`) becomes a map when it changes.
 */
export function setReplyCode(text: string, nodeIndex: number, replyIndex: number, set: 'moves' | 'flags', code: string, weight: number | null): string {
	const known: readonly string[] = set === 'moves' ? MOVE_CODES : FLAG_CODES;
	if (!known.includes(code)) throw new Error(`“${code}”不是${set === 'moves' ? '动作' : '错误'}代码。`);
	if (weight !== null && (!Number.isInteger(weight) || weight < 1 || weight > 3)) throw new Error('权重只能是 1、2 或 3。');
	return local(text, nodeIndex, (doc) => {
		const reply = itemAt(listOf(doc, nodeIndex, 'replies'), replyIndex, '回复');
		const pair = pairOf(reply, set);
		let current = pair?.value;
		if (isSeq(current)) {
			// The list form becomes a map of weight 1, in the same order, keeping its comment.
			const entries = current.items.filter(isScalar).map((s) => [String(s.value), 1]);
			const map = createNode(doc, Object.fromEntries(entries), set) as YAMLMap;
			map.flow = true;
			map.comment = current.comment;
			pair!.value = map;
			current = map;
		}
		const path = ['nodes', nodeIndex, 'replies', replyIndex, set];
		if (!isMap(current)) {
			if (weight !== null) setAt(doc, path, { [code]: weight });
			return;
		}
		setAt(doc, [...path, code], weight ?? undefined);
		if (isMap(current) && current.items.length === 0) setAt(doc, path, undefined);
	});
}

// ---------------------------------------------------------------------------------------------
// Variants (line nodes) and routes (route nodes)

export interface ConditionInput {
	moodAtLeast?: string | number;
	moodBelow?: string | number;
	chose?: string | string[];
	notChose?: string | string[];
	flagged?: string | string[];
	moved?: string | string[];
}

/** Adds a variant to a line: by default, what the customer says instead when already angry. */
export function addVariant(text: string, nodeIndex: number, variant?: { when: ConditionInput; text: string }): string {
	return local(text, nodeIndex, (doc) => addItem(doc, nodeIndex, 'variants', variant ?? { when: { moodAtLeast: 'complaint' }, text: PLACEHOLDER.line }));
}

/** Removes a variant; the last one takes `variants` with it. */
export function removeVariant(text: string, nodeIndex: number, variantIndex: number): string {
	return local(text, nodeIndex, (doc) => removeItem(doc, nodeIndex, 'variants', variantIndex, '情绪变体'));
}

export function moveVariant(text: string, nodeIndex: number, from: number, to: number): string {
	return local(text, nodeIndex, (doc) => moveItem(listOf(doc, nodeIndex, 'variants'), from, to, '情绪变体'));
}

/** Sets a variant's `text` or a test of its condition (`when.moodAtLeast`, `['when', 'chose']`, …); empty removes it. */
export function setVariantField(text: string, nodeIndex: number, variantIndex: number, field: string | Path, value: unknown): string {
	const path = toPath(field);
	return spliceScalar(text, ['nodes', nodeIndex, 'variants', variantIndex, ...path], value) ?? local(text, nodeIndex, (doc) => setItemField(doc, nodeIndex, 'variants', variantIndex, path, value, '情绪变体'));
}

/** Adds a route before `otherwise`: by default, when the customer is angry, go where `otherwise` goes. */
export function addRoute(text: string, nodeIndex: number, route?: { when: ConditionInput; next?: string }): string {
	return local(text, nodeIndex, (doc) => {
		const node = nodeMapAt(doc, nodeIndex);
		const otherwise = pairOf(node, 'otherwise')?.value;
		const next = route?.next ?? (isScalar(otherwise) ? String(otherwise.value) : undefined);
		addItem(doc, nodeIndex, 'routes', { when: route?.when ?? { moodAtLeast: 'complaint' }, ...(next ? { next } : {}) });
	});
}

export function removeRoute(text: string, nodeIndex: number, routeIndex: number): string {
	return local(text, nodeIndex, (doc) => removeItem(doc, nodeIndex, 'routes', routeIndex, '分流条件'));
}

export function moveRoute(text: string, nodeIndex: number, from: number, to: number): string {
	return local(text, nodeIndex, (doc) => moveItem(listOf(doc, nodeIndex, 'routes'), from, to, '分流条件'));
}

/** Sets a route's `next` or a test of its condition (`when.moodBelow`, …); empty removes it. */
export function setRouteField(text: string, nodeIndex: number, routeIndex: number, field: string | Path, value: unknown): string {
	const path = toPath(field);
	return spliceScalar(text, ['nodes', nodeIndex, 'routes', routeIndex, ...path], value) ?? local(text, nodeIndex, (doc) => setItemField(doc, nodeIndex, 'routes', routeIndex, path, value, '分流条件'));
}

function removeItem(doc: Document, nodeIndex: number, list: List, i: number, what: string): void {
	const seq = listOf(doc, nodeIndex, list);
	itemAt(seq, i, what);
	seq.items.splice(i, 1);
	if (list === 'variants' && seq.items.length === 0) setAt(doc, ['nodes', nodeIndex, list], undefined);
}

function setItemField(doc: Document, nodeIndex: number, list: List, i: number, path: Path, value: unknown, what: string): void {
	const item = itemAt(listOf(doc, nodeIndex, list), i, what);
	if (path[0] === 'when' && path.length === 2) {
		const when = pairOf(item, 'when')?.value;
		if (!isMap(when) && !isEmpty(value)) {
			setAt(doc, ['nodes', nodeIndex, list, i, 'when'], { [String(path[1])]: value });
			return;
		}
	}
	setAt(doc, ['nodes', nodeIndex, list, i, ...path], value);
	// A condition keeps a flow style once written that way; new keys in a block map stay block.
	const when = pairOf(item, 'when')?.value as YamlNode | undefined;
	if (when && isMap(when) && when.items.length === 0) when.flow = true;
}
