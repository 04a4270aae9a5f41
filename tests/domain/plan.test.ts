import { describe, expect, it } from 'vitest';
import { type PlanIssue, type PlanWindow, STEP_RESPONSIBLE, planStepName, validatePlan } from '../../domain/plan.ts';

// A clean FY2561 Q1 round; each test breaks one thing.
const round = (): PlanWindow[] => [
  { fiscalYear: 2561, quarter: 1, step: 1, startDate: '2017-10-01', endDate: '2017-12-20', statedDays: 81, responsible: 'district' },
  { fiscalYear: 2561, quarter: 1, step: 2, startDate: '2017-12-23', endDate: '2017-12-29', statedDays: 7, responsible: 'province' },
  { fiscalYear: 2561, quarter: 1, step: 3, startDate: '2017-12-30', endDate: '2017-12-30', statedDays: 1, responsible: 'department' },
];
const summary = (issues: PlanIssue[]) => issues.map((i) => [i.code, i.step, i.severity]);

describe('planStepName', () => {
  it('names a round step in Thai (Thai digits) and English', () => {
    expect(planStepName(2561, 2, 1)).toEqual({ th: 'ไตรมาส ๒ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ ๑', en: 'FY2561 Q2 step 1' });
  });
});

describe('validatePlan', () => {
  it('accepts a clean round and an empty plan', () => {
    expect(validatePlan(round())).toEqual([]);
    expect(validatePlan([])).toEqual([]);
  });

  it('reports an impossible date and skips the checks that need it', () => {
    const plan = round();
    plan[0] = { ...plan[0]!, endDate: '2017-11-31' };
    const issues = validatePlan(plan);
    expect(summary(issues)).toEqual([['invalid-date', 1, 'error']]);
    expect(issues[0]!.message.en).toBe('FY2561 Q1 step 1: end date "2017-11-31" is not a valid date');
    expect(issues[0]!.message.th).toContain('ไตรมาส ๑ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ ๑');
  });

  it('reports both dates when both are invalid', () => {
    const plan = round();
    plan[1] = { ...plan[1]!, startDate: '23/12/2560', endDate: '2017-12-32' };
    expect(summary(validatePlan(plan))).toEqual([
      ['invalid-date', 2, 'error'],
      ['invalid-date', 2, 'error'],
    ]);
  });

  it('reports an end before the start', () => {
    const plan = round();
    plan[2] = { ...plan[2]!, startDate: '2017-12-31', endDate: '2017-12-30' };
    const issues = validatePlan(plan);
    expect(summary(issues)).toEqual([['end-before-start', 3, 'error']]);
    expect(issues[0]!.message.th).toContain('๓๐ ธันวาคม ๒๕๖๐');
    expect(issues[0]!.message.th).toContain('๓๑ ธันวาคม ๒๕๖๐');
  });

  it('reports a window that starts or ends outside its quarter, one day over being enough', () => {
    const startsEarly = round();
    startsEarly[0] = { ...startsEarly[0]!, startDate: '2017-09-30', statedDays: 82 };
    expect(summary(validatePlan(startsEarly))).toEqual([['window-outside-quarter', 1, 'error']]);

    const endsLate = round();
    endsLate[2] = { ...endsLate[2]!, startDate: '2017-12-31', endDate: '2018-01-01', statedDays: 2 };
    const issues = validatePlan(endsLate);
    expect(summary(issues)).toEqual([['window-outside-quarter', 3, 'error']]);
    expect(issues[0]!.message.en).toBe(
      'FY2561 Q1 step 3: dates 2017-12-31 – 2018-01-01 fall outside the quarter (2017-10-01 – 2017-12-31)',
    );
  });

  it('accepts windows on the first and last day of the quarter', () => {
    const plan = round();
    plan[2] = { ...plan[2]!, startDate: '2017-12-31', endDate: '2017-12-31' };
    expect(validatePlan(plan)).toEqual([]);
  });

  it('warns when the stated day count disagrees with the dates, giving both numbers', () => {
    const plan = round();
    plan[0] = { ...plan[0]!, statedDays: 80 };
    const issues = validatePlan(plan);
    expect(summary(issues)).toEqual([['day-count-mismatch', 1, 'warning']]);
    expect(issues[0]!.message.en).toBe('FY2561 Q1 step 1: states 80 days but 2017-10-01 – 2017-12-20 is 81 days');
    expect(issues[0]!.message.th).toBe(
      'ไตรมาส ๑ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ ๑: ระบุจำนวน ๘๐ วัน แต่ช่วงวันที่ ๑ ตุลาคม ๒๕๖๐ – ๒๐ ธันวาคม ๒๕๖๐ นับได้ ๘๑ วัน',
    );
  });

  it('reports a step that starts before the previous step ends', () => {
    const plan = round();
    plan[1] = { ...plan[1]!, startDate: '2017-12-19', statedDays: 11 };
    const issues = validatePlan(plan);
    expect(summary(issues)).toEqual([['step-order', 2, 'error']]);
    expect(issues[0]!.message.en).toBe('FY2561 Q1 step 2: starts 2017-12-19, before step 1 ends (2017-12-20)');
  });

  it('allows a step to start on the day the previous step ends', () => {
    const plan = round();
    plan[1] = { ...plan[1]!, startDate: '2017-12-20', statedDays: 10 };
    plan[2] = { ...plan[2]!, startDate: '2017-12-29', endDate: '2017-12-29' };
    expect(validatePlan(plan)).toEqual([]);
  });

  it('reports step 3 starting before step 2 ends', () => {
    const plan = round();
    plan[2] = { ...plan[2]!, startDate: '2017-12-28', endDate: '2017-12-28' };
    expect(summary(validatePlan(plan))).toEqual([['step-order', 3, 'error']]);
  });

  it('checks order against the nearest earlier step when one is missing', () => {
    const plan = [round()[0]!, { ...round()[2]!, startDate: '2017-12-15', endDate: '2017-12-15' }];
    expect(summary(validatePlan(plan))).toEqual([
      ['missing-step', 2, 'error'],
      ['step-order', 3, 'error'],
    ]);
  });

  it('reports a duplicated step once, with the count', () => {
    const plan = [...round(), { ...round()[1]! }];
    const issues = validatePlan(plan);
    expect(summary(issues)).toEqual([['duplicate-step', 2, 'error']]);
    expect(issues[0]!.message.en).toBe('FY2561 Q1 step 2: this step appears 2 times in the round');
  });

  it('reports each missing step of a round', () => {
    expect(summary(validatePlan([round()[1]!]))).toEqual([
      ['missing-step', 1, 'error'],
      ['missing-step', 3, 'error'],
    ]);
  });

  it('requires district, province, department for steps 1, 2, 3', () => {
    expect(STEP_RESPONSIBLE).toEqual({ 1: 'district', 2: 'province', 3: 'department' });
    const plan = round();
    plan[1] = { ...plan[1]!, responsible: 'district' };
    plan[2] = { ...plan[2]!, responsible: 'province' };
    const issues = validatePlan(plan);
    expect(summary(issues)).toEqual([
      ['wrong-responsible', 2, 'error'],
      ['wrong-responsible', 3, 'error'],
    ]);
    expect(issues[0]!.message.en).toBe('FY2561 Q1 step 2: responsible must be the province, not the district');
    expect(issues[0]!.message.th).toBe('ไตรมาส ๑ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ ๒: ผู้รับผิดชอบต้องเป็นจังหวัด แต่ระบุเป็นอำเภอ');
  });

  it('reports every problem of every window, sorted by round, step and code', () => {
    const plan: PlanWindow[] = [
      { fiscalYear: 2562, quarter: 2, step: 3, startDate: '2019-03-31', endDate: '2019-04-01', statedDays: 1, responsible: 'district' },
      { fiscalYear: 2562, quarter: 2, step: 1, startDate: '2019-01-01', endDate: '2019-03-20', statedDays: 80, responsible: 'district' },
      ...round(),
    ];
    expect(validatePlan(plan).map((i) => [i.fiscalYear, i.quarter, i.step, i.code])).toEqual([
      [2562, 2, 1, 'day-count-mismatch'],
      [2562, 2, 2, 'missing-step'],
      [2562, 2, 3, 'window-outside-quarter'],
      [2562, 2, 3, 'day-count-mismatch'],
      [2562, 2, 3, 'wrong-responsible'],
    ]);
  });

  it('writes Thai messages with Thai text and English messages without', () => {
    const plan = round().map((w) => ({ ...w, startDate: w.startDate.replace('2017', '2016'), endDate: w.endDate.replace('2017', '2016'), statedDays: 99 }));
    const issues = validatePlan(plan);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.message.th).toMatch(/^ไตรมาส ๑ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ [๑-๓]: /);
      expect(issue.message.en).toMatch(/^FY2561 Q1 step [1-3]: [\x20-\x7E–]+$/);
    }
  });
});
