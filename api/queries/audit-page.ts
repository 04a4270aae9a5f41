import { and, count, desc, eq, isNull, like, notLike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { Page, PageRequest } from './list-page.ts';

/** Account administration is audited under actions 'user.*'; everything else is the round workflow. */
export const ACCOUNT_ACTION_PREFIX = 'user.';

export interface AuditFilter {
  /** 'workflow': round actions; 'accounts': account administration. */
  view: 'workflow' | 'accounts';
  provinceCode?: string | undefined;
  /**
   * Rows of this district, plus (with provinceCode) the province-level rows of its province —
   * a district officer sees when its province reported and when the department announced.
   */
  districtCode?: string | undefined;
  roundCode?: string | undefined;
  action?: string | undefined;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: string | null;
  username: string;
  action: string;
  roundCode: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  timeliness: 'early' | 'on-time' | 'late' | null;
  details: unknown;
}

/** One page of the audit trail, newest first. */
export async function auditPage(db: Db, filter: AuditFilter, page: PageRequest): Promise<Page<AuditRow>> {
  const where: SQL[] = [
    filter.view === 'accounts' ? like(auditLog.action, `${ACCOUNT_ACTION_PREFIX}%`) : notLike(auditLog.action, `${ACCOUNT_ACTION_PREFIX}%`),
  ];
  if (filter.districtCode && filter.provinceCode) {
    where.push(
      or(
        eq(auditLog.districtCode, filter.districtCode),
        and(isNull(auditLog.districtCode), eq(auditLog.provinceCode, filter.provinceCode)),
      )!,
    );
  } else if (filter.districtCode) {
    where.push(eq(auditLog.districtCode, filter.districtCode));
  } else if (filter.provinceCode) {
    where.push(eq(auditLog.provinceCode, filter.provinceCode));
  }
  if (filter.roundCode) where.push(eq(auditLog.roundCode, filter.roundCode));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  const condition = and(...where);
  const rows = await db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(auditLog).where(condition);
  return {
    items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total: total?.n ?? 0,
    limit: page.limit,
    offset: page.offset,
  };
}
