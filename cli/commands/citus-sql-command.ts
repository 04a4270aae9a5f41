import type { Command } from '../command.ts';
import { citusSetupSql } from '../../db/citus/citus-setup-sql.ts';

export const citusSqlCommand: Command = {
  name: 'citus-sql',
  summary: 'Print the table placement for a Citus cluster as SQL (not runnable yet: the roll-up triggers; docs/deploy.md §4)',
  usage: 'otop citus-sql > citus-setup.sql      (see docs/deploy.md §4 for what must change before it can run)',
  async run(args, { stdout, stderr }) {
    if (args.length > 0) {
      stderr.write(`Usage: ${this.usage}\n`);
      return 2;
    }
    stdout.write(citusSetupSql());
    return 0;
  },
};
