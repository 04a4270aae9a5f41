import type { Db } from '../../../db/create-db.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import { renderPdf } from '../render-pdf.ts';
import { reportDocument, type ReportParams, type ReportSlug } from './report-document.ts';

/** One report document as PDF bytes, for a caller (role and scope checked), with its file name. */
export async function reportPdf(
  db: Db,
  slug: ReportSlug,
  params: ReportParams,
  user: SessionUser,
  now: Date,
): Promise<{ pdf: Buffer; fileName: string }> {
  const { doc, fileName, digits } = await reportDocument(db, slug, params, user, now);
  return { pdf: await renderPdf(doc, { pageNumbers: digits, creationDate: now }), fileName };
}
