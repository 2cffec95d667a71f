// The XState runtime, driven through `replay` exactly as the server verifies an attempt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { ChoiceError, replay, startActor, choose1, view } from './engine';
import { scenario } from './path-fixtures';
import type { CompiledScenario } from './types';

const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const example = compileScenario(EXAMPLE, readFileSync(EXAMPLE, 'utf8')).scenario!;

/** Compiles a small scenario from its node list; fails the test on any diagnostic. */
const ending = (id: string, outcome = 'resolved') => `  - id: ${id}
    type: ending
    outcome: ${outcome}
    title: ${id}
    debrief: ${id}
`;
const reply = (id: string, next: string, mood = 0, extra = '') => `      - id: ${id}
        text: 回复 ${id}
        mood: ${mood}
        feedback: 说明 ${id}
${extra}        next: ${next}
`;
const decision = (id: string, ...replies: string[]) => `  - id: ${id}
    type: decision
    replies:
${replies.join('')}`;
const line = (id: string, text: string, next: string, extra = '') => `  - id: ${id}
    type: line
    text: ${text}
${extra}    next: ${next}
`;

const lineTexts = (s: CompiledScenario, choices: string[]) =>
	replay(s, choices)
		.context.transcript.filter((t) => t.kind === 'line')
		.map((t) => t.text);

