import { defineCommand, type Command } from '../command.ts';
import { withDatabase } from '../with-database.ts';

export const migrateCommand: Command = defineCommand('migrate', async (_args, { config, stdout, stderr }) => {
    await withDatabase({ config, stderr }, async ({ engine }) => {
      stdout.write(`Migrations applied (${engine}).\n`);
    });
    return 0;
});
