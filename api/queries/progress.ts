import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import type { DistrictRoundState, ProvinceRoundState } from '../../domain/round-state.ts';
import type { Responsible } from '../../domain/plan.ts';
import { isWithinWindow, daysLeft, bangkokDate, type Timeliness } from '../../domain/timeliness.ts';

/**
 * Registration progress of a fiscal year: per district × round and province × round, with
 * roll-ups per district, province and for the whole scope. Counts come from the roll-up tables
 * the database keeps in step with every write (triggers, same transaction), states and their
 * times from the workflow tables; nothing is cached, so a load or a transition shows at the
 * next request.
 */
export interface ProgressFilter {
  fiscalYear: number;
  provinceCode?: string | null;
  districtCode?: string | null;
  /**
   * 'district' lists every district × round cell and district roll-up; 'province' only the
   * province-level ones. Default: 'district' within a province or district, 'province' for the
   * nation (928 districts × 4 rounds is a table nobody reads on one screen).
   */
  detail?: 'district' | 'province';
}

export interface Counts {
  producers: number;
  products: number;
  producersByType: Record<ProducerTypeCode, number>;
  productsByCategory: Record<CategoryCode, number>;
  newProducers: number;
  renewedProducers: number;
  /** Registrations made after the round's step-1 window closed. */
  lateRegistrations: number;
}

export type StepStatus = 'upcoming' | 'open' | 'overdue' | 'done';

export interface StepProgress {
  step: 1 | 2 | 3;
  responsible: Responsible;
  startDate: string;
  endDate: string;
  status: StepStatus;
  doneAt: string | null;
  timeliness: Timeliness | null;
  /** Days left in the window (0 on its last day); negative when overdue; null when done. */
  daysLeft: number | null;
}

export interface CellProgress extends Counts {
  roundCode: string;
  quarter: number;
  districtCode: string;
  provinceCode: string;
  state: DistrictRoundState;
  provinceState: ProvinceRoundState;
  steps: StepProgress[];
}

export interface ProvinceCellProgress extends Counts {
  roundCode: string;
  quarter: number;
  provinceCode: string;
  state: ProvinceRoundState;
  districts: number;
  districtsSubmitted: number;
  districtsCertified: number;
  /** Step 1 done when every district has submitted; 2 when the province reported; 3 when announced. */
  steps: StepProgress[];
}

export interface AreaProgress extends Counts {
  code: string;
  nameTh: string;
  nameEn: string;
  provinceCode: string | null;
  previousYearProducers: number;
  targetProducers: number;
  /** Registered producers as a share of the target, 0–1 (null when the target is 0). */
  targetRatio: number | null;
  districts: number;
  /** Districts certified, per round code. */
  certifiedByRound: Record<string, number>;
}

export interface RoundPlan {
  code: string;
  quarter: number;
  windows: { step: 1 | 2 | 3; startDate: string; endDate: string; statedDays: number; responsible: Responsible }[];
}

export interface ProgressResult {
  asOf: string;
  fiscalYear: number;
  filter: { provinceCode: string | null; districtCode: string | null };
  detail: 'district' | 'province';
  rounds: RoundPlan[];
  /** District × round (empty at province detail). */
  cells: CellProgress[];
  /** Province × round. */
  provinceCells: ProvinceCellProgress[];
  districts: AreaProgress[];
  provinces: AreaProgress[];
  total: AreaProgress;
}

const TYPES: readonly ProducerTypeCode[] = ['community-group', 'single-owner', 'sme'];
const CATEGORIES: readonly CategoryCode[] = ['food', 'beverage', 'textile', 'household', 'herbal'];

