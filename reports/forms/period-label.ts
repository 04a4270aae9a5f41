import type { FormText } from './form-text.ts';

/** 'ไตรมาส ๑ ปีงบประมาณ พ.ศ. ๒๕๖๑', or for the whole year 'ปีงบประมาณ พ.ศ. ๒๕๖๑'. */
export function periodLabel(fiscalYear: number, quarter: number | null, t: FormText): string {
  const year = `ปีงบประมาณ พ.ศ. ${t.year(fiscalYear)}`;
  return quarter === null ? year : `ไตรมาส ${t.d(quarter)} ${year}`;
}
