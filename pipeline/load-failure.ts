/**
 * What kind of failure ended a load, as the caller should answer it: the database was lost
 * (try again once it is back), the load met a state it could not proceed from — a lock it
 * could not get in time, a serialization or deadlock abort, its own record taken from it
 * (try again) — or anything else (an internal failure).
 */
export type LoadFailureKind = 'database-unavailable' | 'conflict' | 'internal';

/** The first string `code` down an error's cause chain: a SQLSTATE ('55P03') or a driver's code ('ECONNRESET'). */
export function errorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  return null;
}

/** A load's failure reason as stored: '[code] message', the code first so the kind can be told later. */
export function loadFailureReason(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const message = e instanceof Error ? e.message : String(e);
  const code = errorCode(err);
  return (code ? `[${code}] ${message}` : message).slice(0, 2000);
}

// SQLSTATE classes 08 (connection), 53 (resources), 57P01-03 (shutdown, crash, cannot connect
// now), and the drivers' own connection codes.
const UNAVAILABLE = /^(08\w{3}|53\w{3}|57P0[123]|ECONN\w+|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|CONNECTION_\w+)$/;
// 40001 serialization, 40P01 deadlock, 55P03 lock not available (lock_timeout), 55000 object
// not in prerequisite state (our own record declared abandoned meanwhile).
const CONFLICT = /^(40001|40P01|55P03|55000)$/;

/** The kind of a stored failure reason (see loadFailureReason). */
export function loadFailureKind(reason: string | null): LoadFailureKind {
  const code = reason ? /^\[([^\]]+)\]/.exec(reason)?.[1] : undefined;
  if (code && UNAVAILABLE.test(code)) return 'database-unavailable';
  if (code && CONFLICT.test(code)) return 'conflict';
  return 'internal';
}
