import type { Db } from '../../../db/create-db.ts';
import type { SummaryInput } from '../../../reports/forms/summary-document.ts';
import type { DataScope } from '../../auth/scope.ts';
import { DomainError } from '../../domain-error.ts';
import { progress } from '../../queries/progress.ts';
import { areaBoundaries } from '../../queries/area-boundaries.ts';
import { BOUNDARY_ATTRIBUTION } from '../../../domain/boundary-geometry.ts';
import { reportFormRows } from '../../queries/report-form-rows.ts';
import { MOVED_AWAY_TH } from './report-form-data.ts';
import type { ReportPeriod } from './report-period.ts';

/** The managers' summary of a fiscal year for a scope: progress's figures, areas and matrix. */
export async function summaryData(db: Db, scope: DataScope, period: ReportPeriod, now: Date): Promise<SummaryInput> {
  const fy = period.fiscalYear;
  const national = !scope.provinceCode && !scope.districtCode;
  const p = await progress(db, { fiscalYear: fy, ...scope, detail: national ? 'province' : 'district' }, now);
  const rounds = [...p.rounds].sort((a, b) => a.quarter - b.quarter);
  const cellsOf = national ? p.provinceCells : p.cells;
  const quarters = rounds.map((r) => ({
    quarter: r.quarter,
    producers: cellsOf.filter((c) => c.roundCode === r.code).reduce((n, c) => n + c.producers, 0),
  }));
  const base = {
    fiscalYear: fy,
    asOf: now,
    total: p.total,
    quarters,
  };
  if (national) {
    return {
      ...base,
      level: 'nation',
      districtNameTh: null,
      provinceNameTh: null,
      areas: p.provinces,
      matrix: p.provinces.map((pr) => ({
        nameTh: pr.nameTh,
        cells: rounds.map((r) => {
          const c = p.provinceCells.find((x) => x.provinceCode === pr.code && x.roundCode === r.code);
          return c ? { kind: 'province' as const, state: c.state, producers: c.producers, certified: c.districtsCertified, districts: c.districts } : null;
        }),
      })),
    };
  }
  const matrix = p.districts.map((d) => ({
    nameTh: d.nameTh,
    cells: rounds.map((r) => {
      const c = p.cells.find((x) => x.districtCode === d.code && x.roundCode === r.code);
      return c ? { kind: 'district' as const, state: c.state, producers: c.producers } : null;
    }),
  }));
  if (scope.districtCode) {
    const district = p.districts[0];
    if (!district) throw DomainError.notFound();
    const subdistricts = await reportFormRows(db, { districtCode: scope.districtCode, fiscalYear: fy, quarter: null });
    return {
      ...base,
      level: 'district',
      districtNameTh: district.nameTh,
      provinceNameTh: p.provinces[0]?.nameTh ?? null,
      areas: subdistricts
        .filter((s) => s.code !== null || s.producers > 0)
        .map((s) => ({ code: s.code ?? 'moved', nameTh: s.nameTh ?? MOVED_AWAY_TH, producersByType: s.producersByType, producers: s.producers })),
      matrix,
    };
  }
  if (!p.provinces[0]) throw DomainError.notFound();
  // The map shows the latest round that has begun (the whole year's last round once it has ended).
  const today = now.toISOString().slice(0, 10);
  const begun = rounds.filter((r) => r.windows.some((w) => w.startDate <= today));
  const mapRound = begun[begun.length - 1] ?? rounds[0] ?? null;
  const outlines = new Map((await areaBoundaries(db, { level: 'district', provinceCode: p.provinces[0].code })).map((a) => [a.code, a]));
  const map = {
    quarter: mapRound?.quarter ?? null,
    attribution: `${BOUNDARY_ATTRIBUTION.th}\n${BOUNDARY_ATTRIBUTION.en}`,
    areas: p.districts.map((d) => {
      const cell = mapRound ? p.cells.find((c) => c.districtCode === d.code && c.roundCode === mapRound.code) : undefined;
      const outline = outlines.get(d.code);
      return {
        code: d.code, nameTh: d.nameTh, state: cell?.state ?? null,
        overdue: cell?.steps.some((s) => s.status === 'overdue') ?? false,
        geometry: outline?.geometry ?? null, label: outline?.label ?? null,
      };
    }),
  };
  return { ...base, level: 'province', districtNameTh: null, provinceNameTh: p.provinces[0].nameTh, areas: p.districts, matrix, map };
}
