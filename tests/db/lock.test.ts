// The embedded database's data directory: one process at a time (a second open fails fast with a
// clear message), closed cleanly on SIGTERM, and nothing acknowledged is lost across a restart or
// a kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../src/lib/server/db/embedded';
import { DataDirLockedError } from '../../src/lib/server/db/lock';
import { localClaims } from '../../src/lib/server/db/session';
import { createStore } from '../../src/lib/server/db/store';
import { DB_TIMEOUT, play, rules, tiny } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'coach-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
	rmSync(root, { recursive: true, force: true });
});

function child(mode: 'hold' | 'play', dir: string) {
	const c = spawn(process.execPath, ['--import', 'tsx', 'tests/db/fixtures/child.ts', mode, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
	children.push(c);
	const lines: string[] = [];
	let stderr = '';
	let buffer = '';
	const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
	c.stdout!.on('data', (d: Buffer) => {
		buffer += d.toString();
		let nl: number;
		while ((nl = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, nl);
			buffer = buffer.slice(nl + 1);
			lines.push(line);
			for (const w of [...waiters]) if (w.test(line)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(line));
		}
	});
	c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
	const exited = new Promise<{ code: number | null; signal: string | null }>((r) => c.on('exit', (code, signal) => r({ code, signal })));
	const waitFor = (test: (l: string) => boolean) =>
		new Promise<string>((resolve, reject) => {
			const hit = lines.find(test);
			if (hit) return resolve(hit);
			waiters.push({ test, resolve });
			void exited.then((x) => reject(new Error(`child exited (${JSON.stringify(x)}) before the expected line:\n${stderr}`)));
		});
	return { process: c, lines, waitFor, exited, stderr: () => stderr };
}

describe('the data directory lock', () => {
	it('makes a second open in the same process fail fast with a clear message', async () => {
		const dir = join(root, 'same-process');
		const db = await openEmbedded({ dataDir: dir });
		try {
			const t0 = Date.now();
			const err = await openEmbedded({ dataDir: dir }).catch((e: unknown) => e);
			expect(Date.now() - t0).toBeLessThan(1000);
			expect(err).toBeInstanceOf(DataDirLockedError);
			expect((err as Error).message).toContain(`已被进程 ${process.pid}`);
			expect((err as Error).message).toContain('用 DATA_DIR 换一个目录');
		} finally {
			await db.close();
		}
		expect(existsSync(`${dir}.lock`)).toBe(false);
	}, DB_TIMEOUT);

	it('makes another process opening the directory fail fast, naming the holder; SIGTERM closes cleanly', async () => {
		const dir = join(root, 'other-process');
		const holder = child('hold', dir);
		await holder.waitFor((l) => l === 'ready');
		const t0 = Date.now();
		const err = await openEmbedded({ dataDir: dir }).catch((e: unknown) => e);
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(err).toBeInstanceOf(DataDirLockedError);
		expect((err as DataDirLockedError).holderPid).toBe(holder.process.pid);
		expect((err as Error).message).toMatch(new RegExp(`已被进程 ${holder.process.pid}（自 `));

		holder.process.kill('SIGTERM');
		expect(await holder.exited).toEqual({ code: 143, signal: null });
		expect(existsSync(`${dir}.lock`)).toBe(false);
		const db = await openEmbedded({ dataDir: dir });
		await db.close();
	}, DB_TIMEOUT);

	it('takes over the lock of a process that was killed, and keeps every acknowledged event', async () => {
		const dir = join(root, 'killed');
		const player = child('play', dir);
		const third = await player.waitFor((l) => l.startsWith('ack 3 '));
		player.process.kill('SIGKILL');
		await player.exited;
		expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(player.process.pid); // left behind
		const acked = player.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));
		const [, , attemptId, userId] = third.split(' ');

		const scenario = (await import('../../src/lib/scenario/files')).checkFile('scenarios/angry-caller.yaml').scenario!;
		const db = await openEmbedded({ dataDir: dir });
		try {
			const store = createStore({ db, getScenario: () => scenario, getRules: rules });
			const got = (await store.getAttempt(localClaims(userId), attemptId))!;
			expect(got.attempt.state).toBe('active');
			expect(got.events.length).toBeGreaterThanOrEqual(acked.length);
			expect(got.events.slice(0, acked.length).map((e) => e.seq)).toEqual(acked.map((a) => Number(a[1])));
			expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
		} finally {
			await db.close();
		}
	}, DB_TIMEOUT);
});

describe('persistence', () => {
	it('keeps profiles, attempts, events and scores across close and reopen', async () => {
		const dir = join(root, 'reopen');
		const s = tiny();
		let db = await openEmbedded({ dataDir: dir });
		let store = createStore({ db, getScenario: () => s, getRules: rules });
		const user = localClaims((await store.createProfile({ displayName: '持久' })).id);
		const done = await store.startAttempt(user, { scenarioId: 'tiny', version: s.version, mode: 'assessment' });
		await play(store, user, done.id, ['sorry', 'ask'], done.startedAt.getTime());
		const open = await store.startAttempt(user, { scenarioId: 'tiny', version: s.version, mode: 'practice' });
		await play(store, user, open.id, ['argue'], open.startedAt.getTime());
		const before = await store.listMyAttempts(user);
		await db.close();

		db = await openEmbedded({ dataDir: dir });
		try {
			// A later scenario edit does not matter: the stored version is replayed.
			store = createStore({ db, getScenario: () => undefined, getRules: rules });
			expect(await store.listMyAttempts(user)).toEqual(before);
			expect(before.map((a) => [a.state, a.score?.overall ?? null])).toEqual([
				['active', null],
				['finished', expect.any(Number)]
			]);
			const resumed = (await store.getAttempt(user, open.id))!;
			expect(resumed.nextSeq).toBe(2);
			const r = await store.recordEvent(user, open.id, {
				idempotencyKey: 'after-restart-1',
				seq: 2,
				reply: 'ask',
				ms: 100,
				clientTime: new Date(open.startedAt.getTime() + 5000).toISOString()
			});
			expect(r.attempt.state).toBe('finished');
		} finally {
			await db.close();
		}
	}, DB_TIMEOUT);
});
