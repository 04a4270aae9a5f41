// Issue #22 on paper: the province summary carries its district map — vector outlines, every
// district's name as real text on the map page, no two names on top of each other, and the
// attribution the boundaries' licence requires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pdfWordBoxes } from '../read-pdf.ts';
import { officialPdfProblems, readDocument } from './read-document.ts';
import { TEST_ENGINE } from '../../support/test-db.ts';
import { createApiFixture, signIn, type ApiFixture } from '../../api/support/api-fixture.ts';

const NAMES = ['เมืองบึงกาฬ', 'พรเจริญ', 'โซ่พิสัย', 'เซกา', 'ปากคาด', 'บึงโขงหลง', 'ศรีวิไล', 'บุ่งคล้า'];
const squash = (s: string) => s.replace(/\s+/gu, '');

describe(`summary PDF with the district map (${TEST_ENGINE})`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ accounts: ['province38'] });
  });
  afterAll(() => f.close());

  const summary = async (name: string) => {
    const client = await signIn(f.app, 'province38');
    const res = await client.get('/api/reports/summary.pdf?fy=2561');
    expect(res.status).toBe(200);
    return readDocument(Buffer.from(await res.arrayBuffer()), name, { pngs: false });
  };

  it('labels every district on the map page and shows the attribution', async () => {
    const doc = await summary(`summary-map-38-${TEST_ENGINE}`);
    expect(officialPdfProblems(doc)).toEqual([]);
    const mapPage = doc.pageRaw.findIndex((t) => squash(t).includes('แผนที่สถานะการดำเนินงานรายอำเภอ'));
    expect(mapPage, 'a page titled with the map').toBeGreaterThan(0);
    const text = squash(doc.pageRaw[mapPage]!);
    for (const name of NAMES) expect(text, name).toContain(name);
    expect(text).toContain(squash('Royal Thai Survey Department via OCHA'));
    expect(text).toContain('CCBY3.0IGO');
    // The names sit inside the map's box and none covers another.
    const words = pdfWordBoxes(doc.file, mapPage + 1).filter((w) => NAMES.includes(w.text));
    expect(words.map((w) => w.text).sort()).toEqual([...NAMES].sort());
    for (const a of words) {
      for (const b of words) {
        if (a === b) continue;
        const apart = a.xMax <= b.xMin || b.xMax <= a.xMin || a.yMax <= b.yMin || b.yMax <= a.yMin;
        expect(apart, `${a.text} and ${b.text} overlap`).toBe(true);
      }
    }
  });

  it('names a district that has no outline under the map instead of dropping it', async () => {
    await f.t.db.execute(sql`delete from area_boundaries where level = 'district' and code = '3808'`);
    const doc = await summary(`summary-map-38-missing-${TEST_ENGINE}`);
    const page = doc.pageRaw.find((t) => squash(t).includes('แผนที่สถานะการดำเนินงานรายอำเภอ'))!;
    expect(squash(page)).toContain(squash('อำเภอที่ไม่มีขอบเขตในข้อมูลแผนที่ (ไม่แสดงบนแผนที่): บุ่งคล้า'));
  });
});
