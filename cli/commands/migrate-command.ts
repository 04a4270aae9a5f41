import type { Command } from '../command.ts';
import { withDatabase } from '../with-database.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply database migrations (also done at every start)',
  usage: 'otop migrate',
  async run(_args, { config, stdout }) {
    await withDatabase(config, async ({ engine }) => {
      stdout.write(`Migrations applied (${engine}).\n`);
    });
    return 0;
  },
};
