import { sql, type SQL } from 'drizzle-orm';
import type { ColumnKey } from '../columns.ts';
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
  await tx.execute(sql.raw(`drop table if exists pg_temp.${STAGE_TABLE}`));
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

function productColumns(present: PresentColumns): Array<[string, string]> {
  return [
    ['name', 'product_name'],
    ['category', 'category'],
    ...(present.has('standards') ? [['standards', 'standards'] as [string, string]] : []),
    ...(present.has('stars') ? [['stars', 'stars'] as [string, string]] : []),
  ];
}

const list = (alias: string, cols: readonly string[]): SQL => sql.raw(cols.map((c) => `${alias}.${c}`).join(', '));

export interface LoadCounts {
  total: number;
  created: number;
  updated: number;
}

/**
 * What loading the staged rows would do, row by row: a row is created when its product is new,
 * updated when its product, its producer or its registration date would change, unchanged
 * otherwise. Computed before writing, so a dry run reports the same numbers a commit would.
 * Producers are staged once ('p'), their products once per row ('r').
 */
export async function countOutcomes(
  rows: <T>(q: SQL) => Promise<T[]>,
  fiscalYear: number,
  present: PresentColumns,
): Promise<LoadCounts> {
  const prod = producerColumns(present);
  const item = productColumns(present);
  const dateChanged = present.has('registered_date')
    ? sql`or (sp.registered_at is not null and r.registered_at is distinct from sp.registered_at)`
    : sql``;
  const [counts] = await rows<LoadCounts>(sql`
    with producer_change as (
      select sp.thai_id, p.id as producer_id, r.id as registration_id,
             coalesce(((${list('p', prod.map(([t]) => t))}) is distinct from (${list('sp', prod.map(([, s]) => s))})
                       and not exists (select 1 from registrations later where later.producer_id = p.id and later.fiscal_year > ${fiscalYear}))
                      ${dateChanged}, false) as changed
      from ${sql.raw(STAGE_TABLE)} sp
      left join producers p on p.thai_id = sp.thai_id
      left join registrations r on r.producer_id = p.id and r.fiscal_year = ${fiscalYear}
      where sp.kind = 'p'
    )
    select count(*)::int as total,
           count(*) filter (where pr.id is null)::int as created,
           count(*) filter (where pr.id is not null and (
             c.changed or (${list('pr', item.map(([t]) => t))}) is distinct from (${list('s', item.map(([, s]) => s))})
           ))::int as updated
    from ${sql.raw(STAGE_TABLE)} s
    join producer_change c on c.thai_id = s.thai_id
    left join products pr on pr.registration_id = c.registration_id and pr.name_key = s.name_key
    where s.kind = 'r'`);
  return counts ?? { total: 0, created: 0, updated: 0 };
}

export interface UpsertTarget {
  submissionId: string;
  fiscalYear: number;
  roundCode: string;
  /** Timestamp of the load's writes (a fixed clock for seeds and tests; else the transaction's now()). */
  at: Date | null;
}

/**
 * Set-based upserts of the staged rows by natural key: producers by ID, registrations by
 * producer + fiscal year (in the row's district only), products by registration + normalised
 * name. Each is an UPDATE of the rows that differ, then an INSERT of the rows that are missing
 * (anti-join; ON CONFLICT DO NOTHING only guards against a concurrent load of another fiscal
 * year inserting the same producer). Rows that would not change are not touched, so a
 * re-upload writes nothing and keeps every updated_at. A producer's details are not rolled back
 * by a file for an older fiscal year than one it is already registered in.
 */
