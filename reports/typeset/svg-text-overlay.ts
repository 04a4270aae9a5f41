// Moves the <text> of an SVG out of the SVG and into pdfmake text placed over it.
//
// Why: pdfmake draws SVG through its bundled svg-to-pdfkit, which shapes a <text> with the
// right font but then writes glyph by glyph and skips every glyph whose advance width is 0
// (docWriteGlyphs: `if (pos.hidden || isEqual(pos.width, 0)) continue`). Thai above and below
// vowels and tone marks are exactly such zero-advance mark glyphs, positioned by GPOS offsets,
// so เมืองบึงกาฬ came out as เมองบงกาฬ. Turning each <text> into a pdfmake text node sends the
// label through the same pdfkit text path as the rest of the page: marks placed by their GPOS
// offsets, ำ stored so that copy-paste works (toPdfText), and a real text layer that pdftotext
// and screen readers can read (drawing glyph outlines as paths would lose that).
//
// Placement: the SVG keeps its place in the flow; each label follows it as a relativePosition
// node whose offset points back into the SVG's box. A label's line height is 0 so pdfmake never
// moves a label to the next page on its own (its glyphs still sit on their baseline).
import type { Content } from 'pdfmake/interfaces';
import { sarabunMetrics } from './sarabun-metrics.ts';
import { toPdfText } from './to-pdf-text.ts';

export interface SvgSize {
  /** Width and height in points; the SVG's user units are drawn 1:1 at this size. */
  width: number;
  height: number;
}

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

interface Label {
  text: string;
  x: number;
  y: number;
  fontSize: number;
  bold: boolean;
  italics: boolean;
  anchor: string;
  baseline: string;
  color: string;
  opacity: number;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1] as string, decodeEntities(m[2] ?? m[3] ?? ''));
  }
  // Presentation properties may also come in `style`; they win over attributes (CSS rules).
  const style = attrs.get('style');
  if (style) {
    for (const decl of style.split(';')) {
      const i = decl.indexOf(':');
      if (i > 0) attrs.set(decl.slice(0, i).trim(), decl.slice(i + 1).trim());
    }
  }
  return attrs;
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

