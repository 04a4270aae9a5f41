import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

export const DRAFT_MARK = 'ฉบับร่าง / DRAFT';
const DRAFT_NOTE = 'ยังไม่ได้ออกเป็นเอกสารทางราชการ · not yet issued';

const CM = 72 / 2.54;

/**
 * The document with 'ฉบับร่าง / DRAFT' at the top of every page, in the top margin: a round
 * document printed before the act that issues it must not pass for the issued one. Text, not
 * a picture, so it survives copying and is what pdftotext reads.
 */
export function withDraftMark(doc: TDocumentDefinitions): TDocumentDefinitions {
  const margins = doc.pageMargins;
  const [left, right] = typeof margins === 'number' ? [margins, margins] : Array.isArray(margins) ? [margins[0], margins[2] ?? margins[0]] : [3 * CM, 2 * CM];
  const mark: Content = {
    text: [
      { text: DRAFT_MARK, bold: true, fontSize: 13 },
      { text: `  ${DRAFT_NOTE}`, fontSize: 9 },
    ],
    color: '#a00000',
    alignment: 'right',
    margin: [left, 0.8 * CM, right, 0],
  };
  const own = doc.header;
  if (own === undefined || own === null) return { ...doc, header: mark };
  return {
    ...doc,
    header: (currentPage, pageCount, pageSize) => {
      const theirs = typeof own === 'function' ? own(currentPage, pageCount, pageSize) : own;
      return theirs === null || theirs === undefined ? mark : { stack: [mark, theirs] };
    },
  };
}
