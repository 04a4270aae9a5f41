import type { Db } from '../db/create-db.ts';
import { migrate } from '../db/migrate.ts';
import { seedReference, type SeedReferenceResult } from '../pipeline/seed/seed-reference.ts';
import { seedDemo, type SeedDemoResult } from '../pipeline/seed/seed-demo.ts';

export interface PreparedDatabase {
  reference: SeedReferenceResult;
  demo: SeedDemoResult | null;
}

/** Start-up: migrations, reference data, and demo data when asked for (empty database only). */
export async function prepareDatabase(db: Db, options: { demo: boolean }): Promise<PreparedDatabase> {
  await migrate(db);
  const reference = await seedReference(db);
  const demo = options.demo ? await seedDemo(db) : null;
  return { reference, demo };
}
