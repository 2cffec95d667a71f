// Best score, backward: each place (node, the play state conditions read, remedy and feeling so
// far, visits of nodes on loops) keeps the Pareto front of what the rest of the conversation can
// add to the totals, solved once by memoised depth-first search (iterative: no deep call stack).
// Small where branches reconverge with the same prospects (the shipped scenarios).
import { loopNodes, relevance } from '../scenario/graph';
import { applyReply, initialState, routeTarget, type PlayState } from '../scenario/semantics';
import type { CompiledNode, CompiledScenario } from '../scenario/types';
import { addTurn, Budget, decisionFacts, ENTRY_COST, insert, overallOf, PEN, visitsAfter, type BestScore, type Facts, type Link } from './best-core';
import { PENALTY } from './score';

interface Suffix {
	v: number[];
	/** The replies, first choice first. */
	choices: Link | null;
	ending: string;
}
interface Memo {
	front: Suffix[];
	count: number;
}
const NONE: Memo = { front: [], count: 0 };

/** A place being solved: its key, what its successors are entered with, and its front so far. */
interface Frame {
	key: string;
	node: CompiledNode;
	st: PlayState;
	remedy: boolean;
	feeling: boolean;
	visits: string;
	facts: Facts[] | null;
	i: number;
	memo: Memo;
}

/** Throws WorkLimit when the budget runs out. */
export function searchBackward(scenario: CompiledScenario, budget: Budget): BestScore {
	const rel = relevance(scenario, true);
	const loops = loopNodes(scenario);
	const memo = new Map<string, Memo>();
	const facts = new Map<string, Facts[]>();
	const stack: Frame[] = [];

	/** The memo for a node entered with this past, or null after pushing a frame to solve it. */
	const enter = (id: string, st: PlayState, remedy: boolean, feeling: boolean, visits: string): Memo | null => {
		feeling &&= !remedy; // feeling first matters only until the first remedy
		const key = `${id}\u0000${rel.key(st)}\u0000${remedy ? 2 : feeling ? 1 : 0}\u0000${visits}`;
		budget.spend(ENTRY_COST + (key.length >> 3), id); // memo hits cost too: the key is the work
		const known = memo.get(key);
		if (known) return known;
		const node = scenario.nodes[id];
		if (loops.has(id)) {
			const after = visitsAfter(visits, id);
			if (after === null) return NONE;
			visits = after;
		}
		if (node.type === 'ending') {
			const v = new Array(PEN + 1).fill(0);
			v[PEN] = PENALTY.outcome[node.outcome];
			const done = { front: [{ v, choices: null, ending: id }], count: 1 };
			memo.set(key, done);
			return done;
		}
		let f: Facts[] | null = null;
		if (node.type === 'decision') {
			f = facts.get(id) ?? decisionFacts(node);
			facts.set(id, f);
		}
		stack.push({ key, node, st, remedy, feeling, visits, facts: f, i: 0, memo: { front: [], count: 0 } });
		return null;
	};

	/** Adds a successor's suffixes, each after this decision's reply x, to the frame's front. */
	const absorb = (top: Frame, child: Memo, x: Facts | null) => {
		if (!x) {
			top.memo = child; // a line or route adds nothing: its front is its successor's
			return;
		}
		top.memo.count += child.count;
		for (const c of child.front) {
			budget.spend(1 + top.memo.front.length, top.node.id);
			insert(top.memo.front, { v: addTurn(c.v, x, top.remedy, top.feeling), choices: { id: x.r.id, next: c.choices }, ending: c.ending });
		}
	};

	/** The next successor to enter for the frame, or 'done'. */
	const nextChild = (top: Frame): Memo | null | 'done' => {
		const n = top.node;
		if (n.type === 'line' || n.type === 'route') {
			if (top.i++ > 0) return 'done';
			return enter(n.type === 'line' ? n.next : routeTarget(n, top.st), top.st, top.remedy, top.feeling, top.visits);
		}
		if (n.type !== 'decision' || top.i >= top.facts!.length) return 'done';
		const x = top.facts![top.i++];
		return enter(x.r.next, rel.trim(applyReply(n.id, x.r, top.st)), top.remedy || x.remedy, top.feeling || x.feeling, top.visits);
	};
	const replyOf = (top: Frame) => (top.node.type === 'decision' ? top.facts![top.i - 1] : null);

	let root = enter(scenario.start, rel.trim(initialState(scenario)), false, false, '');
	while (stack.length) {
		const top = stack[stack.length - 1];
		const r = nextChild(top);
		if (r === 'done') {
			stack.pop();
			memo.set(top.key, top.memo);
			if (stack.length) absorb(stack[stack.length - 1], top.memo, replyOf(stack[stack.length - 1]));
			else root = top.memo;
		} else if (r) absorb(top, r, replyOf(top));
	}
	let best: Suffix | null = null;
	let bestOverall = -1;
	for (const s of root!.front) {
		const o = overallOf(s.v);
		if (o > bestOverall) [best, bestOverall] = [s, o];
	}
	const choices: string[] = [];
	for (let l = best?.choices ?? null; l; l = l.next) choices.push(l.id);
	return { overall: bestOverall, choices, ending: best?.ending ?? '', exhaustive: true, sequences: root!.count, work: budget.used };
}
