import type { Db } from '../../db/create-db.ts';
import { assembleProgress } from './progress/assemble-progress.ts';
import { progressDistricts } from './progress/progress-districts.ts';
import { progressDistrictStates } from './progress/progress-district-states.ts';
import { progressProducerCounts } from './progress/progress-producer-counts.ts';
import { progressProductCounts } from './progress/progress-product-counts.ts';
import { progressProvinces } from './progress/progress-provinces.ts';
import { progressTargets } from './progress/progress-targets.ts';
import { progressWindows } from './progress/progress-windows.ts';
import type { ProgressFilter, ProgressResult } from './progress/progress-types.ts';

export type {
  AreaProgress,
  CellProgress,
  Counts,
  ProgressDetail,
  ProgressFilter,
  ProgressResult,
  ProvinceCellProgress,
  RoundPlan,
  StepProgress,
  StepStatus,
} from './progress/progress-types.ts';

/**
 * Registration progress of a fiscal year: per district × round and province × round, with
 * roll-ups per district, province and for the whole scope. Counts come from the roll-up tables
 * the database keeps in step with every write (triggers, same transaction), states and their
 * times from the workflow tables. Each call reads the database afresh (seven reads, one file
 * each under progress/, assembled by the pure assembleProgress); the progress route caches
 * answers in api/progress-cache.ts, keyed by the progress version the same triggers raise, so
 * a load or a transition still shows at the next request.
 */
export async function progress(db: Db, filter: ProgressFilter, now: Date = new Date()): Promise<ProgressResult> {
  const detail = filter.detail ?? (filter.provinceCode || filter.districtCode ? 'district' : 'province');
  const [districts, windows, producerCounts, productCounts, targets, districtStates, provinces] = await Promise.all([
    detail === 'province' ? Promise.resolve([]) : progressDistricts(db, filter),
    progressWindows(db, filter.fiscalYear),
    progressProducerCounts(db, filter, detail),
    progressProductCounts(db, filter, detail),
    progressTargets(db, filter, detail),
    progressDistrictStates(db, filter, detail),
    progressProvinces(db, filter),
  ]);
  return assembleProgress({ districts, windows, producerCounts, productCounts, targets, districtStates, provinces }, filter, detail, now);
}
