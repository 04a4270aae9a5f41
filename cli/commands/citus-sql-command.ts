import type { Command } from '../command.ts';
import { citusSetupSql } from '../../db/citus/citus-setup-sql.ts';

export const citusSqlCommand: Command = {
  name: 'citus-sql',
  summary: 'Print the SQL that places every table on a Citus cluster (reference, distributed by province, coordinator)',
  usage: 'otop citus-sql > citus-setup.sql      (then: psql "$DATABASE_URL" -f citus-setup.sql; see docs/deploy.md §4)',
  async run(args, { stdout, stderr }) {
    if (args.length > 0) {
      stderr.write(`Usage: ${this.usage}\n`);
      return 2;
    }
    stdout.write(citusSetupSql());
    return 0;
  },
};
