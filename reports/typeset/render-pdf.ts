// The one way a report becomes PDF bytes: Sarabun embedded, Thai laid out, A4, page numbers.
import pdfmake from 'pdfmake';
import type { Content, ContextPageSize, CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces';
import { toThaiDigits } from '../../domain/thai-digits.ts';
import { layoutThaiDocument } from './layout-thai-document.ts';
import { pdfFontFiles, pdfFonts, SARABUN } from './pdf-fonts.ts';
import { uniqueSubsetTags } from './unique-subset-tags.ts';

/** The part of pdfmake's (untyped) virtual file system used here. */
interface VirtualFileSystem {
  existsSync(name: string): boolean;
  writeFileSync(name: string, content: Buffer): void;
}

export interface RenderPdfOptions {
  /** Footer 'หน้า x/y': Thai digits (default), ASCII digits, or no page numbers. */
  pageNumbers?: 'thai' | 'ascii' | false;
  /** Written as the PDF's CreationDate; fix it to get byte-identical output (tests). */
  creationDate?: Date;
  /** Table layouts that the document refers to by name. */
  tableLayouts?: Readonly<Record<string, CustomTableLayout>>;
  /** Place names from the geography tables, kept whole when lines are broken. */
  knownPhrases?: Iterable<string>;
}

export const PDF_CREATOR = 'OTOP registration monitor';

// Thai official correspondence (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ) sets A4 with
// 3 cm left, 2.5 cm top and 2 cm right/bottom; the footer sits in the bottom margin.
const CM = 72 / 2.54;
const OFFICIAL_MARGINS: [number, number, number, number] = [3 * CM, 2.5 * CM, 2 * CM, 2 * CM];

// Right-aligned with the text column (the footer block spans the whole page width).
function pageNumberFooter(digits: 'thai' | 'ascii', left: number, right: number) {
  return (currentPage: number, pageCount: number): Content => {
    const label = `หน้า ${currentPage}/${pageCount}`;
    return {
      text: digits === 'thai' ? toThaiDigits(label) : label,
      alignment: 'right',
      fontSize: 10,
      margin: [left, 0.6 * CM, right, 0],
    };
  };
}

type Footer = TDocumentDefinitions['footer'];

function withPageNumbers(footer: Footer, pageNumbers: (p: number, c: number) => Content): Footer {
  if (footer === undefined || footer === null) return pageNumbers;
  return (currentPage: number, pageCount: number, pageSize: ContextPageSize) => {
    const own = typeof footer === 'function' ? footer(currentPage, pageCount, pageSize) : footer;
    return own === null || own === undefined ? pageNumbers(currentPage, pageCount) : { stack: [own, pageNumbers(currentPage, pageCount)] };
  };
}

/**
 * The definition exactly as renderPdf hands it to pdfmake: the product's conventions applied
 * and every text broken into its lines (what the text layer must give back, line by line).
 */
export function typesetDocument(doc: TDocumentDefinitions, opts: RenderPdfOptions = {}): TDocumentDefinitions {
  const margins = doc.pageMargins ?? OFFICIAL_MARGINS;
  const [left, , right] = typeof margins === 'number' ? [margins, 0, margins] : margins.length === 2 ? [margins[0], 0, margins[0]] : margins;
  const pageNumbers = opts.pageNumbers ?? 'thai';
  const prepared: TDocumentDefinitions = {
    ...doc,
    pageSize: doc.pageSize ?? 'A4',
    pageMargins: margins,
    // /Lang th-TH helps screen readers and text extraction; the title shows in the viewer.
    language: doc.language ?? 'th-TH',
    displayTitle: doc.displayTitle ?? true,
    defaultStyle: { font: SARABUN, fontSize: 12, ...doc.defaultStyle },
    footer: pageNumbers === false ? doc.footer : withPageNumbers(doc.footer, pageNumberFooter(pageNumbers, left, right)),
    info: {
      ...doc.info,
      creator: PDF_CREATOR,
      creationDate: opts.creationDate ?? doc.info?.creationDate ?? new Date(),
    },
  };
  return layoutThaiDocument(prepared, { tableLayouts: opts.tableLayouts, knownPhrases: opts.knownPhrases });
}

/**
 * Renders a pdfmake document definition to PDF bytes with the product's conventions: Sarabun
 * (regular, bold, italics) embedded and subset under tags of the document's own, every text
 * broken at Thai word boundaries (see layout-thai-document.ts for the rules a definition must
 * follow), A4 unless the definition names a page size, the official margins unless it sets its
 * own, 'หน้า x/y' in the footer, and Creator 'OTOP registration monitor'. The definition is
 * not modified.
 */
export async function renderPdf(doc: TDocumentDefinitions, opts: RenderPdfOptions = {}): Promise<Buffer> {
  const laidOut = typesetDocument(doc, opts);

  // pdfmake's configuration lives on a shared module object; createPdf() copies what it needs
  // synchronously, so setting it right before the call cannot mix with another render.
  // Fonts come from pdfmake's virtual file system; reports fetch nothing and read no file.
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFileSystem }).virtualfs;
  for (const [name, bytes] of pdfFontFiles()) if (!vfs.existsSync(name)) vfs.writeFileSync(name, bytes);
  pdfmake.addFonts(pdfFonts());
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  if (opts.tableLayouts) pdfmake.addTableLayouts({ ...opts.tableLayouts });
  return uniqueSubsetTags(await pdfmake.createPdf(laidOut).getBuffer());
}
