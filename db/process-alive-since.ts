import { readFileSync } from 'node:fs';

/**
 * Whether process `pid` exists on this machine (signal 0 checks without sending). EPERM means it
 * exists and belongs to another user. Used to tell a lock or a folder left by a dead process
 * from one a running process still holds.
 */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When process `pid` started (ms since the epoch), on Linux; null elsewhere or when it is gone.
 */
function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, starttime (clock ticks after boot) field 22.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux this runs on.
    return Number.isFinite(ticks) && Number.isFinite(boot) ? (boot + ticks / 100) * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process that left a mark at `markedAtMs` (a lock's time, a folder's mtime) can
 * still be process `pid`: the pid is alive and its process started no later than the mark. A pid
 * is reused once its process ends, so a live process that started after the mark is another one.
 * Where the start time cannot be read (not Linux), a live pid counts as the marker.
 */
export function processAliveSince(pid: number, markedAtMs: number): boolean {
  if (!processAlive(pid)) return false;
  const started = processStartMs(pid);
  // Two seconds of slack: boot time and ticks are coarse.
  return started === null || Number.isNaN(markedAtMs) || started <= markedAtMs + 2_000;
}
