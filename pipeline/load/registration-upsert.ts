import { sql, type SQL } from 'drizzle-orm';
import type { ColumnKey } from '../../domain/columns.ts';
import type { LoadTx } from './copy-into.ts';

/**
 * The temp table a load stages everything in, through one COPY stream: producers ('p', once,
 * from their first accepted row), accepted product rows ('r'), rejected rows ('x') and issues
 * ('i').
 */
export const STAGE_TABLE = 'otop_stage';

export const STAGE_COLUMNS = [
  'seq', 'kind', 'row',
  'thai_id', 'producer_type', 'producer_name', 'contact_name', 'phone', 'members', 'house_no', 'village_no',
  'subdistrict_code', 'district_code', 'province_code',
  'product_name', 'name_key', 'category', 'standards', 'stars', 'registered_at',
  'cells',
  'col', 'value', 'code', 'severity', 'message_th', 'message_en',
] as const;

export async function createStage(tx: LoadTx): Promise<void> {
  await tx.execute(sql.raw(`drop table if exists pg_temp.${STAGE_TABLE}`));
  // Types match the target columns so joins on thai_id and codes can use their indexes.
  await tx.execute(
    sql.raw(`create temp table ${STAGE_TABLE} (
      seq integer not null, kind char(1) not null, row integer,
      thai_id char(13), producer_type text, producer_name text, contact_name text, phone text, members integer,
      house_no text, village_no integer, subdistrict_code char(6), district_code char(4), province_code char(2),
      product_name text, name_key text, category text, standards text[], stars smallint, registered_at timestamptz,
      cells text[],
      col text, value text, code text, severity text, message_th text, message_en text
    ) on commit drop`),
  );
}

export async function dropStage(tx: LoadTx): Promise<void> {
  await tx.execute(sql.raw(`drop table if exists pg_temp.${STAGE_TABLE}, pg_temp.${RESOLVED_TABLE}`));
}

/** Optional columns present in the file: only those overwrite stored values (absent ≠ empty). */
export interface PresentColumns {
  has(key: ColumnKey): boolean;
}

const OPTIONAL_PRODUCER: ReadonlyArray<[ColumnKey, string]> = [
  ['contact_name', 'contact_name'],
  ['phone', 'phone'],
  ['members', 'members'],
  ['house_no', 'house_no'],
  ['village_no', 'village_no'],
];

// Producer columns compared and updated: [column in producers, column in the stage].
function producerColumns(present: PresentColumns): Array<[string, string]> {
  return [
    ['producer_type', 'producer_type'],
    ['name', 'producer_name'],
    ['subdistrict_code', 'subdistrict_code'],
    ['district_code', 'district_code'],
    ['province_code', 'province_code'],
    ...OPTIONAL_PRODUCER.filter(([key]) => present.has(key)).map(([, col]) => [col, col] as [string, string]),
  ];
}

// The registration's copy of the producer as registered: [column in registrations, column in the stage].
function snapshotColumns(present: PresentColumns): Array<[string, string]> {
  return [
    ['producer_type', 'producer_type'],
    ['producer_name', 'producer_name'],
    ['subdistrict_code', 'subdistrict_code'],
    ...OPTIONAL_PRODUCER.filter(([key]) => present.has(key)).map(([, col]) => [col, col] as [string, string]),
  ];
}

function productColumns(present: PresentColumns): Array<[string, string]> {
  return [
    ['name', 'product_name'],
    ['category', 'category'],
    ...(present.has('standards') ? [['standards', 'standards'] as [string, string]] : []),
    ...(present.has('stars') ? [['stars', 'stars'] as [string, string]] : []),
  ];
}

const list = (alias: string, cols: readonly string[]): SQL => sql.raw(cols.map((c) => `${alias}.${c}`).join(', '));

/**
 * The staged producers resolved against the tables, one row each: its producer and this fiscal
 * year's registration (existing, or a new id drawn from the table's own sequence), and whether
 * the load would change them. Built once, so counting and writing need no further lookups by
 * citizen ID, and a first load (nothing registered yet) writes with plain inserts.
 */
export const RESOLVED_TABLE = 'otop_resolved';

/**
 * Statistics for the planner, sampled lightly: the load's statements need row counts and the
 * share of each kind, not fine histograms (a full ANALYZE of a national stage took ≈ 0.3–0.5 s,
 * this ≈ 25 ms).
 */
