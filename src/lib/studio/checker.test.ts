import { describe, expect, it } from 'vitest';
import { reactionDefaultsFor } from '../scenario/files';
import { checkDraft } from './checks';
import { createChecker, type FromWorker, type ToWorker, type WorkerLike } from './checker';

const reactions = reactionDefaultsFor('scenarios').defaults!;

/** A worker that answers when told to (or fails), recording what it was sent. */
function fakeWorker() {
	const sent: ToWorker[] = [];
	let terminated = 0;
	const w: WorkerLike & { answer(): void; crash(message: string): void } = {
		onmessage: null,
		onerror: null,
		postMessage: (m) => void sent.push(m),
		terminate: () => void terminated++,
		answer() {
			const m = sent.filter((x) => x.type === 'check').at(-1) as Extract<ToWorker, { type: 'check' }>;
			const data: FromWorker = { id: m.id, report: checkDraft(m.kind, m.name, m.text, { reactions }) };
			w.onmessage!({ data } as MessageEvent<FromWorker>);
		},
		crash(message) {
			w.onerror!({ message, preventDefault() {} } as ErrorEvent);
		}
	};
	return { w, sent, terminated: () => terminated };
}

const quiz = (title: string) => `id: q\ntitle: ${title}\nkind: knowledge\ndescription: 说明\nquestions:\n  - id: a\n    type: truefalse\n    prompt: 对吗？\n    answer: true\n    explanation: 对。\n    codes: [info]\n    topics: [idlppc]\n`;

describe('createChecker', () => {
	it('sends the reaction table first, then one check at a time; the latest request wins', async () => {
		const f = fakeWorker();
		let spawned = 0;
		const checker = createChecker({ reactions, rulesUrl: '/data/analyzer/x.json' }, () => (spawned++, f.w));
		const first = checker.check('quiz', 'q.yaml', quiz('一'));
		const second = checker.check('quiz', 'q.yaml', quiz('二'));
		const third = checker.check('quiz', 'q.yaml', quiz('三'));
		expect(spawned).toBe(1);
		expect(f.sent[0]).toEqual({ type: 'init', reactions, rulesUrl: '/data/analyzer/x.json' });
		expect(f.sent.filter((m) => m.type === 'check')).toHaveLength(1);
		f.w.answer(); // the first check's answer is stale: the newest text goes to the worker instead
		const checks = f.sent.filter((m) => m.type === 'check') as Extract<ToWorker, { type: 'check' }>[];
		expect(checks.map((m) => m.text.split('\n')[1])).toEqual(['title: 一', 'title: 三']);
		f.w.answer();
		const reports = await Promise.all([first, second, third]);
		for (const r of reports) expect((r.compiled as { title: string }).title).toBe('三');
		checker.dispose();
		expect(f.terminated()).toBe(1);
	});

	it('answers with an error report when the worker fails, and starts a new worker for the next check', async () => {
		const workers = [fakeWorker(), fakeWorker()];
		let n = 0;
		const checker = createChecker({ reactions }, () => workers[n++].w);
		const pending = checker.check('scenario', 'draft.yaml', 'x: 1');
		workers[0].w.crash('out of memory');
		const failed = await pending;
		expect(failed.ok).toBe(false);
		expect(failed.figures).toBeNull();
		expect(failed.diagnostics).toHaveLength(1);
		expect(failed.diagnostics[0]).toMatchObject({ file: 'draft.yaml', line: 1, col: 1, severity: 'error' });
		expect(failed.diagnostics[0].message).toContain('out of memory');
		expect(workers[0].terminated()).toBe(1);
		const again = checker.check('quiz', 'q.yaml', quiz('好'));
		expect(n).toBe(2);
		workers[1].w.answer();
		expect((await again).ok).toBe(true);
	});

	it('reports a check that threw inside the worker, and a worker that cannot start', async () => {
		const f = fakeWorker();
		const checker = createChecker({ reactions }, () => f.w);
		const pending = checker.check('quiz', 'q.yaml', '');
		const id = (f.sent.at(-1) as { id: number }).id;
		f.w.onmessage!({ data: { id, error: 'boom' } } as MessageEvent<FromWorker>);
		expect((await pending).diagnostics[0].message).toContain('boom');
		const broken = createChecker({ reactions }, () => {
			throw new Error('no workers here');
		});
		expect((await broken.check('quiz', 'q.yaml', '')).diagnostics[0].message).toContain('no workers here');
	});

	it('settles what is pending when disposed, and checks nothing after', async () => {
		const f = fakeWorker();
		const checker = createChecker({ reactions }, () => f.w);
		const pending = checker.check('quiz', 'q.yaml', quiz('一'));
		checker.dispose();
		expect((await pending).ok).toBe(false);
		expect((await checker.check('quiz', 'q.yaml', quiz('一'))).ok).toBe(false);
		expect(f.sent.filter((m) => m.type === 'check')).toHaveLength(1);
	});
});
