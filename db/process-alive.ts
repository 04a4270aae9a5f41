/**
 * Whether process `pid` exists on this machine (signal 0 checks without sending). EPERM means it
 * exists and belongs to another user. Used to tell a lock or a folder left by a dead process
 * from one a running process still holds.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
