import type { ProducerTypeCode } from '../../../domain/producer-types.ts';
import type { CategoryCode } from '../../../domain/product-categories.ts';
import type { DistrictRoundState, ProvinceRoundState } from '../../../domain/round-state.ts';
import type { Responsible } from '../../../domain/plan.ts';
import type { Timeliness } from '../../../domain/timeliness.ts';

// The progress answer's shape (GET /api/progress, the reports, the progress export); the
// dashboard reads these types through api/queries/progress.ts.

export interface ProgressFilter {
  fiscalYear: number;
  provinceCode?: string | null;
  districtCode?: string | null;
  /**
   * 'district' lists every district × round cell and district roll-up; 'province' only the
   * province-level ones. Default: 'district' within a province or district, 'province' for the
   * nation (928 districts × 4 rounds is a table nobody reads on one screen).
   */
  detail?: ProgressDetail;
}

/** Which cells an answer lists: every district × round, or province × round only. */
export type ProgressDetail = 'district' | 'province';

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
  detail: ProgressDetail;
  rounds: RoundPlan[];
  /** District × round (empty at province detail). */
  cells: CellProgress[];
  /** Province × round. */
  provinceCells: ProvinceCellProgress[];
  districts: AreaProgress[];
  provinces: AreaProgress[];
  total: AreaProgress;
}
