import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { registerProducer } from '../../pipeline/register-producer.ts';
import { DISTRICT_3801, DISTRICT_3802, IN_WINDOW, where } from './pipeline-fixtures.ts';

const PRODUCER = {
  producer_name: 'กลุ่มจักสานบ้านไคสี',
  citizen_id: '3380100001078',
  producer_type: 'กลุ่มผู้ผลิตชุมชน',
  members: '๑๘',
  subdistrict: 'ไคสี',
};

describe(`single-registration form (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedReference(t.db);
  });
  afterAll(async () => t.close());

  it('registers one producer with several products through the same path as a file', async () => {
    const r = await registerProducer(t.db, {
      fields: PRODUCER,
      rows: [
        { product_name: 'กระติบข้าว', category: 'ของใช้', stars: '3' },
        { product_name: 'ตะกร้าไม้ไผ่', category: 'household', standards: 'มผช.' },
      ],
      districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: DISTRICT_3801, now: IN_WINDOW,
    });
    expect(r).toMatchObject({ kind: 'form', status: 'loaded', fileName: null, rowsRead: 2, accepted: { total: 2, created: 2 }, source: { format: 'form' } });
    expect(r.normalized.byKind).toEqual({ 'thai-digits': 2 });
    const rows = await queryRows<{ members: number; name: string; stars: number | null; standards: string[] }>(
      t.db,
      sql`select p.members, pr.name, pr.stars, pr.standards from producers p join products pr on pr.producer_id = p.id order by pr.name`,
    );
    expect(rows).toEqual([
      { members: 18, name: 'กระติบข้าว', stars: 3, standards: [] },
      { members: 18, name: 'ตะกร้าไม้ไผ่', stars: null, standards: ['mophor'] },
    ]);
  });

  it('reports problems by canonical field key and product number; a dry run writes no registration', async () => {
    const r = await registerProducer(t.db, {
      fields: { ...PRODUCER, citizen_id: '3380100001070' },
      rows: [{ product_name: 'ไม้กวาด', category: 'ของใช้' }, { product_name: '', category: 'อาหาร', stars: '9' }],
      districtCode: '3801', roundCode: '2561-Q1', dryRun: true, user: DISTRICT_3801, now: IN_WINDOW,
    });
    expect(r).toMatchObject({ status: 'validated', rowsRead: 2, rejected: 2 });
    expect(where(r)).toEqual([
      [1, 'citizen_id', 'invalid-citizen-id'],
      [2, 'citizen_id', 'invalid-citizen-id'],
      [2, 'product_name', 'missing-value'],
      [2, 'stars', 'out-of-range'],
    ]);
    expect(r.issues.map((i) => i.columnKey)).toEqual(['citizen_id', 'citizen_id', 'product_name', 'stars']);
    const [n] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from products`);
    expect(n!.n).toBe(2);
  });

  it('takes a single product in the fields themselves, and keeps to the uploader’s district', async () => {
    const r = await registerProducer(t.db, {
      fields: { ...PRODUCER, citizen_id: '3380100001086', product_name: 'เสื่อกก', category: '4' },
      districtCode: '3801', roundCode: '2561-Q1', dryRun: false, user: DISTRICT_3802, now: IN_WINDOW,
    });
    expect(where(r)).toEqual([[null, null, 'district-out-of-scope']]);
  });
});
