import { createHash } from 'node:crypto';
import type { Db } from '../../db/create-db.ts';
import { PROVINCE_DOCUMENT_KINDS, issuedDocuments } from '../../db/schema/index.ts';
import type { ProvinceAction } from '../../domain/round-state.ts';
import { provinceRoundDocument, issuedFileName, issuedPlaceScope, type IssuedKind } from '../reports/documents/report-document.ts';
import { renderReportPdf } from '../reports/documents/report-pdf.ts';
import { reportPeriod } from '../reports/documents/report-period.ts';
import { DocumentRefusal } from '../reports/documents/document-refusal.ts';
import type { WorkflowActor } from './workflow-actor.ts';

/** What the act's audit row says of each document it issued. */
export interface IssuedDocumentHash {
  kind: IssuedKind;
  sha256: string;
  byteLength: number;
  fileName: string;
}

export interface IssueAct {
  action: ProvinceAction;
  roundCode: string;
  provinceCode: string;
  actor: WorkflowActor;
  at: Date;
}

/** The transaction handle of a workflow command (it reads and writes like a Db). */
type Tx = Pick<Db, 'select' | 'insert' | 'execute'>;

/**
 * Issues the documents of a province's report or the department's announcement of a round:
 * the province's certification and its report form, built by the same code the report route
 * uses (Thai digits, as official forms are printed) from the data as the transaction sees it,
 * dated `at`, rendered once and stored with their SHA-256. It runs inside the act's
 * transaction, after the state change (the form shows the new state) and before the audit row
 * (which names the hashes it returns): if rendering or storing fails, the act rolls back and
 * nothing half-issued remains. The PDF's CreationDate is `at`, so the stored bytes are fixed by
 * the data and the act, and they are what every later download serves.
 */
export async function issueDocuments(tx: Tx, act: IssueAct): Promise<IssuedDocumentHash[]> {
  // Report data queries take a Db; a transaction answers the same calls (see run-load.ts).
  const db = tx as unknown as Db;
  const period = await reportPeriod(db, { roundCode: act.roundCode }, act.at, 'none');
  const round = period.round!;
  const issued: IssuedDocumentHash[] = [];
  // The announce act also issues the department's national announcement, as it now stands.
  const kinds: IssuedKind[] = act.action === 'announce' ? [...PROVINCE_DOCUMENT_KINDS, 'announcement'] : [...PROVINCE_DOCUMENT_KINDS];
  for (const kind of kinds) {
    const key = { kind, provinceCode: act.provinceCode, roundCode: round.code };
    let doc;
    try {
      doc = await provinceRoundDocument(db, kind, act.provinceCode, { ...period, round }, act.at, 'thai');
    } catch (err) {
      // A province may report a round with no district certified (with its reason): there is
      // then no certification to issue, and the act goes ahead without one.
      if (err instanceof DocumentRefusal) continue;
      throw err;
    }
    const bytes = await renderReportPdf(db, doc, 'thai', act.at, issuedPlaceScope(key));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = issuedFileName(key);
    await tx.insert(issuedDocuments).values({
      kind,
      action: act.action,
      roundCode: round.code,
      fiscalYear: round.fiscalYear,
      provinceCode: act.provinceCode,
      districtCode: null,
      sha256,
      bytes,
      byteLength: bytes.length,
      fileName,
      issuedAt: act.at,
      issuedBy: act.actor.id,
      issuedByUsername: act.actor.username,
    });
    issued.push({ kind, sha256, byteLength: bytes.length, fileName });
  }
  return issued;
}