export async function analyzeStage(tx: LoadTx): Promise<void> {
  await tx.execute(sql`set local default_statistics_target = 10`);
  await tx.execute(sql.raw(`analyze ${STAGE_TABLE} (kind, thai_id, district_code, name_key)`));
}

/** Advisory-lock class 'OTPR' (producers), in the two-int space of the year and district-round locks. */
export const PRODUCERS_LOCK_CLASS = 0x4f545052;

/**
 * Makes this load the only one writing producers until it commits (loads of one fiscal year
 * already run one at a time; this orders loads of different years where they share the
 * producers table). Taken after the year and district-round locks, before resolveProducers;
 * a dry run, which writes nothing, does not take it.
 */
export async function lockProducers(tx: LoadTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PRODUCERS_LOCK_CLASS}::int, 0)`);
}

export interface ResolveTarget {
  fiscalYear: number;
  roundCode: string;
  /**
   * The uploader's province (null: the department, nationally). A producer's current details
   * are updated only by a load of the province its row is in (docs/security.md, "Scope of
   * producers and registrations"); the load refuses rows of other provinces' producers before
   * this, so this is the second line, in the statement itself.
   */
  producerScope: string | null;
  /** Draw ids for new producers and registrations (not on a dry run, which writes nothing). */
  drawIds: boolean;
}

function producerInScope(province: string | null): SQL {
  return province === null ? sql`` : sql`and p.province_code = ${province}`;
}

export async function resolveProducers(tx: LoadTx, target: ResolveTarget, present: PresentColumns): Promise<void> {
  const fy = target.fiscalYear;
  const prod = producerColumns(present);
  const snap = snapshotColumns(present);
  const dateChanged = present.has('registered_date')
    ? sql`r.id is not null and s.registered_at is not null and r.registered_at is distinct from s.registered_at`
    : sql`false`;
  const draw = (sequence: string) => sql.raw(target.drawIds ? `nextval('${sequence}')` : 'null::bigint');
  await tx.execute(sql.raw(`drop table if exists pg_temp.${RESOLVED_TABLE}`));
  // Ids are drawn as the join yields the staged rows (in the file's order, as the stage is scanned):
  // new rows then go in at the end of each id-led index.
  await tx.execute(sql`
    create temp table ${sql.raw(RESOLVED_TABLE)} on commit drop as
    select s.thai_id, s.producer_type, s.producer_name, s.contact_name, s.phone, s.members, s.house_no, s.village_no,
           s.subdistrict_code, s.district_code, s.province_code, s.registered_at,
           p.id is null as producer_new,
           coalesce(p.id, ${draw('producers_id_seq')}) as producer_id,
           r.id is null as registration_new,
           coalesce(r.id, ${draw('registrations_id_seq')}) as registration_id,
           coalesce(r.round_code, ${target.roundCode}) as registration_round,
           coalesce(r.district_code, s.district_code) as registration_district,
           coalesce(r.province_code, s.province_code) as registration_province,
           coalesce(p.id is not null
             and (${list('p', prod.map(([t]) => t))}) is distinct from (${list('s', prod.map(([, c]) => c))})
             and not exists (select 1 from registrations later where later.producer_id = p.id and later.fiscal_year > ${fy})
             ${producerInScope(target.producerScope)}, false) as producer_changed,
           coalesce(r.id is not null
             and (${list('r', snap.map(([t]) => t))}) is distinct from (${list('s', snap.map(([, c]) => c))}), false) as registration_changed,
           coalesce(${dateChanged}, false) as date_changed
    from ${sql.raw(STAGE_TABLE)} s
    left join producers p on p.thai_id = s.thai_id
    left join registrations r on r.producer_id = p.id and r.fiscal_year = ${fy}
    where s.kind = 'p'`);
  await tx.execute(sql.raw(`analyze ${RESOLVED_TABLE}`));
}

export interface LoadCounts {
  created: number;
  updated: number;
  /** Staged producers registered this year in another district than their rows' (none may be). */
  elsewhere: number;
  /** Staged product rows of producers already registered this year (the rest are all created). */
  existing: number;
}

/**
 * What loading the staged rows would do, row by row: a row is created when its product is new,
 * updated when its product, its producer or its registration date would change, unchanged
 * otherwise. Computed before writing, so a dry run reports the same numbers a commit would.
 * Only rows of producers already registered this fiscal year need looking at: the products of
 * a new registration are all new. Needs resolveProducers first.
 */
export async function countOutcomes(
  rows: <T>(q: SQL) => Promise<T[]>,
  acceptedRows: number,
  present: PresentColumns,
): Promise<LoadCounts> {
  const item = productColumns(present);
  const [c] = await rows<{ existing: number; created: number; updated: number; elsewhere: number }>(sql`
    select count(*)::int as existing,
           count(*) filter (where pr.id is null)::int as created,
           count(*) filter (where pr.id is not null and (
             op.producer_changed or op.registration_changed or op.date_changed
             or (${list('pr', item.map(([t]) => t))}) is distinct from (${list('s', item.map(([, c]) => c))})
           ))::int as updated,
           (select count(*) from ${sql.raw(RESOLVED_TABLE)} e where e.registration_district <> e.district_code)::int as elsewhere
    from ${sql.raw(STAGE_TABLE)} s
    join ${sql.raw(RESOLVED_TABLE)} op on op.thai_id = s.thai_id and not op.registration_new
    left join products pr on pr.registration_id = op.registration_id and pr.name_key = s.name_key
      and pr.province_code = op.registration_province
    where s.kind = 'r'`);
  const existing = c?.existing ?? 0;
  return { created: acceptedRows - existing + (c?.created ?? 0), updated: c?.updated ?? 0, elsewhere: c?.elsewhere ?? 0, existing };
}

export interface UpsertTarget {
  submissionId: string;
  fiscalYear: number;
  roundCode: string;
  /** Timestamp of the load's writes (a fixed clock for seeds and tests; else the transaction's now()). */
  at: Date | null;
  /** As ResolveTarget.producerScope. */
  producerScope: string | null;
}

/** Rows a statement wrote, on either engine (postgres.js: `count`, PGlite: `affectedRows`). */
async function written(tx: LoadTx, query: SQL): Promise<number> {
  const result = (await tx.execute(query)) as unknown as { count?: number | null; affectedRows?: number };
  const n = result.count ?? result.affectedRows;
  if (typeof n !== 'number') throw new Error('the driver did not report how many rows were written');
  return n;
}

/**
 * Set-based upserts of the resolved rows by natural key: producers by ID, registrations by
 * producer + fiscal year (in the row's district only), products by registration + normalised
 * name. Each is an UPDATE of the rows that differ, then an INSERT of the rows that are missing.
 * Rows that would not change are not touched, so a re-upload writes nothing and keeps every
 * updated_at. A producer's details are not rolled back by a file for an older fiscal year than
 * one it is already registered in, and are changed only by a load of the producer's own
 * province (or the department's). Each registration is written with its own copy of the
 * producer as this file registers it, in the same insert — what documents print, whatever
 * later happens to the producer row.
 *
 * Registrations and products of a fiscal year are written only by loads, which hold the
 * year's advisory lock; producers, shared between years, are written only by loads holding the
 * producers lock (lockProducers, taken before resolveProducers). So what resolveProducers found
 * stays true until commit, and every insert is a plain INSERT: a conflict would fail the load,
 * never be skipped (ON CONFLICT on 100,000 new producers cost ≈ 0.11 s).
 */
export async function upsertRegistrations(
  tx: LoadTx,
  target: UpsertTarget,
  present: PresentColumns,
  counts: LoadCounts,
): Promise<void> {
  if (counts.elsewhere > 0) {
    throw new Error(`${counts.elsewhere} producers could not be registered in their district (registered elsewhere meanwhile?)`);
  }
  const ts = target.at ? sql`${target.at.toISOString()}::timestamptz` : sql`now()`;
  const fy = target.fiscalYear;
  const stage = sql.raw(STAGE_TABLE);
  const resolved = sql.raw(RESOLVED_TABLE);
  const prod = producerColumns(present);

  await tx.execute(sql`
    update producers p set ${sql.raw(prod.map(([column, staged]) => `${column} = s.${staged}`).join(', '))}, updated_at = ${ts}
    from ${resolved} s
    where not s.producer_new and p.id = s.producer_id
      and (${list('p', prod.map(([t]) => t))}) is distinct from (${list('s', prod.map(([, c]) => c))})
      and not exists (select 1 from registrations later where later.producer_id = p.id and later.fiscal_year > ${fy})
      ${producerInScope(target.producerScope)}`);
  await tx.execute(sql`
    insert into producers (id, thai_id, producer_type, name, contact_name, phone, members, house_no, village_no,
                           subdistrict_code, district_code, province_code, created_at, updated_at)
    select s.producer_id, s.thai_id, s.producer_type, s.producer_name, s.contact_name, s.phone, s.members,
           s.house_no, s.village_no, s.subdistrict_code, s.district_code, s.province_code, ${ts}, ${ts}
    from ${resolved} s
    where s.producer_new`);

  // A registration already made this year (in this district) takes the file's corrections: its
  // copy of the producer and its date. Only when the year has registrations of these producers.
  const snap = snapshotColumns(present);
  if (counts.existing > 0) {
    const date = present.has('registered_date');
    await tx.execute(sql`
      update registrations r set ${sql.raw(snap.map(([column, staged]) => `${column} = s.${staged}`).join(', '))},
        ${date ? sql`registered_at = coalesce(s.registered_at, r.registered_at),` : sql``}
        submission_id = ${target.submissionId}::uuid, updated_at = ${ts}
      from ${resolved} s
      where (s.registration_changed or s.date_changed) and r.id = s.registration_id and r.district_code = s.district_code
        and r.province_code = s.registration_province`);
  }
  // A new registration copies the producer as this file registers it; a column the file lacks
  // takes the producer's current value (absent ≠ empty), read in the same statement.
  const absent = OPTIONAL_PRODUCER.filter(([key]) => !present.has(key)).map(([, col]) => col);
  const snapValue = (col: string) => (absent.includes(col) ? `p.${col}` : `s.${col}`);
  const snapshot = ['contact_name', 'phone', 'members', 'house_no', 'village_no'];
  await tx.execute(sql`
    insert into registrations (id, producer_id, fiscal_year, round_code, district_code, province_code, submission_id, registered_at, updated_at,
                               producer_type, producer_name, subdistrict_code, ${sql.raw(snapshot.join(', '))})
    select s.registration_id, s.producer_id, ${fy}, ${target.roundCode}, s.district_code, s.province_code, ${target.submissionId}::uuid,
           coalesce(s.registered_at, ${ts}), ${ts},
           s.producer_type, s.producer_name, s.subdistrict_code, ${sql.raw(snapshot.map(snapValue).join(', '))}
    from ${resolved} s
    ${absent.length > 0 ? sql`join producers p on p.id = s.producer_id` : sql``}
    where s.registration_new`);

  const item = productColumns(present);
  if (counts.existing > 0) {
    await tx.execute(sql`
      update products pr set ${sql.raw(item.map(([column, staged]) => `${column} = s.${staged}`).join(', '))}, updated_at = ${ts}
      from ${stage} s
      join ${resolved} op on op.thai_id = s.thai_id and not op.registration_new and op.registration_district = s.district_code
      where s.kind = 'r' and pr.registration_id = op.registration_id and pr.name_key = s.name_key
        and pr.province_code = op.registration_province
        and (${list('pr', item.map(([t]) => t))}) is distinct from (${list('s', item.map(([, c]) => c))})`);
  }
  // A new registration has no products yet; only rows of an existing one look for theirs.
  const newProducts = await written(tx, sql`
    insert into products (registration_id, producer_id, fiscal_year, round_code, district_code, province_code,
                          name, name_key, category, standards, stars, created_at, updated_at)
    select op.registration_id, op.producer_id, ${fy}, op.registration_round, op.registration_district, op.registration_province,
           s.product_name, s.name_key, s.category, coalesce(s.standards, '{}'::text[]), s.stars, ${ts}, ${ts}
    from ${stage} s
    join ${resolved} op on op.thai_id = s.thai_id and op.registration_district = s.district_code
    where s.kind = 'r'
      ${counts.existing > 0 ? sql`and (op.registration_new or not exists (
        select 1 from products x where x.registration_id = op.registration_id and x.name_key = s.name_key
          and x.province_code = op.registration_province and x.fiscal_year = ${fy}))` : sql``}`);
  // Nothing lost: every accepted row is now a product, new or already there.
  if (newProducts !== counts.created) {
    throw new Error(`inserted ${newProducts} products, expected ${counts.created}`);
  }
}