export async function upsertRegistrations(
  tx: LoadTx,
  rows: <T>(q: SQL) => Promise<T[]>,
  target: UpsertTarget,
  present: PresentColumns,
): Promise<void> {
  const ts = target.at ? sql`${target.at.toISOString()}::timestamptz` : sql`now()`;
  const fy = target.fiscalYear;
  const stage = sql.raw(STAGE_TABLE);
  const prod = producerColumns(present);

  await tx.execute(sql`
    update producers p set ${sql.raw(prod.map(([column, staged]) => `${column} = s.${staged}`).join(', '))}, updated_at = ${ts}
    from ${stage} s
    where s.kind = 'p' and p.thai_id = s.thai_id
      and (${list('p', prod.map(([t]) => t))}) is distinct from (${list('s', prod.map(([, c]) => c))})
      and not exists (select 1 from registrations later where later.producer_id = p.id and later.fiscal_year > ${fy})`);
  await tx.execute(sql`
    insert into producers (thai_id, producer_type, name, contact_name, phone, members, house_no, village_no,
                           subdistrict_code, district_code, province_code, created_at, updated_at)
    select s.thai_id, s.producer_type, s.producer_name, s.contact_name, s.phone, s.members,
           s.house_no, s.village_no, s.subdistrict_code, s.district_code, s.province_code, ${ts}, ${ts}
    from ${stage} s
    where s.kind = 'p' and not exists (select 1 from producers p where p.thai_id = s.thai_id)
    on conflict (thai_id) do nothing`);

  if (present.has('registered_date')) {
    await tx.execute(sql`
      update registrations r set registered_at = s.registered_at, submission_id = ${target.submissionId}::uuid, updated_at = ${ts}
      from ${stage} s join producers p on p.thai_id = s.thai_id
      where s.kind = 'p' and r.producer_id = p.id and r.fiscal_year = ${fy} and r.district_code = s.district_code
        and s.registered_at is not null and r.registered_at is distinct from s.registered_at`);
  }
  await tx.execute(sql`
    insert into registrations (producer_id, fiscal_year, round_code, district_code, province_code, submission_id, registered_at, updated_at)
    select p.id, ${fy}, ${target.roundCode}, s.district_code, s.province_code, ${target.submissionId}::uuid,
           coalesce(s.registered_at, ${ts}), ${ts}
    from ${stage} s join producers p on p.thai_id = s.thai_id
    where s.kind = 'p' and not exists (select 1 from registrations r where r.producer_id = p.id and r.fiscal_year = ${fy})
    on conflict (producer_id, fiscal_year) do nothing`);

  const item = productColumns(present);
  await tx.execute(sql`
    update products pr set ${sql.raw(item.map(([column, staged]) => `${column} = s.${staged}`).join(', '))}, updated_at = ${ts}
    from ${stage} s
    join producers p on p.thai_id = s.thai_id
    join registrations r on r.producer_id = p.id and r.fiscal_year = ${fy} and r.district_code = s.district_code
    where s.kind = 'r' and pr.registration_id = r.id and pr.name_key = s.name_key
      and (${list('pr', item.map(([t]) => t))}) is distinct from (${list('s', item.map(([, c]) => c))})`);
  await tx.execute(sql`
    insert into products (registration_id, producer_id, fiscal_year, round_code, district_code, province_code,
                          name, name_key, category, standards, stars, created_at, updated_at)
    select r.id, r.producer_id, r.fiscal_year, r.round_code, r.district_code, r.province_code,
           s.product_name, s.name_key, s.category, coalesce(s.standards, '{}'::text[]), s.stars, ${ts}, ${ts}
    from ${stage} s
    join producers p on p.thai_id = s.thai_id
    join registrations r on r.producer_id = p.id and r.fiscal_year = ${fy} and r.district_code = s.district_code
    where s.kind = 'r' and not exists (select 1 from products x where x.registration_id = r.id and x.name_key = s.name_key)
    on conflict (registration_id, name_key) do nothing`);

  // Nothing lost: every staged producer must now hold a registration in its own district.
  const [missing] = await rows<{ n: number }>(sql`
    select count(*)::int as n from ${stage} s
    left join producers p on p.thai_id = s.thai_id
    left join registrations r on r.producer_id = p.id and r.fiscal_year = ${fy} and r.district_code = s.district_code
    where s.kind = 'p' and r.id is null`);
  if ((missing?.n ?? 0) > 0) {
    throw new Error(`${missing!.n} producers could not be registered in their district (registered elsewhere meanwhile?)`);
  }
}
