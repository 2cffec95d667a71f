// The content lints on small scenarios written for each rule.
import { describe, expect, it } from 'vitest';
import { checkText } from './check';
import { header } from './path-fixtures';
import { similarity } from './lints';

/** A decision with replies given as [id, text, mood, next]. */
const decision = (id: string, replies: [string, string, number, string][], extra = '') =>
	`  - id: ${id}\n    type: decision\n${extra}    replies:\n` +
	replies.map(([r, text, mood, next]) => `      - { id: ${r}, text: ${text}, ${mood < 0 ? 'moves: [empathy]' : 'flags: [dismiss]'}, mood: ${mood}, feedback: f, next: ${next} }\n`).join('');
const end = `  - { id: end, type: ending, outcome: resolved, title: 完, debrief: 完 }\n`;
const warnings = (yaml: string) => checkText('lint.yaml', header('lint', 40) + yaml).diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);

describe('content lints', () => {
	it('warns when the best reply is the longest in most decisions, and when most decisions lead to one place', () => {
		const chain = ['d1', 'd2', 'd3', 'd4', 'end'];
		const yaml = chain
			.slice(0, 4)
			.map((d, i) => decision(d, [[`good`, '非常理解您的心情我马上帮您查清楚', -5, chain[i + 1]], [`bad`, '这不归我管', 5, chain[i + 1]]]))
			.join('');
		const w = warnings(yaml + end);
		expect(w).toEqual(expect.arrayContaining([expect.stringContaining('the best reply is the longest in 4 of 4 decisions'), expect.stringContaining('4 of 4 decisions lead to one place')]));
	});

	it('is quiet for a scenario that branches and hides its best reply among equals', () => {
		const yaml =
			decision('d1', [['good', '您先别急，我在听', -5, 'l1'], ['bad', '这事要按规定流程来处理才行的', 5, 'l2']]) +
			`  - { id: l1, type: line, text: 好吧, next: d2 }\n  - { id: l2, type: line, text: 什么流程, next: d2 }\n` +
			decision('d2', [['bad', '您应该早点来说明情况的呀', 5, 'l3'], ['good', '是我们没做好', -5, 'l4']]) +
			`  - { id: l3, type: line, text: 怪我？, next: d3 }\n  - { id: l4, type: line, text: 嗯, next: d3 }\n` +
			decision('d3', [['good', '我来跟进到底', -5, 'l5'], ['bad', '您去找售后部门问问看吧', 5, 'l6']]) +
			`  - { id: l5, type: line, text: 好, next: d4 }\n  - { id: l6, type: line, text: 又推, next: d4 }\n` +
			decision('d4', [['bad', '下次请您先看说明书再用', 5, 'end'], ['good', '谢谢您告诉我们', -5, 'end']]) +
			end;
		expect(warnings(yaml)).toEqual([]);
	});

	it('warns on two replies that say nearly the same', () => {
		expect(similarity('非常抱歉，让您久等了。', '非常抱歉让您久等了！')).toBe(1);
		expect(similarity('我马上帮您查', '请问您的订单号')).toBeLessThan(0.3);
		const w = warnings(decision('d1', [['a', '非常抱歉让您久等了', -5, 'end'], ['b', '非常抱歉，让您久等了！', 5, 'end']]) + end);
		expect(w).toEqual([expect.stringContaining('reply "b" says nearly the same as "a"')]);
	});

	it('warns where a line marked for a calm mood can be shown to a furious customer', () => {
		const yaml =
			decision('d1', [['calm', '您别急', -30, 'thanks'], ['fire', '你自己弄坏的', 30, 'thanks']]) +
			`  - id: thanks\n    type: line\n    text: 谢谢你这么耐心。\n    stage: latent\n    next: end\n` +
			end;
		expect(warnings(yaml)).toEqual([expect.stringMatching(/marked for latent but play can show them at (complaint|escalated)/)]);
		const fixed = yaml.replace('    stage: latent\n', '    stage: latent\n    variants:\n      - { when: { moodAtLeast: potential }, text: 你到底想怎样？, stage: [potential, escalated] }\n');
		expect(warnings(fixed)).toEqual([]);
	});

	it('warns on half-width punctuation in Chinese text a trainee reads', () => {
		const w = warnings(`  - { id: hi, type: line, text: "您好,请问有什么可以帮您？", next: end }\n` + end);
		expect(w).toEqual([expect.stringContaining('half-width punctuation in Chinese text')]);
	});
});
