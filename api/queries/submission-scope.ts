import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { submissions } from '../../db/schema/index.ts';

/** Where a submission belongs and who made it (for scope checks); null when there is none. */
export async function submissionScope(
  db: Db,
  submissionId: string,
): Promise<{ districtCode: string | null; provinceCode: string | null; userId: string | null; dryRun: boolean } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(submissionId)) return null;
  const [row] = await db
    .select({ districtCode: submissions.districtCode, provinceCode: submissions.provinceCode, userId: submissions.userId, dryRun: submissions.dryRun })
    .from(submissions)
    .where(eq(submissions.id, submissionId))
    .limit(1);
  return row ?? null;
}
