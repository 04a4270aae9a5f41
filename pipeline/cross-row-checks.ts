import { makeIssue, type Issue, type IssueCode, type IssueMessage } from '../domain/issue-codes.ts';
import { maskThaiId } from '../domain/thai-id.ts';
import type { ColumnKey } from '../domain/columns.ts';
import { fieldHash, ProducersSeen } from './load/producers-seen.ts';
import { registeredInDistrictIssue, type RegisteredElsewhere } from './load/registered-elsewhere.ts';
import type { SourceRecord } from './read/source-record.ts';
import type { LoadScope, ScopeGeography } from './scope-geography.ts';
import type { RegistrationValues, RowValidator } from './validate-row.ts';

// Producer-level fields of a row, compared across the rows of one producer (hashed in this
// order by CrossRowChecks.check).
const PRODUCER_FIELDS: readonly ColumnKey[] = [
  'producer_name', 'producer_type', 'contact_name', 'phone', 'members', 'house_no', 'village_no', 'subdistrict', 'registered_date',
];

export interface CrossRowRules {
  scope: LoadScope;
  geography: ScopeGeography;
  /** Districts whose data for the round is submitted or certified: their rows are refused. */
  lockedDistricts: ReadonlySet<string>;
  /** Producers registered outside the upload's reach (read before the file). */
  elsewhere: RegisteredElsewhere;
}

/** What the checks across rows make of a row RowValidator accepted on its own. */
export interface CrossRowVerdict {
  /** False: the row is rejected (its issue is in `issues`). */
  accept: boolean;
  /** The first accepted row of its producer: the producer is staged from it. */
  firstOfProducer: boolean;
  /** Issues found here (an error when refused, or an inconsistent-producer warning). */
  issues: readonly Issue[];
}

const NONE: readonly Issue[] = [];
// The verdicts of most rows, shared (callers only read them).
const ACCEPTED_FIRST: CrossRowVerdict = { accept: true, firstOfProducer: true, issues: NONE };
const ACCEPTED: CrossRowVerdict = { accept: true, firstOfProducer: false, issues: NONE };

/**
 * The checks of a row against the rows before it and the register (what RowValidator, which
 * sees one row at a time, cannot tell): a district whose round is locked, a producer registered
 * this year with another district or last in another province, a producer given two districts
 * in one file, the same product twice, and producer details that differ between a producer's
 * rows (a warning: the first row's value is used).
 */
export class CrossRowChecks {
  private readonly seen = new ProducersSeen();

  constructor(
    private readonly rules: CrossRowRules,
    private readonly validator: RowValidator,
  ) {}

  // The row's producer fields hashed, reused from row to row.
  private readonly hashes: number[] = new Array<number>(PRODUCER_FIELDS.length).fill(0);

  check(record: SourceRecord, v: RegistrationValues): CrossRowVerdict {
    const seen = this.seen;
    // The producer's ordinal among those seen (-1: its first row), looked up once.
    const id = Number(v.thaiId);
    const first = seen.find(id);
    const refused = this.refusal(v, id, first);
    if (refused) return { accept: false, firstOfProducer: false, issues: [this.issue(record, ...refused)] };
    const hashes = this.hashes;
    // In PRODUCER_FIELDS' order.
    hashes[0] = fieldHash(v.producerName);
    hashes[1] = fieldHash(v.producerType);
    hashes[2] = fieldHash(v.contactName);
    hashes[3] = fieldHash(v.phone);
    hashes[4] = fieldHash(v.members);
    hashes[5] = fieldHash(v.houseNo);
    hashes[6] = fieldHash(v.villageNo);
    hashes[7] = fieldHash(v.subdistrictCode);
    hashes[8] = fieldHash(v.registeredDate);
    if (first < 0) {
      seen.add(id, record.row, v.districtCode, hashes, v.nameKey);
      return ACCEPTED_FIRST;
    }
    seen.addProduct(first, v.nameKey, record.row);
    const k = seen.differingField(first, hashes, (i) => this.validator.has(PRODUCER_FIELDS[i]!));
    if (k < 0) return ACCEPTED;
    const key = PRODUCER_FIELDS[k]!;
    const warning = this.issue(record, 'inconsistent-producer', key, this.validator.cell(record, key), {
      th: `ต่างจากแถวที่ ${seen.row(first)} ซึ่งใช้ข้อมูลนั้น`,
      en: `differs from row ${seen.row(first)}, whose value is used`,
    });
    return { accept: true, firstOfProducer: false, issues: [warning] };
  }

  /** Why the row is refused, in order of precedence; null when it is not. */
  private refusal(v: RegistrationValues, id: number, first: number): [IssueCode, ColumnKey, string, IssueMessage] | null {
    const { scope, geography, lockedDistricts, elsewhere } = this.rules;
    if (lockedDistricts.size > 0 && lockedDistricts.has(v.districtCode)) {
      return ['round-locked', 'subdistrict', v.subdistrictCode, {
        th: `ข้อมูลของอำเภอ ${v.districtCode} ในรอบนี้ส่งหรือรับรองแล้ว`,
        en: `district ${v.districtCode}'s data for this round is submitted or certified`,
      }];
    }
    const registered = elsewhere.thisYear.size > 0 ? elsewhere.thisYear.get(id) : undefined;
    if (registered !== undefined && registered !== v.districtCode) {
      const { code, detail } = registeredInDistrictIssue(scope, registered, geography.districtByCode.get(registered));
      return [code, 'citizen_id', maskThaiId(v.thaiId), detail];
    }
    if (elsewhere.otherProvince.size > 0 && elsewhere.otherProvince.has(id)) return ['registered-in-other-province', 'citizen_id', maskThaiId(v.thaiId), { th: '', en: '' }];
    if (first < 0) return null;
    const firstDistrict = this.seen.districtOf(first);
    if (firstDistrict !== v.districtCode) {
      const firstRow = this.seen.row(first);
      return ['registered-in-other-district', 'citizen_id', maskThaiId(v.thaiId), {
        th: `แถวที่ ${firstRow} ลงทะเบียนผู้ผลิตรายนี้กับอำเภอ ${firstDistrict}`,
        en: `row ${firstRow} registers this producer with district ${firstDistrict}`,
      }];
    }
    const duplicateOf = this.seen.productRow(first, v.nameKey);
    if (duplicateOf >= 0) {
      return ['duplicate-row', 'product_name', v.productName, {
        th: `ผู้ผลิตและผลิตภัณฑ์เดียวกับแถวที่ ${duplicateOf}`,
        en: `same producer and product as row ${duplicateOf}`,
      }];
    }
    return null;
  }

  private issue(record: SourceRecord, code: IssueCode, key: ColumnKey, value: string, detail: IssueMessage): Issue {
    return makeIssue(code, { row: record.row, column: this.validator.label(key), value, detail });
  }
}
