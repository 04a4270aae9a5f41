import JSZip from 'jszip';
import type { Db } from '../../../db/create-db.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import { letterParts } from './letter-parts.ts';
import { letterTarget, type ReportParams } from './report-document.ts';
import { renderReportPdf } from './report-pdf.ts';

export interface LetterZip {
  zip: Buffer;
  fileName: string;
  /** The PDFs inside, in order, with their sizes (for the command line's report). */
  files: { fileName: string; bytes: number }[];
}

/**
 * The covering letter of a round with its four enclosures, each a PDF of its own (numbered from
 * its own first page), in one ZIP: letter, plan, a blank report form and an account sheet per
 * district, the guidelines. Same checks as the letter (role, scope, round). Files keep a fixed
 * date, so the same data and moment give the same archive.
 */
export async function letterZip(db: Db, params: ReportParams, user: SessionUser, now: Date): Promise<LetterZip> {
  const { provinceCode, period } = await letterTarget(db, params, user, now);
  const digits = params.digits ?? 'thai';
  const parts = await letterParts(db, provinceCode, period, now, digits);
  const zip = new JSZip();
  const files: LetterZip['files'] = [];
  for (const part of [parts.letter, ...parts.enclosures]) {
    const pdf = await renderReportPdf(db, part.doc, digits, now, { provinceCode });
    zip.file(part.fileName, pdf, { date: now, binary: true });
    files.push({ fileName: part.fileName, bytes: pdf.length });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  return { zip: bytes, fileName: `letter-${provinceCode}-${period.round.code}.zip`, files };
}
