import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { ingestSubmission, type IngestInput, type SubmissionReport } from '../../pipeline/ingest-submission.ts';
import { ADMIN, fixture, IN_WINDOW, load, tableCounts, where } from './pipeline-fixtures.ts';

// The load applies chunks of accepted rows while it reads the next (ChunkedStage). Whatever the
// chunk size, a file must come to the same report and the same tables — producers whose rows
// span chunks, duplicates and disagreeing details in a later chunk than the first row — and a
// file refused midway must leave nothing of the chunks already applied.

const scratch = mkdtempSync(join(tmpdir(), 'otop-chunks-'));
// Valid citizen IDs of Bueng Kan, from a fixture.
const ids = readFileSync(fixture('too-many-rows.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]!);
const HEADER = 'ชื่อผู้ผลิต,เลขประจำตัวประชาชน,ประเภทผู้ผลิต,ตำบล,ชื่อผลิตภัณฑ์,ประเภทผลิตภัณฑ์,โทรศัพท์';
const row = (p: number, product: string, category = 'อาหาร', phone = `08100000${p}0`) =>
  `ผู้ผลิต ${p},${ids[p]},1,บึงกาฬ,${product},${category},${phone}`;

function file(name: string, rows: string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

const FIRST = file('first.csv', [
  row(0, 'สินค้า ก'), row(1, 'สินค้า ก'), row(2, 'สินค้า ก'), row(0, 'สินค้า ข'), row(3, 'สินค้า ก'),
  row(0, 'สินค้า  ก'), // duplicate of row 2 (spacing aside), in a later chunk
  row(1, 'สินค้า ข', 'อาหาร', '0899999999'), // disagrees with row 3's phone: a warning, row 3's value kept
  row(4, 'สินค้า ก', 'ไม่มีประเภทนี้'), // refused on its own
  row(2, 'สินค้า ข', 'ผ้า'), row(5, 'สินค้า ก'), row(1, 'สินค้า ค'), row(0, 'สินค้า ค'),
]);
// On top of FIRST: a product changed, a producer's phone changed (all its rows updated), a new
// producer, the rest as they are.
const SECOND = file('second.csv', [
  row(0, 'สินค้า ก', 'ผ้า'), row(1, 'สินค้า ก', 'อาหาร', '0800000000'), row(2, 'สินค้า ก'), row(6, 'สินค้า ก'),
  row(1, 'สินค้า ข', 'อาหาร', '0800000000'), row(2, 'สินค้า ข', 'ผ้า'), row(0, 'สินค้า ข'), row(7, 'สินค้า ก'),
]);

const loadPath = (db: TestDb['db'], path: string, options: Partial<IngestInput>) =>
  ingestSubmission(db, {
    source: { kind: 'path', path }, fileName: path, districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: ADMIN, now: IN_WINDOW, ...options,
  });

const summary = (r: SubmissionReport) => ({ status: r.status, rowsRead: r.rowsRead, accepted: r.accepted, rejected: r.rejected, issues: where(r) });

async function stored(db: TestDb['db']) {
  return queryRows(db, sql`
    select p.thai_id, p.name, p.phone, r.producer_name, r.phone as registered_phone, pr.name as product, pr.category
    from products pr join registrations r on r.id = pr.registration_id join producers p on p.id = pr.producer_id
    order by p.thai_id, pr.name_key`);
}

async function loadBoth(chunkRows: number | undefined) {
  const t = await createTestDb();
  try {
    await seedReference(t.db);
    const dry = await loadPath(t.db, FIRST, { dryRun: true, chunkRows });
    const first = await loadPath(t.db, FIRST, { chunkRows });
    const afterFirst = await stored(t.db);
    const second = await loadPath(t.db, SECOND, { chunkRows, now: new Date(IN_WINDOW.getTime() + 86_400_000) });
    return { dry: summary(dry), first: summary(first), afterFirst, second: summary(second), afterSecond: await stored(t.db) };
  } finally {
    await t.close();
  }
}

describe(`a load applied in chunks while the next is read (${TEST_ENGINE})`, () => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('comes to the same report and the same tables whatever the chunk size', async () => {
    const whole = await loadBoth(undefined);
    // What a person sees: the refused and warned rows by their file row, the counts.
    expect(whole.first).toMatchObject({ status: 'partially-loaded', rowsRead: 12, rejected: 2, accepted: { total: 10, created: 10, updated: 0, unchanged: 0 } });
    expect(whole.first.issues).toEqual([[7, 'ชื่อผลิตภัณฑ์', 'duplicate-row'], [8, 'โทรศัพท์', 'inconsistent-producer'], [9, 'ประเภทผลิตภัณฑ์', 'invalid-category']]);
    expect(whole.dry.accepted).toEqual(whole.first.accepted);
    expect(whole.second.accepted).toEqual({ total: 8, created: 2, updated: 3, unchanged: 3 });
    for (const chunkRows of [1, 2]) {
      const chunked = await loadBoth(chunkRows);
      expect(chunked, `chunks of ${chunkRows}`).toEqual(whole);
    }
  }, 300_000);

  it('a file refused after chunks were applied leaves nothing written', async () => {
    t = await createTestDb();
    await seedReference(t.db);
    const r = await load(t.db, 'too-many-rows.csv', { chunkRows: 10, limits: { maxRows: 100 } });
    expect(r.status).toBe('rejected');
    expect(r.issues.map((i) => i.code)).toEqual(['too-many-rows']);
    expect(await tableCounts(t.db)).toMatchObject({ producers: 0, registrations: 0, products: 0 });
    const [counts] = await queryRows<{ n: number }>(t.db, sql`select coalesce(sum(producers), 0)::int as n from registration_counts`);
    expect(counts?.n ?? 0).toBe(0);
    // The same file within the limit loads every row, chunk after chunk.
    const ok = await load(t.db, 'too-many-rows.csv', { chunkRows: 10 });
    expect(ok).toMatchObject({ status: 'loaded', rowsRead: 150, accepted: { created: 150 } });
    expect(await tableCounts(t.db)).toMatchObject({ producers: 150, registrations: 150, products: 150 });
  }, 120_000);
});
