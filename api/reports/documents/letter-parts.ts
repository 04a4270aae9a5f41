import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Db } from '../../../db/create-db.ts';
import { areaUnits } from '../../../domain/area-units.ts';
import { bangkokDate } from '../../../domain/timeliness.ts';
import { accountRegistryDocument } from '../../../reports/forms/account-registry-document.ts';
import { ACCOUNT_SHEET_TITLE } from '../../../reports/forms/account-sheet-document.ts';
import { coveringLetterDocument, type CoveringLetterEnclosure } from '../../../reports/forms/covering-letter-document.ts';
import { formText, type FormDigits } from '../../../reports/forms/form-text.ts';
import { guidelinesDocument } from '../../../reports/forms/guidelines-document.ts';
import { PLAN_TITLE, planDocument } from '../../../reports/forms/plan-document.ts';
import { REPORT_FORM_TITLE, reportFormDocument, type ReportFormCounts } from '../../../reports/forms/report-form-document.ts';
import { GUIDELINES_TITLE } from '../../../domain/registration-guidelines.ts';
import { DomainError } from '../../domain-error.ts';
import { officeProfile } from '../../queries/office-profile.ts';
import { provinceLetterhead } from '../../queries/province-letterhead.ts';
import { provinceSubdistricts } from '../../queries/province-subdistricts.ts';
import type { PlannedRound } from '../../queries/round-plan.ts';
import { accountRegistryData } from './account-registry-data.ts';
import { planData } from './plan-data.ts';
import type { ReportPeriod } from './report-period.ts';

/** One PDF of the letter's set: its file name in the ZIP and its document. */
export interface LetterPart {
  fileName: string;
  doc: TDocumentDefinitions;
}

export interface LetterParts {
  letter: LetterPart;
  /** The enclosures, in order: the plan, a blank form per district, an account sheet per district, the guidelines. */
  enclosures: LetterPart[];
}

const ZERO: ReportFormCounts = {
  producersByType: { 'community-group': 0, 'single-owner': 0, sme: 0 },
  producers: 0,
  productsByCategory: { food: 0, beverage: 0, textile: 0, household: 0, herbal: 0 },
  products: 0,
  newProducers: 0,
  renewedProducers: 0,
  previousProducers: 0,
};

/**
 * The covering letter of a round and its four enclosures, each its own document (numbered
 * from its own first page): (1) the plan as sent, (2) the blank report form of each district,
 * rows per subdistrict and nothing filled in, (3) each district's account sheet (its own
 * accounts only, no codes), (4) the registration guidelines. The letter lists them with their
 * counts and prints the sending office from the office profile.
 */
export async function letterParts(db: Db, provinceCode: string, period: ReportPeriod & { round: PlannedRound }, now: Date, digits: FormDigits): Promise<LetterParts> {
  const round = period.round;
  const opts = { digits };
  const t = formText(digits);
  const [head, office, geo] = await Promise.all([provinceLetterhead(db, provinceCode), officeProfile(db, provinceCode), provinceSubdistricts(db, provinceCode)]);
  if (!head) throw DomainError.notFound();
  const units = areaUnits(provinceCode);
  const window = (step: 1 | 2) => round.windows.find((w) => w.step === step) ?? null;
  const plan = planData(period);
  const tag = `${provinceCode}-${round.code}`;

  const forms: LetterPart[] = geo.districts.map((d) => ({
    fileName: `enclosure-2-report-form-${d.code}-${round.code}.pdf`,
    doc: reportFormDocument(
      {
        level: 'district',
        provinceCode,
        districtNameTh: d.nameTh,
        provinceNameTh: geo.provinceNameTh,
        fiscalYear: round.fiscalYear,
        quarter: round.quarter,
        asOf: now,
        rows: d.subdistricts.map((s) => ({ ...ZERO, code: s.code, nameTh: s.nameTh, state: null })),
        total: ZERO,
        status: [],
        blank: true,
      },
      opts,
    ),
  }));
  const accounts: LetterPart[] = [];
  for (const d of geo.districts) {
    const data = await accountRegistryData(db, { provinceCode, districtCode: d.code }, now);
    accounts.push({ fileName: `enclosure-3-accounts-${d.code}.pdf`, doc: accountRegistryDocument({ ...data, scopeTh: `${units.district}${d.nameTh}` }, opts) });
  }
  const enclosures: (CoveringLetterEnclosure & { parts: LetterPart[] })[] = [
    { title: `${PLAN_TITLE} ปีงบประมาณ พ.ศ. ${t.year(period.fiscalYear)}`, count: 1, unit: 'ฉบับ', parts: [{ fileName: `enclosure-1-plan-${period.fiscalYear}.pdf`, doc: planDocument(plan, opts) }] },
    { title: `${REPORT_FORM_TITLE} (${units.district}ละ ${t.d(1)} ชุด)`, count: forms.length, unit: 'ชุด', parts: forms },
    { title: `${ACCOUNT_SHEET_TITLE} (${units.district}ละ ${t.d(1)} ชุด)`, count: accounts.length, unit: 'ชุด', parts: accounts },
    { title: GUIDELINES_TITLE, count: 1, unit: 'ฉบับ', parts: [{ fileName: `enclosure-4-guidelines-${period.fiscalYear}.pdf`, doc: guidelinesDocument(plan, opts) }] },
  ];
  const letter = coveringLetterDocument(
    {
      provinceCode: head.code,
      provinceNameTh: head.nameTh,
      capitalDistrictNameTh: head.capitalDistrictNameTh,
      postalCode: head.postalCode,
      fiscalYear: period.fiscalYear,
      quarter: round.quarter,
      date: bangkokDate(now),
      registration: window(1),
      certification: window(2),
      office: office
        ? {
            nameTh: office.nameTh,
            address: office.address,
            phone: office.phone,
            email: office.email,
            signerPosition: office.signerPosition?.split('\n') ?? null,
            emblem: office.emblem
              ? { dataUrl: `data:${office.emblem.type};base64,${office.emblem.bytes.toString('base64')}`, width: office.emblem.width, height: office.emblem.height }
              : null,
          }
        : null,
    },
    enclosures,
    opts,
  );
  return { letter: { fileName: `letter-${tag}.pdf`, doc: letter }, enclosures: enclosures.flatMap((e) => e.parts) };
}
