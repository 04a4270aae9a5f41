import type { Db } from '../../../db/create-db.ts';
import { PRODUCER_TYPE_CODES, type ProducerTypeCode } from '../../../domain/producer-types.ts';
import { CATEGORY_CODES, type CategoryCode } from '../../../domain/product-categories.ts';
import type {
  ReportFormCounts,
  ReportFormGroup,
  ReportFormInput,
  ReportFormRow,
  ReportFormStatus,
} from '../../../reports/forms/report-form-document.ts';
import type { DataScope } from '../../auth/scope.ts';
import { DomainError } from '../../domain-error.ts';
import { progress, type Counts, type ProgressResult } from '../../queries/progress.ts';
import { reportFormRows } from '../../queries/report-form-rows.ts';
import { roundPlan } from '../../queries/round-plan.ts';
import type { ReportPeriod } from './report-period.ts';


/** The row label of registrations whose producer now lives outside the district. */
export const MOVED_AWAY_TH = 'ผู้ผลิตที่ปัจจุบันมีที่อยู่นอกอำเภอ';

function counts(c: Counts, previousProducers: number): ReportFormCounts {
  return {
    producersByType: { ...c.producersByType },
    producers: c.producers,
    productsByCategory: { ...c.productsByCategory },
    products: c.products,
    newProducers: c.newProducers,
    renewedProducers: c.renewedProducers,
    previousProducers,
  };
}

function zero(): ReportFormCounts {
  return {
    producersByType: { 'community-group': 0, 'single-owner': 0, sme: 0 },
    producers: 0,
    productsByCategory: { food: 0, beverage: 0, textile: 0, household: 0, herbal: 0 },
    products: 0,
    newProducers: 0,
    renewedProducers: 0,
    previousProducers: 0,
  };
}

/** The totals row: the sum of the printed rows (the reconciliation holds it to progress). */
export function sumCounts(rows: readonly ReportFormCounts[]): ReportFormCounts {
  const total = zero();
  const byType = total.producersByType as Record<ProducerTypeCode, number>;
  const byCategory = total.productsByCategory as Record<CategoryCode, number>;
  for (const r of rows) {
    for (const t of PRODUCER_TYPE_CODES) byType[t] += r.producersByType[t];
    for (const c of CATEGORY_CODES) byCategory[c] += r.productsByCategory[c];
    total.producers += r.producers;
    total.products += r.products;
    total.newProducers += r.newProducers;
    total.renewedProducers += r.renewedProducers;
    total.previousProducers += r.previousProducers;
  }
  return total;
}

function hasAny(c: ReportFormCounts): boolean {
  return c.producers + c.products + c.previousProducers > 0;
}

/** Counts of a set of cells (one round, or every round of the year). */
function cellCounts(cells: readonly Counts[]): Counts {
  const out: Counts = {
    producers: 0,
    products: 0,
    producersByType: { 'community-group': 0, 'single-owner': 0, sme: 0 },
    productsByCategory: { food: 0, beverage: 0, textile: 0, household: 0, herbal: 0 },
    newProducers: 0,
    renewedProducers: 0,
    lateRegistrations: 0,
  };
  for (const c of cells) {
    out.producers += c.producers;
    out.products += c.products;
    out.newProducers += c.newProducers;
    out.renewedProducers += c.renewedProducers;
    out.lateRegistrations += c.lateRegistrations;
    for (const t of PRODUCER_TYPE_CODES) out.producersByType[t] += c.producersByType[t];
    for (const k of CATEGORY_CODES) out.productsByCategory[k] += c.productsByCategory[k];
  }
  return out;
}

/**
 * Producers of the previous fiscal year's same quarter, per area code ('district' or 'province'
 * cells of progress for fy − 1); empty when that year has no plan.
 */
