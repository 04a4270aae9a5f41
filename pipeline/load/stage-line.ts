import type { Issue } from '../../domain/issue-codes.ts';
import type { RegistrationValues } from '../validate-row.ts';
import { copyArray, copyValue } from './copy-into.ts';
import { STAGE_COLUMNS } from './registration-upsert.ts';

export type StageColumn = (typeof STAGE_COLUMNS)[number];

/** What a staged line carries, by column name; a column left out is NULL. */
export type StageFields = Partial<Record<StageColumn, string | number | readonly string[] | null>>;

/** The kinds of staged line: a producer, an accepted product row, a rejected row, an issue. */
export type StageKind = 'p' | 'r' | 'x' | 'i';

const NULLS: readonly string[] = STAGE_COLUMNS.map(() => '\\N');
const INDEX = Object.fromEntries(STAGE_COLUMNS.map((c, i) => [c, i])) as Record<StageColumn, number>;

/**
 * One COPY text-format line for the stage, its fields in STAGE_COLUMNS order whatever order
 * they are given in: strings and numbers escaped, arrays as text[] literals, absent as \N.
 * Joined from an array of its fields, so the line is one flat string: a line built by `+=` is a
 * chain of pieces that has to be copied flat again when it is encoded for the COPY stream.
 */
export function stageLine(seq: number, kind: StageKind, fields: StageFields): string {
  const parts = NULLS.slice();
  parts[INDEX.seq] = String(seq);
  parts[INDEX.kind] = kind;
  for (const column in fields) {
    const v = fields[column as StageColumn];
    if (v === undefined || v === null || column === 'seq' || column === 'kind') continue;
    parts[INDEX[column as StageColumn]] = typeof v === 'object' ? copyArray(v) : copyValue(v);
  }
  parts[parts.length - 1] += '\n';
  return parts.join('\t');
}

// Registration dates are stored at noon in Bangkok, so the date reads the same in any time zone.
function noonBangkok(isoDate: string): string {
  return `${isoDate}T05:00:00Z`;
}

/** The producer, staged once from its first accepted row. */
export function producerLine(seq: number, row: number, v: RegistrationValues): string {
  return stageLine(seq, 'p', {
    row,
    thai_id: v.thaiId,
    producer_type: v.producerType,
    producer_name: v.producerName,
    contact_name: v.contactName,
    phone: v.phone,
    members: v.members,
    house_no: v.houseNo,
    village_no: v.villageNo,
    subdistrict_code: v.subdistrictCode,
    district_code: v.districtCode,
    province_code: v.provinceCode,
    registered_at: v.registeredDate ? noonBangkok(v.registeredDate) : null,
  });
}

/** An accepted product row; standards null when the file has no standards column (stored ones stay). */
export function productLine(seq: number, row: number, v: RegistrationValues, hasStandards: boolean): string {
  return stageLine(seq, 'r', {
    row,
    thai_id: v.thaiId,
    district_code: v.districtCode,
    product_name: v.productName,
    name_key: v.nameKey,
    category: v.category,
    standards: hasStandards ? [...v.standards].sort() : null,
    stars: v.stars,
  });
}

/** A rejected row, its cells as read (quarantined unless a dry run). */
export function rejectedLine(seq: number, row: number, cells: readonly string[]): string {
  return stageLine(seq, 'x', { row, cells });
}

export function issueLine(seq: number, issue: Issue): string {
  return stageLine(seq, 'i', {
    row: issue.row,
    col: issue.column,
    value: issue.value,
    code: issue.code,
    severity: issue.severity,
    message_th: issue.message.th,
    message_en: issue.message.en,
  });
}
