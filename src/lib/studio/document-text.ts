// Quick forms of node edits as text slices (yaml-blocks.ts): each returns null when it cannot be
// sure, and the caller then edits the whole document. The result is always read back and checked.
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { conditions, freshId, idOf, markFlow, newNode, NODE_ID, nodeIds, nodeMapAt, nodesOf, PREFIX, references, str, type NodeKind } from './document-core';
import { dashIndent, itemBlocks, itemText, joinBlocks, splice, usualGap } from './yaml-blocks';
import { nodeAt, pairOf, parseText, type Path } from './yaml-edit';

/** addNode by inserting the new node's lines (and rewriting the line before's `next` in place). */
export function addAsText(text: string, kind: NodeKind, afterIndex: number): string | null {
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


/**
 * moveNode by moving the item's lines (no re-printing: quick at 200 nodes). Null when the start
 * would change or the list is not a plain block list; the result is read back to make sure.
 */
export function moveAsText(text: string, from: number, to: number): string | null {
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


/** duplicateNode by copying the node's lines (without the comments above it) under a new id. */
export function duplicateAsText(text: string, index: number): string | null {
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


/** Where plain scalars at these paths sit in the text, to be rewritten as `value`; null if one is not plain or the value would not read back as text. */
function scalarEdits(doc: Document, paths: Path[], value: string): { from: number; to: number; insert: string }[] | null {
	if (!NODE_ID.test(value) || /^(?:true|false|null|yes|no|on|off|y|n|[-+.]?\d|0x|0o)/i.test(value)) return null;
	const out: { from: number; to: number; insert: string }[] = [];
	for (const path of paths) {
		const node = nodeAt(doc, path) as (YamlNode & { type?: string }) | undefined;
		if (!isScalar(node) || !node.range || node.type !== 'PLAIN') return null;
		out.push({ from: node.range[0], to: node.range[1], insert: value });
	}
	return out;
}

/** The text after edits, if it reads back with exactly these node ids. */
function checked(text: string, ids: string[]): string | null {
	const check = parseText(text);
	return !check.error && nodeIds(check.doc).join('\n') === ids.join('\n') ? text : null;
}

/** deleteNode by removing the node's lines and rewriting the references to it in place. */
export function deleteAsText(text: string, index: number): string | null {
	const parsed = parseText(text);
	const b = parsed.error ? null : itemBlocks(text, ['nodes']);
	if (!b || index < 0 || index >= b.blocks.length) return null;
	const doc = parsed.doc;
	const node = nodeMapAt(doc, index);
	const id = idOf(node);
	const ids = nodeIds(doc);
	if (!id || ids.length !== b.blocks.length || ids.filter((x) => x === id).length > 1) return null;
	const onward = str(node, 'type') === 'line' ? str(node, 'next') : undefined;
	const refs = references(doc).filter((p) => p[1] !== index && String((nodeAt(doc, p) as { value?: unknown })?.value) === id);
	if (refs.some((p) => p[0] === 'start') && (!onward || onward === id)) return null;
	if (index === 0 && onward && !nodeAt(doc, ['start']) && ids[1] !== onward) return null;
	const edits = onward && onward !== id ? scalarEdits(doc, refs, onward) : [];
	if (!edits) return null;
	const from = index === 0 ? b.offsets[0] : b.offsets[index] - b.gaps[index].length;
	const to = index + 1 < b.blocks.length ? (index === 0 ? b.offsets[1] : b.offsets[index + 1] - b.gaps[index + 1].length) : b.offsets[index] + b.blocks[index].length;
	if (index + 1 === b.blocks.length && index > 0 && !text.slice(from, to).endsWith('\n')) return null;
	const out = splice(text, [...edits, { from, to: Math.min(to, text.length), insert: '' }]);
	ids.splice(index, 1);
	return checked(out, ids);
}


/** renameNode by rewriting the id and its references where they stand (null: use the document path, which also explains errors). */
export function renameAsText(text: string, oldId: string, newId: string, index?: number): string | null {
	const parsed = parseText(text);
	if (parsed.error || !isSeq(nodeAt(parsed.doc, ['nodes']))) return null;
	const doc = parsed.doc;
	const ids = nodeIds(doc);
	const at = index ?? nodesOf(doc).items.findIndex((n) => idOf(n) === oldId);
	if (at < 0 || idOf(nodesOf(doc).items[at]) !== oldId || oldId === newId || ids.includes(newId) || ids.filter((x) => x === oldId).length > 1) return null;
	const refs = references(doc).filter((p) => String((nodeAt(doc, p) as { value?: unknown })?.value) === oldId);
	const edits = scalarEdits(doc, [['nodes', at, 'id'], ...refs], newId);
	if (!edits) return null;
	for (const when of conditions(doc))
		for (const key of ['chose', 'notChose']) {
			const v = pairOf(when, key)?.value;
			for (const sc of isScalar(v) ? [v] : isSeq(v) ? v.items.filter(isScalar) : []) {
				if (typeof sc.value !== 'string' || !sc.value.startsWith(`${oldId}.`)) continue;
				if (!sc.range || (sc as { type?: string }).type !== 'PLAIN') return null;
				edits.push({ from: sc.range[0], to: sc.range[1], insert: newId + sc.value.slice(oldId.length) });
			}
		}
	const out = splice(text, edits);
	return checked(out, ids.map((x, i) => (i === at ? newId : x)));
}
