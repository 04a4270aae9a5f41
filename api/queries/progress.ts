import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { ProducerTypeCode } from '../../domain/producer-types.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import type { DistrictRoundState, ProvinceRoundState } from '../../domain/round-state.ts';
import type { Responsible } from '../../domain/plan.ts';
import { isWithinWindow, daysLeft, bangkokDate, type Timeliness } from '../../domain/timeliness.ts';

/**
 * Registration progress of a fiscal year, computed live from the registered rows, the
 * workflow states and the audit trail: per district × round, with roll-ups per district,
 * province and for the whole scope. Nothing is cached, so a load or a transition shows at the
 * next request.
 */
export interface ProgressFilter {
  fiscalYear: number;
  provinceCode?: string | null;
  districtCode?: string | null;
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
  rounds: RoundPlan[];
  cells: CellProgress[];
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

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export async function progress(db: Db, filter: ProgressFilter, now: Date = new Date()): Promise<ProgressResult> {
  const fy = filter.fiscalYear;
  const districtWhere = filter.districtCode
    ? sql`d.code = ${filter.districtCode}`
    : filter.provinceCode
      ? sql`d.province_code = ${filter.provinceCode}`
      : sql`true`;

  const [districtRows, windowRows, producerRows, productRows, stateRows, provinceStateRows, doneRows, provinceDoneRows, targetRows, provinceRows] =
    await Promise.all([
      queryRows<{ code: string; name_th: string; name_en: string; province_code: string }>(
        db,
        sql`select d.code, d.name_th, d.name_en, d.province_code from districts d where ${districtWhere} order by d.code`,
      ),
      queryRows<{ round_code: string; quarter: number; step: number; start_date: string; end_date: string; stated_days: number; responsible: Responsible }>(
        db,
        sql`select w.round_code, r.quarter, w.step, w.start_date::text as start_date, w.end_date::text as end_date,
                   w.stated_days, w.responsible
            from plan_windows w join fiscal_rounds r on r.code = w.round_code
            where r.fiscal_year = ${fy} order by r.quarter, w.step`,
      ),
      // Producers per district × round × type; renewed = registered in the previous fiscal year too.
      queryRows<{ round_code: string; district_code: string; producer_type: ProducerTypeCode; n: number; renewed: number; late: number }>(
        db,
        sql`select r.round_code, r.district_code, p.producer_type, count(*)::int as n,
                   count(prev.id)::int as renewed,
                   count(*) filter (where w.end_date is not null
                     and (r.registered_at at time zone 'Asia/Bangkok')::date > w.end_date)::int as late
            from registrations r
            join producers p on p.id = r.producer_id
            left join registrations prev on prev.producer_id = r.producer_id and prev.fiscal_year = r.fiscal_year - 1
            left join plan_windows w on w.round_code = r.round_code and w.step = 1
            where r.fiscal_year = ${fy} and ${areaFilter('r', filter)}
            group by r.round_code, r.district_code, p.producer_type`,
      ),
      queryRows<{ round_code: string; district_code: string; category: CategoryCode; n: number }>(
        db,
        sql`select r.round_code, pr.district_code, pr.category, count(*)::int as n
            from products pr join registrations r on r.id = pr.registration_id
            where pr.fiscal_year = ${fy} and ${areaFilter('pr', filter)}
            group by r.round_code, pr.district_code, pr.category`,
      ),
      queryRows<{ round_code: string; district_code: string; state: DistrictRoundState }>(
        db,
        sql`select dr.round_code, dr.district_code, dr.state from district_rounds dr
            join fiscal_rounds r on r.code = dr.round_code
            where r.fiscal_year = ${fy} and ${areaFilter('dr', filter)}`,
      ),
      queryRows<{ round_code: string; province_code: string; state: ProvinceRoundState }>(
        db,
        sql`select pr.round_code, pr.province_code, pr.state from province_rounds pr
            join fiscal_rounds r on r.code = pr.round_code
            where r.fiscal_year = ${fy}
              and ${filter.provinceCode || filter.districtCode
                ? sql`pr.province_code = (select province_code from districts d where ${districtWhere} limit 1)`
                : sql`true`}`,
      ),
      // When each district last submitted and was last certified in each round.
      queryRows<{ round_code: string; district_code: string; submitted_at: string | Date | null; certified_at: string | Date | null }>(
        db,
        sql`select a.round_code, a.district_code,
                   max(a.at) filter (where a.to_state = 'submitted') as submitted_at,
                   max(a.at) filter (where a.to_state = 'certified') as certified_at
            from audit_log a join fiscal_rounds r on r.code = a.round_code
            where r.fiscal_year = ${fy} and a.district_code is not null and ${areaFilter('a', filter)}
            group by a.round_code, a.district_code`,
      ),
      queryRows<{ round_code: string; province_code: string; announced_at: string | Date | null }>(
        db,
        sql`select a.round_code, a.province_code, max(a.at) filter (where a.to_state = 'announced') as announced_at
            from audit_log a join fiscal_rounds r on r.code = a.round_code
            where r.fiscal_year = ${fy} and a.district_code is null
            group by a.round_code, a.province_code`,
      ),
      // Target per district: an explicit one, else the previous fiscal year's registered producers.
      queryRows<{ district_code: string; previous: number; target: number | null }>(
        db,
        sql`select d.code as district_code,
                   (select count(*)::int from registrations prev
                     where prev.district_code = d.code and prev.fiscal_year = ${fy - 1}) as previous,
                   (select t.producers from district_targets t where t.district_code = d.code and t.fiscal_year = ${fy}) as target
            from districts d where ${districtWhere}`,
      ),
      queryRows<{ code: string; name_th: string; name_en: string }>(
        db,
        sql`select p.code, p.name_th, p.name_en from provinces p
            where p.code in (select d.province_code from districts d where ${districtWhere}) order by p.code`,
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

  const key = (round: string, district: string) => `${round}|${district}`;
  const counts = new Map<string, Counts>();
  const cellCounts = (k: string) => {
    let c = counts.get(k);
    if (!c) counts.set(k, (c = emptyCounts()));
    return c;
  };
  for (const r of producerRows) {
    const c = cellCounts(key(r.round_code, r.district_code));
    c.producers += r.n;
    c.producersByType[r.producer_type] += r.n;
    c.renewedProducers += r.renewed;
    c.newProducers += r.n - r.renewed;
    c.lateRegistrations += r.late;
  }
  for (const r of productRows) {
    const c = cellCounts(key(r.round_code, r.district_code));
    c.products += r.n;
    c.productsByCategory[r.category] += r.n;
  }
  const districtState = new Map(stateRows.map((r) => [key(r.round_code, r.district_code), r.state]));
  const provinceState = new Map(provinceStateRows.map((r) => [key(r.round_code, r.province_code), r.state]));
  const done = new Map(doneRows.map((r) => [key(r.round_code, r.district_code), r]));
  const announced = new Map(provinceDoneRows.map((r) => [key(r.round_code, r.province_code), r.announced_at]));

  const step = (
    w: RoundPlan['windows'][number],
    doneAt: string | Date | null | undefined,
    isDone: boolean,
  ): StepProgress => {
    if (isDone) {
      const at = doneAt ? iso(doneAt) : null;
      return {
        ...w,
        status: 'done',
        doneAt: at,
        timeliness: at ? isWithinWindow(new Date(at), w) : null,
        daysLeft: null,
      };
    }
    const today = bangkokDate(now);
    const status: StepStatus = today < w.startDate ? 'upcoming' : today > w.endDate ? 'overdue' : 'open';
    return { ...w, status, doneAt: null, timeliness: null, daysLeft: daysLeft(now, w.endDate) };
  };

  const cells: CellProgress[] = [];
  for (const d of districtRows) {
    for (const round of rounds.values()) {
      const k = key(round.code, d.code);
      const state = districtState.get(k) ?? 'open';
      const pState = provinceState.get(key(round.code, d.province_code)) ?? 'open';
      const times = done.get(k);
      cells.push({
        roundCode: round.code,
        quarter: round.quarter,
        districtCode: d.code,
        provinceCode: d.province_code,
        state,
        provinceState: pState,
        ...(counts.get(k) ?? emptyCounts()),
        steps: round.windows.map((w) =>
          w.step === 1
            ? step(w, times?.submitted_at, state === 'submitted' || state === 'certified')
            : w.step === 2
              ? step(w, times?.certified_at, state === 'certified')
              : step(w, announced.get(key(round.code, d.province_code)), pState === 'announced'),
        ),
      });
    }
  }

  const targets = new Map(targetRows.map((t) => [t.district_code, t]));
  const area = (code: string, nameTh: string, nameEn: string, provinceCode: string | null): AreaProgress => ({
    code,
    nameTh,
    nameEn,
    provinceCode,
    ...emptyCounts(),
    previousYearProducers: 0,
    targetProducers: 0,
    targetRatio: null,
    districts: 0,
    certifiedByRound: Object.fromEntries([...rounds.keys()].map((r) => [r, 0])),
  });
  const addArea = (into: AreaProgress, from: AreaProgress) => {
    addCounts(into, from);
    into.previousYearProducers += from.previousYearProducers;
    into.targetProducers += from.targetProducers;
    into.districts += from.districts;
    for (const r of Object.keys(into.certifiedByRound)) {
      into.certifiedByRound[r] = (into.certifiedByRound[r] ?? 0) + (from.certifiedByRound[r] ?? 0);
    }
  };
  const finish = (a: AreaProgress) => {
    a.targetRatio = a.targetProducers > 0 ? a.producers / a.targetProducers : null;
    return a;
  };

  const cellsByDistrict = new Map<string, CellProgress[]>();
  for (const cell of cells) {
    const list = cellsByDistrict.get(cell.districtCode) ?? [];
    list.push(cell);
    cellsByDistrict.set(cell.districtCode, list);
  }
  const districts = districtRows.map((d) => {
    const a = area(d.code, d.name_th, d.name_en, d.province_code);
    a.districts = 1;
    for (const cell of cellsByDistrict.get(d.code) ?? []) {
      addCounts(a, cell);
      if (cell.state === 'certified') a.certifiedByRound[cell.roundCode] = 1;
    }
    const t = targets.get(d.code);
    a.previousYearProducers = t?.previous ?? 0;
    a.targetProducers = t?.target ?? a.previousYearProducers;
    return finish(a);
  });

  const provinces = provinceRows.map((p) => {
    const a = area(p.code, p.name_th, p.name_en, null);
    for (const d of districts) if (d.provinceCode === p.code) addArea(a, d);
    return finish(a);
  });

  const total = area(
    filter.districtCode ?? filter.provinceCode ?? 'TH',
    filter.districtCode ? (districts[0]?.nameTh ?? '') : filter.provinceCode ? (provinces[0]?.nameTh ?? '') : 'ทั่วประเทศ',
    filter.districtCode ? (districts[0]?.nameEn ?? '') : filter.provinceCode ? (provinces[0]?.nameEn ?? '') : 'Nationwide',
    filter.districtCode ? (districts[0]?.provinceCode ?? null) : null,
  );
  for (const p of provinces) addArea(total, p);
  finish(total);

  return {
    asOf: now.toISOString(),
    fiscalYear: fy,
    filter: { provinceCode: filter.provinceCode ?? null, districtCode: filter.districtCode ?? null },
    rounds: [...rounds.values()],
    cells,
    districts,
    provinces,
    total,
  };
}
