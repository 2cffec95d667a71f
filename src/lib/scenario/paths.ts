// Enumerates a scenario's complete paths: distinct node sequences from the start to an ending as
// the engine plays them. Instead of trying every choice sequence (exponential), it carries the set
// of play states that can stand at each path prefix, merging replies that lead to the same node.
import { applyReply, initialState, routeTarget, type PlayState } from './semantics';
import type { CompiledScenario } from './types';

export const MAX_VISITS = 3;
export const MAX_PATHS = 5000;
/**
 * Bound on the enumeration's work: play states carried into nodes and through replies, plus the
 * nodes of the paths it stores. Loops multiply the ways through a graph, so a small hostile file
 * could otherwise keep the checker (and the server, which checks on load) busy for hours.
 */
export const MAX_WORK = 1_000_000;

export interface ScenarioPath {
	nodes: string[];
	decisions: number;
	ending: string;
	/** Reply ids that play this path, one per decision. */
	witness: string[];
}

export interface PathReport {
	paths: ScenarioPath[];
	/** True when the enumeration stopped early, at MAX_PATHS paths or MAX_WORK steps. */
	truncated: boolean;
	/** Which limit stopped it, when truncated. */
	limit?: 'paths' | 'work';
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

const stateKey = (s: PlayState) => `${s.mood}|${[...s.chosen].sort().join(',')}|${[...s.flagged].sort().join(',')}|${[...s.moved].sort().join(',')}`;

/** Only what conditions read needs to tell states apart; the rest is dropped to keep sets small. */
function relevance(scenario: CompiledScenario) {
	const refs = new Set<string>();
	const flags = new Set<string>();
	const moves = new Set<string>();
	for (const n of Object.values(scenario.nodes)) {
		const conds = n.type === 'route' ? n.routes.map((r) => r.when) : n.type === 'line' ? n.variants.map((v) => v.when) : [];
		for (const c of conds) {
			c.chose?.forEach((r) => refs.add(r));
			c.notChose?.forEach((r) => refs.add(r));
			c.flagged?.forEach((f) => flags.add(f));
			c.moved?.forEach((m) => moves.add(m));
		}
	}
	return (s: PlayState): PlayState => ({
		mood: s.mood,
		chosen: s.chosen.filter((r) => refs.has(r)),
		flagged: s.flagged.filter((f) => flags.has(f)),
		moved: s.moved.filter((m) => moves.has(m))
	});
}

/**
 * Depth-first over node sequences, a node at most MAX_VISITS times per path. Iterative, with the
 * path's visit counts kept in one map and prefixes and witnesses shared, so a 5,000-node chain
 * needs neither a deep call stack nor quadratic memory.
 */
export function enumeratePaths(scenario: CompiledScenario): PathReport {
	const trim = relevance(scenario);
	const paths: ScenarioPath[] = [];
	let limit: PathReport['limit'];
	let work = 0;
	const visits = new Map<string, number>();
	const stack: Frame[] = [];

	const enter = (nodeId: string, carried: Carried[], prefix: Link | null, decisions: number) => {
		if (paths.length >= MAX_PATHS) limit = 'paths';
		else if ((work += carried.length) > MAX_WORK) limit = 'work';
		if (limit) return;
		const seen = visits.get(nodeId) ?? 0;
		if (seen >= MAX_VISITS) return;
		const node = scenario.nodes[nodeId];
		const here: Link = { id: nodeId, prev: prefix };
		let next: Frame['next'];
		switch (node.type) {
			case 'ending': {
				const nodes = toArray(here);
				work += nodes.length;
				paths.push({ nodes, decisions, ending: nodeId, witness: toArray(carried[0].witness) });
				return;
			}
			case 'line':
				next = [{ target: node.next, carried, decisions }];
				break;
			case 'route':
				next = [...groupBy(carried, (c) => routeTarget(node, c.state))].map(([target, group]) => ({ target, carried: group, decisions }));
				break;
			case 'decision': {
				work += carried.length * node.replies.length;
				const byTarget = new Map<string, Map<string, Carried>>();
				for (const r of node.replies) {
					for (const c of carried) {
						const state = trim(applyReply(node.id, r, c.state));
						const bucket = byTarget.get(r.next) ?? new Map<string, Carried>();
						byTarget.set(r.next, bucket);
						const key = stateKey(state);
						if (!bucket.has(key)) bucket.set(key, { state, witness: { id: r.id, prev: c.witness } });
					}
				}
				next = [...byTarget].map(([target, bucket]) => ({ target, carried: [...bucket.values()], decisions: decisions + 1 }));
			}
		}
		visits.set(nodeId, seen + 1);
		stack.push({ nodeId, here, next, i: 0 });
	};

	enter(scenario.start, [{ state: trim(initialState(scenario)), witness: null }], null, 0);
	while (stack.length && !limit) {
		const top = stack[stack.length - 1];
		if (top.i < top.next.length) {
			const { target, carried, decisions } = top.next[top.i++];
			enter(target, carried, top.here, decisions);
		} else {
			stack.pop();
			visits.set(top.nodeId, visits.get(top.nodeId)! - 1);
		}
	}
	return limit ? { paths, truncated: true, limit } : { paths, truncated: false };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
	const m = new Map<string, T[]>();
	for (const it of items) {
		const k = key(it);
		const group = m.get(k);
		if (group) group.push(it);
		else m.set(k, [it]);
	}
	return m;
}

export interface ScenarioStats {
	id: string;
	nodes: number;
	decisions: number;
	endings: number;
	paths: number;
	pathsTruncated: boolean;
	shortestPath: number;
	longestPath: number;
	reachableEndings: string[];
	unreachableEndings: string[];
}

export function scenarioStats(scenario: CompiledScenario, report = enumeratePaths(scenario)): ScenarioStats {
	const nodes = Object.values(scenario.nodes);
	const endings = nodes.filter((n) => n.type === 'ending').map((n) => n.id);
	const reached = new Set(report.paths.map((p) => p.ending));
	const lengths = report.paths.map((p) => p.decisions);
	return {
		id: scenario.meta.id,
		nodes: nodes.length,
		decisions: nodes.filter((n) => n.type === 'decision').length,
		endings: endings.length,
		paths: report.paths.length,
		pathsTruncated: report.truncated,
		shortestPath: lengths.length ? Math.min(...lengths) : 0,
		longestPath: lengths.length ? Math.max(...lengths) : 0,
		reachableEndings: endings.filter((e) => reached.has(e)),
		unreachableEndings: endings.filter((e) => !reached.has(e))
	};
}
