// What an assessment sends to the browser: only what playing needs. The key (each reply's feedback,
// its moves and flags, the endings' debriefs) stays on the server until the debrief; typed words
// are read on the server (src/routes/play/[id]/read). docs/scoring.md says what can still be inferred.
import type { FlagCode, MoveCode } from '$lib/domain';
import type { CompiledNode, CompiledScenario, Condition } from '$lib/scenario/types';

/** The codes some condition of the scenario tests: the only ones that change where the story goes. */
export function routingCodes(scenario: CompiledScenario): Set<string> {
	const out = new Set<string>();
	const add = (c: Condition) => [...(c.flagged ?? []), ...(c.moved ?? [])].forEach((x) => out.add(x));
	for (const node of Object.values(scenario.nodes)) {
		if (node.type === 'route') node.routes.forEach((r) => add(r.when));
		if (node.type === 'line') node.variants.forEach((v) => add(v.when));
	}
	return out;
}

const views = new WeakMap<CompiledScenario, CompiledScenario>();

/**
 * The scenario as an assessment plays it: replies keep their words, mood change, response and next
 * node, and of their codes only those a condition tests (weight 1); feedback and debriefs are empty.
 * It plays exactly as the full scenario does (assessment.test.ts replays every path).
 */
export function assessmentView(scenario: CompiledScenario): CompiledScenario {
	let view = views.get(scenario);
	if (view) return view;
	const routing = routingCodes(scenario);
	const keep = <C extends string>(codes: Partial<Record<C, number>>) =>
		Object.fromEntries(Object.keys(codes).filter((c) => routing.has(c)).map((c) => [c, 1])) as Partial<Record<C, number>>;
	const nodes: Record<string, CompiledNode> = {};
	for (const [id, node] of Object.entries(scenario.nodes)) {
		if (node.type === 'decision')
			nodes[id] = {
				...node,
				replies: node.replies.map((r) => ({
					id: r.id,
					text: r.text,
					moves: keep<MoveCode>(r.moves),
					flags: keep<FlagCode>(r.flags),
					mood: r.mood,
					feedback: '',
					...(r.response === undefined ? {} : { response: r.response }),
					next: r.next
				}))
			};
		else if (node.type === 'ending') nodes[id] = { ...node, debrief: '' };
		else nodes[id] = node;
	}
	views.set(scenario, (view = { ...scenario, nodes }));
	return view;
}
