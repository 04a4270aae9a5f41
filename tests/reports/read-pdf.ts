// Reads a PDF back with poppler-utils, the independent reader the typography tests trust.
import { execFileSync } from 'node:child_process';

function run(tool: string, args: readonly string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils)`);
    throw error;
  }
}

export type TextMode = 'raw' | 'layout';

/** pdftotext of the whole file, or of one page (1-based). */
export function pdfText(file: string, mode: TextMode, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', ...pages, file, '-']);
}

/** pdftotext of a rectangle of one page, in points from the top-left corner. */
export function pdfTextInArea(file: string, mode: TextMode, page: number, area: { x: number; y: number; width: number; height: number }): string {
  const box = [area.x, area.y, area.width, area.height].map((v) => String(Math.round(v)));
  return run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', '-r', '72', '-f', String(page), '-l', String(page), '-x', box[0] as string, '-y', box[1] as string, '-W', box[2] as string, '-H', box[3] as string, file, '-']);
}

export function pdfPageCount(file: string): number {
  const m = run('pdfinfo', [file]).match(/^Pages:\s+(\d+)/m);
  if (!m) throw new Error('pdfinfo printed no page count');
  return Number(m[1]);
}

export interface PdfFontRow {
  name: string;
  embedded: boolean;
}

/** pdffonts rows: the font name (subset tag removed) and whether it is embedded. */
export function pdfFontsOf(file: string): PdfFontRow[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID: emb is 5th from the end
      return { name: (cols[0] ?? '').replace(/^[A-Z]{6}\+/, ''), embedded: cols[cols.length - 5] === 'yes' };
    });
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words of one page with their boxes in points (pdftotext -bbox). */
export function pdfWordBoxes(file: string, page: number): WordBox[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']);
  const words: WordBox[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    const text = (m[5] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
    words.push({ text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
  }
  return words;
}

/** Renders every page to `${prefix}-N.png` at 110 dpi (for people to look at). */
export function renderPngs(file: string, prefix: string): void {
  run('pdftoppm', ['-r', '110', '-png', file, prefix]);
}
