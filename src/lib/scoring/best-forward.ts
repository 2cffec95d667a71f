// Best score, forward: every place (node, the play state conditions read, remedy and feeling so
// far, visits of nodes on loops) is found first, then the pasts flow from the start in topological
// order, each place keeping the Pareto front of the totals that reach it. Small where the play state
// pins down what was chosen (the mood after a chain of replies), as in the issue 10 repro.
import { loopNodes, relevance } from '../scenario/graph';
import { applyReply, initialState, routeTarget, type PlayState } from '../scenario/semantics';
import type { CompiledNode, CompiledScenario } from '../scenario/types';
import { addTurn, Budget, decisionFacts, ENTRY_COST, insert, overallOf, PEN, visitsAfter, type BestScore, type Facts, type Link } from './best-core';
import { PENALTY } from './score';

/** A way to reach a place: the totals so far and the replies, last choice first. */
interface Past {
	v: number[];
	choices: Link | null;
}

interface Place {
	node: CompiledNode;
	st: PlayState;
	remedy: boolean;
	feeling: boolean;
	/** Visits of nodes on loops, this node's included. */
	visits: string;
	next: { to: Place; x: Facts | null }[];
	front: Past[];
	/** How many choice sequences reach it. */
	count: number;
	/** When the depth-first search first met it. */
	rank: number;
}

/** Throws WorkLimit when the budget runs out. */
export function searchForward(scenario: CompiledScenario, budget: Budget): BestScore {
	const rel = relevance(scenario, true);
	const loops = loopNodes(scenario);
	const places = new Map<string, Place>();
	const facts = new Map<string, Facts[]>();

	/** The place for a node entered with this past (null: visited too often on this path). */
	const place = (id: string, st: PlayState, remedy: boolean, feeling: boolean, visits: string): { p: Place; fresh: boolean } | null => {
		feeling &&= !remedy; // feeling first matters only until the first remedy
		if (loops.has(id)) {
			const after = visitsAfter(visits, id);
			if (after === null) return null;
			visits = after;
		}
		const key = `${id}\u0000${rel.key(st)}\u0000${remedy ? 2 : feeling ? 1 : 0}\u0000${visits}`;
		budget.spend(ENTRY_COST + (key.length >> 3), id); // known places cost too: the key is the work
		const known = places.get(key);
		if (known) return { p: known, fresh: false };
		const p: Place = { node: scenario.nodes[id], st, remedy, feeling, visits, next: [], front: [], count: 0, rank: places.size };
		places.set(key, p);
		return { p, fresh: true };
	};

	const ways = (p: Place): (() => { to: Place; x: Facts | null; fresh: boolean } | null)[] => {
		const n = p.node;
		const via = (r: { p: Place; fresh: boolean } | null, x: Facts | null) => (r ? { to: r.p, x, fresh: r.fresh } : null);
		if (n.type === 'line' || n.type === 'route') return [() => via(place(n.type === 'line' ? n.next : routeTarget(n, p.st), p.st, p.remedy, p.feeling, p.visits), null)];
		if (n.type !== 'decision') return [];
		let f = facts.get(n.id);
		if (!f) facts.set(n.id, (f = decisionFacts(n)));
		return f.map((x) => () => via(place(x.r.next, rel.trim(applyReply(n.id, x.r, p.st)), p.remedy || x.remedy, p.feeling || x.feeling, p.visits), x));
	};

	/** Every place reachable from root, each after all that lead to it (reverse postorder, iterative). */
	const discover = (root: Place): Place[] => {
		const post: Place[] = [];
		const stack = [{ p: root, ways: ways(root), i: 0 }];
		while (stack.length) {
			const top = stack[stack.length - 1];
			if (top.i < top.ways.length) {
				const w = top.ways[top.i++]();
				if (w) {
					top.p.next.push({ to: w.to, x: w.x });
					if (w.fresh) stack.push({ p: w.to, ways: ways(w.to), i: 0 });
				}
				continue;
			}
			stack.pop();
			post.push(top.p);
		}
		return post.reverse();
	};

	const root = place(scenario.start, rel.trim(initialState(scenario)), false, false, '')!.p;
	root.front.push({ v: new Array(PEN + 1).fill(0), choices: null });
	root.count = 1;
	const endings: Place[] = [];
	for (const p of discover(root)) {
		if (p.node.type === 'ending') endings.push(p);
		for (const { to, x } of p.next) {
			to.count += p.count;
			for (const s of p.front) {
				budget.spend(1 + to.front.length, to.node.id);
				insert(to.front, x ? { v: addTurn(s.v, x, p.remedy, p.feeling), choices: { id: x.r.id, next: s.choices } } : s);
			}
		}
		if (p.node.type !== 'ending') p.front = []; // passed on
	}
	// Endings in the order the search met them, so equal bests go to the first found.
	endings.sort((a, b) => a.rank - b.rank);
	let best: { s: Past; ending: string } | null = null;
	let bestOverall = -1;
	let sequences = 0;
	for (const e of endings) {
		if (e.node.type !== 'ending') continue;
		sequences += e.count;
		for (const s of e.front) {
			const v = s.v.slice();
			v[PEN] += PENALTY.outcome[e.node.outcome];
			const o = overallOf(v);
			if (o > bestOverall) [best, bestOverall] = [{ s, ending: e.node.id }, o];
		}
	}
	const choices: string[] = [];
	for (let l = best?.s.choices ?? null; l; l = l.next) choices.push(l.id);
	return { overall: bestOverall, choices: choices.reverse(), ending: best?.ending ?? '', exhaustive: true, sequences, work: budget.used };
}
