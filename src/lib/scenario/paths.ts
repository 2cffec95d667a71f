// A scenario's complete paths: distinct node sequences from the start to an ending as the engine
// plays them. path-count.ts counts them and finds the shortest, longest and reachable endings by
// dynamic programming (near-linear on graphs of merging branches); this module lists them with a
// witness each (the reply ids that play it), up to MAX_PATHS, skipping every way the count found
// dead, so listing costs what it lists.
import { isSynthesized, OVER_THE_TOP_ENDING } from './over-the-top';
import { countPaths, MAX_VISITS, MAX_WORK, onward, type PathModel } from './path-count';
import { initialState, type PlayState } from './semantics';
import type { CompiledNode, CompiledScenario } from './types';

export { MAX_VISITS, MAX_WORK };
export const MAX_PATHS = 5000;
/** Entering a node while listing (its memo key is built) costs about as much as carrying ten states. */
const LIST_ENTRY_COST = 10;

export interface ScenarioPath {
	nodes: string[];
	decisions: number;
	ending: string;
	/** Reply ids that play this path, one per decision. */
	witness: string[];
}

export interface PathReport {
	/** The listed paths: all of them, or the first MAX_PATHS (fewer when listing them would pass MAX_WORK). */
	paths: ScenarioPath[];
	/** True when fewer paths are listed than there are (MAX_PATHS), or the count stopped at MAX_WORK. */
	truncated: boolean;
	/** Which limit stopped it, when truncated: 'work' means the figures are unknown (a checker error). */
	limit?: 'paths' | 'work';
	/** Every path, counted (exact; may be far beyond what a number holds). Null when the work limit stopped the count. */
	count: bigint | null;
	shortest: number;
	longest: number;
	/** Endings some path reaches. */
	endings: string[];
}

/** A persistent list, newest first: prefixes and witnesses share their past instead of copying it. */
interface Link {
	id: string;
	prev: Link | null;
}
function toArray(l: Link | null): string[] {
	const out: string[] = [];
	for (; l; l = l.prev) out.push(l.id);
	return out.reverse();
}

interface Carried {
	state: PlayState;
	witness: Link | null;
}

/** A node on the current path, with the ways on from it still to explore. */
interface Frame {
	nodeId: string;
	here: Link;
	next: { target: string; carried: Carried[]; decisions: number }[];
	i: number;
}

/**
 * Counts every path, then lists up to MAX_PATHS of them depth-first (a node at most MAX_VISITS
 * times per path), entering only ways that lead to at least one path. Iterative, with prefixes
 * and witnesses shared, so a 5,000-node chain needs neither a deep call stack nor quadratic memory.
 */
export function enumeratePaths(scenario: CompiledScenario, model: PathModel = countPaths(scenario)): PathReport {
	const root = model.root;
	if (!root) return { paths: [], truncated: true, limit: 'work', count: null, shortest: 0, longest: 0, endings: [] };
	const figures = { count: root.count, shortest: root.count ? root.shortest : 0, longest: root.count ? root.longest : 0, endings: [...root.endings] };
	const paths: ScenarioPath[] = [];
	const visits = new Map<string, number>();
	const stack: Frame[] = [];
	// Listing is bounded too (long paths branching early): past MAX_WORK it stops, like at MAX_PATHS.
	let work = 0;

	const enter = (nodeId: string, carried: Carried[], prefix: Link | null, decisions: number) => {
		work += LIST_ENTRY_COST + carried.length;
		const states = carried.map((c) => c.state);
		if (model.memo.get(model.key(nodeId, states, visits))?.count === 0n) return;
		if ((visits.get(nodeId) ?? 0) >= MAX_VISITS) return;
		const node = scenario.nodes[nodeId];
		const here: Link = { id: nodeId, prev: prefix };
		if (node.type === 'ending') {
			const nodes = toArray(here);
			work += nodes.length;
			paths.push({ nodes, decisions, ending: nodeId, witness: toArray(carried[0].witness) });
			return;
		}
		const ways = onwardCarried(scenario, model, node, carried);
		if (model.loops.has(nodeId)) visits.set(nodeId, (visits.get(nodeId) ?? 0) + 1);
		stack.push({ nodeId, here, next: ways.map((w) => ({ ...w, decisions: decisions + (node.type === 'decision' ? 1 : 0) })), i: 0 });
	};

	enter(scenario.start, [{ state: model.trim(initialState(scenario)), witness: null }], null, 0);
	while (stack.length && paths.length < MAX_PATHS && work < MAX_WORK) {
		const top = stack[stack.length - 1];
		if (top.i < top.next.length) {
			const { target, carried, decisions } = top.next[top.i++];
			enter(target, carried, top.here, decisions);
		} else {
			stack.pop();
			if (model.loops.has(top.nodeId)) visits.set(top.nodeId, visits.get(top.nodeId)! - 1);
		}
	}
	const truncated = BigInt(paths.length) < root.count;
	return truncated ? { paths, truncated, limit: 'paths', ...figures } : { paths, truncated, ...figures };
}

