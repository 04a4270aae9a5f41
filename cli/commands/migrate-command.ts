import { defineCommand, type Command } from '../command.ts';
import { withDatabase } from '../with-database.ts';

export const migrateCommand: Command = defineCommand('migrate', async (_args, { config, stdout }) => {
    await withDatabase(config, async ({ engine }) => {
      stdout.write(`Migrations applied (${engine}).\n`);
    });
    return 0;
});
