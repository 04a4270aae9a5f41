import type { Db } from './create-db.ts';
import { auditLog } from './schema/index.ts';

/** Who did it: a signed-in user, or a script (CLI, seed) under a name of its own (id null). */
export interface AuditActor {
  id: string | null;
  username: string;
}

/** One row of the audit trail. `action` is free text: workflow actions ('submit'), 'user.*', 'submission.*', 'plan.*', 'geography.*'. */
export interface AuditEntry {
  actor: AuditActor;
  action: string;
  /** Default: the transaction's now(). */
  at?: Date | undefined;
  roundCode?: string | null | undefined;
  provinceCode?: string | null | undefined;
  districtCode?: string | null | undefined;
  fromState?: string | null | undefined;
  toState?: string | null | undefined;
  reason?: string | null | undefined;
  timeliness?: 'early' | 'on-time' | 'late' | null | undefined;
  details?: Record<string, unknown> | undefined;
}

/** The database handle, or a transaction open on it. */
export type AuditWriter = Pick<Db, 'insert'> | Pick<Parameters<Parameters<Db['transaction']>[0]>[0], 'insert'>;

// Keys that would put a secret in the (permanent, widely readable) trail.
const SECRET_KEY = /password|passcode|secret|token|activation.?code|hash$/i;

function assertNoSecrets(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY.test(k)) throw new Error(`audit details must not hold secrets (${path}.${k})`);
    assertNoSecrets(v, `${path}.${k}`);
  }
}

/**
 * Appends one row to the audit trail, in the caller's transaction when it has one, so the row
 * commits or rolls back with the write it describes. The one writer of audit rows: workflow
 * actions, account administration, loads, plan loads and geography imports all come here.
 * Returns the row's id.
 */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<number> {
  assertNoSecrets(entry.details, 'details');
  const [row] = await db
    .insert(auditLog)
    .values({
      ...(entry.at ? { at: entry.at } : {}),
      userId: entry.actor.id,
      username: entry.actor.username,
      action: entry.action,
      roundCode: entry.roundCode ?? null,
      provinceCode: entry.provinceCode ?? null,
      districtCode: entry.districtCode ?? null,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      reason: entry.reason ?? null,
      timeliness: entry.timeliness ?? null,
      details: entry.details ?? null,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}
