import type { PlanStep, PlanWindow } from './plan.ts';
import type { Quarter } from './fiscal-year.ts';
import { STEP_RESPONSIBLE } from './plan.ts';

// Enclosure 1 of Bueng Kan province's letter of 31 August 2560 BE (บก ๐๐๑๙.๓/๖๓๓๒),
// "แผนการดำเนินงานการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ปีงบประมาณ พ.ศ. ๒๕๖๐-๒๕๖๑".
// Every step's responsible party is as the letter gives it: อำเภอ, จังหวัด/กรุงเทพมหานคร, กรมฯ.

function win(
  fiscalYear: number,
  quarter: Quarter,
  step: PlanStep,
  startDate: string,
  endDate: string,
  statedDays: number,
  note?: string,
): PlanWindow {
  const w: PlanWindow = { fiscalYear, quarter, step, startDate, endDate, statedDays, responsible: STEP_RESPONSIBLE[step] };
  return note === undefined ? w : { ...w, note };
}

/**
 * The plan exactly as the letter writes it, typos included: FY2561 Q2–Q4 are dated 2560 BE
 * (2017) instead of 2561 BE (2018), and the three 80-day windows are really 81, 79 and 81 days.
 * Kept so the plan validator can be shown catching what a careful reader catches.
 */
export const LETTER_PLAN_AS_WRITTEN: readonly PlanWindow[] = [
  win(2560, 4, 1, '2017-08-28', '2017-09-18', 22),
  win(2560, 4, 2, '2017-09-19', '2017-09-25', 7),
  win(2560, 4, 3, '2017-09-30', '2017-09-30', 1),
  win(2561, 1, 1, '2017-10-01', '2017-12-20', 80),
  win(2561, 1, 2, '2017-12-23', '2017-12-29', 7),
  win(2561, 1, 3, '2017-12-30', '2017-12-30', 1),
  win(2561, 2, 1, '2017-01-01', '2017-03-20', 80),
  win(2561, 2, 2, '2017-03-23', '2017-03-29', 7),
  win(2561, 2, 3, '2017-03-31', '2017-03-31', 1),
  win(2561, 3, 1, '2017-04-01', '2017-06-20', 80),
  win(2561, 3, 2, '2017-06-22', '2017-06-28', 7),
  win(2561, 3, 3, '2017-06-29', '2017-06-29', 1),
  win(2561, 4, 1, '2017-09-21', '2017-09-27', 7),
  win(2561, 4, 2, '2017-09-28', '2017-09-28', 1),
  win(2561, 4, 3, '2017-09-28', '2017-09-28', 1),
];

// What the letter stated, where it differs from the meant plan: one Thai sentence group, then
// the English, in one string ('th / en') so it survives any export as a single column.
type Deviation = { th: string; en: string };
const yearTypo: Deviation = {
  th: 'หนังสือระบุปี พ.ศ. ๒๕๖๐ ซึ่งพิมพ์ผิด ที่ถูกคือ พ.ศ. ๒๕๖๑',
  en: 'The letter writes the year 2560 BE, a typo for 2561 BE (2018).',
};
const note = (...deviations: Deviation[]) =>
  `${deviations.map((d) => d.th).join(' และ')} / ${deviations.map((d) => d.en).join(' ')}`;

/**
 * The plan as the letter means it: FY2561 Q2–Q4 in 2018; `note` says what the letter wrote
 * instead. The day counts stay as the letter states them (80, where the calendar gives 81, 79
 * and 81): the plan is printed as the department sent it, and the validator reports the
 * difference as a warning, which the plan-check report shows.
 */
export const LETTER_PLAN_AS_MEANT: readonly PlanWindow[] = [
  win(2560, 4, 1, '2017-08-28', '2017-09-18', 22),
  win(2560, 4, 2, '2017-09-19', '2017-09-25', 7),
  win(2560, 4, 3, '2017-09-30', '2017-09-30', 1),
  win(2561, 1, 1, '2017-10-01', '2017-12-20', 80),
  win(2561, 1, 2, '2017-12-23', '2017-12-29', 7),
  win(2561, 1, 3, '2017-12-30', '2017-12-30', 1),
  win(2561, 2, 1, '2018-01-01', '2018-03-20', 80, note(yearTypo)),
  win(2561, 2, 2, '2018-03-23', '2018-03-29', 7, note(yearTypo)),
  win(2561, 2, 3, '2018-03-31', '2018-03-31', 1, note(yearTypo)),
  win(2561, 3, 1, '2018-04-01', '2018-06-20', 80, note(yearTypo)),
  win(2561, 3, 2, '2018-06-22', '2018-06-28', 7, note(yearTypo)),
  win(2561, 3, 3, '2018-06-29', '2018-06-29', 1, note(yearTypo)),
  win(2561, 4, 1, '2018-09-21', '2018-09-27', 7, note(yearTypo)),
  win(2561, 4, 2, '2018-09-28', '2018-09-28', 1, note(yearTypo)),
  win(2561, 4, 3, '2018-09-28', '2018-09-28', 1, note(yearTypo)),
];
