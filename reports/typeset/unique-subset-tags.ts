// Font subset tags of its own for every document.
//
// pdfkit names an embedded subset from its font's resource id: the first font of every file is
// BZZZZZ+Sarabun-Regular, the second CZZZZZ+…. A reader that merges PDFs (an office combining
// the districts' forms) takes two subsets with one name for the same font and draws one file's
// text with the other's glyphs. The tag is a promise that the subset is unique, so it is made
// from the document itself: a hash of the bytes, which are the content (and are the same for
// the same content, so output stays reproducible).
import { createHash } from 'node:crypto';

const SUBSET_NAME = /\/(FontName|BaseFont) ?\/([A-Z]{6})\+/g;

function tagFor(digest: Buffer, oldTag: string): string {
  const h = createHash('sha256').update(digest).update(oldTag).digest();
  return Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** `pdf` with every subset tag replaced by one derived from its bytes (same length: offsets stay right). */
export function uniqueSubsetTags(pdf: Buffer): Buffer {
  const digest = createHash('sha256').update(pdf).digest();
  const text = pdf.toString('latin1');
  const tags = new Map<string, string>();
  const out = text.replace(SUBSET_NAME, (_m, key: string, old: string) => {
    let tag = tags.get(old);
    if (tag === undefined) {
      tag = tagFor(digest, old);
      tags.set(old, tag);
    }
    return `/${key}${_m.includes(' /') ? ' ' : ''}/${tag}+`;
  });
  return Buffer.from(out, 'latin1');
}
