// Shared pieces of the document model: reading nodes and ids from a yaml Document, new nodes'
// defaults, and where ids are referred to. Used by document.ts, document-parts.ts and document-text.ts.
import { isMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { nodeAt, pairOf, seqAt, type Path } from './yaml-edit';

export type NodeKind = 'line' | 'decision' | 'route' | 'ending';
export const NODE_KINDS: readonly NodeKind[] = ['line', 'decision', 'route', 'ending'];

/** A node or reply id the format accepts. */
export const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;


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

export function str(node: YAMLMap, key: string): string | undefined {
	const v = pairOf(node, key)?.value;
	return isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

export function nodeIds(doc: Document): string[] {
	const nodes = nodeAt(doc, ['nodes']);
	return isSeq(nodes) ? nodes.items.map(idOf).filter((id): id is string => id !== undefined) : [];
}

export const PREFIX: Record<NodeKind, string> = { line: 'line', decision: 'decision', route: 'route', ending: 'end' };

/** The first `<prefix>-<n>` that is not taken. */
export function freshId(taken: Iterable<string>, prefix: string): string {
	const used = new Set(taken);
	for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
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

export function newNode(kind: NodeKind, id: string, next: string | undefined): Record<string, unknown> {
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

export function markFlow(node: YAMLMap | YAMLSeq): void {
	for (const item of node.items as unknown[]) {
		const pair = isMap(node) ? (item as { key: unknown; value: unknown }) : null;
		const child = pair ? pair.value : item;
		const key = pair && isScalar(pair.key) ? String(pair.key.value) : '';
		if (isMap(child) && ['when', 'moves', 'flags'].includes(key)) child.flow = true;
		else if (isMap(child) || isSeq(child)) markFlow(child);
	}
}


/** Every place a node id is referred to: [path, value] for `next`, `offScript`, `otherwise`, `start`, routes and replies. */
export function references(doc: Document): Path[] {
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
