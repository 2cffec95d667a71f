// npm run respond: the responder module directly, then the CLI as a child process.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot, shippedRules } from '../../../tests/fixtures/analyzer/load';
import { replay } from '../scenario/engine';
import { checkFile, scenarioFiles } from '../scenario/files';
import { createResponder } from './responder';
import { bestScore } from './best';

const scenarios = scenarioFiles('scenarios').map((f) => checkFile(f).scenario!);
const respond = createResponder(scenarios, shippedRules());
const ask = (o: Record<string, unknown>) => respond(JSON.stringify(o));

describe('createResponder', () => {
	it('answers with the reading, the evidence, the mood change and what the customer says', () => {
		const out = ask({ id: 'x', scenario: 'angry-caller', decision: 'remedy', text: '您的想法不正确，流量都是您自己用掉的' });
		expect(out).toMatchObject({ id: 'x', understood: true, reply: null, flags: expect.arrayContaining(['argue']) });
		expect((out.evidence as Record<string, string[]>).argue.join('')).toContain('不正确');
		expect(out.mood_delta as number).toBeGreaterThan(0);
		expect(typeof out.customer).toBe('string');
		expect((out.customer as string).length).toBeGreaterThan(0);
		expect(Object.keys(out).sort()).toEqual(['customer', 'evidence', 'flags', 'id', 'mood_delta', 'moves', 'reply', 'understood']);
	});

	it('a murmur is not understood but still costs patience; an authored reply matches itself and the story goes on', () => {
		expect(ask({ id: 1, scenario: 'angry-caller', decision: 'remedy', text: '嗯嗯' })).toMatchObject({ understood: false, reply: null, mood_delta: expect.any(Number) });
		expect((ask({ id: 1, scenario: 'angry-caller', decision: 'remedy', text: '嗯嗯' }).mood_delta as number)).toBeGreaterThan(0);
		const s = scenarios.find((x) => x.meta.id === 'angry-caller')!;
		const d = s.nodes.remedy;
		if (d.type !== 'decision') throw new Error('remedy is a decision');
		for (const r of d.replies) {
			const out = ask({ id: r.id, scenario: 'angry-caller', decision: 'remedy', text: r.text, mood: 50 });
			expect(out.reply).toBe(r.id);
			expect(out.mood_delta).toBe(Math.min(100, Math.max(0, 50 + r.mood)) - 50);
			if (r.response) expect(out.customer as string).toContain(r.response);
		}
	});

	it('without a mood, uses the mood at that decision on the best path', () => {
		const s = scenarios.find((x) => x.meta.id === 'late-repair')!;
		const best = bestScore(s).choices;
		let mood: number | null = null;
		for (let n = 0; n < best.length && mood === null; n++) {
			const snap = replay(s, best.slice(0, n));
			if (String(snap.value) === 'need') mood = snap.context.play.mood;
		}
		expect(mood).not.toBeNull();
		const reply = (s.nodes.need as { replies: { id: string; text: string; mood: number }[] }).replies[0];
		const out = ask({ id: 1, scenario: 'late-repair', decision: 'need', text: reply.text });
		expect(out.mood_delta).toBe(Math.min(100, Math.max(0, mood! + reply.mood)) - mood!);
	});

	it('refuses bad lines with a clear error and goes on', () => {
		expect(respond('not json')).toEqual({ id: null, error: 'not valid JSON' });
		expect(ask({ id: 2, scenario: 'nope', decision: 'x', text: 'a' }).error).toContain('unknown scenario "nope"');
		expect(ask({ id: 3, scenario: 'angry-caller', decision: 'fire-demand', text: 'a' }).error).toContain('is not a decision');
		expect(ask({ id: 4, scenario: 'angry-caller', decision: 'remedy' }).error).toContain('"text"');
		expect(ask({ id: 5, scenario: 'angry-caller', decision: 'remedy', text: 'a', mood: 101 }).error).toContain('"mood"');
		expect(ask({ id: 6, scenario: 'angry-caller', decision: 'remedy', text: 'a'.repeat(20_001) }).error).toContain('longer');
	});
});

describe('npm run respond', { timeout: 60_000 }, () => {
	it('writes exactly one JSON line per input line and nothing else on stdout', () => {
		const input = [
			'{"id":"a","scenario":"angry-caller","decision":"remedy","text":"这个我也没办法"}',
			'',
			'garbage',
			'{"id":"b","scenario":"late-repair","decision":"need","text":"您今天最着急的是用电脑，还是里面的文件？","mood":40}'
		].join('\n');
		const r = spawnSync('npx', ['tsx', 'scripts/respond.ts'], { cwd: repoRoot, input, encoding: 'utf8' });
		expect(r.status).toBe(0);
		const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(lines.map((l) => l.id)).toEqual(['a', null, 'b']);
		expect(lines[0].flags).toContain('dismiss');
		expect(lines[1].error).toBe('not valid JSON');
		expect(lines[2].understood).toBe(true);
		expect(r.stderr).toContain('line 3');
	});
});

describe('respond says what the player shows', () => {
	it('at a decision with an offScript route, the customer lines equal the engine’s after the same words', async () => {
		const { startActor, choose1 } = await import('../scenario/engine');
		const { playTyped, decisionAt } = await import('./typed');
		const s = scenarios.find((x) => x.meta.id === 'angry-caller')!;
		const path = bestScore(s).choices;
		for (const text of ['您说的不对，请问您的手机号是多少？', '嗯', '非常抱歉，我理解您的心情']) {
			const actor = startActor(s);
			for (const r of path) {
				if (decisionAt(s, actor)?.id === 'fire-me') break;
				choose1(s, actor, r);
			}
			const mood = actor.getSnapshot().context.play.mood;
			const before = actor.getSnapshot().context.transcript.length;
			playTyped(s, actor, text, shippedRules());
			const heard = actor
				.getSnapshot()
				.context.transcript.slice(before)
				.filter((e) => e.kind === 'response' || (e.kind === 'line' && e.speaker === 'customer'))
				.map((e) => e.text);
			actor.stop();
			const out = ask({ id: 1, scenario: 'angry-caller', decision: 'fire-me', text, mood });
			expect(out.customer, text).toBe(heard.join(' '));
		}
	});
});
