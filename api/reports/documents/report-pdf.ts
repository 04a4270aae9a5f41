import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Db } from '../../../db/create-db.ts';
import type { FormDigits } from '../../../reports/forms/form-text.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import { issuedDocument } from '../../queries/issued-document.ts';
import { placeNames, type PlaceNameScope } from '../../queries/place-names.ts';
import { renderPdf } from '../../../reports/typeset/render-pdf.ts';
import { withDraftMark } from './draft-mark.ts';
import { reportRequest, type ReportParams, type ReportSlug } from './report-document.ts';

export interface ReportPdf {
  pdf: Buffer;
  fileName: string;
  /** Set when these are the stored bytes a workflow act issued; null when rendered now. */
  issued: { sha256: string; action: 'report' | 'announce'; issuedAt: Date } | null;
  /** Rendered now with the draft mark: a round document no act has issued yet. */
  draft: boolean;
}

/**
 * How every report becomes bytes, the issued copies included (issue-documents.ts renders
 * through this too). The place names of the document's scope (placeNames) are kept whole on
 * every line; the scope must be the document's own, or an issued copy and its re-render could
 * break a line differently.
 */
export async function renderReportPdf(db: Db, doc: TDocumentDefinitions, digits: FormDigits, now: Date, scope: PlaceNameScope): Promise<Buffer> {
  return renderPdf(doc, { pageNumbers: digits, creationDate: now, knownPhrases: await placeNames(db, scope) });
}

/**
 * One report document as PDF bytes, for a caller (role and scope checked), with its file name.
 * A province's certification or report form of a round that a report or announce act issued
 * is the stored copy, byte for byte (the latest act's), looked up on `options.issuedFrom`
 * (the primary, so a copy issued a moment ago is found even when `db` is a replica); the
 * `digits` asked for do not change it. The same document of a round still open is rendered
 * now and marked 'ฉบับร่าง / DRAFT'. A round reported before documents were stored (the demo
 * data) has no stored copy and is rendered now, unmarked.
 */
export async function reportPdf(
  db: Db,
  slug: ReportSlug,
  params: ReportParams,
  user: SessionUser,
  now: Date,
  options: { issuedFrom?: Db } = {},
): Promise<ReportPdf> {
  const request = await reportRequest(db, slug, params, user, now);
  let draft = false;
  if (request.issuable) {
    const { stored, provinceState } = await issuedDocument(options.issuedFrom ?? db, request.issuable);
    if (stored) {
      return { pdf: stored.bytes, fileName: stored.fileName, issued: { sha256: stored.sha256, action: stored.action, issuedAt: stored.issuedAt }, draft: false };
    }
    draft = provinceState === 'open';
  }
  const doc = await request.build();
  return { pdf: await renderReportPdf(db, draft ? withDraftMark(doc) : doc, request.digits, now, request.placeScope), fileName: request.fileName, issued: null, draft };
}
