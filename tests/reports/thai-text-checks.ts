// Independent checks of Thai text: what a line may start with, where a word may end.

/** Marks and following vowels no line may start with (the acceptance list, plus ๆ). */
export const LINE_START_FORBIDDEN = /^\s*[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u0E30\u0E32\u0E33\u0E45\u0E46]/u;

/** NFKC with all whitespace removed: how extracted text is compared to its source. */
export const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

export function linesStartingWithMark(text: string): string[] {
  return text.split('\n').filter((line) => LINE_START_FORBIDDEN.test(line));
}

/**
 * Offsets in `text` (whitespace removed, not normalised) where a line may end: Intl.Segmenter
 * word boundaries, plus changes between Thai letters and Latin letters or digits (ICU keeps
 * "การOTOPปี๒๕๖๐" as one segment).
 */
export function wordBoundaries(text: string): Set<number> {
  const s = text.replace(/\s+/gu, '');
  const boundaries = new Set<number>([0, s.length]);
  for (const seg of new Intl.Segmenter('th', { granularity: 'word' }).segment(s)) boundaries.add(seg.index);
  const kind = (ch: string | undefined): string =>
    ch === undefined ? '' : /[0-9\u0E50-\u0E59]/u.test(ch) ? 'digit' : /[\u0E00-\u0E7F]/u.test(ch) ? 'thai' : /\p{L}/u.test(ch) ? 'latin' : 'other';
  for (let i = 1; i < s.length; i++) {
    const a = kind(s[i - 1]);
    const b = kind(s[i]);
    if (a !== b && a !== 'other' && b !== 'other' && (a === 'thai' || b === 'thai')) boundaries.add(i);
  }
  return boundaries;
}

/** Maps offsets in squash(text) back to offsets in text without whitespace (ำ becomes two). */
export function squashOffsetMap(text: string): number[] {
  const s = text.replace(/\s+/gu, '');
  const map: number[] = [];
  let i = 0;
  for (const ch of s) {
    for (let k = 0; k < ch.normalize('NFKC').length; k++) map.push(k === 0 ? i : -1);
    i += ch.length;
  }
  map.push(s.length);
  return map;
}

/**
 * Where `lines` (consecutive, e.g. from pdftotext) split `source`: returns the offsets in
 * `source` (whitespace removed) at which every line after the first starts, or throws when
 * the lines do not spell the source.
 */
export function lineStartOffsets(source: string, lines: readonly string[]): number[] {
  const target = squash(source);
  const map = squashOffsetMap(source);
  const joined = lines.map(squash).join('');
  if (joined !== target) throw new Error(`lines do not spell the source:\n${joined}\n${target}`);
  const offsets: number[] = [];
  let at = 0;
  lines.slice(0, -1).forEach((line) => {
    at += squash(line).length;
    offsets.push(map[at] ?? -1); // -1: the line broke inside a decomposed character
  });
  return offsets;
}

/** The consecutive lines of `text` that together spell `source` (NFKC, whitespace ignored). */
export function findLinesSpelling(text: string, source: string): string[] | null {
  const target = squash(source);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!squash(lines[i] ?? '')) continue;
    let acc = '';
    for (let j = i; j < lines.length; j++) {
      acc += squash(lines[j] ?? '');
      if (!target.startsWith(acc)) break;
      if (acc === target) return lines.slice(i, j + 1);
    }
  }
  return null;
}
