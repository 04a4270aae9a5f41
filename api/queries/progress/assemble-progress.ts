import { PRODUCER_TYPE_CODES } from '../../../domain/producer-types.ts';
import { CATEGORY_CODES } from '../../../domain/product-categories.ts';
import type { ProvinceRoundState } from '../../../domain/round-state.ts';
import type { ProgressDistrictRow } from './progress-districts.ts';
import type { ProgressDistrictStateRow } from './progress-district-states.ts';
import type { ProgressProducerCountRow } from './progress-producer-counts.ts';
import type { ProgressProductCountRow } from './progress-product-counts.ts';
import type { ProgressProvinceRow } from './progress-provinces.ts';
import type { ProgressTargetRow } from './progress-targets.ts';
import type { ProgressWindowRow } from './progress-windows.ts';
import type {
  AreaProgress,
  CellProgress,
  Counts,
  ProgressDetail,
  ProgressFilter,
  ProgressResult,
  ProvinceCellProgress,
  RoundPlan,
} from './progress-types.ts';
import { stepProgress } from './step-progress.ts';

/** What the progress reads returned (api/queries/progress/progress-*.ts), as they returned it. */
export interface ProgressReads {
  /** Empty at province detail. */
  districts: ProgressDistrictRow[];
  windows: ProgressWindowRow[];
  producerCounts: ProgressProducerCountRow[];
  productCounts: ProgressProductCountRow[];
  targets: ProgressTargetRow[];
  districtStates: ProgressDistrictStateRow[];
  provinces: ProgressProvinceRow[];
}

type DistrictRound = { state: NonNullable<ProgressDistrictStateRow['state']>; submittedAt: string | null; certifiedAt: string | null };
type ProvinceRound = { state: ProvinceRoundState; reportedAt: string | null; announcedAt: string | null };
type ProvinceName = { nameTh: string; nameEn: string; districts: number };

const key = (a: string, b: string) => `${a}|${b}`;
const OPEN_PROVINCE: ProvinceRound = { state: 'open', reportedAt: null, announcedAt: null };

function emptyCounts(): Counts {
  return {
    producers: 0,
    products: 0,
    producersByType: Object.fromEntries(PRODUCER_TYPE_CODES.map((t) => [t, 0])) as Counts['producersByType'],
    productsByCategory: Object.fromEntries(CATEGORY_CODES.map((c) => [c, 0])) as Counts['productsByCategory'],
    newProducers: 0,
    renewedProducers: 0,
    lateRegistrations: 0,
  };
}