describe('replaying the example scenario', () => {
	it('plays calm → ask to the resolved ending', () => {
		const snap = replay(example, ['calm', 'ask']);
		expect(snap.status).toBe('done');
		expect(snap.value).toBe('end-ok');
		expect(snap.context.outcome).toBe('resolved');
		expect(snap.context.ending).toBe('end-ok');
		expect(snap.context.moodTrail).toEqual([60, 45, 40]);
		expect(snap.context.play).toEqual({ mood: 40, chosen: ['d1.calm', 'd2.ask'], flagged: [], moved: ['apology', 'empathy', 'info'] });
		expect(snap.context.steps).toEqual([
			{ decision: 'd1', reply: 'calm', moodBefore: 60, moodAfter: 45, moves: { apology: 2, empathy: 1 }, flags: {}, respondWithin: 13 },
			{ decision: 'd2', reply: 'ask', moodBefore: 45, moodAfter: 40, moves: { info: 1 }, flags: {}, respondWithin: 16 }
		]);
		expect(snap.context.transcript).toEqual([
			{ kind: 'line', node: 'open', speaker: 'customer', text: '我三天前就该收到的包裹，到现在还没影！', direction: '（叹气）', mood: 60 },
			{
				kind: 'reply',
				node: 'd1',
				reply: 'calm',
				text: '您好，我是客服小王，工号1024。让您等了三天，真的很抱歉，您先别急，我马上帮您查。',
				moodBefore: 60,
				mood: 45,
				feedback: '规范开场、先致歉再行动，情绪先降下来。'
			},
			{ kind: 'response', node: 'd1', text: '嗯，你快点查。', mood: 45 },
			{ kind: 'reply', node: 'd2', reply: 'ask', text: '麻烦您告诉我订单号，我看一下物流卡在哪一站。', moodBefore: 45, mood: 40, feedback: '收集事实，为后面的方案做准备。' },
			{ kind: 'line', node: 'wrap', speaker: 'customer', text: '好吧，那我等你们消息。', mood: 40 }
		]);
	});

	it('plays calm → promise-all with the variant line', () => {
		const snap = replay(example, ['calm', 'promise-all']);
		expect(snap.context.outcome).toBe('resolved');
		expect(snap.context.moodTrail).toEqual([60, 45, 50]);
		expect(snap.context.play.flagged).toEqual(['overpromise']);
		expect(snap.context.transcript.at(-1)).toEqual({ kind: 'line', node: 'wrap', speaker: 'customer', text: '你说的今天一定到，要是没到我还找你！', mood: 50 });
	});

	it('plays blame through the route to the manager and the escalated ending', () => {
		const snap = replay(example, ['blame']);
		expect(snap.status).toBe('done');
		expect(snap.context.outcome).toBe('escalated');
		expect(snap.context.ending).toBe('end-escalated');
		expect(snap.context.moodTrail).toEqual([60, 90]);
		expect(snap.context.play).toEqual({ mood: 90, chosen: ['d1.blame'], flagged: ['blame', 'dismiss', 'informal'], moved: [] });
		expect(snap.context.transcript.map((t) => [t.kind, t.node, t.mood])).toEqual([
			['line', 'open', 60],
			['reply', 'd1', 90],
			['line', 'manager-in', 90]
		]);
		expect(snap.context.transcript[2]).toEqual({ kind: 'line', node: 'manager-in', speaker: 'manager', text: '周女士您好，我是刘主管，这件事我来跟进。', mood: 90 });
	});

	it('stops at a decision when the choices run out', () => {
		const snap = replay(example, ['calm']);
		expect(snap.status).toBe('active');
		expect(snap.value).toBe('d2');
		expect(snap.context.outcome).toBeNull();
		const v = view(example, snap);
		expect(v.node).toBe('d2');
		expect(v.done).toBe(false);
		expect(v.replies.map((r) => r.id)).toEqual(['ask', 'promise-all']);
		const start = view(example, replay(example, []));
		expect(start.node).toBe('d1');
		expect(start.prompt).toBe('顾客第一次开口，你先说什么？');
		expect(start.context.transcript).toHaveLength(1);
	});

	it('is deterministic: the same choices give deep-equal contexts', () => {
		for (const choices of [['calm', 'ask'], ['calm', 'promise-all'], ['blame'], []]) {
			const a = replay(example, choices);
			const b = replay(example, choices);
			expect(b.context).toEqual(a.context);
			expect(b.value).toEqual(a.value);
			expect(b.status).toEqual(a.status);
		}
	});

	it('refuses a reply not offered where the conversation stands, naming the node', () => {
		let err: unknown;
		try {
			replay(example, ['calm', 'blame']);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ChoiceError);
		expect((err as ChoiceError).message).toBe('choice 2 ("blame") is not offered at "d2"');
		expect((err as ChoiceError).index).toBe(1);
		expect(() => replay(example, ['nope'])).toThrow(new ChoiceError('choice 1 ("nope") is not offered at "d1"', 0));
	});

	it('refuses a choice after the end', () => {
		let err: unknown;
		try {
			replay(example, ['blame', 'ask']);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ChoiceError);
		expect((err as ChoiceError).message).toBe('choice 2 ("ask"): the conversation has already ended');
		expect((err as ChoiceError).index).toBe(1);
	});

	it('leaves the actor where it was when a choice is refused', () => {
		const actor = startActor(example);
		choose1(example, actor, 'calm');
		expect(() => choose1(example, actor, 'calm', 1)).toThrow(ChoiceError);
		expect(actor.getSnapshot().value).toBe('d2');
		expect(actor.getSnapshot().context.steps).toHaveLength(1);
		choose1(example, actor, 'ask', 1);
		expect(actor.getSnapshot().context.outcome).toBe('resolved');
		actor.stop();
	});
});

