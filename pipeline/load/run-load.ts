import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Engine } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';
import { submissionIssues, submissions, SUBMISSION_STATUSES } from '../../db/schema/index.ts';
import { makeIssue, type Issue, type IssueCode } from '../../domain/issue-codes.ts';
import { maskThaiId } from '../../domain/thai-id.ts';
import { formatThaiDate } from '../../domain/thai-date.ts';
import { bangkokDate, isWithinWindow } from '../../domain/timeliness.ts';
import { isDistrictRoundLocked, DISTRICT_ROUND_STATE_LABELS, type DistrictRoundState, type ProvinceRoundState } from '../../domain/round-state.ts';
import type { ColumnKey } from '../../domain/columns.ts';
import { columnLabel, mapHeaders, recognisedColumns, type HeaderMapping, type HeaderOptions } from '../map-headers.ts';
import { normalizeCell } from '../normalize-cell.ts';
import { FileRefusal } from '../read/file-refusal.ts';
import type { RecordSource } from '../read/open-records.ts';
import type { SourceRecord } from '../read/source-record.ts';
import { ScopeGeography, type GeoDistrict, type LoadScope } from '../scope-geography.ts';
import { RowValidator, type NormalizedSummary, type RegistrationValues } from '../validate-row.ts';
import { districtRoundLocks } from './district-round-locks.ts';
import { copyArray, copyInto, copyValue, type CopyWriter, type LoadTx } from './copy-into.ts';
import { fieldHash, ProducersSeen } from './producers-seen.ts';
import { registeredElsewhere, registeredInDistrictIssue } from './registered-elsewhere.ts';
import {
  analyzeStage, countOutcomes, createStage, dropStage, resolveProducers, STAGE_COLUMNS, STAGE_TABLE, upsertRegistrations,
} from './registration-upsert.ts';

export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export type { NormalizedSummary } from '../validate-row.ts';

export interface LoadPlan {
  submissionId: string;
  dryRun: boolean;
  scope: LoadScope;
  round: { code: string; fiscalYear: number; step1: { startDate: string; endDate: string } | null };
  /** Clock of the load's data writes (seeds and tests fix it); null: the transaction's now(). */
  at: Date | null;
  /** When the upload is judged: timeliness, registration dates in the future. */
  judgedAt: Date;
  records: RecordSource;
  /** Titles a person mapped (the upload's mapping, the district's remembered one). */
  headers?: HeaderOptions | undefined;
  onRows?: ((rowsRead: number) => void) | undefined;
  /** Called as each phase ends, with its name (benchmarks print the breakdown). */
  onPhase?: ((phase: LoadPhase) => void) | undefined;
  /** A dry run: handed the values it does not store (the first issues', the normalisation samples), for the answer only. */
  onUnstored?: ((values: UnstoredValues) => void) | undefined;
}

/** What a dry run shows its caller but never stores: cell values of its issues, in report order, and the normalisation samples. */
export interface UnstoredValues {
  issues: Array<{ row: number | null; column: string | null; code: string; value: string | null }>;
  samples: NormalizedSummary['samples'];
}

// As many issue values as the report lists (DEFAULT_REPORT_ISSUES).
const UNSTORED_ISSUES = 1000;

export type LoadPhase = 'checks' | 'read-validate-stage' | 'count' | 'upsert' | 'issues' | 'finish';

export interface LoadResult {
  status: SubmissionStatus;
  rowsRead: number;
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  issueCounts: Record<string, number>;
  normalized: NormalizedSummary;
}

/** Advisory-lock namespace ('OTOP'): loads of one fiscal year run one at a time. */
const LOAD_LOCK = 0x4f544f50 & 0x7fffffff;
// How many leading non-blank rows may be titles above the header row.
const MAX_TITLE_ROWS = 10;
const NULLS_ROW = Array.from({ length: 17 }, () => '\\N').join('\t');
const NULLS_ISSUE = Array.from({ length: 6 }, () => '\\N').join('\t');

function noonBangkok(isoDate: string): string {
  return `${isoDate}T05:00:00Z`;
}

// Producer-level fields of a row, compared across the rows of one producer.
const PRODUCER_FIELDS: ReadonlyArray<[ColumnKey, (v: RegistrationValues) => string | number | null]> = [
  ['producer_name', (v) => v.producerName],
  ['producer_type', (v) => v.producerType],
  ['contact_name', (v) => v.contactName],
  ['phone', (v) => v.phone],
  ['members', (v) => v.members],
  ['house_no', (v) => v.houseNo],
  ['village_no', (v) => v.villageNo],
  ['subdistrict', (v) => v.subdistrictCode],
  ['registered_date', (v) => v.registeredDate],
];

