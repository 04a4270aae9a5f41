import type { DistrictRoundState, ProvinceRoundState } from '../../domain/round-state.ts';
import type { CellProgress, ProgressResult } from '../api/types.ts';

export interface MatrixCell {
  roundCode: string;
  quarter: number;
  districtCode: string;
  state: DistrictRoundState;
  provinceState: ProvinceRoundState;
  producers: number;
  products: number;
  lateRegistrations: number;
  /** A step of this round was done after its window closed. */
  late: boolean;
  /** The first step of the district's or province's work that is past its window and not done. */
  behindStep: 1 | 2 | null;
}

export interface MatrixRow {
  code: string;
  nameTh: string;
  nameEn: string;
  cells: (MatrixCell | null)[];
}

export interface MatrixTotal {
  quarter: number;
  roundCode: string;
  producers: number;
  products: number;
  certified: number;
  districts: number;
}

export interface ProgressMatrix {
  quarters: number[];
  rows: MatrixRow[];
  totals: MatrixTotal[];
}

function toCell(c: CellProgress): MatrixCell {
  const behind = c.steps.find((s) => s.step <= 2 && s.status === 'overdue');
  return {
    roundCode: c.roundCode,
    quarter: c.quarter,
    districtCode: c.districtCode,
    state: c.state,
    provinceState: c.provinceState,
    producers: c.producers,
    products: c.products,
    lateRegistrations: c.lateRegistrations,
    late: c.steps.some((s) => s.step <= 2 && s.timeliness === 'late'),
    behindStep: behind ? (behind.step as 1 | 2) : null,
  };
}

/**
 * The district × quarter table of the province overview, like a reporting-rate table: one row
 * per district in the API's order, one column per round of the plan, and a totals row that
 * counts certified districts per quarter.
 */
export function progressMatrix(p: Pick<ProgressResult, 'rounds' | 'cells' | 'districts'>): ProgressMatrix {
  const rounds = [...p.rounds].sort((a, b) => a.quarter - b.quarter);
  const byKey = new Map(p.cells.map((c) => [`${c.districtCode}|${c.roundCode}`, c]));
  const rows = p.districts.map((d) => ({
    code: d.code,
    nameTh: d.nameTh,
    nameEn: d.nameEn,
    cells: rounds.map((r) => {
      const c = byKey.get(`${d.code}|${r.code}`);
      return c ? toCell(c) : null;
    }),
  }));
  const totals = rounds.map((r, i) => {
    const cells = rows.map((row) => row.cells[i]).filter((c): c is MatrixCell => c !== null);
    return {
      quarter: r.quarter,
      roundCode: r.code,
      producers: cells.reduce((n, c) => n + c.producers, 0),
      products: cells.reduce((n, c) => n + c.products, 0),
      certified: cells.filter((c) => c.state === 'certified').length,
      districts: rows.length,
    };
  });
  return { quarters: rounds.map((r) => r.quarter), rows, totals };
}