describe('mood', () => {
	it('clamps at 100', () => {
		const s = scenario(decision('d1', reply('rage', 'd2', 50), reply('calm', 'd2', -1)) + decision('d2', reply('more', 'end', 30), reply('less', 'end', -30)) + ending('end'), 80);
		expect(replay(s, ['rage', 'more']).context.moodTrail).toEqual([80, 100, 100]);
		expect(replay(s, ['rage', 'less']).context.moodTrail).toEqual([80, 100, 70]);
		const steps = replay(s, ['rage', 'more']).context.steps;
		expect(steps.map((st) => [st.moodBefore, st.moodAfter])).toEqual([
			[80, 100],
			[100, 100]
		]);
	});

	it('clamps at 0', () => {
		const s = scenario(decision('d1', reply('calm', 'd2', -100), reply('rage', 'd2', 1)) + decision('d2', reply('calm', 'end', -5), reply('rage', 'end', 10)) + ending('end'), 20);
		expect(replay(s, ['calm', 'calm']).context.moodTrail).toEqual([20, 0, 0]);
		expect(replay(s, ['calm', 'rage']).context.moodTrail).toEqual([20, 0, 10]);
	});

	it('compares against the clamped mood in conditions', () => {
		// 80 + 50 is 130, clamped to 100; then -10 leaves 90 (not 120), below escalated+10 = 94.
		const s = scenario(
			decision('d1', reply('rage', 'd2', 50), reply('calm', 'd2', -1)) +
				decision('d2', reply('soothe', 'check', -10), reply('wait', 'check', 0)) +
				`  - id: check
    type: route
    routes:
      - when: { moodAtLeast: 94 }
        next: furious
    otherwise: cooled
` +
				ending('furious', 'lost') +
				ending('cooled'),
			80
		);
		expect(replay(s, ['rage', 'soothe']).context.ending).toBe('cooled');
		expect(replay(s, ['rage', 'wait']).context.ending).toBe('furious');
	});
});

describe('route nodes', () => {
	// Three routes that can hold at once; order decides.
	const routed = scenario(
		decision('d1', reply('blame', 'check', 20, '        flags: [blame]\n'), reply('listen', 'check', -20, '        moves: [listen]\n'), reply('idle', 'check', 0)) +
			`  - id: check
    type: route
    routes:
      - when: { moodAtLeast: complaint }
        next: angry
      - when: { flagged: blame }
        next: blamed
      - when: { moved: listen }
        next: heard
    otherwise: plain
` +
			ending('angry', 'escalated') +
			ending('blamed', 'lost') +
			ending('heard') +
			ending('plain'),
		50
	);

	it('takes the first route whose condition holds', () => {
		// blame: mood 70 ≥ complaint (67) and flagged blame both hold; the first wins.
		expect(replay(routed, ['blame']).context.ending).toBe('angry');
		expect(replay(routed, ['listen']).context.ending).toBe('heard');
	});

	it('falls back to `otherwise` when no route holds', () => {
		expect(replay(routed, ['idle']).context.ending).toBe('plain');
	});

	it('checks later routes when earlier ones fail', () => {
		const mild = scenario(
			decision('d1', reply('blame', 'check', 5, '        flags: [blame]\n'), reply('idle', 'check', 0)) +
				`  - id: check
    type: route
    routes:
      - when: { moodAtLeast: complaint }
        next: angry
      - when: { flagged: blame }
        next: blamed
    otherwise: plain
` +
				ending('angry', 'escalated') +
				ending('blamed', 'lost') +
				ending('plain'),
			50
		);
		expect(replay(mild, ['blame']).context.ending).toBe('blamed');
		expect(replay(mild, ['idle']).context.ending).toBe('plain');
	});

	it('adds nothing to the transcript', () => {
		expect(replay(routed, ['idle']).context.transcript.map((t) => t.node)).toEqual(['d1']);
	});

	it('can run before any decision, on the starting mood', () => {
		const s = (mood: number) =>
			scenario(
				`  - id: gate
    type: route
    routes:
      - when: { moodBelow: voiced }
        next: calm
    otherwise: upset
` +
					line('calm', '平静', 'end') +
					line('upset', '生气', 'end') +
					ending('end'),
				mood
			);
		expect(lineTexts(s(33), [])).toEqual(['平静']);
		expect(lineTexts(s(34), [])).toEqual(['生气']);
	});
});

