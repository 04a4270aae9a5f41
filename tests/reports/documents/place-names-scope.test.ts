// The line breaker's place names are read for the document's scope only: a province's paper
// reads every province and its own districts and subdistricts, not the country's 8,400 names
// (the province report form's 200 ms budget), and the nation's papers every district.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import { placeNames } from '../../../api/queries/place-names.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../../support/test-db.ts';

describe(`place names by scope (${TEST_ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await prepareDatabase(t.db, { demo: true });
    await t.db.execute(sql`insert into provinces (code, name_th, name_en) values ('80', 'นครศรีธรรมราช', 'Nakhon Si Thammarat') on conflict (code) do nothing`);
    await t.db.execute(sql`insert into districts (code, province_code, name_th, name_en) values ('8001', '80', 'เมืองนครศรีธรรมราช', 'Mueang Nakhon Si Thammarat') on conflict (code) do nothing`);
    await t.db.execute(sql`insert into subdistricts (code, district_code, name_th, name_en) values ('800101', '8001', 'ในเมืองนคร', 'Nai Mueang Nakhon') on conflict (code) do nothing`);
  }, 120_000);
  afterAll(async () => t.close());

  it("a province's scope: every province, its own districts and subdistricts, no other province's", async () => {
    const names = new Set(await placeNames(t.db, { provinceCode: '38' }));
    for (const n of ['บึงกาฬ', 'นครศรีธรรมราช', 'เมืองบึงกาฬ', 'บุ่งคล้า', 'หอคำ', 'โนนสมบูรณ์']) expect(names.has(n), n).toBe(true);
    for (const n of ['เมืองนครศรีธรรมราช', 'ในเมืองนคร']) expect(names.has(n), n).toBe(false);
    // A district's code names its province.
    expect(new Set(await placeNames(t.db, { provinceCode: '8001' }))).toEqual(new Set([...(await placeNames(t.db, { provinceCode: '80' }))]));
    expect(await placeNames(t.db, { provinceCode: '80' })).toContain('ในเมืองนคร');
  });

  it("the nation's scope: every province and district, no subdistrict", async () => {
    const names = new Set(await placeNames(t.db));
    for (const n of ['บึงกาฬ', 'นครศรีธรรมราช', 'เมืองบึงกาฬ', 'เมืองนครศรีธรรมราช']) expect(names.has(n), n).toBe(true);
    for (const n of ['โนนสมบูรณ์', 'ในเมืองนคร']) expect(names.has(n), n).toBe(false);
  });
});
