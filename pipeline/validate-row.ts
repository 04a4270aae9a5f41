// Long file: the per-column rules of a registration row (every column of domain/columns.ts, each with its normalisation and its Thai/English refusal) read best side by side; the cross-row checks live in cross-row-checks.ts.
import { makeIssue, type Issue, type IssueCode, type IssueMessage } from '../domain/issue-codes.ts';
import { productNameKey } from '../domain/product-name-key.ts';
import { resolveProducerType, type ProducerTypeCode } from '../domain/producer-types.ts';
import { resolveCategory, type CategoryCode } from '../domain/product-categories.ts';
import { parseStandards, type ParsedStandards, type StandardCode } from '../domain/product-standards.ts';
import { excelSerialDate, parseDateInput, type DateInputResult } from '../domain/thai-date.ts';
import { parsePhone, type PhoneResult } from '../domain/thai-phone.ts';
import { hasThaiIdCheckDigit, isThirteenDigits, maskThaiId, validateThaiId, THAI_ID_REASON_MESSAGES } from '../domain/thai-id.ts';
import type { ColumnKey } from '../domain/columns.ts';
import { detachString, TextCache } from './detach-string.ts';
import { columnLabel, type HeaderMapping } from './map-headers.ts';
import { isPlainCell, normalizeCell } from './normalize-cell.ts';
import type { SourceRecord } from './read/source-record.ts';
import type { GeoDistrict, GeoSubdistrict, LoadScope, ScopeGeography, SubdistrictLookup } from './scope-geography.ts';

/** One accepted row, normalised: a producer and one of its products. */
export interface RegistrationValues {
  thaiId: string;
  producerType: ProducerTypeCode;
  producerName: string;
  contactName: string | null;
  phone: string | null;
  members: number | null;
  houseNo: string | null;
  villageNo: number | null;
  subdistrictCode: string;
  districtCode: string;
  provinceCode: string;
  productName: string;
  nameKey: string;
  category: CategoryCode;
  standards: StandardCode[];
  stars: number | null;
  /** ISO date (CE) when the file gives one. */
  registeredDate: string | null;
}

/** Kinds of change normalisation makes; the normalize-text ones plus the pipeline's own. */
export type NormalizationKind =
  | 'nfc' | 'thai-digits' | 'zero-width' | 'whitespace' | 'double-sara-e' | 'split-sara-am'
  | 'be-date' | 'leading-zero' | 'formula-quote'
  // Cells as offices type them (#19): a date that arrived as Excel's serial number, a two-digit
  // BE year, a citizen ID typed with dashes or spaces, a phone number in another layout.
  | 'excel-serial' | 'two-digit-year' | 'id-separators' | 'phone-layout';

/** A cell the pipeline changed before validating it, so the user can see what was changed. */
export interface NormalizationNote {
  row: number;
  column: string;
  value: string;
  normalized: string;
  kinds: NormalizationKind[];
}

export interface ValidatedRow {
  row: number;
  /** All cells empty: skipped, neither read nor rejected. */
  blank: boolean;
  issues: Issue[];
  /** Null when the row has an error. */
  values: RegistrationValues | null;
}

/** What normalisation changed in a file: counts per kind and the first few cells. */
export interface NormalizedSummary {
  total: number;
  byKind: Partial<Record<NormalizationKind, number>>;
  samples: NormalizationNote[];
}

const MAX_NORMALIZATION_SAMPLES = 200;

export interface RowRules {
  scope: LoadScope;
  /** Districts a row may name in its district column (the scope's). */
  scopeDistricts: readonly GeoDistrict[];
  geography: ScopeGeography;
  /** Today in Bangkok (ISO): registration dates after it are refused. */
  today: string;
}

function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== '' && !BLANK.test(c)) return false;
  return true;
}

/** A cell of 1–9 ASCII digits as its number (most counts are typed so), else null: no pattern, no copy. */
function plainDigits(text: string): number | null {
  const n = text.length;
  if (n === 0 || n > 9) return null;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(text);
}

function wholeNumber(text: string): number | null {
  const s = /^\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text;
  if (!/^[+-]?\d+(?:\.0+)?$/.test(s)) return null;
  const n = Number.parseInt(s, 10);
  return Number.isSafeInteger(n) ? n : null;
}

const MEMBERS_SUFFIX = /\s*(?:คน|ราย|persons?|people|members?)$/i;
const VILLAGE_PREFIX = /^(?:หมู่ที่|หมู่|ม\.|moo\.?)\s*/i;
const STARS_SUFFIX = /\s*(?:ดาว|stars?)$/i;
const FORMULA_QUOTE = /^'[=+\-@]/;
const BLANK = /^\s*$/;