describe('conditions', () => {
	const gated = (when: string, moodStart = 50) =>
		scenario(
			decision(
				'd1',
				reply('a', 'd2', -20, '        moves: { info: 2 }\n'),
				reply('b', 'd2', 20, '        flags: [argue]\n'),
				reply('c', 'd2', 0, '        moves: [listen]\n        flags: [lecture]\n')
			) +
				decision('d2', reply('x', 'check', 0), reply('y', 'check', 5, '        moves: [confirm]\n')) +
				`  - id: check
    type: route
    routes:
      - when: ${when}
        next: yes
    otherwise: no
` +
				ending('yes') +
				ending('no'),
			moodStart
		);
	const holds = (when: string, choices: string[], moodStart = 50) => replay(gated(when, moodStart), choices).context.ending === 'yes';

	it('moodAtLeast is inclusive of the stage floor', () => {
		// 50 - 20 = 30, 50 + 20 = 70, 50 + 0 = 50; +5 from y.
		expect(holds('{ moodAtLeast: potential }', ['c', 'x'])).toBe(true); // 50 ≥ 50
		expect(holds('{ moodAtLeast: potential }', ['a', 'y'])).toBe(false); // 35
		expect(holds('{ moodAtLeast: 55 }', ['c', 'y'])).toBe(true); // 55
		expect(holds('{ moodAtLeast: 56 }', ['c', 'y'])).toBe(false);
	});

	it('moodBelow is strict: the floor itself is not below', () => {
		expect(holds('{ moodBelow: potential }', ['c', 'x'])).toBe(false); // 50 is not < 50
		expect(holds('{ moodBelow: potential }', ['a', 'x'])).toBe(true); // 30
		expect(holds('{ moodBelow: voiced }', ['a', 'x'])).toBe(true); // 30 < 34
		expect(holds('{ moodBelow: voiced }', ['a', 'y'])).toBe(false); // 35
		expect(holds('{ moodBelow: 35 }', ['a', 'y'])).toBe(false);
		expect(holds('{ moodBelow: 36 }', ['a', 'y'])).toBe(true);
	});

	it('chose holds when any listed reply was chosen', () => {
		expect(holds('{ chose: d1.a }', ['a', 'x'])).toBe(true);
		expect(holds('{ chose: d1.a }', ['b', 'x'])).toBe(false);
		expect(holds('{ chose: [d1.b, d2.y] }', ['a', 'y'])).toBe(true);
		expect(holds('{ chose: [d1.b, d2.y] }', ['c', 'x'])).toBe(false);
	});

	it('notChose holds only when none of the listed replies was chosen', () => {
		expect(holds('{ notChose: d1.a }', ['b', 'x'])).toBe(true);
		expect(holds('{ notChose: d1.a }', ['a', 'x'])).toBe(false);
		expect(holds('{ notChose: [d1.b, d2.y] }', ['a', 'x'])).toBe(true);
		expect(holds('{ notChose: [d1.b, d2.y] }', ['a', 'y'])).toBe(false);
		expect(holds('{ notChose: [d1.b, d2.y] }', ['b', 'x'])).toBe(false);
	});

	it('flagged and moved look at every earlier reply, list or weight form', () => {
		expect(holds('{ flagged: argue }', ['b', 'x'])).toBe(true);
		expect(holds('{ flagged: [blame, lecture] }', ['c', 'x'])).toBe(true);
		expect(holds('{ flagged: [blame, lecture] }', ['b', 'x'])).toBe(false);
		expect(holds('{ moved: info }', ['a', 'x'])).toBe(true); // weight form
		expect(holds('{ moved: info }', ['c', 'x'])).toBe(false);
		expect(holds('{ moved: confirm }', ['b', 'y'])).toBe(true); // from the second decision
		expect(holds('{ moved: [info, listen] }', ['c', 'x'])).toBe(true);
	});

	it('needs every key of a condition to hold', () => {
		expect(holds('{ chose: d1.c, flagged: lecture, moodAtLeast: 50 }', ['c', 'x'])).toBe(true);
		expect(holds('{ chose: d1.c, flagged: argue }', ['c', 'x'])).toBe(false);
		expect(holds('{ moved: listen, moodBelow: 50 }', ['c', 'x'])).toBe(false);
		expect(holds('{ moodAtLeast: 30, moodBelow: 31 }', ['a', 'x'])).toBe(true);
	});
});

