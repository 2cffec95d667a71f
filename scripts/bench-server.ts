// The built app as `npm start` serves it (scripts/serve.js), for the bench sections that measure
// it over HTTP: one server per bench run, on a free port with a temporary data directory of its
// own (the app's .data/pglite may be locked by a running npm start). BENCH_CPU_PROF=<dir> runs it
// under `node --cpu-prof`; the profile is written there when the bench stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BenchServer {
	/** http://localhost:PORT, the address it prints. */
	base: string;
	port: number;
}

function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.once('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});
}

let server: Promise<BenchServer> | null = null;
let child: ChildProcess | null = null;
let dataDir = '';

async function start(): Promise<BenchServer> {
	const port = await freePort();
	dataDir = mkdtempSync(join(tmpdir(), 'coach-bench-'));
	const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`] : [];
	const c = (child = spawn(process.execPath, [...prof, 'scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://localhost:${port}`, DATA_DIR: join(dataDir, 'pglite') },
		stdio: ['ignore', 'pipe', 'pipe']
	}));
	let output = '';
	c.stderr!.on('data', (d: Buffer) => (output += d));
	await new Promise<void>((ok, fail) => {
		c.once('exit', (code) => fail(new Error(`the server stopped (${code}):\n${output}`)));
		c.stdout!.on('data', (d: Buffer) => {
			output += d;
			if (output.includes('is running')) ok();
		});
	});
	return { base: `http://localhost:${port}`, port };
}

/** The bench's server, started on first use. */
export function benchServer(): Promise<BenchServer> {
	return (server ??= start());
}

/** Stops it (SIGTERM: a graceful stop, so a CPU profile gets written) and removes its data. */
export async function stopBenchServer(): Promise<void> {
	const c = child;
	server = child = null;
	if (c && c.exitCode === null && c.signalCode === null) {
		const exited = new Promise((ok) => c.once('exit', ok));
		c.kill('SIGTERM');
		await exited;
	}
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	dataDir = '';
}