const message = (th: string, en: string): IssueMessage => ({ th, en });
const DATE_FORMATS = message(
  'อ่านได้เช่น 16/11/2560, 16 พ.ย. 2560, 16 พฤศจิกายน 60 หรือ 2017-11-16',
  'readable forms are e.g. 16/11/2560, 16 พ.ย. 2560, 16 พฤศจิกายน 60 or 2017-11-16',
);
const NO_SUCH_DAY = message('ไม่มีวันนี้ในปฏิทิน', 'there is no such day');
// A phone number already in the register's layout: a landline (9 digits) or a mobile (10).
const CANONICAL_PHONE = /^0(?:[2-7]\d{7}|[689]\d{8})$/;

type DateCell = DateInputResult | { ok: true; value: string; convertedFromBe: false; shortYear?: undefined; excelSerial: true };

/** A date column's cell: a date as typed, else Excel's serial number of one (a date typed into a text-formatted cell). */
function readDateCell(text: string): DateCell {
  const parsed = parseDateInput(text);
  if (parsed.ok || parsed.reason !== 'format') return parsed;
  const serial = excelSerialDate(text);
  return serial === null ? parsed : { ok: true, value: serial, convertedFromBe: false, excelSerial: true };
}
const NO_ISSUES: Issue[] = [];
const WHOLE = message('ต้องเป็นจำนวนเต็ม', 'must be a whole number');
const SUBDISTRICT_CACHE_ENTRIES = 20_000;
const MEMBERS_RANGE = message('ต้องมีอย่างน้อย 1 คน', 'must be 1 or more');
const VILLAGE_RANGE = message('ต้องอยู่ระหว่าง 1 ถึง 99', 'must be between 1 and 99');

/**
 * Normalises and validates one row on its own (what needs other rows or the database —
 * duplicates, producers registered elsewhere — is the loader's). Every problem is an issue
 * with row, column (as the file names it), value (as typed; citizen IDs masked) and code.
 * Written for three million cells: no allocation per cell unless something is wrong or
 * changed, and every vocabulary cell (types, categories, dates, places) resolved once per
 * distinct text.
 */
export class RowValidator {
  private readonly labels = new Map<ColumnKey, string>();
  private readonly index = new Map<ColumnKey, number>();
  private readonly typeCache = new TextCache<ProducerTypeCode | null>();
  private readonly categoryCache = new TextCache<CategoryCode | null>();
  private readonly standardsCache = new TextCache<ParsedStandards>();
  private readonly dateCache = new TextCache<DateCell>();
  private readonly phoneCache = new TextCache<PhoneResult>();
  private readonly districtCache = new TextCache<GeoDistrict | null>();
  /** Subdistrict texts resolved, per district the row is read in ('' for none). */
  private readonly subdistrictCaches = new Map<string, TextCache<SubdistrictLookup>>();
  private subdistrictsCached = 0;
  private readonly scopeDistrict: GeoDistrict | null;

  // The row being validated.
  private row = 0;
  private cells: readonly string[] = [];
  private issues: Issue[] = [];
  private rowNotes: NormalizationNote[] = [];
  private failed = false;
  /** Every cell normalisation changed, counted; the first few kept as examples. */
  readonly normalized: NormalizedSummary = { total: 0, byKind: {}, samples: [] };

  constructor(
    private readonly rules: RowRules,
    mapping: HeaderMapping,
  ) {
    for (const [key, i] of mapping.indexOf) {
      this.index.set(key, i);
      this.labels.set(key, detachString(columnLabel(mapping, key)));
    }
    this.scopeDistrict = rules.scope.kind === 'district' ? (rules.geography.districtByCode.get(rules.scope.districtCode) ?? null) : null;
  }

  /** Whether a column is in the file (absent optional columns leave stored values alone). */
  has(key: ColumnKey): boolean {
    return this.index.has(key);
  }

  label(key: ColumnKey): string {
    return this.labels.get(key) ?? key;
  }

  /** A column's cell in a record, as read ('' when the file has no such column). */
  cell(record: SourceRecord, key: ColumnKey): string {
    const i = this.index.get(key);
    return i === undefined ? '' : (record.cells[i] ?? '');
  }

