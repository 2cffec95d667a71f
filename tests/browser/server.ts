// A server of a spec's own (the built app, scripts/serve.js), for tests that kill it or run it in
// another mode than the shared test server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

export interface OwnServer {
	child: ChildProcess;
	/** Everything it printed so far. */
	output(): string;
}

/** Starts the built app on `port` with these environment variables; resolves once it answers (at `host`). */
export async function startServer(port: number, env: Record<string, string>, { host = '127.0.0.1' } = {}): Promise<OwnServer> {
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://localhost:${port}`, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}):\n${output}`))));
	const ready = (async () => {
		for (;;) {
			try {
				if ((await fetch(`http://${host}:${port}/`)).status < 500) return;
			} catch {
				/* not listening yet */
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	await Promise.race([ready, exited]);
	exited.catch(() => {});
	return { child, output: () => output };
}

/** Stops it at once (SIGKILL: nothing is closed cleanly) and waits until it is gone. */
export async function killServer(server: OwnServer | null): Promise<void> {
	const c = server?.child;
	if (!c || c.exitCode !== null || c.signalCode !== null) return;
	const exited = new Promise((r) => c.once('exit', r));
	c.kill('SIGKILL');
	await exited;
}

/**
 * Local mode's only way to a trainer (docs/security.md): a profile created in `dataDir` (no server
 * may be running on it), then made a trainer with its passphrase by the operator's command,
 * `npm run role -- <id> trainer --passphrase`, the passphrase on stdin. Returns the profile id.
 */
export async function seedTrainer(dataDir: string, displayName: string, passphrase: string): Promise<string> {
	const { openEmbedded } = await import('../../src/lib/server/db/embedded');
	const { createStore } = await import('../../src/lib/server/db/store');
	const db = await openEmbedded({ dataDir });
	const id = (await createStore({ db, getScenario: () => undefined, getRules: () => { throw new Error('no rules needed'); } }).createProfile({ displayName })).id;
	await db.close();
	const { spawnSync } = await import('node:child_process');
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/set-role.ts', id, 'trainer', '--passphrase'], {
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
		input: `${passphrase}\n`,
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`npm run role failed (${r.status}): ${r.stderr}`);
	return id;
}

/** A server of its own on a fresh data directory where `npm run role` made these trainers (ids in order). */
export interface TrainerServer {
	base: string;
	trainerIds: string[];
	stop(): Promise<void>;
}
export async function startWithTrainers(prefix: string, names: string[], passphrase: string): Promise<TrainerServer> {
	const { mkdtempSync, rmSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const root = mkdtempSync(join(tmpdir(), prefix));
	const dataDir = join(root, 'pglite');
	const trainerIds: string[] = [];
	for (const name of names) trainerIds.push(await seedTrainer(dataDir, name, passphrase));
	const port = await freePort();
	const server = await startServer(port, { DATA_DIR: dataDir });
	return {
		base: `http://localhost:${port}`,
		trainerIds,
		stop: async () => {
			await killServer(server);
			rmSync(root, { recursive: true, force: true });
		}
	};
}
