import type { Db } from '../db/create-db.ts';
import { migrate } from '../db/migrate.ts';
import { seedReference, type SeedReferenceResult } from '../pipeline/seed/seed-reference.ts';
import { hashPassword } from './auth/password.ts';
import { seedDemo, type SeedDemoResult } from '../pipeline/seed/seed-demo.ts';
import { failAbandonedSubmissions } from '../pipeline/load/submit-records.ts';

export interface PreparedDatabase {
  reference: SeedReferenceResult;
  demo: SeedDemoResult | null;
}

/** Start-up: migrations, abandoned loads marked failed, reference data, and demo data when asked for (empty database only). */
export async function prepareDatabase(db: Db, options: { demo: boolean }): Promise<PreparedDatabase> {
  await migrate(db);
  // Loads a killed process left 'processing' show as failed, with the reason (a live load of
  // another process holds its row locked and is left alone).
  await failAbandonedSubmissions(db);
  const reference = await seedReference(db);
  const demo = options.demo ? await seedDemo(db, { hashPassword }) : null;
  return { reference, demo };
}
