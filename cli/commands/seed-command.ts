import { defineCommand, type Command } from '../command.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { withDatabase } from '../with-database.ts';
import { seedReference } from '../../pipeline/seed/seed-reference.ts';
import { hashPassword } from '../../api/auth/password.ts';
import { seedDemo } from '../../pipeline/seed/seed-demo.ts';

export const seedCommand: Command = defineCommand('seed', async (args, { config, stdout, stderr }) => {
    const { values } = parseCommandArgs({ args, options: { demo: { type: 'boolean', default: false } } });
    await withDatabase({ config, stderr }, async ({ db }) => {
      const ref = await seedReference(db);
      stdout.write(
        `Reference data: ${ref.provinces} province, ${ref.districts} districts, ${ref.subdistricts} subdistricts added ` +
          `(0 means already present); plan: ${ref.planWindows} windows checked.\n`,
      );
      if (values.demo) {
        const demo = await seedDemo(db, { hashPassword });
        stdout.write(
          demo.loaded
            ? `Demo data: ${demo.producers} producers, ${demo.products} products, ${demo.accounts.length} accounts.\n`
            : 'Demo data not loaded: the database already has users or producers.\n',
        );
      }
    });
    return 0;
});