function emptyCounts(): Counts {
  return {
    producers: 0,
    products: 0,
    producersByType: Object.fromEntries(TYPES.map((t) => [t, 0])) as Record<ProducerTypeCode, number>,
    productsByCategory: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<CategoryCode, number>,
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
  for (const t of TYPES) into.producersByType[t] += from.producersByType[t];
  for (const c of CATEGORIES) into.productsByCategory[c] += from.productsByCategory[c];
}

function areaFilter(alias: string, f: ProgressFilter): SQL {
  const a = sql.raw(alias);
  if (f.districtCode) return sql`${a}.district_code = ${f.districtCode}`;
  if (f.provinceCode) return sql`${a}.province_code = ${f.provinceCode}`;
  return sql`true`;
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

type Window = RoundPlan['windows'][number];

function stepProgress(w: Window, done: boolean, doneAt: string | null, now: Date): StepProgress {
  if (done) {
    return { ...w, status: 'done', doneAt, timeliness: doneAt ? isWithinWindow(new Date(doneAt), w) : null, daysLeft: null };
  }
  const today = bangkokDate(now);
  const status: StepStatus = today < w.startDate ? 'upcoming' : today > w.endDate ? 'overdue' : 'open';
  return { ...w, status, doneAt: null, timeliness: null, daysLeft: daysLeft(now, w.endDate) };
}

const maxIso = (values: (string | null)[]) =>
  values.reduce<string | null>((m, v) => (v !== null && (m === null || v > m) ? v : m), null);

export async function progress(db: Db, filter: ProgressFilter, now: Date = new Date()): Promise<ProgressResult> {
  const fy = filter.fiscalYear;
  const detail = filter.detail ?? (filter.provinceCode || filter.districtCode ? 'district' : 'province');
  const where = areaFilter('t', filter);
  // At province detail the database sums to provinces: a few hundred rows instead of thousands.
  const grain = detail === 'province' ? sql`t.province_code` : sql`t.district_code`;
  const provinceWhere = filter.districtCode
    ? sql`p.code = (select province_code from districts where code = ${filter.districtCode})`
    : filter.provinceCode
      ? sql`p.code = ${filter.provinceCode}`
      : sql`true`;

  const [districtRows, windowRows, typeRows, categoryRows, targetRows, stateRows, provinceRows] =
    await Promise.all([
      detail === 'province' ? Promise.resolve([]) : queryRows<{ code: string; name_th: string; name_en: string; province_code: string }>(
        db,
        sql`select t.code, t.name_th, t.name_en, t.province_code from districts t
            where ${filter.districtCode ? sql`t.code = ${filter.districtCode}` : filter.provinceCode ? sql`t.province_code = ${filter.provinceCode}` : sql`true`}
            order by t.code`,
      ),
      queryRows<{ round_code: string; quarter: number; step: number; start_date: string; end_date: string; stated_days: number; responsible: Responsible }>(
        db,
        sql`select w.round_code, r.quarter, w.step, w.start_date::text as start_date, w.end_date::text as end_date,
                   w.stated_days, w.responsible
            from plan_windows w join fiscal_rounds r on r.code = w.round_code
            where r.fiscal_year = ${fy} order by r.quarter, w.step`,
      ),
      // The roll-ups kept by triggers (migration progress_rollups): a few rows per district.
      queryRows<{ round_code: string; district_code: string; province_code: string; producer_type: ProducerTypeCode; producers: number; renewed: number; late: number }>(
        db,
        sql`select t.round_code, ${grain} as district_code, t.province_code, t.producer_type,
                   sum(t.producers)::int as producers, sum(t.renewed)::int as renewed, sum(t.late)::int as late
            from registration_counts t where t.fiscal_year = ${fy} and ${where} and t.producers <> 0
            group by 1, 2, 3, 4`,
      ),
      queryRows<{ round_code: string; district_code: string; province_code: string; category: CategoryCode; products: number }>(
        db,
        sql`select t.round_code, ${grain} as district_code, t.province_code, t.category, sum(t.products)::int as products
            from product_counts t where t.fiscal_year = ${fy} and ${where} and t.products <> 0
            group by 1, 2, 3, 4`,
      ),
      // Last year's producers and this year's target (explicit, else last year's) per area.
      queryRows<{ area: string; previous: number; target: number }>(
        db,
        sql`select ${detail === 'province' ? sql`d.province_code` : sql`d.code`} as area,
                   sum(coalesce(prev.producers, 0))::int as previous,
                   sum(coalesce(tg.producers, prev.producers, 0))::int as target
            from districts d
            left join (select t.district_code, sum(t.producers) as producers from registration_counts t
                       where t.fiscal_year = ${fy - 1} and ${where} group by 1) prev on prev.district_code = d.code
            left join district_targets tg on tg.district_code = d.code and tg.fiscal_year = ${fy}
            where ${filter.districtCode ? sql`d.code = ${filter.districtCode}` : filter.provinceCode ? sql`d.province_code = ${filter.provinceCode}` : sql`true`}
            group by 1`,
      ),
      queryRows<{ round_code: string; district_code: string; province_code: string; state: DistrictRoundState | null; submitted: number; certified: number; submitted_at: unknown; certified_at: unknown }>(
        db,
        detail === 'province'
          ? sql`select t.round_code, t.province_code as district_code, t.province_code, null as state,
                       count(*) filter (where t.state in ('submitted', 'certified'))::int as submitted,
                       count(*) filter (where t.state = 'certified')::int as certified,
                       max(t.submitted_at) filter (where t.state in ('submitted', 'certified')) as submitted_at,
                       null as certified_at
                from district_rounds t join fiscal_rounds r on r.code = t.round_code
                where r.fiscal_year = ${fy} and ${where} group by 1, 2, 3`
          : sql`select t.round_code, t.district_code, t.province_code, t.state,
                       (t.state in ('submitted', 'certified'))::int as submitted, (t.state = 'certified')::int as certified,
                       t.submitted_at, t.certified_at
                from district_rounds t join fiscal_rounds r on r.code = t.round_code
                where r.fiscal_year = ${fy} and ${where}`,
      ),
      queryRows<{ code: string; name_th: string; name_en: string; districts: number; round_code: string | null; state: ProvinceRoundState | null; reported_at: unknown; announced_at: unknown }>(
        db,
        sql`select p.code, p.name_th, p.name_en,
                   (select count(*)::int from districts d where d.province_code = p.code) as districts,
                   pr.round_code, pr.state, pr.reported_at, pr.announced_at
            from provinces p
            left join (select t.* from province_rounds t join fiscal_rounds r on r.code = t.round_code where r.fiscal_year = ${fy}) pr
              on pr.province_code = p.code
            where ${provinceWhere}
            order by p.code`,
      ),
    ]);

  const rounds = new Map<string, RoundPlan>();
  for (const w of windowRows) {
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

  const key = (a: string, b: string) => `${a}|${b}`;
  const districtCounts = new Map<string, Counts>();
  const provinceCounts = new Map<string, Counts>();
  const bucket = (map: Map<string, Counts>, k: string) => {
    let c = map.get(k);
    if (!c) map.set(k, (c = emptyCounts()));
    return c;
  };
  for (const r of typeRows) {
    for (const c of [bucket(districtCounts, key(r.round_code, r.district_code)), bucket(provinceCounts, key(r.round_code, r.province_code))]) {
      c.producers += r.producers;
      c.producersByType[r.producer_type] += r.producers;
      c.renewedProducers += r.renewed;
      c.newProducers += r.producers - r.renewed;
      c.lateRegistrations += r.late;
    }
  }
  for (const r of categoryRows) {
    for (const c of [bucket(districtCounts, key(r.round_code, r.district_code)), bucket(provinceCounts, key(r.round_code, r.province_code))]) {
      c.products += r.products;
      c.productsByCategory[r.category] += r.products;
    }
  }

  const provinceNames = new Map<string, { nameTh: string; nameEn: string; districts: number }>();
  const provinceRound = new Map<string, { state: ProvinceRoundState; reportedAt: string | null; announcedAt: string | null }>();
  for (const p of provinceRows) {
    provinceNames.set(p.code, { nameTh: p.name_th, nameEn: p.name_en, districts: Number(p.districts) });
    if (p.round_code && p.state) {
      provinceRound.set(key(p.round_code, p.code), { state: p.state, reportedAt: iso(p.reported_at), announcedAt: iso(p.announced_at) });
    }
  }
  const districtRound = new Map(
    stateRows
      .filter((r) => r.state !== null)
      .map((r) => [key(r.round_code, r.district_code), { state: r.state!, submittedAt: iso(r.submitted_at), certifiedAt: iso(r.certified_at) }]),
  );
  const openProvince = { state: 'open' as ProvinceRoundState, reportedAt: null, announcedAt: null };

  // District × round cells: every district of the scope, whether or not it registered anyone.
  const cells: CellProgress[] = [];
  if (detail === 'district') {
    for (const d of districtRows) {
      for (const round of rounds.values()) {
        const dr = districtRound.get(key(round.code, d.code));
        const state = dr?.state ?? 'open';
        const pr = provinceRound.get(key(round.code, d.province_code)) ?? openProvince;
        cells.push({
          roundCode: round.code,
          quarter: round.quarter,
          districtCode: d.code,
          provinceCode: d.province_code,
          state,
          provinceState: pr.state,
          ...(districtCounts.get(key(round.code, d.code)) ?? emptyCounts()),
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
  }

  // Province × round cells.
  const provinceCells: ProvinceCellProgress[] = [];
  const workflowByProvinceRound = new Map<string, { submitted: number; certified: number; lastSubmit: (string | null)[] }>();
  for (const r of stateRows) {
    const k = key(r.round_code, r.province_code);
    const w = workflowByProvinceRound.get(k) ?? { submitted: 0, certified: 0, lastSubmit: [] };
    w.submitted += Number(r.submitted);
    w.certified += Number(r.certified);
    if (Number(r.submitted) > 0) w.lastSubmit.push(iso(r.submitted_at));
    workflowByProvinceRound.set(k, w);
  }
  for (const [code, names] of provinceNames) {
    for (const round of rounds.values()) {
      const pr = provinceRound.get(key(round.code, code)) ?? openProvince;
      const wf = workflowByProvinceRound.get(key(round.code, code)) ?? { submitted: 0, certified: 0, lastSubmit: [] };
      const allSubmitted = wf.submitted >= names.districts && names.districts > 0;
      provinceCells.push({
        roundCode: round.code,
        quarter: round.quarter,
        provinceCode: code,
        state: pr.state,
        districts: names.districts,
        districtsSubmitted: wf.submitted,
        districtsCertified: wf.certified,
        ...(provinceCounts.get(key(round.code, code)) ?? emptyCounts()),
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

  const roundCodes = [...rounds.keys()];
  const area = (code: string, nameTh: string, nameEn: string, provinceCode: string | null): AreaProgress => ({
    code, nameTh, nameEn, provinceCode, ...emptyCounts(),
    previousYearProducers: 0, targetProducers: 0, targetRatio: null, districts: 0,
    certifiedByRound: Object.fromEntries(roundCodes.map((r) => [r, 0])),
  });
  const finish = (a: AreaProgress) => {
    a.targetRatio = a.targetProducers > 0 ? a.producers / a.targetProducers : null;
    return a;
  };

  const targets = new Map(targetRows.map((r) => [r.area, { previous: Number(r.previous), target: Number(r.target) }]));
  const districtAreas = new Map<string, AreaProgress>();
  for (const d of districtRows) {
    const a = area(d.code, d.name_th, d.name_en, d.province_code);
    a.districts = 1;
    for (const round of roundCodes) {
      const c = districtCounts.get(key(round, d.code));
      if (c) addCounts(a, c);
      if (districtRound.get(key(round, d.code))?.state === 'certified') a.certifiedByRound[round] = 1;
    }
    a.previousYearProducers = targets.get(d.code)?.previous ?? 0;
    a.targetProducers = targets.get(d.code)?.target ?? 0;
    districtAreas.set(d.code, finish(a));
  }

  const provinces = [...provinceNames].map(([code, names]) => {
    const a = area(code, names.nameTh, names.nameEn, null);
    a.districts = names.districts;
    if (detail === 'province') {
      a.previousYearProducers = targets.get(code)?.previous ?? 0;
      a.targetProducers = targets.get(code)?.target ?? 0;
    } else {
      for (const d of districtAreas.values()) {
        if (d.provinceCode !== code) continue;
        a.previousYearProducers += d.previousYearProducers;
        a.targetProducers += d.targetProducers;
      }
    }
    for (const cell of provinceCells) {
      if (cell.provinceCode !== code) continue;
      addCounts(a, cell);
      a.certifiedByRound[cell.roundCode] = cell.districtsCertified;
    }
    return finish(a);
  });

  const only = filter.districtCode ? districtAreas.get(filter.districtCode) : undefined;
  const total = filter.districtCode
    ? (only ?? area(filter.districtCode, '', '', null))
    : area(filter.provinceCode ?? 'TH', filter.provinceCode ? (provinces[0]?.nameTh ?? '') : 'ทั่วประเทศ',
        filter.provinceCode ? (provinces[0]?.nameEn ?? '') : 'Nationwide', null);
  if (!filter.districtCode) {
    for (const p of provinces) {
      addCounts(total, p);
      total.previousYearProducers += p.previousYearProducers;
      total.targetProducers += p.targetProducers;
      total.districts += p.districts;
      for (const r of roundCodes) total.certifiedByRound[r] = (total.certifiedByRound[r] ?? 0) + (p.certifiedByRound[r] ?? 0);
    }
    finish(total);
  }

  return {
    asOf: now.toISOString(),
    fiscalYear: fy,
    filter: { provinceCode: filter.provinceCode ?? null, districtCode: filter.districtCode ?? null },
    detail,
    rounds: [...rounds.values()],
    cells,
    provinceCells,
    districts: detail === 'district' ? [...districtAreas.values()] : [],
    provinces,
    total,
  };
}
