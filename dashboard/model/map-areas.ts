import type { MapArea } from '../charts/area-map.ts';
import type { ProgressResult } from '../api/types.ts';

/** The province's districts as the map shows them in one round: state, registrations, target, overdue. */
export function districtMapAreas(p: ProgressResult, roundCode: string | null): MapArea[] {
  return p.districts.map((d) => {
    const cell = roundCode ? p.cells.find((c) => c.roundCode === roundCode && c.districtCode === d.code) : undefined;
    return {
      code: d.code,
      nameTh: d.nameTh,
      nameEn: d.nameEn,
      state: cell?.state ?? null,
      registered: d.producers,
      target: d.targetProducers,
      overdue: cell?.steps.some((s) => s.status === 'overdue') ?? false,
    };
  });
}

/** The country's provinces as the department's map shows them in one round. */
export function provinceMapAreas(p: ProgressResult, roundCode: string | null): MapArea[] {
  return p.provinces.map((a) => {
    const cell = roundCode ? p.provinceCells.find((c) => c.roundCode === roundCode && c.provinceCode === a.code) : undefined;
    return {
      code: a.code,
      nameTh: a.nameTh,
      nameEn: a.nameEn,
      state: cell?.state ?? null,
      registered: a.producers,
      target: a.targetProducers,
      overdue: cell?.steps.some((s) => s.status === 'overdue') ?? false,
    };
  });
}
