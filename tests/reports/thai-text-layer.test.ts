// The PDF text layer of Thai read back by poppler, over every combination of consonant, vowel
// mark and tone mark that positions marks differently (tall, descending and plain consonants):
// copy-paste and search must give the words back in typed order, in every pdftotext mode.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../reports/typeset/render-pdf.ts';
import { pdfText } from './read-pdf.ts';
import { linesStartingWithMark, squash } from './thai-text-checks.ts';

const OUT_DIR = fileURLToPath(new URL('../../artifacts/reports/', import.meta.url));
const CONSONANTS = 'กญฐทธนปฝฟษฬ'; // plain, descending (ญ ฐ), tall (ป ฝ ฟ ฬ), wide (ษ)
const UPPER = ['', 'ั', 'ิ', 'ี', 'ึ', 'ื', '็'];
const LOWER = ['', 'ุ', 'ู'];
const TONES = ['', '่', '้', '๊', '๋', '์'];

function corpus(): string[] {
  const words: string[] = [];
  for (const c of CONSONANTS) {
    for (const u of UPPER) {
      for (const l of LOWER) {
        for (const t of TONES) {
          if ((u && l) || (u === '็' && t) || !(u || l || t)) continue;
          words.push(c + u + l + t + 'น', c + u + l + t); // followed by a consonant, and word-final
        }
      }
    }
  }
  // ำ before and after the า it is drawn with, so that either may be the first the font meets.
  return ['อำเภอ', 'ตาม', ...words, 'น้ำ', 'ตำบล', 'ก่ำ', 'ต่ำ', 'ซ้ำ', 'ฤๅษี', 'ตำรา', 'ทำนา'];
}

describe('Thai text layer', () => {
  it.each([false, true])('gives every word back in order, none split in -raw (bold: %s)', async (bold) => {
    const words = corpus();
    const file = `${OUT_DIR}thai-text-layer-${bold ? 'bold' : 'regular'}.pdf`;
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(file, await renderPdf({ content: { text: words.join(' '), bold } }, { pageNumbers: false }));
    const raw = pdfText(file, 'raw');
    // Exactly the typed (NFC) words: ำ as U+0E33, never NIKHAHIT + SARA AA.
    expect(raw.split(/\s+/).filter(Boolean)).toEqual(words);
    expect(raw).not.toMatch(/\u0E4D/u);
    for (const mode of ['raw', 'layout'] as const) {
      const text = pdfText(file, mode);
      expect(squash(text), mode).toBe(squash(words.join('')));
      expect(linesStartingWithMark(text), mode).toEqual([]);
    }
  });
});
