import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { ingestSubmission, type IngestInput, type SubmissionReport, type Uploader } from '../../pipeline/ingest-submission.ts';

/** Path of a fixture under tests/fixtures/pipeline. */
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/pipeline/${name}`, import.meta.url));
export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(fixture(name)));

export const ADMIN: Uploader = { id: null, username: 'test-admin', role: 'admin', districtCode: null, provinceCode: null };
export const DISTRICT_3801: Uploader = { id: null, username: 'district3801', role: 'district', districtCode: '3801', provinceCode: '38' };
export const DISTRICT_3802: Uploader = { id: null, username: 'district3802', role: 'district', districtCode: '3802', provinceCode: '38' };

/** Noon Bangkok on 10 December 2017: inside FY2561 Q1's step-1 window (1 Oct – 20 Dec 2017). */
export const IN_WINDOW = new Date('2017-12-10T05:00:00Z');

/** Loads a fixture file into district 3801, round 2561-Q1, as an administrator, on time. */
export function load(db: Db, name: string, options: Partial<Omit<IngestInput, 'source' | 'fileName'>> = {}): Promise<SubmissionReport> {
  return ingestSubmission(db, {
    source: { kind: 'path', path: fixture(name) },
    fileName: name,
    districtCode: '3801',
    roundCode: '2561-Q1',
    dryRun: false,
    user: ADMIN,
    now: IN_WINDOW,
    ...options,
  });
}

/** Issues as [row, column, code] triples, in report order. */
export const where = (r: SubmissionReport) => r.issues.map((i) => [i.row, i.column, i.code] as const);

export async function tableCounts(db: Db): Promise<{ producers: number; registrations: number; products: number; submissions: number }> {
  const [row] = await queryRows<{ producers: number; registrations: number; products: number; submissions: number }>(
    db,
    sql`select (select count(*)::int from producers) as producers,
               (select count(*)::int from registrations) as registrations,
               (select count(*)::int from products) as products,
               (select count(*)::int from submissions) as submissions`,
  );
  return row!;
}