/** The ways on from a node as onward() groups them, each state with the witness that brought it. */
function onwardCarried(scenario: CompiledScenario, model: PathModel, node: CompiledNode, carried: Carried[]) {
	return onward(
		scenario,
		node,
		carried.map((c) => c.state),
		model
	).map((w) => ({
		target: w.target,
		carried: w.states.map((state, j): Carried => {
			const before = carried[w.from[j]].witness;
			return { state, witness: node.type === 'decision' ? { id: w.replies[j], prev: before } : before };
		})
	}));
}

export interface ScenarioStats {
	id: string;
	nodes: number;
	decisions: number;
	endings: number;
	/** Every path, counted (rounded beyond 2^53: pathCount has every digit). */
	paths: number;
	pathCount: string;
	/** True when not every path is listed (or the count stopped at its work limit). */
	pathsTruncated: boolean;
	shortestPath: number;
	longestPath: number;
	reachableEndings: string[];
	unreachableEndings: string[];
}

export function scenarioStats(scenario: CompiledScenario, report = enumeratePaths(scenario)): ScenarioStats {
	// Figures about what the author wrote: the compiler's own nodes (over-the-top.ts) are left out,
	// except that reaching its ending is reported.
	const nodes = Object.values(scenario.nodes).filter((n) => !isSynthesized(n.id));
	const endings = nodes.filter((n) => n.type === 'ending').map((n) => n.id);
	const reached = new Set(report.endings);
	return {
		id: scenario.meta.id,
		nodes: nodes.length,
		decisions: nodes.filter((n) => n.type === 'decision').length,
		endings: endings.length,
		paths: Number(report.count ?? 0n),
		pathCount: String(report.count ?? 0n),
		pathsTruncated: report.truncated,
		shortestPath: report.shortest,
		longestPath: report.longest,
		reachableEndings: [...endings, ...(reached.has(OVER_THE_TOP_ENDING) ? [OVER_THE_TOP_ENDING] : [])].filter((e) => reached.has(e)),
		unreachableEndings: endings.filter((e) => !reached.has(e))
	};
}

/**
 * A few paths that between them take every node, every reply of every decision and every ending
 * (greedy set cover, largest contribution first): what browser tests play, while a unit test
 * replays every path on the engine. Deterministic for a given report.
 */
export function coveringPaths(scenario: CompiledScenario, report: Pick<PathReport, 'paths'>): ScenarioPath[] {
	const itemsOf = (p: ScenarioPath) => {
		const items = new Set(p.nodes.map((n) => `node:${n}`));
		const decisions = p.nodes.filter((n) => scenario.nodes[n]?.type === 'decision');
		decisions.forEach((n, i) => items.add(`reply:${n}.${p.witness[i]}`));
		items.add(`ending:${p.ending}`);
		return items;
	};
	const candidates = report.paths.map((p) => ({ p, items: itemsOf(p) }));
	const covered = new Set<string>();
	const chosen: ScenarioPath[] = [];
	for (;;) {
		let best: (typeof candidates)[number] | null = null;
		let gain = 0;
		for (const c of candidates) {
			let g = 0;
			for (const i of c.items) if (!covered.has(i)) g++;
			if (g > gain) (best = c), (gain = g);
		}
		if (!best) return chosen;
		chosen.push(best.p);
		for (const i of best.items) covered.add(i);
	}
}
