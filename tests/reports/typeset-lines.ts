// The lines a laid-out definition (typesetDocument) will draw: every text node's inlines, cut
// at its '\n' inlines, as one string per line. Header, footer and background are functions of
// the page and are left out; so are SVG charts (their labels are checked on their own).
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function textLines(text: unknown): string[] {
  const inlines = Array.isArray(text) ? text : [text];
  const lines: string[] = [''];
  for (const item of inlines) {
    const t = isObj(item) ? String(item.text ?? '') : String(item ?? '');
    const parts = t.split('\n');
    lines[lines.length - 1] += parts[0] ?? '';
    for (const p of parts.slice(1)) lines.push(p);
  }
  return lines;
}

/** Every non-empty line of text the content of `doc` draws, in document order. */
export function typesetLines(doc: TDocumentDefinitions): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node === 'string') return void out.push(...node.split('\n'));
    if (!isObj(node)) return;
    if (node.text !== undefined) return void out.push(...textLines(node.text));
    for (const key of ['stack', 'columns', 'ul', 'ol', 'section']) if (node[key] !== undefined) walk(node[key]);
    if (isObj(node.table) && Array.isArray(node.table.body)) walk(node.table.body);
  };
  walk((doc as unknown as Obj).content);
  return out.map((l) => l.trim()).filter((l) => l.length > 0);
}
