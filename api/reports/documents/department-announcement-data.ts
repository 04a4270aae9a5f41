import type { Db } from '../../../db/create-db.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';
import type { DepartmentAnnouncementInput } from '../../../reports/forms/department-announcement-document.ts';
import { progress } from '../../queries/progress.ts';
import type { PlannedRound } from '../../queries/round-plan.ts';

/** The department's announcement of a round: every province it has announced, with the round's counts. */
export async function departmentAnnouncementData(db: Db, round: PlannedRound, now: Date): Promise<DepartmentAnnouncementInput> {
  const p = await progress(db, { fiscalYear: round.fiscalYear, detail: 'province' }, now);
  const cells = p.provinceCells.filter((c) => c.roundCode === round.code);
  const names = new Map(p.provinces.map((pr) => [pr.code, pr.nameTh]));
  return {
    fiscalYear: round.fiscalYear,
    quarter: round.quarter,
    issuedOn: bangkokDate(now),
    provincesInRound: cells.length,
    provinces: cells
      .filter((c) => c.state === 'announced')
      .map((c) => ({ code: c.provinceCode, nameTh: names.get(c.provinceCode) ?? c.provinceCode, producers: c.producers, products: c.products })),
  };
}
