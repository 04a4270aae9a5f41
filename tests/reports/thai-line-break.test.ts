// Line breaks a Thai reader accepts: never inside a place name the system knows, a producer-type
// or category label, a compound of the domain or a date — unless that unit alone is wider than
// its cell. A corpus of real lines (every demo producer name, the seed letter's paragraphs, the
// plan's dates) is broken at many widths, and every break position is checked.
import { describe, expect, it } from 'vitest';
import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import { THAI_COMPOUNDS } from '../../domain/thai-compounds.ts';
import { BUENG_KAN_DISTRICTS, BUENG_KAN_PROVINCE } from '../../pipeline/seed/bueng-kan-geography.ts';
import { demoDataSet } from '../../pipeline/seed/demo-data-set.ts';
import { sarabunMetrics } from '../../reports/typeset/sarabun-metrics.ts';
import { breakRuns } from '../../reports/typeset/thai-line-break.ts';
import { thaiPhrases } from '../../reports/typeset/thai-phrases.ts';
import { LETTER_PARAGRAPHS } from './thai-fixtures.ts';

const STYLE = { fontSize: 12 };
const PLACES = [
  BUENG_KAN_PROVINCE.nameTh,
  ...BUENG_KAN_DISTRICTS.flatMap((d) => [d.nameTh, ...d.subdistricts.map(([, name]) => name)]),
];
const PHRASES = thaiPhrases(PLACES);

// What a reader takes as one unit, listed here on its own (not through thaiPhrases).
const UNITS: readonly string[] = [
  ...PLACES,
  ...PLACES.filter((p) => !p.startsWith('บ้าน')).map((p) => `บ้าน${p}`),
  ...PRODUCER_TYPES.map((t) => t.th),
  ...PRODUCT_CATEGORIES.flatMap((c) => c.th.split(' ')),
  ...THAI_COMPOUNDS,
  'ผู้ผลิต', 'ผู้ประกอบการ', 'แห่งชาติ', 'ลงทะเบียน', 'เครื่องแต่งกาย', 'ของที่ระลึก', 'เครื่องดื่ม', 'เจ้าของรายเดียว',
  '๑๘ กันยายน ๒๕๖๐', '๒๐ ธ.ค. ๒๕๖๙', '๓๑ สิงหาคม ๒๕๖๐', '๒๐ ธันวาคม ๒๕๖๐',
];

const width = (s: string) => sarabunMetrics.textWidth(s, STYLE);

/** UTF-16 positions where `text` was broken into `lines` (the dropped break spaces skipped). */
function breakPositions(text: string, lines: readonly string[]): number[] {
  const positions: number[] = [];
  let at = 0;
  lines.forEach((line, i) => {
    while (/\s/u.test(text[at] ?? '') && !line.startsWith(text[at] ?? '')) at++;
    expect(text.startsWith(line, at), `line ${i} "${line}" at ${at} of "${text}"`).toBe(true);
    at += line.length;
    if (i < lines.length - 1) positions.push(at);
  });
  return positions;
}

/** Breaks inside a unit that was not itself wider than the line: each as 'unit|split'. */
function badBreaks(text: string, w: number): string[] {
  const lines = breakRuns([{ text, style: STYLE }], w, { phrases: PHRASES }).map((l) => l.map((p) => p.text).join(''));
  const bad: string[] = [];
  for (const pos of breakPositions(text, lines)) {
    for (const unit of UNITS) {
      for (let s = text.indexOf(unit); s >= 0; s = text.indexOf(unit, s + 1)) {
        // A unit glued to what follows it ('รายงานฯ', 'บึงกาฬ)') is as wide as the whole.
        const glued = text.slice(s).match(/^\S*?(?=\s|$)/u)?.[0] ?? unit;
        const whole = glued.length > unit.length && /^[\u0E2F\u0E46).,:;]+$/u.test(glued.slice(unit.length)) ? glued : unit;
        if (s < pos && pos < s + unit.length && width(whole) <= w) bad.push(`${unit} → ${text.slice(s, pos)}|${text.slice(pos, s + unit.length)} @${w}`);
      }
    }
  }
  return bad;
}

const WIDTHS = [40, 55, 70, 90, 110, 140, 180, 240, 320, 450];

describe('Thai line breaking', () => {
  it('never splits a village, a label or a compound in the demo producer names', () => {
    const names = [...new Set(demoDataSet().registrations.map((r) => r.producer.name))];
    expect(names.length).toBeGreaterThan(100);
    const bad = names.flatMap((n) => WIDTHS.flatMap((w) => badBreaks(n, w)));
    expect(bad).toEqual([]);
  });

  it('keeps known units whole in the seed letter and in labels', () => {
    const texts = [
      ...LETTER_PARAGRAPHS,
      ...PRODUCER_TYPES.map((t) => t.th),
      ...PRODUCT_CATEGORIES.map((c) => c.th),
      'อำเภอลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP ในระบบออนไลน์ ๒๘ สิงหาคม - ๑๘ กันยายน ๒๕๖๐',
      'ผลการลงทะเบียนรอบที่ ๒ (ถึง ๒๐ ธ.ค. ๒๕๖๙) ของจังหวัดบึงกาฬ',
      'ประกาศ ณ วันที่ ๒๘ ธันวาคม พ.ศ. ๒๕๖๐',
    ];
    const bad = texts.flatMap((t) => WIDTHS.flatMap((w) => badBreaks(t, w)));
    expect(bad).toEqual([]);
  });

  it('puts a village on the next line whole where ICU alone split it (บ้านบึง|กาฬ)', () => {
    const name = 'กลุ่มทอผ้าไหมมัดหมี่บ้านบึงกาฬ';
    const w = width('กลุ่มทอผ้าไหมมัดหมี่บ้านบึง') + 1;
    const lines = breakRuns([{ text: name, style: STYLE }], w, { phrases: PHRASES }).map((l) => l.map((p) => p.text).join(''));
    expect(lines).toEqual(['กลุ่มทอผ้าไหมมัดหมี่', 'บ้านบึงกาฬ']);
  });

  it('keeps a date with its year: the year never starts a line alone', () => {
    const text = 'ระยะเวลาดำเนินการ ๑ ตุลาคม - ๒๐ ธันวาคม ๒๕๖๐';
    const w = width('ระยะเวลาดำเนินการ ๑ ตุลาคม - ๒๐ ธันวาคม') + 1;
    const lines = breakRuns([{ text, style: STYLE }], w).map((l) => l.map((p) => p.text).join(''));
    expect(lines.at(-1)).toBe('๒๐ ธันวาคม ๒๕๖๐');
  });

  it('breaks a unit wider than its cell: the outer unit first, then between grapheme clusters', () => {
    const label = 'ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว';
    const w = width('ผู้ผลิตชุมชนที่เป็น') + 1;
    const lines = breakRuns([{ text: label, style: STYLE }], w).map((l) => l.map((p) => p.text).join(''));
    expect(lines.join('')).toBe(label);
    expect(lines).toContain('เจ้าของรายเดียว');
    const long = 'ก'.repeat(80);
    const cut = breakRuns([{ text: long, style: STYLE }], 50).map((l) => l.map((p) => p.text).join(''));
    expect(cut.length).toBeGreaterThan(3);
    for (const l of cut) expect(width(l)).toBeLessThanOrEqual(50 + 1e-6);
  });
});
