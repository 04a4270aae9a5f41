import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { processAliveSince } from './process-alive-since.ts';

/** Who holds an embedded data folder: written into its lock file. */
export interface DataDirHolder {
  pid: number;
  command: string;
  since: string;
  host: string;
}

/**
 * The embedded engine (PGlite) is one process's database: a second process opening the same
 * folder writes pages the first never sees, and the first's next checkpoint overwrites them —
 * an account created by `npx otop users create` beside a running server was gone after a
 * restart. The server and the CLI therefore take this lock before opening the folder.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: DataDirHolder,
  ) {
    const who = holder.pid === 0 ? 'a process that is opening it right now' : `pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''} (${holder.command}), since ${holder.since}`;
    super(
      [
        `The embedded database at ${dataDir} is in use by another process: ${who}.`,
        `ฐานข้อมูลในเครื่องที่ ${dataDir} กำลังถูกใช้โดยโปรเซสอื่น: ${who}`,
        'Only one process may open it. Stop that process (the server: Ctrl-C or SIGTERM) and run this again, or point both at a PostgreSQL database with DATABASE_URL.',
        'เปิดได้ครั้งละหนึ่งโปรเซส กรุณาหยุดโปรเซสนั้น (เซิร์ฟเวอร์: Ctrl-C หรือ SIGTERM) แล้วสั่งใหม่ หรือให้ทั้งสองใช้ PostgreSQL ผ่าน DATABASE_URL',
        `Nothing was written. Lock file: ${lockFile}`,
      ].join('\n'),
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly lockFile: string;
  /** Removes the lock file (if it is still this process's); safe to call twice. */
  release(): void;
}

// A lock file with no readable holder younger than this may be one being written right now.
const UNREADABLE_GRACE_MS = 5_000;

function readHolder(lockFile: string): DataDirHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<DataDirHolder>;
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0
      ? { pid: parsed.pid, command: String(parsed.command ?? '?'), since: String(parsed.since ?? '?'), host: String(parsed.host ?? hostname()) }
      : null;
  } catch {
    return null;
  }
}

function holds(holder: DataDirHolder): boolean {
  if (holder.host !== hostname()) return true; // its process cannot be checked from here
  return holder.pid !== process.pid && processAliveSince(holder.pid, Date.parse(holder.since));
}

function commandLine(): string {
  const script = process.argv[1] ? relative(process.cwd(), process.argv[1]) || process.argv[1] : 'node';
  return [script, ...process.argv.slice(2)].join(' ').slice(0, 200);
}

/** How long a takeover guard may stand before it is taken for one left by a process that died inside it. */
const TAKEOVER_GUARD_MS = 5_000;

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a lock judged stale, one process at a time. Without the guard two processes that both
 * judged the same dead holder could each remove it, the second removing the lock the first had
 * just taken, and both would open the folder. Under the guard the holder is read again: only the
 * very lock that was judged stale is removed.
 */
function removeStaleLock(lockFile: string, judged: DataDirHolder | null): void {
  const guard = `${lockFile}.takeover`;
  for (let waited = 0; ; waited += 20) {
    let fd: number;
    try {
      fd = openSync(guard, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_GUARD_MS) unlinkSync(guard);
      } catch {
        // gone meanwhile
      }
      if (waited > 2 * TAKEOVER_GUARD_MS) return; // the caller's next attempt decides
      sleepSync(20);
      continue;
    }
    try {
      const now = readHolder(lockFile);
      const same =
        judged === null
          ? now === null && olderThan(lockFile, UNREADABLE_GRACE_MS) // not a lock being written this instant
          : now !== null && now.pid === judged.pid && now.since === judged.since;
      if (same) {
        try {
          unlinkSync(lockFile);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    } finally {
      closeSync(fd);
      unlinkSync(guard);
    }
    return;
  }
}

/**
 * Takes the lock on an embedded data folder (`<dataDir>.lock`, created with O_EXCL and holding
 * pid, command and start time), or throws DataDirLockedError naming the holder. A lock whose
 * process is gone (killed, crashed) is taken over. Released on `release()` and, as a last
 * resort, when the process exits.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = `${resolve(dataDir)}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  const me: DataDirHolder = { pid: process.pid, command: commandLine(), since: new Date().toISOString(), host: hostname() };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockFile, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      const holder = readHolder(lockFile);
      if (holder === null) {
        let age = Infinity;
        try {
          age = Date.now() - statSync(lockFile).mtimeMs;
        } catch {
          continue; // removed meanwhile: try again
        }
        if (age < UNREADABLE_GRACE_MS) {
          throw new DataDirLockedError(dataDir, lockFile, { pid: 0, command: '', since: '', host: hostname() });
        }
      } else if (holds(holder)) {
        throw new DataDirLockedError(dataDir, lockFile, holder);
      }
      // Stale: its process is gone, or its pid now belongs to a later process (or it is
      // unreadable and old). Take it over. A process never blocks itself.
      removeStaleLock(lockFile, holder);
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      // Only our own: a lock taken over after we were presumed dead is not ours to remove.
      if (readHolder(lockFile)?.pid !== process.pid) return;
      try {
        unlinkSync(lockFile);
      } catch {
        // already gone
      }
    };
    process.on('exit', release);
    return { lockFile, release };
  }
}
