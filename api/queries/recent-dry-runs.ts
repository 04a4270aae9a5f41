import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { auditLog } from '../../db/schema/index.ts';

/**
 * When a user's latest dry runs were made, newest first, at most `limit` of them since
 * `since`: read from the audit trail, which every dry run writes (so the count holds across
 * API processes and restarts).
 */
export async function recentDryRuns(db: Db, userId: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.userId, userId), eq(auditLog.action, 'submission.dry-run'), gt(auditLog.at, since)))
    .orderBy(desc(auditLog.at))
    .limit(limit);
  return rows.map((r) => r.at);
}
