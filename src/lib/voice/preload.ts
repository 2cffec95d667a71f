// One step ahead (issue 12): while the trainee decides, a call fetches the clips of everything that
// can be said next, so the answer plays at once and a call started online goes on offline (the
// service worker keeps what was fetched). What can follow a decision is worked out from the compiled
// scenario with the rules of play: each reply's `response` at the mood it leaves, then the lines up
// to the next decision or ending (routes and variants decided by the state after that reply). Pure.
import type { PlayState } from '../scenario/semantics';
import { applyReply, lineText, routeTarget } from '../scenario/semantics';
import type { CompiledScenario } from '../scenario/types';
import { voiceSource, type Spoken, type VoiceIndex, type VoiceSource } from './clip-lookup';

/** Lines followed from one reply before giving up (a loop of lines without a decision cannot be played anyway). */
const MAX_STEPS = 100;

/** What can be said after each reply of the decision at `node` (nothing when it is no decision). */
export function nextSpoken(scenario: CompiledScenario, node: string, play: PlayState): Spoken[] {
	const d = scenario.nodes[node];
	if (d?.type !== 'decision') return [];
	const out: Spoken[] = [];
	for (const r of d.replies) {
		const st = applyReply(node, r, play);
		if (r.response) out.push({ kind: 'response', node, text: r.response, mood: st.mood });
		let id = r.next;
		for (let step = 0; step < MAX_STEPS; step++) {
			const n = scenario.nodes[id];
			if (n?.type === 'line') {
				out.push({ kind: 'line', node: id, text: lineText(n, st), mood: st.mood, speaker: n.speaker });
				id = n.next;
			} else if (n?.type === 'route') id = routeTarget(n, st);
			else break;
		}
	}
	return out;
}

/** The sources to fetch ahead, each once. */
export function preloadSet(index: VoiceIndex, scenario: CompiledScenario, node: string, play: PlayState): VoiceSource[] {
	const byId = new Map<string, VoiceSource>();
	for (const e of nextSpoken(scenario, node, play)) {
		const src = voiceSource(index, e);
		if (src && !byId.has(src.id)) byId.set(src.id, src);
	}
	return [...byId.values()];
}
