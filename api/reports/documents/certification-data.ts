import type { Db } from '../../../db/create-db.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';
import type { CertificationInput } from '../../../reports/forms/certification-document.ts';
import type { PlannedRound } from '../../queries/round-plan.ts';
import { DomainError } from '../../domain-error.ts';
import { certifiedRegistrations } from '../../queries/certified-registrations.ts';
import { progress } from '../../queries/progress.ts';
import { DocumentRefusal } from './document-refusal.ts';

/** The announcement of a province for a round: each district's certification and its certified registrations. */
export async function certificationData(db: Db, provinceCode: string, round: PlannedRound, now: Date): Promise<CertificationInput> {
  const [p, registrations] = await Promise.all([
    progress(db, { fiscalYear: round.fiscalYear, provinceCode, detail: 'district' }, now),
    certifiedRegistrations(db, { provinceCode, roundCode: round.code }),
  ]);
  const province = p.provinces[0];
  if (!province) throw DomainError.notFound();
  // An announcement that certifies nothing is not a document anyone may sign.
  if (!p.cells.some((c) => c.roundCode === round.code && c.state === 'certified')) {
    throw new DocumentRefusal('nothing-certified', { document: 'certification', provinceCode, roundCode: round.code });
  }
  return {
    provinceCode,
    provinceNameTh: province.nameTh,
    fiscalYear: round.fiscalYear,
    quarter: round.quarter,
    issuedOn: bangkokDate(now),
    districts: p.districts.map((d) => {
      const certified = p.cells.some((c) => c.districtCode === d.code && c.roundCode === round.code && c.state === 'certified');
      return {
        code: d.code,
        nameTh: d.nameTh,
        certified,
        registrations: certified
          ? registrations
              .filter((r) => r.districtCode === d.code)
              .map((r) => ({ producerName: r.producerName, producerType: r.producerType, subdistrictNameTh: r.subdistrictNameTh, products: r.products }))
          : [],
      };
    }),
  };
}
