import { existsSync, mkdtempSync } from 'node:fs';
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
  const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'geo');
  const files = existsSync(dir) ? readGeographyDir(dir) : null;
  await importGeography(handle.db, files ?? synthesizeGeography());
  return files ? 'reference' : 'synthetic';
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
  const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'geo');
  const geography = (existsSync(dir) ? readGeographyDir(dir) : null) ?? synthesizeGeography();
  const tmp = mkdtempSync(join(tmpdir(), 'otop-bench-'));
  const reports: SubmissionReport[] = [];
  for (const round of rounds) {
    const file = join(tmp, `national-${round}.csv`);
    await generateRegistrations(file, { producers, geography, round, seed: 2561 });
    reports.push(
      await ingestSubmission(handle.db, {
        source: { kind: 'path', path: file },
        fileName: `national-${round}.csv`,
        districtCode: 'all',
        roundCode: round,
        dryRun: false,
        user: DEPARTMENT,
        limits: { maxRows: 10_000_000 },
      }),
    );
  }
  return reports;
}
