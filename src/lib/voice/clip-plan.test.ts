// The clip plan against brute force: every choice sequence is played on the real engine, and each
// spoken line's words and mood stage must be in the plan (exactly the plan when there are no loops).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { moodStage, type MoodStageId } from '../domain';
import { compileScenario } from '../scenario/compiler';
import { replay } from '../scenario/engine';
import { build, decision, ending, reply, scenario, specArb } from '../scenario/path-fixtures';
import type { CompiledScenario } from '../scenario/types';
import { LEGACY_REACTIONS } from '../scenario/reactions';
import { clipName } from './clip-name';
import { compileScenarioFile } from '../scenario/files';
import { isPhoneScenario, planClips, REACTION_STAGES, reactionLineKey, voicePlan } from './clip-plan';

/** key → stages heard, by playing every choice sequence (null when the budget runs out). */
function bruteForce(s: CompiledScenario, budget = 1500): Map<string, Set<MoodStageId>> | null {
	const out = new Map<string, Set<MoodStageId>>();
	const walk = (choices: string[]) => {
		if (--budget < 0 || choices.length > 8) return;
		const snap = replay(s, choices);
		if (snap.status !== 'done' && String(snap.value) in s.nodes && s.nodes[String(snap.value)].type === 'decision') {
			for (const r of (s.nodes[String(snap.value)] as { replies: { id: string }[] }).replies) walk([...choices, r.id]);
			return;
		}
		for (const t of snap.context.transcript) {
			if (t.kind !== 'line' || t.speaker === 'narrator') continue;
			const node = s.nodes[t.node] as Extract<CompiledScenario['nodes'][string], { type: 'line' }>;
			const v = node.variants.findIndex((x) => x.text === t.text);
			const key = t.text === node.text && v < 0 ? t.node : `${t.node}#${v}`;
			if (!out.has(key)) out.set(key, new Set());
			out.get(key)!.add(moodStage(t.mood).id);
		}
	};
	walk([]);
	return budget < 0 ? null : out;
}

const planned = (s: CompiledScenario) => new Map(voicePlan(s, { responses: false, reactions: false }).lines.map((l) => [l.key, new Set(l.stages)]));

const voiced = (id: string, next: string, extra = '') => `  - id: ${id}
    type: line
    text: 第 ${id} 句
${extra}    next: ${next}
`;