  private issue(code: IssueCode, key: ColumnKey, value: string | null, detail?: IssueMessage): void {
    const made = makeIssue(code, { row: this.row, column: this.label(key), value, ...(detail ? { detail } : {}) });
    if (made.severity === 'error') this.failed = true;
    if (this.issues === NO_ISSUES) this.issues = [];
    this.issues.push(made);
  }

  private note(key: ColumnKey, value: string, normalized: string, kinds: readonly NormalizationKind[]): void {
    const summary = this.normalized;
    const column = this.label(key);
    // A cell noted twice (Thai digits, then a BE date) counts once, with both kinds.
    const existing = this.rowNotes.find((n) => n.column === column);
    if (!existing) summary.total++;
    for (const k of kinds) {
      if (existing?.kinds.includes(k)) continue;
      summary.byKind[k] = (summary.byKind[k] ?? 0) + 1;
      existing?.kinds.push(k);
    }
    // Only a note kept as a sample outlives its row: only its texts need copies of their own.
    if (existing) {
      existing.normalized = summary.samples.includes(existing) ? detachString(normalized) : normalized;
      return;
    }
    const kept = summary.samples.length < MAX_NORMALIZATION_SAMPLES;
    const note = kept
      ? { row: this.row, column, value: detachString(value), normalized: detachString(normalized), kinds: [...kinds] }
      : { row: this.row, column, value, normalized, kinds: [...kinds] };
    this.rowNotes.push(note);
    if (kept) summary.samples.push(note);
  }

  private raw(key: ColumnKey): string {
    return this.cells[this.index.get(key)!] ?? '';
  }

  /** The tidied text of a column: null when the file has no such column. */
  private text(key: ColumnKey): string | null {
    const i = this.index.get(key);
    if (i === undefined) return null;
    const raw = this.cells[i] ?? '';
    if (isPlainCell(raw) && raw.charCodeAt(0) !== 0x27) return raw;
    let input = raw;
    let quoted = false;
    if (input.charCodeAt(0) === 0x27 && FORMULA_QUOTE.test(input)) {
      // Our own rejected-rows CSV neutralises formulas with a leading apostrophe: undo it.
      input = input.slice(1);
      quoted = true;
    }
    const n = normalizeCell(input);
    if (n.changes.length > 0 || quoted) this.note(key, raw, n.value, quoted ? ['formula-quote', ...n.changes] : n.changes);
    if (n.value.includes('\uFFFD')) this.issue('encoding-replaced', key, raw);
    return n.value;
  }

  private required(key: ColumnKey): string | null {
    const v = this.text(key);
    if (v === '' || v === null) {
      this.issue('missing-value', key, null);
      return null;
    }
    return v;
  }

  private optional(key: ColumnKey): string | null {
    const v = this.text(key);
    return v === null || v === '' ? null : v;
  }

  validate(record: SourceRecord): ValidatedRow {
    this.row = record.row;
    this.cells = record.cells;
    // Most rows have no issue: they share one empty list (callers copy before adding).
    this.issues = NO_ISSUES;
    if (this.rowNotes.length > 0) this.rowNotes = [];
    this.failed = false;
    if (isBlankRow(record.cells)) return this.result(null, true);

    const producerName = this.required('producer_name');
    const thaiId = this.citizenId();
    const producerType = this.producerType();
    const contactName = this.optional('contact_name');
    const phone = this.phone();
    const houseNo = this.optional('house_no');
    const members = this.count('members', MEMBERS_SUFFIX, 1, 1_000_000, MEMBERS_RANGE);
    const villageNo = this.count('village_no', VILLAGE_PREFIX, 1, 99, VILLAGE_RANGE);
    const subdistrict = this.place();
    const productName = this.required('product_name');
    const category = this.category();
    const standards = this.standards();
    const stars = this.stars();
    const registeredDate = this.registeredDate();

    if (this.failed || !producerName || !thaiId || !producerType || !subdistrict || !productName || !category) return this.result(null);
    return this.result({
      thaiId,
      producerType,
      producerName,
      contactName,
      phone,
      members,
      houseNo,
      villageNo,
      subdistrictCode: subdistrict.code,
      districtCode: subdistrict.districtCode,
      provinceCode: subdistrict.provinceCode,
      productName,
      nameKey: productNameKey(productName),
      category,
      standards,
      stars,
      registeredDate,
    });
  }

  // A method, not a closure made per row: a national file validates three hundred thousand.
  private result(values: RegistrationValues | null, blank = false): ValidatedRow {
    return { row: this.row, blank, issues: this.issues, values };
  }

