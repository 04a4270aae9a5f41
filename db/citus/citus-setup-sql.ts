import { DISTRIBUTION_COLUMN, TABLE_PLACEMENTS } from './table-placement.ts';

/**
 * The table placement of docs/deploy.md §4 as SQL for a Citus coordinator: the coordinator
 * registered (so reference tables have a copy there to join the coordinator's own tables with),
 * reference tables, then the distributed tables co-located with the first. The coordinator's own
 * tables stay plain PostgreSQL tables and need no step. Printed by `otop citus-sql`.
 *
 * Not runnable as a whole yet, and says so in its first lines: Citus refuses to place tables
 * that carry triggers, and ours (the progress roll-ups, the national registration key, the
 * progress versions) query other tables, which Citus cannot do from a shard.
 */
export function citusSetupSql(): string {
  const first = TABLE_PLACEMENTS.find((t) => t.placement === 'distributed')?.table;
  const lines = [
    '-- OTOP registration monitor: table placement on a Citus cluster (docs/deploy.md §4).',
    '-- NOT RUNNABLE YET: the roll-up, registration-key and progress-version triggers on',
    '-- registrations, products, producers, the round states and the plan query other tables;',
    '-- Citus refuses to place tables with triggers, and cannot run such triggers on shards. They',
    '-- must first become statements of the writers (the load, the workflow); see docs/deploy.md §4.',
    '--',
    '-- Run on the coordinator after `otop migrate`:  psql -v ON_ERROR_STOP=1 -v coordinator_host=<host> -f <this file>',
    "SELECT citus_set_coordinator_host(:'coordinator_host');",
  ];
  for (const { table, placement } of TABLE_PLACEMENTS) {
    if (placement === 'reference') lines.push(`SELECT create_reference_table('${table}');`);
    else if (placement === 'distributed') {
      const colocate = table === first ? '' : `, colocate_with => '${first}'`;
      lines.push(`SELECT create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}'${colocate});`);
    } else lines.push(`-- ${table}: stays a plain table on the coordinator`);
  }
  lines.push(
    '-- Tables that held rows before: once the counts on the cluster are checked, drop the',
    "-- coordinator's leftover local copies: SELECT truncate_local_data_after_distributing_table('<table>');",
  );
  return `${lines.join('\n')}\n`;
}
