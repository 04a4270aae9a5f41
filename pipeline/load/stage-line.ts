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

/**
 * The two lines staged for nearly every row (a producer, a product) are built by position into
 * one array each, reused: the generic stageLine (an object of fields, a loop over it, a fresh
 * array per line, every value tested for escapes) cost ≈ 0.2 s of a national file's reading.
 * Codes, digits and numbers the validator produced need no escaping; free text does.
 */
function linePattern(kind: StageKind): string[] {
  const parts = NULLS.slice();
  parts[INDEX.kind] = kind;
  parts[parts.length - 1] += '\n';
  return parts;
}
const PRODUCER_PARTS = linePattern('p');
const PRODUCT_PARTS = linePattern('r');
const NULL = '\\N';
const number = (n: number | null) => (n === null ? NULL : String(n));

// A standards array is shared by every row with the same standards cell (the validator's
// cache): its literal is made once. A Map by identity (a WeakMap's lookups cost twice as much),
// bounded: the validator's cache makes new arrays when it is cleared.
const standardsLiterals = new Map<readonly string[], string>();
function standardsLiteral(standards: readonly string[]): string {
  // A row without standards gets an array of its own.
  if (standards.length === 0) return '{}';
  let literal = standardsLiterals.get(standards);
  if (literal === undefined) {
    if (standardsLiterals.size >= 1000) standardsLiterals.clear();
    standardsLiterals.set(standards, (literal = copyArray([...standards].sort())));
  }
  return literal;
}

/** The producer, staged once from its first accepted row. */
export function producerLine(seq: number, row: number, v: RegistrationValues): string {
  const p = PRODUCER_PARTS;
  p[INDEX.seq] = String(seq);
  p[INDEX.row] = String(row);
  p[INDEX.thai_id] = v.thaiId;
  p[INDEX.producer_type] = v.producerType;
  p[INDEX.producer_name] = copyValue(v.producerName);
  p[INDEX.contact_name] = copyValue(v.contactName);
  p[INDEX.phone] = copyValue(v.phone);
  p[INDEX.members] = number(v.members);
  p[INDEX.house_no] = copyValue(v.houseNo);
  p[INDEX.village_no] = number(v.villageNo);
  p[INDEX.subdistrict_code] = v.subdistrictCode;
  p[INDEX.district_code] = v.districtCode;
  p[INDEX.province_code] = v.provinceCode;
  p[INDEX.registered_at] = v.registeredDate ? noonBangkok(v.registeredDate) : NULL;
  return p.join('\t');
}

/** An accepted product row; standards null when the file has no standards column (stored ones stay). */
export function productLine(seq: number, row: number, v: RegistrationValues, hasStandards: boolean): string {
  const p = PRODUCT_PARTS;
  p[INDEX.seq] = String(seq);
  p[INDEX.row] = String(row);
  p[INDEX.thai_id] = v.thaiId;
  p[INDEX.district_code] = v.districtCode;
  p[INDEX.product_name] = copyValue(v.productName);
  p[INDEX.name_key] = copyValue(v.nameKey);
  p[INDEX.category] = v.category;
  p[INDEX.standards] = hasStandards ? standardsLiteral(v.standards) : NULL;
  p[INDEX.stars] = number(v.stars);
  return p.join('\t');
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