  private citizenId(): string | null {
    const idText = this.required('citizen_id');
    if (idText === null) return null;
    if (isThirteenDigits(idText)) {
      if (hasThaiIdCheckDigit(idText)) return idText;
      this.issue('invalid-citizen-id', 'citizen_id', maskThaiId(idText), THAI_ID_REASON_MESSAGES['check-digit']);
      return null;
    }
    const checked = validateThaiId(idText);
    if (checked.ok) {
      // Typed with dashes or spaces ('3-3801-00001-01-9'): read as its 13 digits, and said so.
      this.note('citizen_id', this.raw('citizen_id'), checked.value, ['id-separators']);
      return checked.value;
    }
    if (checked.reason === 'length' && /^\d{12}$/.test(idText) && validateThaiId(`0${idText}`).ok) {
      // A juristic-person ID typed into a number cell loses its leading zero.
      this.note('citizen_id', this.raw('citizen_id'), `0${idText}`, ['leading-zero']);
      return `0${idText}`;
    }
    this.issue('invalid-citizen-id', 'citizen_id', maskThaiId(idText), THAI_ID_REASON_MESSAGES[checked.reason]);
    return null;
  }

  private producerType(): ProducerTypeCode | null {
    const text = this.required('producer_type');
    if (text === null) return null;
    const resolved = this.typeCache.get(text) ?? this.typeCache.set(text, resolveProducerType(text));
    if (resolved === null) this.issue('invalid-producer-type', 'producer_type', text);
    return resolved;
  }

  private category(): CategoryCode | null {
    const text = this.required('category');
    if (text === null) return null;
    const resolved = this.categoryCache.get(text) ?? this.categoryCache.set(text, resolveCategory(text));
    if (resolved === null) this.issue('invalid-category', 'category', text);
    return resolved;
  }

  private count(key: ColumnKey, strip: RegExp, min: number, max: number, range: IssueMessage): number | null {
    const text = this.optional(key);
    if (text === null) return null;
    const n = plainDigits(text) ?? wholeNumber(text.replace(strip, ''));
    if (n === null) this.issue('invalid-number', key, text, WHOLE);
    else if (n < min || n > max) this.issue('out-of-range', key, text, range);
    else return n;
    return null;
  }

  private standards(): StandardCode[] {
    const text = this.optional('standards');
    if (text === null) return [];
    const parsed = this.standardsCache.get(text) ?? this.standardsCache.set(text, parseStandards(text));
    if (parsed.unknown.length > 0) this.issue('unknown-standard', 'standards', parsed.unknown.join(', '));
    return parsed.codes;
  }

  private stars(): number | null {
    const text = this.optional('stars');
    if (text === null) return null;
    const n = /^★+$/.test(text) ? text.length : wholeNumber(text.replace(STARS_SUFFIX, ''));
    if (n === null) this.issue('invalid-number', 'stars', text, message('ต้องเป็นจำนวนเต็ม 1–5', 'must be a whole number 1–5'));
    else if (n < 1 || n > 5) this.issue('out-of-range', 'stars', text, message('ระดับดาวต้องอยู่ระหว่าง 1 ถึง 5', 'stars must be between 1 and 5'));
    else return n;
    return null;
  }

  private registeredDate(): string | null {
    const text = this.optional('registered_date');
    if (text === null) return null;
    const parsed = this.dateCache.get(text) ?? this.dateCache.set(text, readDateCell(text));
    if (!parsed.ok) {
      this.issue('invalid-date', 'registered_date', text, parsed.reason === 'format' ? DATE_FORMATS : NO_SUCH_DAY);
      return null;
    }
    if (parsed.value > this.rules.today) {
      this.issue('out-of-range', 'registered_date', text, message('วันที่ลงทะเบียนอยู่ในอนาคต', 'the registration date is in the future'));
      return null;
    }
    // Most dates are typed in the register's own form: no list made for them.
    if ('excelSerial' in parsed || parsed.convertedFromBe || parsed.shortYear) {
      const kinds: NormalizationKind[] = [];
      if ('excelSerial' in parsed) kinds.push('excel-serial');
      if (parsed.convertedFromBe) kinds.push('be-date');
      if (parsed.shortYear) kinds.push('two-digit-year');
      this.note('registered_date', this.raw('registered_date'), parsed.value, kinds);
    }
    return parsed.value;
  }

