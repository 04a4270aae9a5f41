import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { issuedDocuments, provinceRounds } from '../../db/schema/index.ts';
import type { ProvinceRoundState } from '../../domain/round-state.ts';
import type { IssuedDocumentKey } from '../reports/documents/report-document.ts';

export interface StoredIssuedDocument {
  action: 'report' | 'announce';
  sha256: string;
  bytes: Buffer;
  fileName: string;
  issuedAt: Date;
}

export interface IssuedDocument {
  /** The latest copy an act issued (the announcement's once there is one, else the report's), or null. */
  stored: StoredIssuedDocument | null;
  /** The province's round state now ('open' when it has no row). */
  provinceState: ProvinceRoundState;
}

/** The issued copy of a province's round document, if any act issued one, and where its round stands. */
export async function issuedDocument(db: Db, key: IssuedDocumentKey): Promise<IssuedDocument> {
  const [stored] = await db
    .select({
      action: issuedDocuments.action,
      sha256: issuedDocuments.sha256,
      bytes: issuedDocuments.bytes,
      fileName: issuedDocuments.fileName,
      issuedAt: issuedDocuments.issuedAt,
    })
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.kind, key.kind),
        eq(issuedDocuments.roundCode, key.roundCode),
        // The department's announcement is national: each announce act issues a new edition
        // (the latest counts every province announced so far), stored under that act's province.
        key.kind === 'announcement' ? undefined : eq(issuedDocuments.provinceCode, key.provinceCode),
        isNull(issuedDocuments.districtCode),
      ),
    )
    // An announcement can only follow the report, so the later row is the later act.
    .orderBy(desc(issuedDocuments.id))
    .limit(1);
  if (key.kind === 'announcement') return { stored: stored ?? null, provinceState: 'open' };
  const [round] = await db
    .select({ state: provinceRounds.state })
    .from(provinceRounds)
    .where(and(eq(provinceRounds.roundCode, key.roundCode), eq(provinceRounds.provinceCode, key.provinceCode)));
  return { stored: stored ?? null, provinceState: round?.state ?? 'open' };
}
