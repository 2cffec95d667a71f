// An exclusive lock on the embedded database's data directory: PGlite is one process's database,
// and two processes writing one directory would corrupt it. The lock is a file beside the
// directory holding the owner's pid; a lock whose process is gone (killed, crashed) is stale and
// taken over.
import { hostname } from 'node:os';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

export class DataDirLockedError extends Error {
	constructor(
		message: string,
		readonly lockPath: string,
		readonly holderPid: number | null
	) {
		super(message);
		this.name = 'DataDirLockedError';
	}
}

interface LockInfo {
	pid: number;
	host: string;
	since: string;
	dataDir: string;
}

function readLock(path: string): LockInfo | null {
	try {
		const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
		return Number.isInteger(info.pid) ? info : null;
	} catch {
		return null;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock or throws DataDirLockedError at once. Returns the release function. */
export function acquireLock(lockPath: string, dataDir: string): () => void {
	const me: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), dataDir };
	for (let tries = 0; tries < 3; tries++) {
		try {
			writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const holder = readLock(lockPath);
			let stale: boolean;
			if (holder) stale = holder.host === me.host && !alive(holder.pid);
			else {
				// Unreadable: being written this instant, or left half-written by a crash long ago.
				try {
					stale = Date.now() - statSync(lockPath).mtimeMs > 10_000;
				} catch {
					stale = true; // gone meanwhile
				}
			}
			if (stale) {
				try {
					unlinkSync(lockPath);
				} catch {
					/* someone else took it over first: try again */
				}
				continue;
			}
			const who = holder ? `进程 ${holder.pid}${holder.host === me.host ? '' : `（${holder.host} 上）`}（自 ${holder.since} 起）` : '另一个进程';
			throw new DataDirLockedError(
				`内置数据库 ${dataDir} 已被${who}打开。同一时间只能有一个进程使用它：请先停止那个进程，或用 DATA_DIR 换一个目录。` +
					`（锁文件：${lockPath}；如果那个进程已经不在了，删掉这个文件即可。）`,
				lockPath,
				holder?.pid ?? null
			);
		}
		// Two processes may both have found a stale lock and both written theirs: the one whose
		// pid is in the file holds it.
		if (readLock(lockPath)?.pid !== process.pid) continue;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			process.off('exit', release);
			if (readLock(lockPath)?.pid === process.pid) {
				try {
					unlinkSync(lockPath);
				} catch {
					/* already gone */
				}
			}
		};
		process.on('exit', release);
		return release;
	}
	throw new DataDirLockedError(`没能锁定 ${dataDir}（${lockPath}）：锁一直在换人持有，请稍后再试。`, lockPath, null);
}
