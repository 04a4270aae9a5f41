import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { headerMappings } from '../../db/schema/index.ts';
import type { ColumnKey } from '../../domain/columns.ts';
import { titleFold } from '../map-headers.ts';
import type { LoadTx } from './copy-into.ts';

export type HeaderChoices = Readonly<Record<string, ColumnKey | null>>;

/** The district's confirmed choices for a header layout (by signature), or null. */
export async function rememberedHeaderChoices(db: Db | LoadTx, districtCode: string, signature: string): Promise<HeaderChoices | null> {
  const [row] = await db
    .select({ choices: headerMappings.choices })
    .from(headerMappings)
    .where(and(eq(headerMappings.districtCode, districtCode), eq(headerMappings.signature, signature)));
  return row ? (row.choices as HeaderChoices) : null;
}

/**
 * Remembers a confirmed mapping for the district's header layout: the earlier choices with
 * the new ones over them (a person changes one column without repeating the others).
 */
export async function rememberHeaderChoices(
  db: Db | LoadTx,
  entry: { districtCode: string; signature: string; headers: string[]; choices: HeaderChoices; username: string; submissionId: string },
): Promise<void> {
  const folded: Record<string, ColumnKey | null> = {};
  for (const [title, key] of Object.entries(entry.choices)) folded[titleFold(title)] = key;
  await db
    .insert(headerMappings)
    .values({
      districtCode: entry.districtCode, signature: entry.signature, choices: folded, headers: entry.headers,
      confirmedBy: entry.username, submissionId: entry.submissionId,
    })
    .onConflictDoUpdate({
      target: [headerMappings.districtCode, headerMappings.signature],
      set: {
        choices: sql`${headerMappings.choices} || excluded.choices`, headers: sql`excluded.headers`,
        confirmedBy: sql`excluded.confirmed_by`, submissionId: sql`excluded.submission_id`, updatedAt: sql`now()`,
      },
    });
}
