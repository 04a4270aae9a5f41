import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { queryRows } from '../../db/query-rows.ts';

/**
 * A version of the data an export reads: the progress counters (raised by triggers with every
 * change of registrations, products, round states, the plan and the geography) and, for the
 * producers dataset, the register's size and latest change (a producer's own row changes no
 * counter). Equal versions mean the export would read the same rows.
 */
export async function exportDataVersion(db: Db, options: { producers: boolean }): Promise<string> {
  const [row] = await queryRows<{ v: string | number; n: string | number | null; at: string | Date | null }>(
    db,
    options.producers
      ? sql`select (select coalesce(sum(version), 0)::bigint from progress_versions) as v,
                   count(*)::bigint as n, max(updated_at) as at from producers`
      : sql`select coalesce(sum(version), 0)::bigint as v, null as n, null as at from progress_versions`,
  );
  const at = row?.at instanceof Date ? row.at.toISOString() : (row?.at ?? '');
  return `${row?.v ?? 0}:${row?.n ?? ''}:${at}`;
}
