// A generated scenario draft of any size, as `yaml.parse` would give it, for the graph view's
// tests and bench (scripts/bench-studio-graph.ts). Branchy like an authored one: decisions with
// three replies that skip ahead, mood and choice routes, lines, loops back, endings of all three
// outcomes. Deterministic; every node is reachable and can reach an ending.
import { OUTCOMES } from '../domain';

export function generatedDraft(size: number): Record<string, unknown> {
	const endings = Math.max(3, Math.round(size / 30));
	const body = Math.max(1, size - endings);
	const id = (i: number) => (i < body ? `n${i}` : `end-${i - body}`);
	/** A forward target: past the body, one of the endings. */
	const ahead = (i: number, step: number) => id(i + step < body ? i + step : body + ((i + step) % endings));
	const nodes: Record<string, unknown>[] = [];
	for (let i = 0; i < body; i++) {
		if (i % 5 === 0 || i % 5 === 2) {
			const back = i % 17 === 0 && i >= 5;
			nodes.push({
				id: id(i),
				type: 'decision',
				prompt: `第 ${i} 步：顾客还在等你的回应`,
				replies: [
					{ id: 'a', text: `先道歉再说明情况（第 ${i} 步）`, moves: ['apology'], mood: -5, feedback: '好', next: ahead(i, 1) },
					{ id: 'b', text: '这不归我们管', flags: ['blame'], mood: 10, feedback: '推卸', next: ahead(i, 2) },
					{ id: 'c', text: '我帮您查一下订单', moves: ['info'], mood: 0, feedback: '收集信息', next: back ? id(i - 5) : ahead(i, 3) }
				]
			});
		} else if (i % 5 === 4) {
			nodes.push({
				id: id(i),
				type: 'route',
				routes: [
					{ when: { moodAtLeast: 'escalated' }, next: id(body + (Math.floor(i / 5) % endings)) },
					{ when: { chose: `n${i - 2}.b` }, next: ahead(i, 4) }
				],
				otherwise: ahead(i, 1)
			});
		} else {
			nodes.push({ id: id(i), type: 'line', speaker: 'customer', text: `顾客第 ${i} 句：我已经等了很久了。`, next: ahead(i, 1) });
		}
	}
	for (let k = 0; k < endings; k++)
		nodes.push({ id: id(body + k), type: 'ending', outcome: OUTCOMES[k % OUTCOMES.length], title: `结局 ${k}`, debrief: '说明' });
	return {
		format: 1,
		id: 'generated',
		title: '生成的情景',
		summary: '图的基准',
		class: '普通',
		channel: 'phone',
		difficulty: 'easy',
		minutes: 5,
		persona: { name: '测试客户', archetype: 'angry' },
		objectives: ['基准'],
		mood: { start: 50 },
		nodes
	};
}