interface RoundLock {
  /** The file's only district is locked (district scope). */
  file: Issue | null;
  /** Districts whose rows are refused (province and national scope). */
  districts: Set<string>;
}

async function roundLock(rows: <T>(q: SQL) => Promise<T[]>, scope: LoadScope, roundCode: string): Promise<RoundLock> {
  // Read after the district-round locks (runLoad): no workflow action on these districts can
  // commit until this load does, so the states read here hold for the whole load. (A row lock
  // would not do: a district's first action in a round creates its row, which does not exist yet.)
  if (scope.kind === 'district') {
    const [d] = await rows<{ state: DistrictRoundState }>(sql`
      select state from district_rounds where round_code = ${roundCode} and district_code = ${scope.districtCode}`);
    const [p] = await rows<{ state: ProvinceRoundState }>(sql`
      select state from province_rounds where round_code = ${roundCode} and province_code = ${scope.provinceCode}`);
    const districtState = d?.state ?? 'open';
    const provinceState = p?.state ?? 'open';
    if (districtState === 'submitted' || isDistrictRoundLocked(districtState, provinceState)) {
      const label = provinceState === 'announced' ? { th: 'กรมฯ ประกาศรับรองแล้ว', en: 'announced by the department' } : DISTRICT_ROUND_STATE_LABELS[districtState];
      return { file: makeIssue('round-locked', { detail: { th: label.th, en: label.en } }), districts: new Set() };
    }
    return { file: null, districts: new Set() };
  }
  const locked = await rows<{ district_code: string }>(sql`
    select d.code as district_code from districts d
    left join district_rounds dr on dr.district_code = d.code and dr.round_code = ${roundCode}
    left join province_rounds pr on pr.province_code = d.province_code and pr.round_code = ${roundCode}
    where (dr.state in ('submitted', 'certified') or pr.state = 'announced')
      ${scope.kind === 'province' ? sql`and d.province_code = ${scope.provinceCode}` : sql``}`);
  return { file: null, districts: new Set(locked.map((r) => r.district_code)) };
}

function scopeDistricts(geo: ScopeGeography, scope: LoadScope): GeoDistrict[] {
  const all = [...geo.districtByCode.values()];
  if (scope.kind === 'district') return all.filter((d) => d.code === scope.districtCode);
  if (scope.kind === 'province') return all.filter((d) => d.provinceCode === scope.provinceCode);
  return all;
}

/**
 * Reads, validates and (unless a dry run) loads one submission inside the caller's
 * transaction, then writes the submission's issues, quarantined rows and final status. Rows
 * stream through: each batch is validated and staged by COPY while the next is read, and the
 * staged rows are upserted set-wise at the end. A file refused as a whole (missing columns,
 * too many rows, locked round…) keeps its file-level issues and loads nothing; any other error
 * propagates so the caller's transaction rolls everything back.
 */
