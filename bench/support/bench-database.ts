import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { migrate } from '../../db/migrate.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { importGeography } from '../../pipeline/import-geography.ts';
import { readGeographyDir, synthesizeGeography } from '../../pipeline/generate/national-geography.ts';
import { generateRegistrations } from '../../pipeline/generate/generate-registrations.ts';
import { ingestSubmission, type SubmissionReport } from '../../pipeline/ingest-submission.ts';
import type { GeographyFiles } from '../../pipeline/import-geography.ts';
import { loadPlan } from '../../pipeline/load-plan.ts';
import { addDays, daysInclusive, parseRoundCode, quarterRange } from '../../domain/fiscal-year.ts';
import type { PlanWindow } from '../../domain/plan.ts';

export const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A scratch database on the benchmark's PostgreSQL, created empty and migrated. */
export async function scratchDatabase(name: string): Promise<DbHandle & { url: string }> {
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = await createDb({ databaseUrl: url, maxConnections: 8 });
  await migrate(handle.db);
  await seedReference(handle.db);
  return { ...handle, url };
}

/** The national geography: the reference files beside the project when present, else a synthetic one. */
export async function loadNationalGeography(handle: DbHandle): Promise<'reference' | 'synthetic'> {
  const { files, source } = nationalGeographyFiles();
  await importGeography(handle.db, files);
  return source;
}

const DEPARTMENT = { id: null, username: 'bench', role: 'department' as const, districtCode: null, provinceCode: null };

/**
 * National registrations through the real pipeline: `producers` producers registered in
 * FY2560 Q4 and again (renewals, with new ones) in FY2561 Q1 — the generator's deterministic
 * national file, loaded as the department would load it.
 */
export async function loadNationalRegistrations(
  handle: DbHandle,
  producers: number,
  rounds: readonly string[] = ['2560-Q4', '2561-Q1'],
): Promise<SubmissionReport[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'otop-bench-'));
  const reports: SubmissionReport[] = [];
  try {
    for (const round of rounds) reports.push(await loadNationalRound(handle, producers, round, tmp));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return reports;
}

/** The national geography files loadNationalGeography imports (reference when present, else synthetic), for generating data. */
export function nationalGeographyFiles(): { files: GeographyFiles; source: 'reference' | 'synthetic' } {
  const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'geo');
  const files = existsSync(dir) ? readGeographyDir(dir) : null;
  return files ? { files, source: 'reference' } : { files: synthesizeGeography(), source: 'synthetic' };
}

/**
 * Plan windows for rounds the shipped plan (FY2560 Q4, FY2561) lacks — earlier fiscal years of
 * history — shaped like the letter's FY2561 Q1: step 1 to the quarter's last day − 11 (Q1:
 * 1 Oct – 20 Dec), step 2 the 7 days to the last day − 2, step 3 the last day − 1. Loaded
 * through the plan loader (validated); rounds already planned are left as they are.
 * Returns the codes of the rounds added.
 */
export async function planHistoryRounds(handle: DbHandle, rounds: readonly string[]): Promise<string[]> {
  const sql = handle.db.$client as postgres.Sql;
  const known = new Set(((await sql`select code from fiscal_rounds`) as unknown as { code: string }[]).map((r) => r.code));
  const windows: PlanWindow[] = [];
  const added: string[] = [];
  for (const code of rounds) {
    const round = parseRoundCode(code);
    if (!round) throw new Error(`not a round code: ${code}`);
    if (known.has(code)) continue;
    const q = quarterRange(round.fiscalYear, round.quarter);
    const steps: [1 | 2 | 3, string, string][] = [
      [1, q.start, addDays(q.end, -11)],
      [2, addDays(q.end, -8), addDays(q.end, -2)],
      [3, addDays(q.end, -1), addDays(q.end, -1)],
    ];
    for (const [step, startDate, endDate] of steps) {
      windows.push({
        fiscalYear: round.fiscalYear, quarter: round.quarter, step, startDate, endDate,
        statedDays: daysInclusive(startDate, endDate), responsible: step === 1 ? 'district' : step === 2 ? 'province' : 'department',
      });
    }
    added.push(code);
  }
  if (windows.length === 0) return added;
  const result = await loadPlan(handle.db, windows);
  if (!result.loaded) throw new Error(`history plan refused: ${result.issues.map((i) => i.message.en).join('; ')}`);
  return added;
}

/**
 * One round of national registrations through the real pipeline, as loadNationalRegistrations
 * loads each of its rounds, with the generated file written into `dir` and deleted after the
 * load (a million producers make a file of ~750 MB).
 */
export async function loadNationalRound(
  handle: DbHandle,
  producers: number,
  round: string,
  dir: string,
): Promise<SubmissionReport> {
  const file = join(dir, `national-${producers}-${round}.csv`);
  try {
    await generateRegistrations(file, { producers, geography: nationalGeographyFiles().files, round, seed: 2561 });
    return await ingestSubmission(handle.db, {
      source: { kind: 'path', path: file },
      fileName: `national-${round}.csv`,
      districtCode: 'all',
      roundCode: round,
      dryRun: false,
      user: DEPARTMENT,
      limits: { maxRows: 10_000_000 },
    });
  } finally {
    rmSync(file, { force: true });
  }
}