  /** A phone cell in the register's layout ('0812345678', '042123456, 0812345678', '042123456 ต่อ 12'). */
  private phone(): string | null {
    const text = this.optional('phone');
    if (text === null) return null;
    if (CANONICAL_PHONE.test(text)) return text;
    const parsed = this.phoneCache.get(text) ?? this.phoneCache.set(text, parsePhone(text));
    if (!parsed.ok) {
      this.issue('invalid-phone', 'phone', text);
      return null;
    }
    if (parsed.value !== text) this.note('phone', this.raw('phone'), parsed.value, ['phone-layout']);
    return parsed.value;
  }

  /** District (optional column) and subdistrict, within the scope of the upload. */
  private place(): GeoSubdistrict | null {
    const { geography, scope } = this.rules;
    let district = this.scopeDistrict;
    const districtText = this.optional('district');
    if (districtText !== null) {
      let found = this.districtCache.get(districtText);
      if (found === undefined) found = this.districtCache.set(districtText, geography.findDistrict(districtText, this.rules.scopeDistricts));
      if (found) district = found;
      else {
        this.issue(
          'district-out-of-scope',
          'district',
          districtText,
          this.scopeDistrict
            ? message(
                `ไฟล์นี้เป็นของอำเภอ ${this.scopeDistrict.code} ${this.scopeDistrict.nameTh}`,
                `this file is for district ${this.scopeDistrict.code} ${this.scopeDistrict.nameEn}`,
              )
            : message('ไม่พบอำเภอนี้ในขอบเขตที่ส่งข้อมูล', 'no such district within the scope of this upload'),
        );
      }
    }
    const text = this.required('subdistrict');
    if (text === null) return null;
    const districtKey = district?.code ?? '';
    let cache = this.subdistrictCaches.get(districtKey);
    if (cache === undefined) this.subdistrictCaches.set(districtKey, (cache = new TextCache<SubdistrictLookup>()));
    let found = cache.get(text);
    if (found === undefined) {
      // Bounded as one cache: all of them are dropped when their entries reach the limit.
      if (++this.subdistrictsCached > SUBDISTRICT_CACHE_ENTRIES) {
        this.subdistrictCaches.clear();
        this.subdistrictsCached = 1;
        this.subdistrictCaches.set(districtKey, cache);
        cache.clear();
      }
      found = cache.set(text, geography.findSubdistrict(text, district?.code ?? null));
    }
    if (found.ok) {
      const s = found.subdistrict;
      const inScope =
        scope.kind === 'national' ||
        (scope.kind === 'province' && s.provinceCode === scope.provinceCode) ||
        (scope.kind === 'district' && s.districtCode === scope.districtCode);
      if (inScope) return s;
      this.issue('district-out-of-scope', 'subdistrict', text, message(`ตำบลนี้อยู่ในอำเภอ ${s.districtCode}`, `this subdistrict is in district ${s.districtCode}`));
    } else if (found.reason === 'other-district') {
      this.issue('subdistrict-not-in-district', 'subdistrict', text, this.otherDistrictMessage(found.elsewhere, district));
    } else if (found.reason === 'ambiguous') {
      this.issue(
        'unknown-subdistrict',
        'subdistrict',
        text,
        message('มีตำบลชื่อนี้มากกว่าหนึ่งแห่ง กรุณาระบุรหัสตำบล ๖ หลักหรืออำเภอ', 'more than one subdistrict has this name; give the 6-digit code or the district'),
      );
    } else {
      this.issue('unknown-subdistrict', 'subdistrict', text);
    }
    return null;
  }

  /**
   * Names the districts the subdistrict is in and the district the row gave (from its district
   * column, else the file's district), each by code and name, so neither can be misread.
   */
  private otherDistrictMessage(elsewhere: readonly GeoSubdistrict[], given: GeoDistrict | null): IssueMessage {
    const codes = [...new Set(elsewhere.map((e) => e.districtCode))].slice(0, 5);
    const named = (code: string, lang: 'th' | 'en') => {
      const d = this.rules.geography.districtByCode.get(code);
      return d ? `${code} ${lang === 'th' ? d.nameTh : d.nameEn}` : code;
    };
    const where = (lang: 'th' | 'en') => codes.map((c) => named(c, lang)).join(', ');
    if (!given) return message(`ตำบลนี้อยู่ในอำเภอ ${where('th')}`, `this subdistrict is in district ${where('en')}`);
    return message(
      `ตำบลนี้อยู่ในอำเภอ ${where('th')} ไม่ใช่อำเภอ ${named(given.code, 'th')} ที่ระบุ`,
      `this subdistrict is in district ${where('en')}, not in the district given, ${named(given.code, 'en')}`,
    );
  }
}
