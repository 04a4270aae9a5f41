import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { districtRounds, districts, fiscalRounds, provinceRounds, provinces } from '../../db/schema/index.ts';
import type { DistrictRoundState, ProvinceRoundState } from '../../domain/round-state.ts';

export interface ProvinceRoundStatus {
  roundCode: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
  state: ProvinceRoundState;
  version: number;
  reportedAt: string | null;
  announcedAt: string | null;
  districts: {
    code: string;
    nameTh: string;
    nameEn: string;
    state: DistrictRoundState;
    version: number;
    submittedAt: string | null;
    certifiedAt: string | null;
  }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A province's state in a round with every district's state; null when the round or province is unknown. */
export async function provinceRoundStatus(db: Db, roundCode: string, provinceCode: string): Promise<ProvinceRoundStatus | null> {
  const [row] = await db
    .select({
      roundCode: fiscalRounds.code,
      provinceCode: provinces.code,
      nameTh: provinces.nameTh,
      nameEn: provinces.nameEn,
      state: provinceRounds.state,
      version: provinceRounds.version,
      reportedAt: provinceRounds.reportedAt,
      announcedAt: provinceRounds.announcedAt,
    })
    .from(fiscalRounds)
    .innerJoin(provinces, eq(provinces.code, provinceCode))
    .leftJoin(provinceRounds, and(eq(provinceRounds.roundCode, fiscalRounds.code), eq(provinceRounds.provinceCode, provinces.code)))
    .where(eq(fiscalRounds.code, roundCode))
    .limit(1);
  if (!row) return null;
  const rows = await db
    .select({
      code: districts.code,
      nameTh: districts.nameTh,
      nameEn: districts.nameEn,
      state: districtRounds.state,
      version: districtRounds.version,
      submittedAt: districtRounds.submittedAt,
      certifiedAt: districtRounds.certifiedAt,
    })
    .from(districts)
    .leftJoin(districtRounds, and(eq(districtRounds.districtCode, districts.code), eq(districtRounds.roundCode, roundCode)))
    .where(eq(districts.provinceCode, provinceCode))
    .orderBy(asc(districts.code));
  return {
    roundCode: row.roundCode,
    provinceCode: row.provinceCode,
    nameTh: row.nameTh,
    nameEn: row.nameEn,
    state: row.state ?? 'open',
    version: row.version ?? 0,
    reportedAt: iso(row.reportedAt),
    announcedAt: iso(row.announcedAt),
    districts: rows.map((d) => ({
      code: d.code,
      nameTh: d.nameTh,
      nameEn: d.nameEn,
      state: d.state ?? 'open',
      version: d.version ?? 0,
      submittedAt: iso(d.submittedAt),
      certifiedAt: iso(d.certifiedAt),
    })),
  };
}
