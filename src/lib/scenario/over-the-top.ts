// Past the top of the scale, mistakes still cost: a customer at the top of the mood scale (100)
// after the trainee's reply, a reply that did not bring the mood down, ends the conversation: they
// leave (or, where a manager is in the scenario, demand one). The compiler adds this as ordinary
// nodes: a route in front of every node a reply leads to (endings aside), a customer line and an
// ending, so the engine, the path analysis and the best-score search all see it without rules of
// their own, and every reply to one node still passes the same nodes (no extra paths). Synthesized
// ids start with "~", which authored ids cannot.
import { MOOD_MAX, type Channel } from '../domain';
import type { CompiledNode, ScenarioMeta } from './types';

export const OVER_THE_TOP_LINE = '~over-the-top';
export const OVER_THE_TOP_ENDING = '~over-the-top-end';
export const isSynthesized = (id: string) => id.startsWith('~');

const LEAVES: Record<Channel, { text: string; direction: string }> = {
	phone: { text: '够了！我不想再听你说了，我直接去投诉！', direction: '（电话那头重重地挂断了）' },
	chat: { text: '算了，跟你说不通。我去别的平台投诉！', direction: '（客户结束了对话）' },
	counter: { text: '行了，别说了！我不在这儿跟你耗了！', direction: '（客户转身就走）' },
	written: { text: '贵司的答复令人失望，我方将停止沟通，另行追责。', direction: '（对方不再回复）' }
};

/** The nodes with the over-the-top guard in front of every reply's target (unchanged when no reply can raise the mood). */
export function overTheTop(nodes: Record<string, CompiledNode>, meta: Pick<ScenarioMeta, 'channel' | 'manager'>): Record<string, CompiledNode> {
	const decisions = Object.values(nodes).filter((n) => n.type === 'decision');
	if (!decisions.some((d) => d.replies.some((r) => r.mood > 0))) return nodes;
	const out: Record<string, CompiledNode> = { ...nodes };
	const guard = (target: string) => {
		if (nodes[target]?.type === 'ending') return target;
		const id = `~top>${target}`;
		out[id] ??= { type: 'route', id, routes: [{ when: { moodAtLeast: MOOD_MAX }, next: OVER_THE_TOP_LINE }], otherwise: target };
		return id;
	};
	for (const d of decisions) out[d.id] = { ...d, replies: d.replies.map((r) => ({ ...r, next: guard(r.next) })) };
	const escalates = !!meta.manager;
	const leave = escalates
		? { text: '别说了！叫你们领导来，我不跟你谈了！', direction: '（客户的声音已经完全失控）' }
		: LEAVES[meta.channel];
	out[OVER_THE_TOP_LINE] = { type: 'line', id: OVER_THE_TOP_LINE, speaker: 'customer', text: leave.text, direction: leave.direction, variants: [], next: OVER_THE_TOP_ENDING };
	out[OVER_THE_TOP_ENDING] = {
		type: 'ending',
		id: OVER_THE_TOP_ENDING,
		outcome: escalates ? 'escalated' : 'lost',
		title: escalates ? '情绪到顶：客户要求找主管' : '情绪到顶：客户不再给你机会',
		debrief:
			'客户的不满已经到了顶点，你的回复又让情况更糟，他不再给你机会。情绪到顶时，争辩、推脱、说教或空口保证只会火上浇油：这时先停下解释，只做安抚——致歉、共情、复述他的感受，等情绪降下来，再谈事情本身。'
	};
	return out;
}