async function previousQuarter(db: Db, scope: DataScope, fy: number, quarter: number, by: 'district' | 'province', now: Date): Promise<Map<string, number>> {
  const prev = await progress(db, { fiscalYear: fy - 1, ...scope, detail: by }, now);
  const out = new Map<string, number>();
  if (by === 'district') for (const c of prev.cells) if (c.quarter === quarter) out.set(c.districtCode, (out.get(c.districtCode) ?? 0) + c.producers);
  if (by === 'province') for (const c of prev.provinceCells) if (c.quarter === quarter) out.set(c.provinceCode, (out.get(c.provinceCode) ?? 0) + c.producers);
  return out;
}

function nationStatus(p: ProgressResult, quarters: readonly { code: string; quarter: number }[]): ReportFormStatus[] {
  return quarters.map((r) => {
    const cells = p.provinceCells.filter((c) => c.roundCode === r.code);
    return {
      kind: 'nation',
      quarter: r.quarter,
      provinces: cells.length,
      reported: cells.filter((c) => c.state !== 'open').length,
      announced: cells.filter((c) => c.state === 'announced').length,
      districts: cells.reduce((n, c) => n + c.districts, 0),
      certified: cells.reduce((n, c) => n + c.districtsCertified, 0),
    };
  });
}

/**
 * The data of the registration report form for a scope (a district: rows per subdistrict;
 * a province: rows per district; the nation: rows per province, or with `detail: 'district'`
 * every district grouped by province) and a period (a round or the whole fiscal year). Every
 * count comes from progress() except the subdistrict rows (reportFormRows); the totals row is
 * the sum of the rows.
 */
