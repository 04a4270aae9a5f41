// Writes a generated PDF to artifacts/reports/documents/, renders its pages to PNG for people
// to look at, and reads it back with poppler (the independent reader the typography tests trust).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toAsciiDigits } from '../../../domain/thai-digits.ts';
import { pdfFontsOf, pdfPageCount, pdfText, renderPngs, type PdfFontRow } from '../read-pdf.ts';
import { linesStartingWithMark, squash } from '../thai-text-checks.ts';

export const OUT_DIR = fileURLToPath(new URL('../../../artifacts/reports/documents/', import.meta.url));

export interface ReadDocument {
  file: string;
  pages: number;
  raw: string;
  layout: string;
  pageRaw: string[];
  pageLayout: string[];
  fonts: PdfFontRow[];
  /** Page sizes in points, [width, height], per page. */
  sizes: [number, number][];
}

function pageSizes(file: string, pages: number): [number, number][] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Saves `pdf` as `${name}.pdf` (and `${name}-N.png` per page) and reads it back. */
export function readDocument(pdf: Buffer, name: string, options: { pngs?: boolean } = {}): ReadDocument {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const f of readdirSync(OUT_DIR)) if (f.startsWith(`${name}-`) && /^-\d+\.png$/.test(f.slice(name.length))) rmSync(`${OUT_DIR}${f}`);
  const file = `${OUT_DIR}${name}.pdf`;
  writeFileSync(file, pdf);
  if (options.pngs !== false) renderPngs(file, `${OUT_DIR}${name}`);
  const pages = pdfPageCount(file);
  const numbers = Array.from({ length: pages }, (_, i) => i + 1);
  return {
    file,
    pages,
    raw: pdfText(file, 'raw'),
    layout: pdfText(file, 'layout'),
    pageRaw: numbers.map((p) => pdfText(file, 'raw', p)),
    pageLayout: numbers.map((p) => pdfText(file, 'layout', p)),
    fonts: pdfFontsOf(file),
    sizes: pageSizes(file, pages),
  };
}

/**
 * What the issue asks of every official PDF, as a list of failures (empty when all hold):
 * Sarabun embedded (and nothing else, nothing unembedded), no U+200B or U+FFFD, no line of
 * extracted text (raw or layout) opening with a Thai vowel or tone mark, A4 pages, and the
 * 'หน้า x/y' footer on every page in the expected digits.
 */
export function officialPdfProblems(doc: ReadDocument, digits: 'thai' | 'ascii' = 'thai'): string[] {
  const problems: string[] = [];
  if (!doc.fonts.some((f) => f.name === 'Sarabun-Regular' && f.embedded)) problems.push('Sarabun-Regular not embedded');
  for (const f of doc.fonts) {
    if (!f.embedded) problems.push(`font ${f.name} not embedded`);
    if (!f.name.startsWith('Sarabun')) problems.push(`font ${f.name} is not Sarabun`);
  }
  for (const mode of ['raw', 'layout'] as const) {
    const text = doc[mode];
    if (/\u200B/u.test(text)) problems.push(`U+200B in ${mode} text`);
    if (/\uFFFD/u.test(text)) problems.push(`U+FFFD in ${mode} text`);
    // Text in = text out: ำ typeset must come back as U+0E33, not NIKHAHIT + SARA AA.
    const split = text.match(/\S*\u0E4D[\u0E48-\u0E4B]?\u0E32\S*/u);
    if (split) problems.push(`ำ comes out as ํ + า in ${mode} text: ${JSON.stringify(split[0])}`);
    for (const line of linesStartingWithMark(text)) problems.push(`${mode} line opens with a mark: ${JSON.stringify(line.trim().slice(0, 40))}`);
  }
  doc.sizes.forEach(([w, h], i) => {
    const portrait = Math.abs(w - 595.28) < 1 && Math.abs(h - 841.89) < 1;
    const landscape = Math.abs(w - 841.89) < 1 && Math.abs(h - 595.28) < 1;
    if (!portrait && !landscape) problems.push(`page ${i + 1} is ${w} × ${h}, not A4`);
  });
  if (doc.sizes.length !== doc.pages) problems.push('pdfinfo gave no size for some pages');
  const d = (n: number) => (digits === 'thai' ? String(n).replace(/[0-9]/g, (c) => String.fromCharCode(0x0e50 + Number(c))) : String(n));
  doc.pageRaw.forEach((text, i) => {
    if (!text.includes(`หน้า ${d(i + 1)}/${d(doc.pages)}`)) problems.push(`page ${i + 1} has no 'หน้า x/y'`);
  });
  return problems;
}

/** The expected strings that the extracted text does not contain character for character (no normalisation; line breaks between words ignored). */
export function missingExactly(text: string, expected: readonly string[]): string[] {
  const all = text.replace(/\s+/gu, '');
  return expected.filter((e) => !all.includes(e.replace(/\s+/gu, '')));
}

/** The expected strings that the extracted text does not contain (NFKC, whitespace ignored). */
export function missingStrings(text: string, expected: readonly string[]): string[] {
  const all = squash(text);
  return expected.filter((e) => !all.includes(squash(e)));
}

const NUMBER = /^[+-]?[0-9\u0E50-\u0E59][0-9\u0E50-\u0E59,]*$/u;

/** The numbers among whitespace-separated tokens: '๑,๒๓๔' → 1234, '+๑๒' → 12, '-๓' → -3. */
export function numbersIn(tokens: readonly string[]): number[] {
  return tokens.filter((t) => NUMBER.test(t)).map((t) => Number(toAsciiDigits(t).replace(/,/g, '')));
}

/**
 * The numbers of the table row whose label (the first non-number token, NFKC) is `label`, read
 * from pdftotext -layout: every such row in the text, in order.
 */
export function rowNumbers(layout: string, label: string): number[][] {
  const want = label.normalize('NFKC');
  const rows: number[][] = [];
  for (const line of layout.split('\n')) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    const at = tokens.findIndex((t) => !NUMBER.test(t));
    if (at < 0 || tokens[at]!.normalize('NFKC') !== want) continue;
    rows.push(numbersIn(tokens.slice(at + 1)));
  }
  return rows;
}
