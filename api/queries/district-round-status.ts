import { and, asc, eq, notLike } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { auditLog, districtRounds, districts, fiscalRounds, provinceRounds } from '../../db/schema/index.ts';
import type { DistrictRoundState, ProvinceRoundState } from '../../domain/round-state.ts';

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  timeliness: 'early' | 'on-time' | 'late' | null;
}

export interface DistrictRoundStatus {
  roundCode: string;
  districtCode: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
  state: DistrictRoundState;
  version: number;
  provinceState: ProvinceRoundState;
  submittedAt: string | null;
  certifiedAt: string | null;
  updatedAt: string | null;
  history: AuditEntry[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A district's state in a round (a missing row is 'open'), its province's state, and its workflow history; null when the round or district is unknown. */
export async function districtRoundStatus(db: Db, roundCode: string, districtCode: string): Promise<DistrictRoundStatus | null> {
  const [row] = await db
    .select({
      roundCode: fiscalRounds.code,
      districtCode: districts.code,
      provinceCode: districts.provinceCode,
      nameTh: districts.nameTh,
      nameEn: districts.nameEn,
      state: districtRounds.state,
      version: districtRounds.version,
      submittedAt: districtRounds.submittedAt,
      certifiedAt: districtRounds.certifiedAt,
      updatedAt: districtRounds.updatedAt,
      provinceState: provinceRounds.state,
    })
    .from(fiscalRounds)
    .innerJoin(districts, eq(districts.code, districtCode))
    .leftJoin(districtRounds, and(eq(districtRounds.roundCode, fiscalRounds.code), eq(districtRounds.districtCode, districts.code)))
    .leftJoin(provinceRounds, and(eq(provinceRounds.roundCode, fiscalRounds.code), eq(provinceRounds.provinceCode, districts.provinceCode)))
    .where(eq(fiscalRounds.code, roundCode))
    .limit(1);
  if (!row) return null;
  const history = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      username: auditLog.username,
      action: auditLog.action,
      fromState: auditLog.fromState,
      toState: auditLog.toState,
      reason: auditLog.reason,
      timeliness: auditLog.timeliness,
    })
    .from(auditLog)
    // The round's workflow history only: uploads ('submission.*') are in the audit trail and the submission list.
    .where(and(eq(auditLog.roundCode, roundCode), eq(auditLog.districtCode, districtCode), notLike(auditLog.action, '%.%')))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return {
    roundCode: row.roundCode,
    districtCode: row.districtCode,
    provinceCode: row.provinceCode,
    nameTh: row.nameTh,
    nameEn: row.nameEn,
    state: row.state ?? 'open',
    version: row.version ?? 0,
    provinceState: row.provinceState ?? 'open',
    submittedAt: iso(row.submittedAt),
    certifiedAt: iso(row.certifiedAt),
    updatedAt: iso(row.updatedAt),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}
