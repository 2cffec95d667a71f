// Enumerates a scenario's complete paths: distinct node sequences from the start to an ending as
// the engine plays them. Instead of trying every choice sequence (exponential), it carries the set
// of play states that can stand at each path prefix, merging replies that lead to the same node.
import { applyReply, initialState, routeTarget, type PlayState } from './semantics';
import type { CompiledScenario } from './types';

export const MAX_VISITS = 3;
export const MAX_PATHS = 5000;

export interface ScenarioPath {
	nodes: string[];
	decisions: number;
	ending: string;
	/** Reply ids that play this path, one per decision. */
	witness: string[];
}

export interface PathReport {
	paths: ScenarioPath[];
	/** True when the enumeration stopped at MAX_PATHS. */
	truncated: boolean;
}

interface Carried {
	state: PlayState;
	witness: string[];
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

export function enumeratePaths(scenario: CompiledScenario): PathReport {
	const trim = relevance(scenario);
	const paths: ScenarioPath[] = [];
	let truncated = false;

	const walk = (nodeId: string, carried: Carried[], prefix: string[], decisions: number, visits: Map<string, number>) => {
		if (paths.length >= MAX_PATHS) {
			truncated = true;
			return;
		}
		const seen = visits.get(nodeId) ?? 0;
		if (seen >= MAX_VISITS) return;
		const node = scenario.nodes[nodeId];
		const nextVisits = new Map(visits).set(nodeId, seen + 1);
		const here = [...prefix, nodeId];
		switch (node.type) {
			case 'ending':
				paths.push({ nodes: here, decisions, ending: nodeId, witness: carried[0].witness });
				return;
			case 'line':
				return walk(node.next, carried, here, decisions, nextVisits);
			case 'route': {
				for (const [target, group] of groupBy(carried, (c) => routeTarget(node, c.state))) walk(target, group, here, decisions, nextVisits);
				return;
			}
			case 'decision': {
				const byTarget = new Map<string, Map<string, Carried>>();
				for (const r of node.replies) {
					for (const c of carried) {
						const state = trim(applyReply(node.id, r, c.state));
						const bucket = byTarget.get(r.next) ?? new Map<string, Carried>();
						byTarget.set(r.next, bucket);
						const key = stateKey(state);
						if (!bucket.has(key)) bucket.set(key, { state, witness: [...c.witness, r.id] });
					}
				}
				for (const [target, bucket] of byTarget) walk(target, [...bucket.values()], here, decisions + 1, nextVisits);
			}
		}
	};
	walk(scenario.start, [{ state: trim(initialState(scenario)), witness: [] }], [], 0, new Map());
	return { paths, truncated };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
	const m = new Map<string, T[]>();
	for (const it of items) {
		const k = key(it);
		m.set(k, [...(m.get(k) ?? []), it]);
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
