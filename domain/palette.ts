import type { DistrictRoundState, ProvinceRoundState } from './round-state.ts';
import type { ProducerTypeCode } from './producer-types.ts';
import type { CategoryCode } from './product-categories.ts';

// Okabe–Ito colours (told apart with the common colour-vision deficiencies) for series; the
// state fills are light so dark text on them passes WCAG AA, and the matrix repeats the state
// in words, so colour is never the only cue. dashboard/styles/app.css uses the same state fills.
export const TYPE_COLORS: Record<ProducerTypeCode, string> = {
  'community-group': '#0072B2',
  'single-owner': '#E69F00',
  sme: '#009E73',
};

export const CATEGORY_COLORS: Record<CategoryCode, string> = {
  food: '#D55E00',
  beverage: '#56B4E9',
  textile: '#CC79A7',
  household: '#E69F00',
  herbal: '#009E73',
};

export const STATE_COLORS: Record<DistrictRoundState, string> = {
  open: '#e5e7eb',
  submitted: '#bfdbfe',
  returned: '#fed7aa',
  certified: '#bbf7d0',
};

export const LINE_COLOR = '#0f4c81';
export const TARGET_COLOR = '#b91c1c';
export const WINDOW_FILL = 'rgba(0, 114, 178, 0.08)';

/** A province's round state on the department's map, in the same light fills as the district states. */
export const PROVINCE_STATE_COLORS: Record<ProvinceRoundState, string> = {
  open: '#e5e7eb',
  reported: '#bfdbfe',
  announced: '#bbf7d0',
};
