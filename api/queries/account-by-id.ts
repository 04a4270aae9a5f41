import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { users } from '../../db/schema/index.ts';
import { accountColumns, accountRow, type AccountRow } from './user-page.ts';

/** One account by id, as the admin sees it; null when unknown. */
export async function accountById(db: Db, id: string): Promise<AccountRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ? accountRow(row) : null;
}