export async function runLoad(tx: LoadTx, engine: Engine, plan: LoadPlan): Promise<LoadResult> {
  const rows = <T>(q: SQL) => queryRows<T>(tx as unknown as Db, q);
  const { round, scope } = plan;
  await tx.execute(sql`select pg_advisory_xact_lock(${LOAD_LOCK}::int, ${round.fiscalYear}::int)`);
  // Then every district of the scope, shared, in district-code order, before reading any state
  // (docs/security.md, "Lock order"): a submit, certify, report or announce on one of them is
  // refused until this load commits, and one that committed first is seen below. Taken after
  // the year lock so a load queued behind another does not hold districts up. A dry run
  // writes no registrations and holds nothing up.
  if (!plan.dryRun) await districtRoundLocks.share(tx, round.code, scope);
  // Sorts and hashes of a national file fit in memory instead of spilling to disk; and no JIT:
  // compiling the big set-based statements costs more than it saves on them.
  await tx.execute(sql`set local work_mem = '64MB'`);
  if (engine === 'postgres') await tx.execute(sql`set local jit = off`);

  const counts: Record<string, number> = {};
  const refuse = async (issues: Issue[], columns: string[] | null): Promise<LoadResult> => {
    await tx.delete(submissionIssues).where(eq(submissionIssues.submissionId, plan.submissionId));
    if (issues.length > 0) {
      await tx.insert(submissionIssues).values(
        issues.map((i) => ({
          submissionId: plan.submissionId, row: i.row, column: i.column, value: plan.dryRun ? null : i.value, code: i.code,
          severity: i.severity, messageTh: i.message.th, messageEn: i.message.en,
        })),
      );
    }
    const issueCounts: Record<string, number> = {};
    for (const i of issues) issueCounts[i.code] = (issueCounts[i.code] ?? 0) + 1;
    const result: LoadResult = {
      status: 'rejected', rowsRead: 0, accepted: 0, created: 0, updated: 0, unchanged: 0, rejected: 0,
      warnings: issues.filter((i) => i.severity === 'warning').length, issueCounts, normalized: { total: 0, byKind: {}, samples: [] },
    };
    if (plan.dryRun) plan.onUnstored?.({ issues: [...issues].sort((a, b) => (a.row ?? -1) - (b.row ?? -1)).slice(0, UNSTORED_ISSUES), samples: [] });
    await finish(tx, plan, result, columns);
    return result;
  };

  const lock = await roundLock(rows, scope, round.code);
  if (lock.file) return refuse([lock.file], null);

  const geography = await ScopeGeography.load(tx as unknown as Db);
  const candidates = scopeDistricts(geography, scope);
  // Producers registered elsewhere (after the lock, so no other load of the year can change
  // this until we commit).
  const elsewhereIn = await registeredElsewhere(rows, scope, round.fiscalYear);
  const registered = elsewhereIn.thisYear;

  await createStage(tx);
  plan.onPhase?.('checks');
  const writer: CopyWriter = await copyInto(tx, engine, STAGE_TABLE, STAGE_COLUMNS);
  let seq = 0;
  let warnings = 0;
  let stagedIssues = 0;
  const stageIssue = (i: Issue) => {
    stagedIssues++;
    counts[i.code] = (counts[i.code] ?? 0) + 1;
    if (i.severity === 'warning') warnings++;
    return writer.write(
      `${seq++}\ti\t${copyValue(i.row)}\t${NULLS_ROW}\t\\N\t${copyValue(i.column)}\t${copyValue(i.value)}\t${i.code}\t${i.severity}\t${copyValue(i.message.th)}\t${copyValue(i.message.en)}\n`,
    );
  };

  if (round.step1 && isWithinWindow(plan.judgedAt, round.step1) === 'late') {
    await stageIssue(
      makeIssue('round-closed-late', {
        detail: {
          th: `ช่วงลงทะเบียนของอำเภอสิ้นสุดวันที่ ${formatThaiDate(round.step1.endDate)}`,
          en: `the district registration window closed on ${round.step1.endDate}`,
        },
      }),
    );
  }

  let mapping: HeaderMapping | null = null;
  let validator: RowValidator | null = null;
  const titleCandidates: SourceRecord[] = [];
  let refusal: Issue[] | null = null;
  let rowsRead = 0;
  let accepted = 0;
  let rejected = 0;
  const producersInFile = new ProducersSeen();
  const today = bangkokDate(plan.judgedAt);

  // A row is processed synchronously and returns a promise only when the writer is flushing:
  // an await per row would cost a microtask turn each, three hundred thousand times.
  let waiting: Promise<void> | null = null;
  const stage = (line: string) => {
    const w = writer.write(line);
    if (w) waiting = waiting ? waiting.then(() => w) : w;
  };
  const processRow = (record: SourceRecord): Promise<void> | null => {
    waiting = null;
    const result = validator!.validate(record);
    if (result.blank) return null;
    rowsRead++;
    let issues = result.issues;
    const v = result.values;
    let accept = v !== null;
    if (v) {
      const label = (key: ColumnKey) => validator!.label(key);
      const fail = (code: IssueCode, key: ColumnKey, value: string, detail: { th: string; en: string }) => {
        issues = [...issues, makeIssue(code, { row: record.row, column: label(key), value, detail })];
        accept = false;
      };
      const elsewhere = registered.get(Number(v.thaiId));
      const first = producersInFile.find(v.thaiId);
      const firstDistrict = first >= 0 ? producersInFile.districtOf(first) : null;
      const duplicateOf = first >= 0 ? producersInFile.productRow(first, v.nameKey) : -1;
      if (lock.districts.has(v.districtCode)) {
        fail('round-locked', 'subdistrict', v.subdistrictCode, {
          th: `ข้อมูลของอำเภอ ${v.districtCode} ในรอบนี้ส่งหรือรับรองแล้ว`,
          en: `district ${v.districtCode}'s data for this round is submitted or certified`,
        });
      } else if (elsewhere !== undefined && elsewhere !== v.districtCode) {
        const { code, detail } = registeredInDistrictIssue(scope, elsewhere, geography.districtByCode.get(elsewhere));
        fail(code, 'citizen_id', maskThaiId(v.thaiId), detail);
      } else if (elsewhereIn.otherProvince.has(Number(v.thaiId))) {
        fail('registered-in-other-province', 'citizen_id', maskThaiId(v.thaiId), { th: '', en: '' });
      } else if (firstDistrict !== null && firstDistrict !== v.districtCode) {
        const firstRow = producersInFile.row(first);
        fail('registered-in-other-district', 'citizen_id', maskThaiId(v.thaiId), {
          th: `แถวที่ ${firstRow} ลงทะเบียนผู้ผลิตรายนี้กับอำเภอ ${firstDistrict}`,
          en: `row ${firstRow} registers this producer with district ${firstDistrict}`,
        });
      } else if (duplicateOf >= 0) {
        fail('duplicate-row', 'product_name', v.productName, {
          th: `ผู้ผลิตและผลิตภัณฑ์เดียวกับแถวที่ ${duplicateOf}`,
          en: `same producer and product as row ${duplicateOf}`,
        });
      } else {
        const hashes = PRODUCER_FIELDS.map(([, get]) => fieldHash(get(v)));
        if (first < 0) {
          producersInFile.add(v.thaiId, record.row, v.districtCode, hashes, v.nameKey);
          // The producer, staged once from its first accepted row (later rows may not change it).
          stage(
            `${seq++}\tp\t${record.row}\t${v.thaiId}\t${v.producerType}\t${copyValue(v.producerName)}\t${copyValue(v.contactName)}\t` +
              `${copyValue(v.phone)}\t${copyValue(v.members)}\t${copyValue(v.houseNo)}\t${copyValue(v.villageNo)}\t` +
              `${v.subdistrictCode}\t${v.districtCode}\t${v.provinceCode}\t\\N\t\\N\t\\N\t\\N\t\\N\t` +
              `${v.registeredDate ? noonBangkok(v.registeredDate) : '\\N'}\t\\N\t${NULLS_ISSUE}\n`,
          );
        } else {
          producersInFile.addProduct(first, v.nameKey, record.row);
          const k = producersInFile.differingField(first, hashes, (i) => validator!.has(PRODUCER_FIELDS[i]![0]));
          if (k >= 0) {
            const [key] = PRODUCER_FIELDS[k]!;
            issues = [
              ...issues,
              makeIssue('inconsistent-producer', {
                row: record.row,
                column: label(key),
                value: record.cells[mapping!.indexOf.get(key)!] ?? '',
                detail: {
                  th: `ต่างจากแถวที่ ${producersInFile.row(first)} ซึ่งใช้ข้อมูลนั้น`,
                  en: `differs from row ${producersInFile.row(first)}, whose value is used`,
                },
              }),
            ];
          }
        }
      }
    }
    if (v && accept) {
      accepted++;
      const standards = validator!.has('standards') ? copyArray([...v.standards].sort()) : '\\N';
      stage(
        `${seq++}\tr\t${record.row}\t${v.thaiId}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${v.districtCode}\t\\N\t` +
          `${copyValue(v.productName)}\t${copyValue(v.nameKey)}\t${v.category}\t${standards}\t${copyValue(v.stars)}\t\\N\t` +
          `\\N\t${NULLS_ISSUE}\n`,
      );
    } else {
      rejected++;
      stage(`${seq++}\tx\t${record.row}\t${NULLS_ROW}\t${copyArray(record.cells)}\t${NULLS_ISSUE}\n`);
    }
    for (const i of issues) {
      const w = stageIssue(i);
      if (w) waiting = waiting ? waiting.then(() => w) : w;
    }
    return waiting;
  };

  const startData = async (header: SourceRecord, rest: SourceRecord[]) => {
    const mapped = mapHeaders(header.cells, header.row, plan.headers);
    mapping = mapped.mapping;
    if (mapped.issues.length > 0) {
      refusal = mapped.issues;
      return;
    }
    validator = new RowValidator({ scope, scopeDistricts: candidates, geography, today }, mapping);
    for (const r of rest) await processRow(r);
  };

  try {
    outer: for await (const batch of plan.records.batches) {
      for (const record of batch) {
        if (refusal) break outer;
        if (validator) {
          const w = processRow(record);
          if (w) await w;
          continue;
        }
        if (record.cells.every((c) => normalizeCell(c).value === '')) continue;
        titleCandidates.push(record);
        if (recognisedColumns(record.cells, plan.headers) >= 2) {
          await startData(record, []);
          titleCandidates.length = 0;
        } else if (titleCandidates.length >= MAX_TITLE_ROWS) {
          const [header, ...rest] = titleCandidates.splice(0);
          await startData(header!, rest);
        }
      }
      plan.onRows?.(rowsRead);
    }
    if (!validator && !refusal) {
      if (titleCandidates.length === 0) refusal = [makeIssue('empty-file')];
      else {
        const [header, ...rest] = titleCandidates.splice(0);
        await startData(header!, rest);
      }
    }
  } catch (err) {
    if (!(err instanceof FileRefusal)) {
      writer.abort?.(err as Error);
      throw err;
    }
    refusal = [err.issue];
  }
  await writer.end();
  const columns = mapping ? (mapping as HeaderMapping).headers : null;
  if (!refusal && rowsRead === 0) refusal = [makeIssue('empty-file', { detail: { th: 'มีแต่หัวคอลัมน์', en: 'only a header row' } })];
  if (refusal) {
    await dropStage(tx);
    return refuse(refusal, columns);
  }

  plan.onPhase?.('read-validate-stage');
  const present = { has: (key: ColumnKey) => validator!.has(key) };
  let outcome = { created: 0, updated: 0, elsewhere: 0, existing: 0 };
  if (accepted > 0) {
    await analyzeStage(tx);
    const producerScope = scope.kind === 'national' ? null : scope.provinceCode;
    await resolveProducers(tx, { fiscalYear: round.fiscalYear, roundCode: round.code, drawIds: !plan.dryRun, producerScope }, present);
    outcome = await countOutcomes(rows, accepted, present);
  }
  plan.onPhase?.('count');
  if (!plan.dryRun && accepted > 0) {
    const producerScope = scope.kind === 'national' ? null : scope.provinceCode;
    await upsertRegistrations(tx, { submissionId: plan.submissionId, fiscalYear: round.fiscalYear, roundCode: round.code, at: plan.at, producerScope }, present, outcome);
  }
  plan.onPhase?.('upsert');
  // Each is a scan of the whole stage (≈ 60 ms for a national file): skipped when there is nothing to copy.
  // A dry run keeps its report (counts, issues with row, column, code and message) but no cell
  // of the file: no issue values, no quarantined rows, no normalisation samples.
  if (stagedIssues > 0) {
    await tx.execute(sql`
      insert into submission_issues (submission_id, row, "column", value, code, severity, message_th, message_en)
      select ${plan.submissionId}::uuid, row, col, ${plan.dryRun ? sql`null` : sql`value`}, code, severity, message_th, message_en
      from ${sql.raw(STAGE_TABLE)} where kind = 'i' order by seq`);
  }
  if (rejected > 0 && !plan.dryRun) {
    await tx.execute(sql`
      insert into rejected_rows (submission_id, row, cells)
      select ${plan.submissionId}::uuid, row, cells from ${sql.raw(STAGE_TABLE)} where kind = 'x'`);
  }
  if (plan.dryRun && plan.onUnstored) {
    const issues = stagedIssues === 0 ? [] : await rows<UnstoredValues['issues'][number]>(sql`
      select row, col as "column", code, value from ${sql.raw(STAGE_TABLE)} where kind = 'i'
      order by row asc nulls first, seq limit ${UNSTORED_ISSUES}`);
    plan.onUnstored({ issues, samples: validator!.normalized.samples });
  }
  await dropStage(tx);
  plan.onPhase?.('issues');

  const result: LoadResult = {
    status: plan.dryRun ? 'validated' : accepted === 0 ? 'rejected' : rejected > 0 ? 'partially-loaded' : 'loaded',
    rowsRead,
    accepted,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: accepted - outcome.created - outcome.updated,
    rejected,
    warnings,
    issueCounts: counts,
    normalized: plan.dryRun ? { ...validator!.normalized, samples: [] } : validator!.normalized,
  };
  await finish(tx, plan, result, columns);
  plan.onPhase?.('finish');
  return result;
}

async function finish(tx: LoadTx, plan: LoadPlan, result: LoadResult, columns: string[] | null): Promise<void> {
  const info = plan.records.info;
  await tx
    .update(submissions)
    .set({
      status: result.status,
      rowsRead: result.rowsRead,
      accepted: result.accepted,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      warnings: result.warnings,
      issueCounts: result.issueCounts,
      normalized: result.normalized,
      columns,
      source: { format: info.format, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet },
      finishedAt: sql`clock_timestamp()`,
    })
    .where(eq(submissions.id, plan.submissionId));
}
