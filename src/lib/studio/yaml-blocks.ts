// Edits as text slices of the `nodes` list: moving a node's lines, and re-printing one node only,
// so that the cost of a click does not grow with the file (yaml-edit.ts prints the whole document).
import { Document, isMap, isSeq, Pair, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';
import { keepLines, nodeAt, parseText, styleOf, type Path } from './yaml-edit';

// ---------------------------------------------------------------------------------------------
// Moving whole items of a block list as text

export interface ItemBlocks {
	head: string;
	/** Each item's text with the comment lines above it, without the blank lines before it. */
	blocks: string[];
	/** The blank lines that were before each item. */
	gaps: string[];
	/** Where each block starts in the text (after its blank lines). */
	offsets: number[];
	tail: string;
}

/** The blank lines most items have before them ('' when most have none). */
export function usualGap(b: ItemBlocks): string {
	const spaced = b.gaps.slice(1).filter((g) => g);
	return spaced.length * 2 >= b.blocks.length - 2 ? (spaced[0] ?? '\n') : '';
}

/** Replaces `[from, to)` of a text by several edits at once (offsets of the original text). */
export function splice(text: string, edits: { from: number; to: number; insert: string }[]): string {
	let out = text;
	for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
	return out;
}

/** A block list's items as slices of the text (null for a flow list or anything unusual). */
export function itemBlocks(text: string, path: Path): ItemBlocks | null {
	const parsed = parseText(text);
	if (parsed.error) return null;
	const seq = nodeAt(parsed.doc, path);
	if (!isSeq(seq) || seq.flow || !seq.items.length) return null;
	const ranges = seq.items.map((item) => (item as YamlNode | null)?.range);
	if (ranges.some((r) => !r)) return null;
	const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
	const starts = ranges.map((r) => {
		let s = lineStart(r![0]);
		if (!/^\s*- /.test(text.slice(s, r![0] + 1))) return -1;
		// Comment and blank lines directly above the item go with it.
		while (s > 0) {
			const prev = lineStart(s - 1);
			if (!/^[ \t]*(#.*)?$/.test(text.slice(prev, s - 1))) break;
			s = prev;
		}
		return s;
	});
	if (starts.some((s) => s < 0) || starts.some((s, i) => i > 0 && s <= starts[i - 1])) return null;
	let e = ranges[ranges.length - 1]![1];
	while (e > 0 && /\s/.test(text[e - 1])) e--;
	const nl = text.indexOf('\n', e);
	const end = nl < 0 ? text.length : nl + 1;
	const blocks: string[] = [];
	const gaps: string[] = [];
	const offsets: number[] = [];
	starts.forEach((s, i) => {
		let block = text.slice(s, i + 1 < starts.length ? starts[i + 1] : end);
		if (!block.endsWith('\n')) block += '\n';
		const gap = /^(?:[ \t]*\n)*/.exec(block)![0];
		gaps.push(gap);
		offsets.push(s + gap.length);
		blocks.push(block.slice(gap.length));
	});
	return { head: text.slice(0, starts[0]), blocks, gaps, offsets, tail: text.slice(end) };
}

/** The text again from blocks (after a reorder), ending as the original did. */
export function joinBlocks(original: string, b: ItemBlocks): string {
	const out = b.head + b.blocks.map((block, i) => b.gaps[i] + block).join('') + b.tail;
	return !original.endsWith('\n') && out.endsWith('\n') ? out.slice(0, -1) : out;
}

// ---------------------------------------------------------------------------------------------
// Edits inside one node, re-printing that node only

/**
 * Applies `change` (which must touch only `nodes[index]`) to a copy of that node alone, prints it
 * and puts it in place of the node's lines: the cost no longer grows with the file. Null when the
 * node's lines cannot be told apart (the caller then uses `edit`); `change` may throw.
 */
export function editNode(text: string, index: number, change: (doc: Document) => void): string | null {
	const parsed = parseText(text);
	if (parsed.error) return null;
	const found = nodeAt(parsed.doc, ['nodes']);
	if (!isSeq(found)) return null;
	const seq: YAMLSeq = found;
	const item = seq.items[index];
	if (!isMap(item) || !item.range) return null;
	const blocks = itemBlocks(text, ['nodes']);
	if (!blocks) return null;
	// A stand-in document: `nodes` holds only this node, at its index, so the edit's paths still fit.
	const doc = new Document(null, { keepSourceTokens: false });
	const copy = item.clone() as YAMLMap;
	copy.commentBefore = undefined;
	copy.spaceBefore = false;
	const list = new YAMLSeq();
	list.items = seq.items.map((_, i) => (i === index ? copy : null));
	doc.contents = doc.createNode({}) as YAMLMap;
	(doc.contents as YAMLMap).items.push(doc.createPair('nodes', list) as Pair);
	const before = printItem(copy.clone() as YAMLMap, text);
	change(doc);
	const after = list.items[index];
	if (!isMap(after)) return null;
	const printed = printItem(after, text);
	// The node's own lines: its block after the comment lines above it.
	const block = blocks.blocks[index];
	const dash = block.search(/^[ \t]*- /m);
	if (dash < 0) return null;
	const indent = /^[ \t]*/.exec(block.slice(dash))![0];
	const place = (s: string) =>
		s
			.replace(/\n$/, '')
			.split('\n')
			.map((l, i) => (i === 0 ? `${indent}- ${l}` : l ? `${indent}  ${l}` : l))
			.join('\n') + '\n';
	const own = block.slice(dash);
	blocks.blocks[index] = block.slice(0, dash) + keepLines(own, place(before), place(printed));
	const out = joinBlocks(text, blocks);
	// Read back: the edited node must be exactly what was printed, and the rest must still be there.
	const check = parseText(out);
	const back = isSeq(nodeAt(check.doc, ['nodes'])) ? (nodeAt(check.doc, ['nodes']) as YAMLSeq).items : [];
	if (check.error || back.length !== seq.items.length) return null;
	if (JSON.stringify((back[index] as YamlNode).toJSON()) !== JSON.stringify(after.toJSON())) return null;
	return out;
}

/** A node's YAML lines as an item of the `nodes` list, indented like its neighbours. */
export function itemText(item: YAMLMap, text: string, indent: string): string {
	return (
		printItem(item, text)
			.replace(/\n$/, '')
			.split('\n')
			.map((l, i) => (i === 0 ? `${indent}- ${l}` : l ? `${indent}  ${l}` : l))
			.join('\n') + '\n'
	);
}

/** The indentation of a block's `- ` line. */
export function dashIndent(block: string): string | null {
	const m = /^([ \t]*)- /m.exec(block);
	return m ? m[1] : null;
}

function printItem(item: YAMLMap, text: string): string {
	const doc = new Document(null);
	doc.contents = item;
	return doc.toString({ lineWidth: 0, minContentWidth: 0, ...styleOf(text) });
}
