import { defineCommand, type Command } from '../command.ts';
import { COMMAND_HELP } from '../command-help.ts';
import { citusSetupSql } from '../../db/citus/citus-setup-sql.ts';

const USAGE = COMMAND_HELP['citus-sql'].usage;

export const citusSqlCommand: Command = defineCommand('citus-sql', async (args, { stdout, stderr }) => {
    if (args.length > 0) {
      stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    stdout.write(citusSetupSql());
    return 0;
});
