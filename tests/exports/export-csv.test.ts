import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../support/test-db.ts';
import { csvTextCell } from '../../api/exports/write-csv.ts';
import { createExportFixture, EDGE, exportBytes, readWithPolars, type ExportFixture } from './support/export-fixture.ts';

describe(`exports: CSV for Thai Excel (${TEST_ENGINE})`, () => {
  let f: ExportFixture;
  beforeAll(async () => {
    f = await createExportFixture();
  });
  afterAll(async () => f.close());

  it('starts with the UTF-8 byte-order mark and keeps Thai text with its marks intact', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'producers', format: 'csv', scope: {}, filter: { districtCode: '3802' } });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.slice(1, 30)).toBe('producer_id,thai_id,thai_id_k');
    expect(text).toContain(EDGE.markedName);
    expect(text).toContain('ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม');
    const df = readWithPolars('csv', bytes);
    expect(df.columns[0]).toBe('producer_id');
    const rows = df.toRecords() as Record<string, string | null>[];
    const marked = rows.find((r) => Number(r.producer_id) === f.edge.markedProducer)!;
    expect(marked.name).toBe(EDGE.markedName);
    expect(marked.name!.normalize('NFC')).toBe(marked.name);
    expect(marked.district_name_th).toBe('พรเจริญ');
    expect(marked.subdistrict_name_th).toBe('ดอนหญ้านาง');
  });

  it('neutralises cells that a spreadsheet would run as formulas, and quotes commas and quotes', async () => {
    const producers = await exportBytes(f.t.db, { dataset: 'producers', format: 'csv', scope: {}, filter: { districtCode: '3802' } });
    const formula = (readWithPolars('csv', producers.bytes).toRecords() as Record<string, string | null>[])
      .find((r) => Number(r.producer_id) === f.edge.formulaProducer)!;
    expect(formula.name).toBe(`'${EDGE.formulaName}`);
    expect(producers.bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://evil.example"",""คลิก"")"`);
    // Nulls are empty cells.
    expect(formula.members).toBeNull();
    expect(formula.village_no).toBeNull();

    const products = await exportBytes(f.t.db, { dataset: 'products', format: 'csv', scope: {}, filter: { districtCode: '3802', fiscalYear: 2561 } });
    const names = (readWithPolars('csv', products.bytes).toRecords() as Record<string, string | null>[]).map((r) => r.name);
    expect(names).toContain(`'${EDGE.minusProduct}`);
    expect(names).toContain(`'${EDGE.plusProduct}`);
    expect(names).toContain(`'${EDGE.atProduct}`);
    expect(names.some((n) => typeof n === 'string' && /^[=+\-@]/.test(n))).toBe(false);
  });

  it('writes numbers, dates, instants, booleans and lists plainly', async () => {
    const { bytes } = await exportBytes(f.t.db, { dataset: 'registrations', format: 'csv', scope: {}, filter: { districtCode: '3802', fiscalYear: 2561 } });
    const rows = readWithPolars('csv', bytes).toRecords() as Record<string, string | null>[];
    const late = rows.find((r) => Number(r.registration_id) === f.edge.markedRegistration)!;
    expect(late).toMatchObject({
      fiscal_year: '2561',
      quarter: '1',
      registered_at: '2017-12-20T17:00:00.000000Z',
      registered_date: '2017-12-21',
      step1_end_date: '2017-12-20',
      on_time: 'false',
      renewed: 'false',
      products: '1',
    });
    const products = await exportBytes(f.t.db, { dataset: 'products', format: 'csv', scope: {}, filter: { districtCode: '3802', fiscalYear: 2561 } });
    const standards = (readWithPolars('csv', products.bytes).toRecords() as Record<string, string | null>[]).map((r) => r.standards);
    expect(standards).toContain('mophor;ฮาลาล');
  });

  it('leaves ordinary text alone and guards only the dangerous first characters', () => {
    expect(csvTextCell('ผ้าไหม')).toBe('ผ้าไหม');
    expect(csvTextCell('a-b')).toBe('a-b');
    expect(csvTextCell('=1+1')).toBe("'=1+1");
    expect(csvTextCell('\tcmd')).toBe("'\tcmd");
    expect(csvTextCell('ชา, กาแฟ')).toBe('"ชา, กาแฟ"');
    expect(csvTextCell('บรรทัด\nใหม่')).toBe('"บรรทัด\nใหม่"');
  });
});
