// What the path analysis and the best-score search need to know about a scenario's graph beyond
// single nodes: which parts of the play state any condition reads, and which nodes lie on a loop.
// Both let a search key its memo on (node, the state that matters) instead of the whole past.
import type { PlayState } from './semantics';
import type { CompiledNode, CompiledScenario } from './types';

/** The nodes a node can lead to in the searches, in authored order (off-script routes are not searched). */
export function successors(n: CompiledNode): string[] {
	switch (n.type) {
		case 'line':
			return [n.next];
		case 'route':
			return [...n.routes.map((r) => r.next), n.otherwise];
		case 'decision':
			return n.replies.map((r) => r.next);
		case 'ending':
			return [];
	}
}

/**
 * Only what conditions read tells states apart; the rest is dropped so that plays differing only
 * in what nothing reads share one memo entry. `routesOnly`: ignore line variants (they change a
 * line's words, never where play goes).
 */
export function relevance(scenario: CompiledScenario, routesOnly = false) {
	const refs = new Set<string>();
	const flags = new Set<string>();
	const moves = new Set<string>();
	let mood = false;
	for (const n of Object.values(scenario.nodes)) {
		const conds = n.type === 'route' ? n.routes.map((r) => r.when) : n.type === 'line' && !routesOnly ? n.variants.map((v) => v.when) : [];
		for (const c of conds) {
			c.chose?.forEach((r) => refs.add(r));
			c.notChose?.forEach((r) => refs.add(r));
			c.flagged?.forEach((f) => flags.add(f));
			c.moved?.forEach((m) => moves.add(m));
			if (c.moodAtLeast !== undefined || c.moodBelow !== undefined) mood = true;
		}
	}
	const trim = (s: PlayState): PlayState => ({
		mood: s.mood,
		chosen: s.chosen.filter((r) => refs.has(r)),
		flagged: s.flagged.filter((f) => flags.has(f)),
		moved: s.moved.filter((m) => moves.has(m))
	});
	/** A key equal for states no condition tells apart (mood only when some condition reads it). */
	const key = (s: PlayState) =>
		`${mood ? s.mood : ''}|${s.chosen.filter((r) => refs.has(r)).sort().join(',')}|${s.flagged.filter((f) => flags.has(f)).sort().join(',')}|${s.moved.filter((m) => moves.has(m)).sort().join(',')}`;
	return { trim, key };
}

/**
 * Nodes that lie on a loop (in a strongly connected component with another node, or leading to
 * themselves). Only these can be visited twice on one path, so only their visit counts need to be
 * part of a memo key. Tarjan's algorithm, iterative so that a long chain needs no deep stack.
 */
export function loopNodes(scenario: CompiledScenario): Set<string> {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const out = new Set<string>();
	let next = 0;
	for (const root of Object.keys(scenario.nodes)) {
		if (index.has(root)) continue;
		const work: { id: string; succ: string[]; i: number }[] = [];
		const open = (id: string) => {
			index.set(id, next);
			low.set(id, next++);
			stack.push(id);
			onStack.add(id);
			work.push({ id, succ: successors(scenario.nodes[id]).filter((s) => s in scenario.nodes), i: 0 });
		};
		open(root);
		while (work.length) {
			const top = work[work.length - 1];
			if (top.i < top.succ.length) {
				const s = top.succ[top.i++];
				if (!index.has(s)) open(s);
				else if (onStack.has(s)) low.set(top.id, Math.min(low.get(top.id)!, index.get(s)!));
				continue;
			}
			work.pop();
			if (work.length) {
				const parent = work[work.length - 1].id;
				low.set(parent, Math.min(low.get(parent)!, low.get(top.id)!));
			}
			if (low.get(top.id) === index.get(top.id)) {
				const comp: string[] = [];
				let x: string;
				do {
					x = stack.pop()!;
					onStack.delete(x);
					comp.push(x);
				} while (x !== top.id);
				if (comp.length > 1 || top.succ.includes(top.id)) comp.forEach((c) => out.add(c));
			}
		}
	}
	return out;
}

/**
 * Decisions still ahead on the shortest way from `node` to an ending (the player's "about N more"):
 * a breadth-first walk over the nodes, counting decisions. Null when no ending can be reached.
 */
export function decisionsToEnd(scenario: CompiledScenario, node: string): number | null {
	const best = new Map<string, number>([[node, 0]]);
	// 0–1 breadth-first: entering a decision costs 1, any other node 0.
	const queue: string[] = [node];
	while (queue.length) {
		const id = queue.shift()!;
		const n = scenario.nodes[id];
		const d = best.get(id)!;
		if (!n) continue;
		if (n.type === 'ending') return d;
		const cost = n.type === 'decision' ? 1 : 0;
		for (const next of successors(n)) {
			const nd = d + cost;
			if ((best.get(next) ?? Infinity) <= nd) continue;
			best.set(next, nd);
			if (cost) queue.push(next);
			else queue.unshift(next);
		}
	}
	return null;
}