function parseTransform(value: string | undefined): Matrix {
  let m = IDENTITY;
  if (!value) return m;
  for (const t of value.matchAll(/(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g)) {
    const n = (t[2] ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = n;
    let own: Matrix;
    switch (t[1]) {
      case 'matrix':
        own = [a, b, c, d, e, f];
        break;
      case 'translate':
        own = [1, 0, 0, 1, a, n.length > 1 ? b : 0];
        break;
      case 'scale':
        own = [a, 0, 0, n.length > 1 ? b : a, 0, 0];
        break;
      case 'rotate': {
        const r = (a * Math.PI) / 180;
        const rot: Matrix = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0];
        own = n.length > 1 ? multiply(multiply([1, 0, 0, 1, b, c], rot), [1, 0, 0, 1, -b, -c]) : rot;
        break;
      }
      case 'skewX':
        own = [1, 0, Math.tan((a * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        own = [1, Math.tan((a * Math.PI) / 180), 0, 1, 0, 0];
    }
    m = multiply(m, own);
  }
  return m;
}

function firstLength(value: string | undefined): number {
  const n = parseFloat((value ?? '').trim().split(/[\s,]+/)[0] ?? '');
  return Number.isFinite(n) ? n : 0;
}

/** CSS colour → something pdfkit understands, plus the alpha it carried. */
function pdfColor(value: string | undefined): { color: string; alpha: number } | null {
  if (!value || value === 'none' || value === 'transparent') return null;
  const rgb = value.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i);
  if (rgb) {
    const hex = [rgb[1], rgb[2], rgb[3]]
      .map((v) => Math.max(0, Math.min(255, Math.round(Number(v)))).toString(16).padStart(2, '0'))
      .join('');
    const a = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : Number(rgb[4]);
    return { color: `#${hex}`, alpha: a };
  }
  return { color: value, alpha: 1 };
}

const INHERITED = ['fill', 'fill-opacity', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];

interface OpenElement {
  name: string;
  matrix: Matrix;
  inherited: Map<string, string>;
  opacity: number;
}

function assertAxisAligned(m: Matrix, text: string): void {
  const eps = 1e-6;
  if (Math.abs(m[1]) > eps || Math.abs(m[2]) > eps || Math.abs(m[0] - m[3]) > eps || m[0] <= 0) {
    throw new Error(`Chart text "${text}" is rotated, skewed or stretched; PDF labels support none of these (set rotate: 0)`);
  }
}

/** Splits an SVG into the SVG without its <text> elements and the labels they drew. */
function extractLabels(svg: string): { svg: string; labels: Label[] } {
  const labels: Label[] = [];
  const stack: OpenElement[] = [{ name: '#root', matrix: IDENTITY, inherited: new Map(), opacity: 1 }];
  let out = '';
  let text: { open: OpenElement; attrs: Map<string, string>; content: string } | null = null;
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|([^<]+)|</g;
  for (const m of svg.matchAll(token)) {
    const [whole, cdata, closing, name, attrSource, selfClosing, chars] = m;
    if (text) {
      // Inside a <text>: collect its characters, including those of un-positioned <tspan>s.
      if (chars !== undefined) text.content += decodeEntities(chars);
      else if (cdata !== undefined) text.content += cdata;
      else if (name === 'tspan' && !closing) {
        const a = parseAttributes(attrSource ?? '');
        if (['x', 'y', 'dx', 'dy', 'transform'].some((k) => a.has(k))) {
          throw new Error('Chart text with positioned <tspan> is not supported');
        }
      } else if (name === 'text' && closing) {
        const { open, attrs, content } = text;
        const label = content.replace(/\s+/g, ' ').trim();
        const fill = pdfColor(open.inherited.get('fill') ?? 'black');
        if (label && fill) {
          const x = firstLength(attrs.get('x')) + firstLength(attrs.get('dx'));
          const y = firstLength(attrs.get('y')) + firstLength(attrs.get('dy'));
          assertAxisAligned(open.matrix, label);
          const scale = open.matrix[0];
          const weight = open.inherited.get('font-weight') ?? 'normal';
          labels.push({
            text: label,
            x: open.matrix[0] * x + open.matrix[2] * y + open.matrix[4],
            y: open.matrix[1] * x + open.matrix[3] * y + open.matrix[5],
            fontSize: parseFloat(open.inherited.get('font-size') ?? '12') * scale,
            bold: weight === 'bold' || weight === 'bolder' || Number(weight) >= 600,
            italics: /italic|oblique/.test(open.inherited.get('font-style') ?? ''),
            anchor: open.inherited.get('text-anchor') ?? 'start',
            baseline: open.inherited.get('dominant-baseline') ?? 'alphabetic',
            color: fill.color,
            opacity: open.opacity * fill.alpha * Number(open.inherited.get('fill-opacity') ?? 1),
          });
        }
        text = null;
      }
      continue;
    }
    if (name === undefined) {
      out += whole;
      continue;
    }
    if (closing) {
      if (stack.length > 1) stack.pop();
      out += whole;
      continue;
    }
    const attrs = parseAttributes(attrSource ?? '');
    const parent = stack[stack.length - 1] as OpenElement;
    const inherited = new Map(parent.inherited);
    for (const k of INHERITED) {
      const v = attrs.get(k);
      if (v !== undefined && v !== 'inherit') inherited.set(k, v);
    }
    const element: OpenElement = {
      name,
      matrix: multiply(parent.matrix, parseTransform(attrs.get('transform'))),
      inherited,
      opacity: parent.opacity * Number(attrs.get('opacity') ?? 1),
    };
    if (name === 'text') {
      if (!selfClosing) text = { open: element, attrs, content: '' };
      continue; // the <text> element itself is left out of the SVG
    }
    if (!selfClosing) stack.push(element);
    out += whole;
  }
  return { svg: out, labels };
}

/** Where pdfmake must put the top-left of a one-line text so it lands where the SVG drew it. */
function labelNode(label: Label, size: SvgSize): Content {
  const text = toPdfText(label.text);
  const width = sarabunMetrics.textWidth(text, { fontSize: label.fontSize, bold: label.bold, italics: label.italics });
  const { ascender, descender } = sarabunMetrics.verticalMetrics(label.bold, label.italics);
  const em = label.fontSize / 1000;
  const left = label.anchor === 'middle' ? label.x - width / 2 : label.anchor === 'end' ? label.x - width : label.x;
  // The baseline the SVG asked for; zrender always writes 'central' (middle of the font's
  // ascent/descent box, as browsers take it).
  let baseline = label.y;
  if (label.baseline === 'central' || label.baseline === 'middle') baseline = label.y + ((ascender + descender) / 2) * em;
  else if (label.baseline === 'hanging' || label.baseline === 'text-before-edge') baseline = label.y + ascender * em;
  else if (label.baseline === 'text-after-edge' || label.baseline === 'ideographic') baseline = label.y + descender * em;
  return {
    text,
    fontSize: label.fontSize,
    bold: label.bold,
    italics: label.italics,
    color: label.color,
    opacity: label.opacity,
    noWrap: true,
    lineHeight: 0,
    // relative to the point right under the SVG, where the flow stands once the SVG is placed
    relativePosition: { x: left, y: baseline - ascender * em - size.height },
  };
}

/**
 * pdfmake content drawing `svg` at `size` with its texts as real PDF text: a stack of the SVG
 * (without <text>) followed by one positioned text node per label. Throws for rotated,
 * skewed or stretched text, which pdfmake text cannot draw.
 */
export function svgWithTextOverlay(svg: string, size: SvgSize): Content {
  const { svg: shapes, labels } = extractLabels(svg);
  return {
    stack: [{ svg: shapes, width: size.width, height: size.height }, ...labels.map((l) => labelNode(l, size))],
  };
}
