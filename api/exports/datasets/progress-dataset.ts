import type { ExportColumn } from '../export-column.ts';
import type { RowsDataset } from '../export-dataset-definition.ts';
import { progress, type CellProgress } from '../../queries/progress.ts';

const COUNT_COLUMNS: readonly [string, string, (c: CellProgress) => number][] = [
  ['producers', 'Producers registered in this district and round', (c) => c.producers],
  ['producers_community_group', 'Of which community producer groups', (c) => c.producersByType['community-group']],
  ['producers_single_owner', 'Of which single-owner community producers', (c) => c.producersByType['single-owner']],
  ['producers_sme', 'Of which SME producers', (c) => c.producersByType.sme],
  ['new_producers', 'Of which new (not registered in the previous fiscal year)', (c) => c.newProducers],
  ['renewed_producers', 'Of which renewed (registered in the previous fiscal year too)', (c) => c.renewedProducers],
  ['late_registrations', 'Registrations made after the step-1 window closed (Bangkok date)', (c) => c.lateRegistrations],
  ['products', 'Products registered', (c) => c.products],
  ['products_food', 'Of which food', (c) => c.productsByCategory.food],
  ['products_beverage', 'Of which beverages', (c) => c.productsByCategory.beverage],
  ['products_textile', 'Of which textiles and garments', (c) => c.productsByCategory.textile],
  ['products_household', 'Of which household, decorative and souvenir goods', (c) => c.productsByCategory.household],
  ['products_herbal', 'Of which non-food herbal products', (c) => c.productsByCategory.herbal],
];

const STEP_WHO = { 1: 'district registers', 2: 'province verifies and certifies', 3: 'department announces' } as const;

function stepColumns(step: 1 | 2 | 3): ExportColumn[] {
  const s = `step${step}`;
  const who = `step ${step} (${STEP_WHO[step]})`;
  return [
    { name: `${s}_start_date`, kind: 'date', nullable: true, description: `First day of the ${who} window` },
    { name: `${s}_end_date`, kind: 'date', nullable: true, description: `Last day of the ${who} window` },
    { name: `${s}_status`, kind: 'code', codeList: 'step-status', nullable: true, description: `Status of ${who} at export time: upcoming, open, overdue, done` },
    { name: `${s}_done_at`, kind: 'timestamp', nullable: true, description: `When ${who} was done (UTC); null until done` },
    { name: `${s}_timeliness`, kind: 'code', codeList: 'timeliness', nullable: true, description: `Whether ${who} was done early, on-time or late against its window; null until done` },
    { name: `${s}_days_left`, kind: 'int32', nullable: true, description: `Days left in the ${who} window at export time (0 on its last day, negative when overdue); null when done` },
  ];
}

/**
 * Progress: one row per district × round of a fiscal year (every fiscal year in the plan when
 * none is given), the figures of the progress API — taken from the same `progress()` function,
 * at the export time.
 */
export const progressDataset: RowsDataset = {
  name: 'progress',
  source: 'rows',
  grain: 'one row per district × round, as computed by the progress API at export time',
  filterMeaning: { fiscalYear: 'that fiscal year (default: every fiscal year in the plan)' },
  columns: () => [
    { name: 'fiscal_year', kind: 'int16', nullable: false, description: 'Thai fiscal year, Buddhist Era' },
    { name: 'round_code', kind: 'code', codeList: 'round', nullable: false, description: 'Round (e.g. 2561-Q1)' },
    { name: 'quarter', kind: 'code-number', of: 'round_code', nullable: false, description: 'Fiscal quarter, 1–4' },
    { name: 'province_code', kind: 'code', codeList: 'province', nullable: false, description: '2-digit province code' },
    { name: 'province_name_th', kind: 'label', of: 'province_code', nullable: false, description: 'Province name, Thai' },
    { name: 'district_code', kind: 'code', codeList: 'district', nullable: false, description: '4-digit district code' },
    { name: 'district_name_th', kind: 'label', of: 'district_code', nullable: false, description: 'District name, Thai' },
    { name: 'district_state', kind: 'code', codeList: 'district-state', nullable: false, description: 'Workflow state of the district in the round: open, submitted, returned, certified' },
    { name: 'province_state', kind: 'code', codeList: 'province-state', nullable: false, description: 'Workflow state of the province in the round: open, reported, announced' },
    ...COUNT_COLUMNS.map(([name, description]): ExportColumn => ({ name, kind: 'int32', nullable: false, description })),
    ...stepColumns(1),
    ...stepColumns(2),
    ...stepColumns(3),
  ],
  async *rows(db, session, area, filter, now) {
    const years = filter.fiscalYear !== undefined
      ? [filter.fiscalYear]
      : (await session.rows<{ fiscal_year: number }>(
          'select distinct fiscal_year::int as fiscal_year from fiscal_rounds order by fiscal_year',
        )).map((r) => Number(r.fiscal_year));
    for (const fiscalYear of years) {
      const result = await progress(
        db,
        { fiscalYear, provinceCode: area.provinceCode ?? null, districtCode: area.districtCode ?? null, detail: 'district' },
        now,
      );
      yield result.cells.map((cell) => {
        const row: Record<string, unknown> = {
          fiscal_year: fiscalYear,
          round_code: cell.roundCode,
          province_code: cell.provinceCode,
          district_code: cell.districtCode,
          district_state: cell.state,
          province_state: cell.provinceState,
        };
        for (const [name, , value] of COUNT_COLUMNS) row[name] = value(cell);
        for (const step of cell.steps) {
          const s = `step${step.step}`;
          row[`${s}_start_date`] = step.startDate;
          row[`${s}_end_date`] = step.endDate;
          row[`${s}_status`] = step.status;
          row[`${s}_done_at`] = step.doneAt;
          row[`${s}_timeliness`] = step.timeliness;
          row[`${s}_days_left`] = step.daysLeft;
        }
        return row;
      });
    }
  },
};
