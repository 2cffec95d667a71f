// One step ahead: what can be said after each reply of the decision now open, as the engine would say it.
import { describe, expect, it } from 'vitest';
import { compileScenarioFile } from '../scenario/files';
import { replay, startActor, choose1, view } from '../scenario/engine';
import { decision, ending, reply, scenario } from '../scenario/path-fixtures';
import { initialState } from '../scenario/semantics';
import { clipName } from './clip-name';
import { isHeard, voiceIndex, voiceSource } from './clip-lookup';
import { nextSpoken, preloadSet } from './preload';

const withResponse = (id: string, next: string, mood: number, response: string) => reply(id, next, mood).replace('        next:', `        response: ${response}\n        next:`);

describe('nextSpoken', () => {
	const s = scenario(
		decision('d', withResponse('calm', 'r', -40, '这还差不多。'), reply('anger', 'r', 40)) +
			`  - id: r
    type: route
    routes:
      - when: { moodAtLeast: escalated }
        next: angry
    otherwise: calm-line
  - id: angry
    type: line
    text: 我要投诉你！
    next: end
  - id: calm-line
    type: line
    text: 好吧。
    variants:
      - when: { chose: d.calm }
        text: 好，谢谢你。
    next: end
` +
			ending('end'),
		50
	);

	it('follows each reply through its response, routes and variants to the next decision or ending', () => {
		expect(nextSpoken(s, 'd', initialState(s))).toEqual([
			{ kind: 'response', node: 'd', text: '这还差不多。', mood: 10 },
			{ kind: 'line', node: 'calm-line', text: '好，谢谢你。', mood: 10, speaker: 'customer' },
			{ kind: 'line', node: 'angry', text: '我要投诉你！', mood: 90, speaker: 'customer' }
		]);
		expect(nextSpoken(s, 'end', initialState(s))).toEqual([]);
	});

	it('names each clip once, at the stage it will be heard (or the nearest made)', () => {
		const ids = preloadSet(voiceIndex(s), s, 'd', initialState(s)).map((x) => x.id);
		expect(ids).toEqual([clipName('这还差不多。', 'latent'), clipName('好，谢谢你。', 'latent'), clipName('我要投诉你！', 'escalated')]);
	});

	it('on a shipped call: whatever reply is taken, what is then said was fetched ahead', () => {
		const s = compileScenarioFile('scenarios/angry-caller.yaml').scenario!;
		const index = voiceIndex(s);
		const opening = replay(s, []);
		const d = s.nodes[String(opening.value)];
		if (d.type !== 'decision') throw new Error('the opening ends at a decision');
		const ahead = new Set(preloadSet(index, s, d.id, opening.context.play).map((x) => x.id));
		for (const r of d.replies) {
			const a = startActor(s);
			choose1(s, a, r.id);
			const v = view(s, a.getSnapshot());
			const said = v.context.transcript.slice(opening.context.transcript.length + 1);
			expect(said.length, r.id).toBeGreaterThan(0);
			for (const e of said.filter(isHeard)) expect(ahead.has(voiceSource(index, e)!.id), `${r.id}: ${e.text}`).toBe(true);
			a.stop();
		}
	});
});