describe('line variants', () => {
	const s = scenario(
		decision('d1', reply('blame', 'd2', 10, '        flags: [blame]\n'), reply('listen', 'd2', -10, '        moves: [listen]\n'), reply('idle', 'd2', 0)) +
			decision('d2', reply('p', 'wrap', 0, '        moves: [propose]\n'), reply('q', 'wrap', 0)) +
			line(
				'wrap',
				'默认',
				'end',
				`    variants:
      - when: { chose: d2.p }
        text: 选了方案
      - when: { flagged: blame }
        text: 被推诿
      - when: { moved: listen }
        text: 被倾听
`
			) +
			ending('end')
	);

	it('replaces the text by the first variant whose condition holds', () => {
		expect(lineTexts(s, ['idle', 'p'])).toEqual(['选了方案']);
		expect(lineTexts(s, ['blame', 'p'])).toEqual(['选了方案']); // chose wins over flagged: it is listed first
		expect(lineTexts(s, ['blame', 'q'])).toEqual(['被推诿']);
		expect(lineTexts(s, ['listen', 'q'])).toEqual(['被倾听']);
	});

	it('keeps the text when no variant holds', () => {
		expect(lineTexts(s, ['idle', 'q'])).toEqual(['默认']);
	});

	it('reads the state at the moment the line is spoken', () => {
		// The same line node spoken before and after a choice that changes its variant.
		const looped = scenario(
			line('hello', '你好', 'd1', `    variants:\n      - when: { chose: d1.again }\n        text: 又是你\n`) +
				decision('d1', reply('again', 'hello', 0), reply('stop', 'end', 0)) +
				ending('end')
		);
		expect(lineTexts(looped, ['again', 'again', 'stop'])).toEqual(['你好', '又是你', '又是你']);
		expect(lineTexts(looped, ['stop'])).toEqual(['你好']);
	});
});

describe('loops', () => {
	it('lets a decision be revisited, recording each visit', () => {
		const s = scenario(decision('d1', reply('again', 'd1', 10), reply('stop', 'end', 0)) + ending('end'), 0);
		const snap = replay(s, ['again', 'again', 'again', 'stop']);
		expect(snap.context.moodTrail).toEqual([0, 10, 20, 30, 30]);
		expect(snap.context.play.chosen).toEqual(['d1.again', 'd1.again', 'd1.again', 'd1.stop']);
		expect(snap.context.outcome).toBe('resolved');
	});
});

describe('starting elsewhere (the studio preview)', () => {
	it('starts at a chosen decision with a chosen mood and no earlier choices', () => {
		const actor = startActor(example, { node: 'd2', mood: 77 });
		const snap = actor.getSnapshot();
		expect(snap.value).toBe('d2');
		expect(snap.context.play).toEqual({ mood: 77, chosen: [], flagged: [], moved: [] });
		expect(snap.context.moodTrail).toEqual([77]);
		expect(snap.context.transcript).toEqual([]);
		choose1(example, actor, 'ask');
		expect(actor.getSnapshot().context.steps).toEqual([{ decision: 'd2', reply: 'ask', moodBefore: 77, moodAfter: 72, moves: { info: 1 }, flags: {}, respondWithin: 10 }]);
		actor.stop();
	});

	it('runs a route from the start point with the chosen mood, and clamps the mood', () => {
		const high = startActor(example, { node: 'check', mood: 500 });
		expect(high.getSnapshot().context.play.mood).toBe(100);
		expect(high.getSnapshot().value).not.toBe('d2');
		high.stop();
		const low = startActor(example, { node: 'check', mood: -3 });
		expect(low.getSnapshot().context.play.mood).toBe(0);
		expect(low.getSnapshot().value).toBe('d2');
		low.stop();
	});

	it('refuses a start node that does not exist, and starts at the beginning without one', () => {
		expect(() => startActor(example, { node: 'nowhere', mood: 50 })).toThrow(/nowhere/);
		const a = startActor(example);
		expect(view(example, a.getSnapshot()).node).toBe('d1');
		expect(a.getSnapshot().context.play.mood).toBe(example.moodStart);
		a.stop();
	});
});