export async function reportFormData(
  db: Db,
  scope: DataScope,
  period: ReportPeriod,
  options: { detail?: 'district' | 'province' | undefined },
  now: Date,
): Promise<ReportFormInput> {
  const fy = period.fiscalYear;
  const round = period.round;
  const quarter = round?.quarter ?? null;
  const rounds = round ? [round] : period.rounds;
  // The previous fiscal year's plan: is there a round to compare with (the same quarter, or any)?
  const previousRounds = await roundPlan(db, { fiscalYear: fy - 1 });
  const comparable = previousRounds.some((r) => quarter === null || r.quarter === quarter);
  const base = { fiscalYear: fy, quarter, asOf: now, comparable, provinceCode: scope.provinceCode ?? null };

  if (scope.districtCode) {
    const p = await progress(db, { fiscalYear: fy, districtCode: scope.districtCode, provinceCode: scope.provinceCode }, now);
    const district = p.districts[0];
    if (!district) throw DomainError.notFound();
    const subdistricts = await reportFormRows(db, { districtCode: scope.districtCode, fiscalYear: fy, quarter });
    const rows: ReportFormRow[] = subdistricts
      .filter((s) => s.code !== null || hasAny(s))
      .map((s) => ({ ...s, code: s.code ?? '', nameTh: s.nameTh ?? MOVED_AWAY_TH, state: null }));
    const status: ReportFormStatus[] = rounds.flatMap((r) => {
      const cell = p.cells.find((c) => c.roundCode === r.code);
      if (!cell) return [];
      return [{
        kind: 'district' as const,
        quarter: r.quarter,
        state: cell.state,
        provinceState: cell.provinceState,
        submittedAt: cell.steps.find((s) => s.step === 1)?.doneAt ?? null,
        certifiedAt: cell.steps.find((s) => s.step === 2)?.doneAt ?? null,
      }];
    });
    return {
      ...base,
      level: 'district',
      districtNameTh: district.nameTh,
      provinceNameTh: p.provinces[0]?.nameTh ?? null,
      rows,
      total: sumCounts(rows),
      status,
    };
  }

  if (scope.provinceCode) {
    const p = await progress(db, { fiscalYear: fy, provinceCode: scope.provinceCode, detail: 'district' }, now);
    const province = p.provinces[0];
    if (!province) throw DomainError.notFound();
    const previous = round ? await previousQuarter(db, scope, fy, round.quarter, 'district', now) : null;
    const rows: ReportFormRow[] = p.districts.map((d) => {
      const cells = p.cells.filter((c) => c.districtCode === d.code && (round ? c.roundCode === round.code : true));
      const onlyCell = round ? cells[0] : undefined;
      return {
        code: d.code,
        nameTh: d.nameTh,
        ...counts(round ? cellCounts(cells) : d, previous ? (previous.get(d.code) ?? 0) : d.previousYearProducers),
        state: onlyCell
          ? { kind: 'district', state: onlyCell.state }
          : { kind: 'rounds', action: 'certified', done: cells.filter((c) => c.state === 'certified').length, of: period.rounds.length },
      };
    });
    const status: ReportFormStatus[] = rounds.flatMap((r) => {
      const cell = p.provinceCells.find((c) => c.roundCode === r.code);
      if (!cell) return [];
      return [{ kind: 'province' as const, quarter: r.quarter, state: cell.state, districts: cell.districts, submitted: cell.districtsSubmitted, certified: cell.districtsCertified }];
    });
    return { ...base, level: 'province', districtNameTh: null, provinceNameTh: province.nameTh, rows, total: sumCounts(rows), status };
  }

  // The nation.
  const everyDistrict = options.detail === 'district';
  const p = await progress(db, { fiscalYear: fy, detail: everyDistrict ? 'district' : 'province' }, now);
  const previousByProvince = round ? await previousQuarter(db, {}, fy, round.quarter, 'province', now) : null;
  const provinceRows: ReportFormRow[] = p.provinces.map((pr) => {
    const cells = p.provinceCells.filter((c) => c.provinceCode === pr.code && (round ? c.roundCode === round.code : true));
    const onlyCell = round ? cells[0] : undefined;
    return {
      code: pr.code,
      nameTh: pr.nameTh,
      ...counts(round ? cellCounts(cells) : pr, previousByProvince ? (previousByProvince.get(pr.code) ?? 0) : pr.previousYearProducers),
      state: onlyCell
        ? { kind: 'province', state: onlyCell.state, certified: onlyCell.districtsCertified, districts: onlyCell.districts }
        : { kind: 'rounds', action: 'announced', done: cells.filter((c) => c.state === 'announced').length, of: period.rounds.length },
    };
  });
  const status = nationStatus(p, rounds);
  if (!everyDistrict) {
    return { ...base, level: 'nation', districtNameTh: null, provinceNameTh: null, rows: provinceRows, total: sumCounts(provinceRows), status };
  }
  const previousByDistrict = round ? await previousQuarter(db, {}, fy, round.quarter, 'district', now) : null;
  const cellsByDistrict = new Map<string, typeof p.cells>();
  for (const c of p.cells) {
    if (round && c.roundCode !== round.code) continue;
    const list = cellsByDistrict.get(c.districtCode);
    if (list) list.push(c);
    else cellsByDistrict.set(c.districtCode, [c]);
  }
  const districtsByProvince = new Map<string, ReportFormRow[]>();
  for (const d of p.districts) {
    const cells = cellsByDistrict.get(d.code) ?? [];
    const onlyCell = round ? cells[0] : undefined;
    const row: ReportFormRow = {
      code: d.code,
      nameTh: d.nameTh,
      ...counts(round ? cellCounts(cells) : d, previousByDistrict ? (previousByDistrict.get(d.code) ?? 0) : d.previousYearProducers),
      state: onlyCell
        ? { kind: 'district', state: onlyCell.state }
        : { kind: 'rounds', action: 'certified', done: cells.filter((c) => c.state === 'certified').length, of: period.rounds.length },
    };
    const list = districtsByProvince.get(d.provinceCode ?? '');
    if (list) list.push(row);
    else districtsByProvince.set(d.provinceCode ?? '', [row]);
  }
  const groups: ReportFormGroup[] = provinceRows.map((pr) => ({ ...pr, rows: districtsByProvince.get(pr.code) ?? [] }));
  return { ...base, level: 'nation', districtNameTh: null, provinceNameTh: null, rows: provinceRows, groups, total: sumCounts(provinceRows), status };
}
