import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { users } from '../../db/schema/index.ts';

/** How many enabled administrator accounts exist (0 on a fresh production database). */
export async function activeAdminCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
  return Number(row?.n ?? 0);
}
