// Two documents never share a font subset name (pdfkit alone names every first font BZZZZZ+):
// merged by an office, they would draw each other's text with the wrong glyph subset.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';

const OUT_DIR = fileURLToPath(new URL('../../artifacts/reports/', import.meta.url));
const CREATED = new Date('2017-08-31T02:00:00Z');

async function subsetNames(name: string, text: string): Promise<string[]> {
  const pdf = await renderPdf({ content: [{ text }, { text: 'ตัวหนา', bold: true }] }, { creationDate: CREATED });
  mkdirSync(OUT_DIR, { recursive: true });
  const file = `${OUT_DIR}${name}.pdf`;
  writeFileSync(file, pdf);
  const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  expect(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).toContain(text);
  return rows.map((l) => l.trim().split(/\s+/)[0] as string);
}

describe('font subset tags', () => {
  it('differ between documents and between the fonts of one document, and stay the same for the same document', async () => {
    const a = await subsetNames('subset-tags-a', 'อำเภอเมืองบึงกาฬ');
    const b = await subsetNames('subset-tags-b', 'อำเภอพรเจริญ');
    const again = await subsetNames('subset-tags-a2', 'อำเภอเมืองบึงกาฬ');
    expect(a).toHaveLength(2);
    for (const n of [...a, ...b]) expect(n).toMatch(/^[A-Z]{6}\+Sarabun-(Regular|Bold)$/);
    expect(new Set([...a, ...b]).size).toBe(4);
    expect(a.some((n) => n.startsWith('BZZZZZ+'))).toBe(false);
    expect(again).toEqual(a);
  });
});