function addCounts(into: Counts, from: Counts): void {
  into.producers += from.producers;
  into.products += from.products;
  into.newProducers += from.newProducers;
  into.renewedProducers += from.renewedProducers;
  into.lateRegistrations += from.lateRegistrations;
  for (const t of PRODUCER_TYPE_CODES) into.producersByType[t] += from.producersByType[t];
  for (const c of CATEGORY_CODES) into.productsByCategory[c] += from.productsByCategory[c];
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

const maxIso = (values: (string | null)[]) => values.reduce<string | null>((m, v) => (v !== null && (m === null || v > m) ? v : m), null);

/** The fiscal year's rounds with their windows, in the windows' order. */
function roundsOf(windows: readonly ProgressWindowRow[]): Map<string, RoundPlan> {
  const rounds = new Map<string, RoundPlan>();
  for (const w of windows) {
    const round = rounds.get(w.round_code) ?? { code: w.round_code, quarter: Number(w.quarter), windows: [] };
    round.windows.push({
      step: Number(w.step) as 1 | 2 | 3,
      startDate: w.start_date,
      endDate: w.end_date,
      statedDays: Number(w.stated_days),
      responsible: w.responsible,
    });
    rounds.set(w.round_code, round);
  }
  return rounds;
}

/** The roll-up rows as counts per round × district and per round × province. */
function countsByArea(reads: ProgressReads): { district: Map<string, Counts>; province: Map<string, Counts> } {
  const district = new Map<string, Counts>();
  const province = new Map<string, Counts>();
  const bucket = (map: Map<string, Counts>, k: string) => {
    let c = map.get(k);
    if (!c) map.set(k, (c = emptyCounts()));
    return c;
  };
  for (const r of reads.producerCounts) {
    for (const c of [bucket(district, key(r.round_code, r.district_code)), bucket(province, key(r.round_code, r.province_code))]) {
      c.producers += r.producers;
      c.producersByType[r.producer_type] += r.producers;
      c.renewedProducers += r.renewed;
      c.newProducers += r.producers - r.renewed;
      c.lateRegistrations += r.late;
    }
  }
  for (const r of reads.productCounts) {
    for (const c of [bucket(district, key(r.round_code, r.district_code)), bucket(province, key(r.round_code, r.province_code))]) {
      c.products += r.products;
      c.productsByCategory[r.category] += r.products;
    }
  }
  return { district, province };
}

/** District × round cells: every district of the scope, whether or not it registered anyone. */
function districtCells(
  reads: ProgressReads,
  rounds: Map<string, RoundPlan>,
  counts: Map<string, Counts>,
  districtRound: Map<string, DistrictRound>,
  provinceRound: Map<string, ProvinceRound>,
  now: Date,
): CellProgress[] {
  const cells: CellProgress[] = [];
  for (const d of reads.districts) {
    for (const round of rounds.values()) {
      const dr = districtRound.get(key(round.code, d.code));
      const state = dr?.state ?? 'open';
      const pr = provinceRound.get(key(round.code, d.province_code)) ?? OPEN_PROVINCE;
      cells.push({
        roundCode: round.code,
        quarter: round.quarter,
        districtCode: d.code,
        provinceCode: d.province_code,
        state,
        provinceState: pr.state,
        ...(counts.get(key(round.code, d.code)) ?? emptyCounts()),
        steps: round.windows.map((w) =>
          w.step === 1
            ? stepProgress(w, state === 'submitted' || state === 'certified', dr?.submittedAt ?? null, now)
            : w.step === 2
              ? stepProgress(w, state === 'certified', dr?.certifiedAt ?? null, now)
              : stepProgress(w, pr.state === 'announced', pr.announcedAt, now),
        ),
      });
    }
  }
  return cells;
}

/** Province × round cells: step 1 is done when every district has submitted. */
function provinceCells(
  reads: ProgressReads,
  rounds: Map<string, RoundPlan>,
  counts: Map<string, Counts>,
  provinceNames: Map<string, ProvinceName>,
  provinceRound: Map<string, ProvinceRound>,
  now: Date,
): ProvinceCellProgress[] {
  const workflow = new Map<string, { submitted: number; certified: number; lastSubmit: (string | null)[] }>();
  for (const r of reads.districtStates) {
    const k = key(r.round_code, r.province_code);
    const w = workflow.get(k) ?? { submitted: 0, certified: 0, lastSubmit: [] };
    w.submitted += Number(r.submitted);
    w.certified += Number(r.certified);
    if (Number(r.submitted) > 0) w.lastSubmit.push(iso(r.submitted_at));
    workflow.set(k, w);
  }
  const cells: ProvinceCellProgress[] = [];
  for (const [code, names] of provinceNames) {
    for (const round of rounds.values()) {
      const pr = provinceRound.get(key(round.code, code)) ?? OPEN_PROVINCE;
      const wf = workflow.get(key(round.code, code)) ?? { submitted: 0, certified: 0, lastSubmit: [] };
      const allSubmitted = wf.submitted >= names.districts && names.districts > 0;
      cells.push({
        roundCode: round.code,
        quarter: round.quarter,
        provinceCode: code,
        state: pr.state,
        districts: names.districts,
        districtsSubmitted: wf.submitted,
        districtsCertified: wf.certified,
        ...(counts.get(key(round.code, code)) ?? emptyCounts()),
        steps: round.windows.map((w) =>
          w.step === 1
            ? stepProgress(w, allSubmitted, allSubmitted ? maxIso(wf.lastSubmit) : null, now)
            : w.step === 2
              ? stepProgress(w, pr.state !== 'open', pr.reportedAt, now)
              : stepProgress(w, pr.state === 'announced', pr.announcedAt, now),
        ),
      });
    }
  }
  return cells;
}

/** Roll-ups per district, per province and for the whole scope. */
function areaRollups(
  reads: ProgressReads,
  filter: ProgressFilter,
  detail: ProgressDetail,
  roundCodes: string[],
  districtCounts: Map<string, Counts>,
  districtRound: Map<string, DistrictRound>,
  provinceNames: Map<string, ProvinceName>,
  cells: ProvinceCellProgress[],
): { districts: Map<string, AreaProgress>; provinces: AreaProgress[]; total: AreaProgress } {
  const area = (code: string, nameTh: string, nameEn: string, provinceCode: string | null): AreaProgress => ({
    code, nameTh, nameEn, provinceCode, ...emptyCounts(),
    previousYearProducers: 0, targetProducers: 0, targetRatio: null, districts: 0,
    certifiedByRound: Object.fromEntries(roundCodes.map((r) => [r, 0])),
  });
  const finish = (a: AreaProgress) => {
    a.targetRatio = a.targetProducers > 0 ? a.producers / a.targetProducers : null;
    return a;
  };
  const targets = new Map(reads.targets.map((r) => [r.area, { previous: Number(r.previous), target: Number(r.target) }]));

  const districts = new Map<string, AreaProgress>();
  for (const d of reads.districts) {
    const a = area(d.code, d.name_th, d.name_en, d.province_code);
    a.districts = 1;
    for (const round of roundCodes) {
      const c = districtCounts.get(key(round, d.code));
      if (c) addCounts(a, c);
      if (districtRound.get(key(round, d.code))?.state === 'certified') a.certifiedByRound[round] = 1;
    }
    a.previousYearProducers = targets.get(d.code)?.previous ?? 0;
    a.targetProducers = targets.get(d.code)?.target ?? 0;
    districts.set(d.code, finish(a));
  }

  const provinces = [...provinceNames].map(([code, names]) => {
    const a = area(code, names.nameTh, names.nameEn, null);
    a.districts = names.districts;
    if (detail === 'province') {
      a.previousYearProducers = targets.get(code)?.previous ?? 0;
      a.targetProducers = targets.get(code)?.target ?? 0;
    } else {
      for (const d of districts.values()) {
        if (d.provinceCode !== code) continue;
        a.previousYearProducers += d.previousYearProducers;
        a.targetProducers += d.targetProducers;
      }
    }
    for (const cell of cells) {
      if (cell.provinceCode !== code) continue;
      addCounts(a, cell);
      a.certifiedByRound[cell.roundCode] = cell.districtsCertified;
    }
    return finish(a);
  });

  if (filter.districtCode) {
    return { districts, provinces, total: districts.get(filter.districtCode) ?? area(filter.districtCode, '', '', null) };
  }
  const total = area(
    filter.provinceCode ?? 'TH',
    filter.provinceCode ? (provinces[0]?.nameTh ?? '') : 'ทั่วประเทศ',
    filter.provinceCode ? (provinces[0]?.nameEn ?? '') : 'Nationwide',
    null,
  );
  for (const p of provinces) {
    addCounts(total, p);
    total.previousYearProducers += p.previousYearProducers;
    total.targetProducers += p.targetProducers;
    total.districts += p.districts;
    for (const r of roundCodes) total.certifiedByRound[r] = (total.certifiedByRound[r] ?? 0) + (p.certifiedByRound[r] ?? 0);
  }
  return { districts, provinces, total: finish(total) };
}

/**
 * The progress answer from what the reads returned: pure (no database, no clock but `now`),
 * so every rule of it — which step is done, what rolls up where — is tested without a database
 * (tests/api/assemble-progress.test.ts).
 */
export function assembleProgress(reads: ProgressReads, filter: ProgressFilter, detail: ProgressDetail, now: Date): ProgressResult {
  const rounds = roundsOf(reads.windows);
  const counts = countsByArea(reads);

  const provinceNames = new Map<string, ProvinceName>();
  const provinceRound = new Map<string, ProvinceRound>();
  for (const p of reads.provinces) {
    provinceNames.set(p.code, { nameTh: p.name_th, nameEn: p.name_en, districts: Number(p.districts) });
    if (p.round_code && p.state) {
      provinceRound.set(key(p.round_code, p.code), { state: p.state, reportedAt: iso(p.reported_at), announcedAt: iso(p.announced_at) });
    }
  }
  const districtRound = new Map<string, DistrictRound>();
  for (const r of reads.districtStates) {
    if (r.state !== null) districtRound.set(key(r.round_code, r.district_code), { state: r.state, submittedAt: iso(r.submitted_at), certifiedAt: iso(r.certified_at) });
  }

  const cells = detail === 'district' ? districtCells(reads, rounds, counts.district, districtRound, provinceRound, now) : [];
  const byProvince = provinceCells(reads, rounds, counts.province, provinceNames, provinceRound, now);
  const areas = areaRollups(reads, filter, detail, [...rounds.keys()], counts.district, districtRound, provinceNames, byProvince);

  return {
    asOf: now.toISOString(),
    fiscalYear: filter.fiscalYear,
    filter: { provinceCode: filter.provinceCode ?? null, districtCode: filter.districtCode ?? null },
    detail,
    rounds: [...rounds.values()],
    cells,
    provinceCells: byProvince,
    districts: detail === 'district' ? [...areas.districts.values()] : [],
    provinces: areas.provinces,
    total: areas.total,
  };
}
