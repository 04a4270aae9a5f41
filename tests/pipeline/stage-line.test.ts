import { describe, expect, it } from 'vitest';
import { makeIssue } from '../../domain/issue-codes.ts';
import { STAGE_COLUMNS } from '../../pipeline/load/registration-upsert.ts';
import { issueLine, producerLine, productLine, rejectedLine, stageLine } from '../../pipeline/load/stage-line.ts';
import type { RegistrationValues } from '../../pipeline/validate-row.ts';

const fields = (line: string) => {
  expect(line.endsWith('\n')).toBe(true);
  const parts = line.slice(0, -1).split('\t');
  expect(parts).toHaveLength(STAGE_COLUMNS.length);
  return Object.fromEntries(STAGE_COLUMNS.map((c, i) => [c, parts[i]]));
};

const values: RegistrationValues = {
  thaiId: '3380100001019', producerType: 'community-group', producerName: 'กลุ่ม\tแม่บ้าน', contactName: null, phone: '0812345678',
  members: 12, houseNo: '5/1', villageNo: 3, subdistrictCode: '380101', districtCode: '3801', provinceCode: '38',
  productName: 'ผ้าไหม', nameKey: 'ผ้าไหม', category: 'textile', standards: ['otop', 'gmp'] as never, stars: 4,
  registeredDate: '2017-11-16',
} as RegistrationValues;

describe('staged COPY lines are built from the stage column list by name', () => {
  it('puts each value under its own column, escapes text and leaves the rest NULL', () => {
    expect(fields(stageLine(7, 'p', { phone: '0812', cells: ['a"b', 'c'] }))).toMatchObject({
      seq: '7', kind: 'p', phone: '0812', cells: '{"a\\\\"b","c"}', thai_id: '\\N', message_en: '\\N',
    });
    const p = fields(producerLine(1, 2, values));
    expect(p).toMatchObject({
      kind: 'p', row: '2', thai_id: '3380100001019', producer_name: 'กลุ่ม\\tแม่บ้าน', contact_name: '\\N', members: '12',
      district_code: '3801', province_code: '38', registered_at: '2017-11-16T05:00:00Z', product_name: '\\N',
    });
    const r = fields(productLine(3, 2, values, true));
    expect(r).toMatchObject({ kind: 'r', thai_id: '3380100001019', producer_name: '\\N', standards: '{"gmp","otop"}', stars: '4', category: 'textile' });
    expect(fields(productLine(3, 2, values, false)).standards).toBe('\\N');
    expect(fields(rejectedLine(4, 9, ['x', ''])).cells).toBe('{"x",""}');
    const i = fields(issueLine(5, makeIssue('missing-value', { row: 9, column: 'ตำบล', value: null })));
    expect(i).toMatchObject({ kind: 'i', row: '9', col: 'ตำบล', value: '\\N', code: 'missing-value', severity: 'error' });
  });
});
