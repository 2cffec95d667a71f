// Counts a scenario's complete paths (distinct node sequences from the start to an ending, as the
// engine plays them) by dynamic programming instead of listing them: the paths on from a node
// depend only on the node, the set of play states that can stand there (what conditions read), and
// how often the nodes on loops were visited. Each such key is solved once, so 60 decisions in series
// cost 60 entries however many paths there are (3^60 choice sequences, 1 path; 2^60 for diamonds).
import { loopNodes, relevance } from './graph';
import { applyReply, initialState, routeTarget, type PlayState } from './semantics';
import type { CompiledNode, CompiledScenario } from './types';

/** A node is entered at most this often on one path: a loop is walked around a few times, not forever (the best-score search uses the same bound). */
export const MAX_VISITS = 3;
/**
 * Bound on the counting work: play states carried into nodes and through replies. Loops multiply
 * the keys (visit counts), so a small hostile file could otherwise keep the checker (and the
 * server, which checks on load) busy for hours. Reaching it is a checker error.
 */
export const MAX_WORK = 2_000_000;
const ENTRY_COST = 100;

/** What the paths on from a key add up to. */
export interface Onward {
	count: bigint;
	/** Fewest and most decisions to an ending (Infinity and -Infinity when there is no path). */
	shortest: number;
	longest: number;
	endings: ReadonlySet<string>;
}
const DEAD: Onward = { count: 0n, shortest: Infinity, longest: -Infinity, endings: new Set() };

export class PathWorkLimit extends Error {
	constructor() {
		super(`path counting stopped after ${MAX_WORK} steps`);
	}
}

/** How the counting and the listing agree on keys: the same trimming, visit bookkeeping and memo. */
export interface PathModel {
	trim: (s: PlayState) => PlayState;
	stateKey: (s: PlayState) => string;
	/** The key of a node entered with these states and these visits (only nodes on loops are counted). */
	key: (id: string, states: readonly PlayState[], visits: ReadonlyMap<string, number>) => string;
	loops: ReadonlySet<string>;
	memo: Map<string, Onward>;
	/** The root's figures, or null when the work limit stopped the count. */
	root: Onward | null;
	work: number;
}

/** The ways on from a node: per next node, the states that go there (deduplicated, first kept). */
export function onward(scenario: CompiledScenario, node: CompiledNode, states: readonly PlayState[], model: Pick<PathModel, 'trim' | 'stateKey'>) {
	const out = new Map<string, { states: PlayState[]; keys: Set<string>; from: number[]; replies: string[] }>();
	const add = (target: string, st: PlayState, from: number, reply: string) => {
		let g = out.get(target);
		if (!g) out.set(target, (g = { states: [], keys: new Set(), from: [], replies: [] }));
		const k = model.stateKey(st);
		if (g.keys.has(k)) return;
		g.keys.add(k);
		g.states.push(st);
		g.from.push(from);
		g.replies.push(reply);
	};
	if (node.type === 'line') states.forEach((st, i) => add(node.next, st, i, ''));
	else if (node.type === 'route') states.forEach((st, i) => add(routeTarget(node, st), st, i, ''));
	else if (node.type === 'decision') for (const r of node.replies) states.forEach((st, i) => add(r.next, model.trim(applyReply(node.id, r, st)), i, r.id));
	return [...out].map(([target, g]) => ({ target, ...g }));
}

interface Frame {
	key: string;
	id: string;
	decision: boolean;
	ways: { target: string; states: PlayState[] }[];
	i: number;
	acc: { count: bigint; shortest: number; longest: number; endings: Set<string> };
}

/** Counts every path by memoised depth-first search (iterative: a 5,000-node chain needs no deep stack). */
export function countPaths(scenario: CompiledScenario): PathModel {
	const rel = relevance(scenario, true);
	const loops = loopNodes(scenario);
	const stateKey = (s: PlayState) => rel.key(s);
	const key = (id: string, states: readonly PlayState[], visits: ReadonlyMap<string, number>) => {
		const v = [...visits].filter(([, c]) => c).map(([n, c]) => `${n}=${c}`).sort().join(';');
		return `${id}\u0000${states.map(stateKey).sort().join('\u0001')}\u0000${v}`;
	};
	const model: PathModel = { trim: rel.trim, stateKey, key, loops, memo: new Map(), root: null, work: 0 };
	const visits = new Map<string, number>();
	const stack: Frame[] = [];

	const enter = (id: string, states: PlayState[]): Onward | null => {
		const k = key(id, states, visits);
		// Every entry costs, memo hits too: building and hashing the key and keeping the entry cost
		// about as much as carrying a hundred states.
		if ((model.work += ENTRY_COST + (k.length >> 3)) > MAX_WORK) throw new PathWorkLimit();
		const known = model.memo.get(k);
		if (known) return known;
		if ((visits.get(id) ?? 0) >= MAX_VISITS) return DEAD;
		const node = scenario.nodes[id];
		if ((model.work += states.length * (node.type === 'decision' ? node.replies.length : 1)) > MAX_WORK) throw new PathWorkLimit();
		if (node.type === 'ending') {
			const done: Onward = { count: 1n, shortest: 0, longest: 0, endings: new Set([id]) };
			model.memo.set(k, done);
			return done;
		}
		if (loops.has(id)) visits.set(id, (visits.get(id) ?? 0) + 1);
		const ways = onward(scenario, node, states, model).map((w) => ({ target: w.target, states: w.states }));
		stack.push({ key: k, id, decision: node.type === 'decision', ways, i: 0, acc: { count: 0n, shortest: Infinity, longest: -Infinity, endings: new Set() } });
		return null;
	};
	const absorb = (f: Frame, o: Onward) => {
		const step = f.decision ? 1 : 0;
		f.acc.count += o.count;
		if (o.count > 0n) {
			f.acc.shortest = Math.min(f.acc.shortest, o.shortest + step);
			f.acc.longest = Math.max(f.acc.longest, o.longest + step);
			o.endings.forEach((e) => f.acc.endings.add(e));
		}
	};

	try {
		const first = enter(scenario.start, [rel.trim(initialState(scenario))]);
		model.root = first;
		while (stack.length) {
			const top = stack[stack.length - 1];
			if (top.i < top.ways.length) {
				const w = top.ways[top.i++];
				const o = enter(w.target, w.states);
				if (o) absorb(top, o);
				continue;
			}
			stack.pop();
			if (loops.has(top.id)) visits.set(top.id, visits.get(top.id)! - 1);
			model.memo.set(top.key, top.acc);
			if (stack.length) absorb(stack[stack.length - 1], top.acc);
			else model.root = top.acc;
		}
	} catch (e) {
		if (!(e instanceof PathWorkLimit)) throw e;
		model.root = null;
	}
	return model;
}
