import { DISTRIBUTION_COLUMN, TABLE_PLACEMENTS } from './table-placement.ts';

/**
 * The SQL that places every table on a Citus cluster after `otop migrate` has created them on
 * the coordinator: reference tables first, then the distributed tables (co-located with the
 * first), then the coordinator's own. Printed by `otop citus-sql`. Each line is one step; if one
 * fails, fix its cause and go on from that line.
 */
export function citusSetupSql(): string {
  const first = TABLE_PLACEMENTS.find((t) => t.placement === 'distributed')?.table;
  const lines = [
    '-- OTOP registration monitor: table placement on a Citus cluster (docs/deploy.md §4).',
    '-- Run on the coordinator, once, after `otop migrate`, before loading data.',
    '-- The roll-up and key triggers write other tables of the same province (or reference tables):',
    '-- Citus runs triggers on distributed tables only with this setting.',
    'ALTER SYSTEM SET citus.enable_unsafe_triggers = on;',
    'SELECT pg_reload_conf();',
  ];
  for (const { table, placement } of TABLE_PLACEMENTS) {
    if (placement === 'reference') lines.push(`SELECT create_reference_table('${table}');`);
    else if (placement === 'coordinator') lines.push(`SELECT citus_add_local_table_to_metadata('${table}');`);
    else if (table === first) lines.push(`SELECT create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}');`);
    else lines.push(`SELECT create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}', colocate_with => '${first}');`);
  }
  return `${lines.join('\n')}\n`;
}
