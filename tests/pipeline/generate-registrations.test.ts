import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { importGeography } from '../../pipeline/import-geography.ts';
import { synthesizeGeography } from '../../pipeline/generate/national-geography.ts';
import { GENERATOR_FAULTS, generateRegistrations } from '../../pipeline/generate/generate-registrations.ts';
import { ingestSubmission } from '../../pipeline/ingest-submission.ts';
import { ADMIN, tableCounts } from './pipeline-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'otop-generate-'));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const ON_LAST_DAY = new Date('2017-12-20T05:00:00Z');

describe(`national generator (${TEST_ENGINE})`, () => {
  let t: TestDb;
  const geography = synthesizeGeography();
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
    await importGeography(t.db, geography);
  });
  afterAll(async () => t.close());

  it('synthesises a country of the real one’s size, Bueng Kan as shipped', () => {
    expect(geography.provinces).toHaveLength(77);
    expect(geography.districts.length).toBeGreaterThan(850);
    expect(geography.subdistricts.length).toBeGreaterThan(6500);
    expect(geography.districts).toContainEqual({ provinceCode: 38, districtCode: 3801, districtNameTh: 'เมืองบึงกาฬ', districtNameEn: 'Mueang Bueng Kan', postalCode: 38000 });
  });

  it('writes the same bytes for the same seed, other bytes for another', async () => {
    const a = await generateRegistrations(join(dir, 'a.csv'), { producers: 300, geography, seed: 7 });
    const b = await generateRegistrations(join(dir, 'b.csv'), { producers: 300, geography, seed: 7 });
    await generateRegistrations(join(dir, 'c.csv'), { producers: 300, geography, seed: 8 });
    expect(a).toEqual(b);
    expect(sha(join(dir, 'a.csv'))).toBe(sha(join(dir, 'b.csv')));
    expect(sha(join(dir, 'a.csv'))).not.toBe(sha(join(dir, 'c.csv')));
    expect(a.producers).toBe(300);
    expect(a.rows / a.producers).toBeGreaterThan(1.8);
    expect(a.rows / a.producers).toBeLessThan(2.4);
  });

  it('plants exactly the faults it reports, and a load finds exactly those', async () => {
    const path = join(dir, 'faulty.csv');
    const manifest = await generateRegistrations(path, { producers: 600, geography, scope: '3801', faultyShare: 0.01, seed: 11 });
    expect(Object.keys(manifest.faults).sort()).toEqual([...GENERATOR_FAULTS].sort());
    const r = await ingestSubmission(t.db, {
      source: { kind: 'path', path }, fileName: 'faulty.csv', districtCode: '3801', roundCode: '2561-Q1',
      dryRun: false, user: ADMIN, now: ON_LAST_DAY,
    });
    expect(r.rowsRead).toBe(manifest.rows);
    expect(r.accepted.total).toBe(manifest.validRows);
    expect(r.rejected).toBe(manifest.rows - manifest.validRows);
    expect(r.issueCounts).toEqual(manifest.faults);
    expect(r.warnings).toBe(manifest.faults['encoding-replaced']);
    expect(await tableCounts(t.db)).toMatchObject({ products: manifest.validRows });
  });

  it('writes Windows-874 and XLSX on request, and both load', async () => {
    const csv = join(dir, 'national-874.csv');
    const m = await generateRegistrations(csv, { producers: 200, geography, encoding: 'windows-874', seed: 3, scope: '10' });
    const xlsx = join(dir, 'national.xlsx');
    await generateRegistrations(xlsx, { producers: 200, geography, format: 'xlsx', seed: 3, scope: '10' });
    for (const path of [csv, xlsx]) {
      const r = await ingestSubmission(t.db, {
        source: { kind: 'path', path }, fileName: path, districtCode: '10', roundCode: '2561-Q1', dryRun: true, user: ADMIN, now: ON_LAST_DAY,
      });
      expect(r, path).toMatchObject({ status: 'validated', rowsRead: m.rows, rejected: 0 });
    }
  });
});
