import type { Db } from '../db/create-db.ts';
import type { Config } from './config.ts';
import { activeAdminCount } from './queries/active-admin-count.ts';

/** The command that creates the first administrator, as the operator types it. */
export const FIRST_ADMIN_COMMAND = 'npx otop users create --username admin --role admin';

/**
 * What `npm start` prints when nobody can sign in to administer (no enabled admin account: a
 * fresh database started with DEMO=0): the exact command that creates one, with the database
 * it must point at. Null when an administrator exists.
 */
export async function firstAdminHint(db: Db, config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<string[] | null> {
  if ((await activeAdminCount(db)) > 0) return null;
  const lines = ['No administrator account yet. Create the first one (it prints a one-time activation code for the first sign-in):'];
  if (config.databaseUrl) {
    lines.push(`  DATABASE_URL=<the same DATABASE_URL> ${FIRST_ADMIN_COMMAND}`);
  } else {
    // The embedded database is one process at a time: the command cannot open it beside the server.
    lines.push(`  stop this server (Ctrl-C), then: DATA_DIR=${config.dataDir} ${FIRST_ADMIN_COMMAND}`);
  }
  lines.push('  (add --password-stdin to set the password from stdin instead; users import creates the district accounts)');
  return lines;
}
