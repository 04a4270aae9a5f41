import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { readPlanCsv } from '../../pipeline/read-plan-csv.ts';
import { loadPlan } from '../../pipeline/load-plan.ts';
import { LETTER_PLAN_AS_MEANT } from '../../domain/letter-plan.ts';

const AS_WRITTEN = new URL('../fixtures/plan/letter-plan-as-written.csv', import.meta.url);

describe(`loading a plan (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.close());

  it('reads the letter’s table as written (Thai digits, BE dates) and reports the letter’s own mistakes', () => {
    const { windows, problems } = readPlanCsv(readFileSync(AS_WRITTEN, 'utf8'));
    expect(problems).toEqual([]);
    expect(windows).toHaveLength(15);
    expect(windows[0]).toMatchObject({ fiscalYear: 2560, quarter: 4, step: 1, startDate: '2017-08-28', endDate: '2017-09-18' });
    // FY2561 Q2 step 1 is written "1 ม.ค. – 20 มี.ค. 2560": January 2017, a year too early.
    expect(windows[6]).toMatchObject({ fiscalYear: 2561, quarter: 2, startDate: '2017-01-01', endDate: '2017-03-20' });
  });

  it('refuses the plan as written, naming every mistake, and writes nothing', async () => {
    const { windows } = readPlanCsv(readFileSync(AS_WRITTEN, 'utf8'));
    const result = await loadPlan(t.db, windows);
    expect(result.loaded).toBe(false);
    const outside = result.issues.filter((i) => i.code === 'window-outside-quarter').map((i) => `Q${i.quarter}s${i.step}`);
    expect(outside).toEqual(['Q2s1', 'Q2s2', 'Q2s3', 'Q3s1', 'Q3s2', 'Q3s3', 'Q4s1', 'Q4s2', 'Q4s3']);
    const days = result.issues.filter((i) => i.code === 'day-count-mismatch').map((i) => `${i.fiscalYear}Q${i.quarter}s${i.step}`);
    expect(days).toEqual(['2561Q1s1', '2561Q2s1', '2561Q3s1']);
    expect(result.issues.find((i) => i.code === 'day-count-mismatch')!.message.en).toMatch(/80.*81|81.*80/);
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from plan_windows`);
    expect(row?.n).toBe(0);
  });

  it('loads the plan as meant (its stated day counts accepted as warnings), and loading it again changes nothing', async () => {
    expect(await loadPlan(t.db, LETTER_PLAN_AS_MEANT)).toMatchObject({ loaded: false, windows: 0 });
    const first = await loadPlan(t.db, LETTER_PLAN_AS_MEANT, { acceptWarnings: true });
    expect(first).toMatchObject({ loaded: true, rounds: 5, windows: 15 });
    expect(first.issues.map((i) => i.code)).toEqual(['day-count-mismatch', 'day-count-mismatch', 'day-count-mismatch']);
    await loadPlan(t.db, LETTER_PLAN_AS_MEANT, { acceptWarnings: true });
    const [row] = await queryRows<{ windows: number; rounds: number }>(
      t.db,
      sql`select (select count(*)::int from plan_windows) as windows, (select count(*)::int from fiscal_rounds) as rounds`,
    );
    expect(row).toEqual({ windows: 15, rounds: 5 });
  });

  it('`otop plan check` prints the mistakes and exits 1', () => {
    const out = spawnSync(process.execPath, ['bin/otop.js', 'plan', 'check', AS_WRITTEN.pathname], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: 'memory://' },
    });
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('window-outside-quarter');
    expect(out.stdout).toContain('ไตรมาส ๒ ปีงบประมาณ ๒๕๖๑ ขั้นตอนที่ ๑');
    expect(out.stdout).toMatch(/15 windows read; 9 errors, 3 warnings\./);
  });
});