describe('voicePlan', () => {
	it('hears a line at every mood the replies before it can leave, not one per path', () => {
		// Both replies lead to the same line: one path, two moods (20 → voiced 40 or latent 0).
		const s = scenario(decision('d', reply('calm', 'l', -20), reply('anger', 'l', 20)) + voiced('l', 'end') + ending('end'), 20);
		const plan = voicePlan(s);
		expect(plan.exact).toBe(true);
		expect(plan.lines).toEqual([{ key: 'l', node: 'l', variant: null, speaker: 'customer', text: '第 l 句', stages: ['latent', 'voiced'] }]);
		expect(plan.clips).toEqual([
			{ key: 'l', text: '第 l 句', stage: 'latent', name: clipName('第 l 句', 'latent') },
			{ key: 'l', text: '第 l 句', stage: 'voiced', name: clipName('第 l 句', 'voiced') }
		]);
	});

	it('keys variants by index, plans only texts play can show, and voices managers but not the narrator', () => {
		const s = scenario(
			decision('d', reply('calm', 'l', -30), reply('anger', 'l', 40)) +
				voiced('l', 'm', `    variants:\n      - when: { moodAtLeast: complaint }\n        text: 吼\n      - when: { chose: d.calm }\n        text: 平静\n      - when: { moodAtLeast: 100 }\n        text: 永远听不到\n`) +
				voiced('m', 'n', '    speaker: manager\n') +
				voiced('n', 'end', '    speaker: narrator\n') +
				ending('end'),
			50
		);
		const plan = voicePlan(s);
		expect(plan.lines.map((l) => [l.key, l.speaker, l.stages])).toEqual([
			['l#0', 'customer', ['escalated']],
			['l#1', 'customer', ['brewing']],
			['m', 'manager', ['brewing', 'escalated']]
		]);
		expect(planClips(s).map((c) => `${c.key}@${c.stage}`)).toEqual(['l#0@escalated', 'l#1@brewing', 'm@brewing', 'm@escalated']);
	});

	it('plans no clip for a text with an authored recording, but still lists it', () => {
		const s = scenario(voiced('l', 'end', `    audio: recordings/open.mp3\n    variants:\n      - when: { moodAtLeast: 90 }\n        text: 吼\n        audio: recordings/shout.ogg\n`) + ending('end'), 95);
		const plan = voicePlan(s);
		expect(plan.lines).toEqual([{ key: 'l#0', node: 'l', variant: 0, speaker: 'customer', text: '吼', audio: 'recordings/shout.ogg', stages: ['escalated'] }]);
		expect(plan.clips).toEqual([]);
	});

	it('plans replies’ responses at the mood each reply leaves (unless left out)', () => {
		const r = (id: string, mood: number, response?: string) => reply(id, 'end', mood).replace('        next:', `${response ? `        response: ${response}\n` : ''}        next:`);
		const s = scenario(decision('d', r('calm', -40, '这还差不多。'), r('anger', 40, '你说什么？'), r('silent', 0)) + ending('end'), 50);
		expect(voicePlan(s, { responses: false }).lines).toEqual([]);
		expect(voicePlan(s).lines).toEqual([
			{ key: 'd.calm', node: 'd', variant: null, reply: 'calm', speaker: 'customer', text: '这还差不多。', stages: ['latent'] },
			{ key: 'd.anger', node: 'd', variant: null, reply: 'anger', speaker: 'customer', text: '你说什么？', stages: ['escalated'] }
		]);
		expect(voicePlan(s, { maxStates: 1 }).lines.map((l) => [l.key, l.stages])).toEqual([
			['d.calm', ['latent']],
			['d.anger', ['escalated']]
		]);
	});

	it('voices every key of the effective reaction table, whatever its name, at the reaction stages', () => {
		const base = scenario(voiced('l', 'end') + ending('end'), 50);
		// Any key the table has, not a fixed list: the lead's "speaks up after silence" and "back from hold" keys too.
		const lines = { unclear: ['啊？'], blame: ['怪我？', '又怪我？'], 'back-from-hold': ['你总算回来了。'] } as unknown as NonNullable<CompiledScenario['reactions']>['lines'];
		const s: CompiledScenario = { ...base, reactions: { costs: LEGACY_REACTIONS.costs, mood: {} as never, lines } };
		const plan = voicePlan(s);
		expect(plan.lines.filter((l) => l.reaction).map((l) => [l.key, l.reaction, l.text, l.stages])).toEqual([
			[reactionLineKey('unclear', 0), 'unclear', '啊？', [...REACTION_STAGES]],
			[reactionLineKey('blame', 0), 'blame', '怪我？', [...REACTION_STAGES]],
			[reactionLineKey('blame', 1), 'blame', '又怪我？', [...REACTION_STAGES]],
			[reactionLineKey('back-from-hold', 0), 'back-from-hold', '你总算回来了。', [...REACTION_STAGES]]
		]);
		expect(plan.clips.filter((c) => c.text === '又怪我？').map((c) => c.name)).toEqual(REACTION_STAGES.map((st) => clipName('又怪我？', st)));
		expect(voicePlan(s, { reactions: false }).lines.map((l) => l.key)).toEqual(['l']);
		expect(REACTION_STAGES).toEqual(['brewing', 'potential', 'escalated']);
	});

	it('walks loops until no new mood appears', () => {
		// Each time round the loop angers the customer by 20: every stage from 0 up is heard.
		const s = scenario(voiced('l', 'd') + decision('d', reply('again', 'l', 20), reply('stop', 'end', 0)) + ending('end'), 0);
		expect(voicePlan(s).lines[0].stages).toEqual(['latent', 'brewing', 'voiced', 'potential', 'complaint', 'escalated']);
	});

	it('falls back to every stage between the lowest and highest mood past its state limit', () => {
		const s = scenario(
			decision('d', reply('calm', 'l', -30), reply('anger', 'l', 30)) +
				voiced('l', 'end', `    variants:\n      - when: { moodBelow: 30 }\n        text: 平静\n`) +
				ending('end'),
			50
		);
		expect(voicePlan(s).lines.map((l) => [l.key, l.stages])).toEqual([
			['l', ['complaint']],
			['l#0', ['brewing']]
		]);
		const fallback = voicePlan(s, { maxStates: 2 });
		expect(fallback.exact).toBe(false);
		expect(fallback.lines.map((l) => [l.key, l.stages])).toEqual([
			['l', ['brewing', 'voiced', 'potential', 'complaint']],
			['l#0', ['brewing']]
		]);
	});

	it('covers every stage and text brute force hears on random scenarios, and only those without loops', { timeout: 60_000 }, () => {
		for (const back of [false, true])
			fc.assert(
				fc.property(specArb(back), (spec) => {
					const s = compileScenario('random.yaml', build(spec)).scenario;
					fc.pre(s !== null);
					const truth = bruteForce(s!);
					fc.pre(truth !== null);
					const plan = planned(s!);
					for (const [key, stages] of truth!) for (const st of stages) expect(plan.get(key)?.has(st), `${key} at ${st}`).toBe(true);
					if (!back) expect(plan).toEqual(truth);
				}),
				{ numRuns: 80, seed: 12 }
			);
	});
});

describe('the shipped phone scenario', () => {
	const s = compileScenario('scenarios/angry-caller.yaml', readFileSync('scenarios/angry-caller.yaml', 'utf8')).scenario!;

	it('is a phone call, planned exactly, its opening line shouted', () => {
		expect(isPhoneScenario(s)).toBe(true);
		const plan = voicePlan(s);
		expect(plan.exact).toBe(true);
		expect(plan.lines.find((l) => l.key === s.start)?.stages).toEqual([moodStage(s.moodStart).id]);
		expect(plan.lines.some((l) => l.speaker === 'manager')).toBe(true);
		expect(new Set(plan.clips.map((c) => c.name)).size).toBeLessThanOrEqual(plan.clips.length);
	});

	it('with the shared reaction table: every response and every line of the merged table is planned', () => {
		for (const file of ['scenarios/angry-caller.yaml', 'scenarios/phone-drops.yaml']) {
			const full = compileScenarioFile(file).scenario!;
			const plan = voicePlan(full);
			const texts = new Set(plan.lines.map((l) => l.text));
			for (const said of Object.values(full.reactions!.lines).flat()) expect(texts.has(said), said).toBe(true);
			for (const n of Object.values(full.nodes)) if (n.type === 'decision') for (const r of n.replies) if (r.response) expect(texts.has(r.response), r.response).toBe(true);
		}
	});
});
