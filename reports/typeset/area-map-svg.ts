// A district (or province) map for the printed summary: the outlines as vector paths filled by
// state, the names written at their label points as real PDF text (svg-text-overlay.ts), each
// moved off a name it would collide with. Plain SVG, no ECharts: a map here is paths and labels.
import type { Content } from 'pdfmake/interfaces';
import type { AreaGeometry } from '../../domain/boundary-geometry.ts';
import { sarabunMetrics } from './sarabun-metrics.ts';
import { svgWithTextOverlay, type SvgSize } from './svg-text-overlay.ts';
import { toPdfText } from './to-pdf-text.ts';

export interface MapDrawingArea {
  code: string;
  nameTh: string;
  fill: string;
  /** Drawn with a thick dark-red outline (a step past its window). */
  overdue: boolean;
  geometry: AreaGeometry;
  /** [longitude, latitude] of the name. */
  label: [number, number];
}

export interface MapDrawing {
  areas: readonly MapDrawingArea[];
  /** Font size of the names, in points. */
  fontSize?: number;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Box { x: number; y: number; w: number; h: number }
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The map as SVG of exactly `size` points: an equirectangular projection scaled by the cosine of
 * the middle latitude (true shapes at a province's size), fitted and centred with a margin.
 */
export function areaMapSvg(drawing: MapDrawing, size: SvgSize): string {
  const fontSize = drawing.fontSize ?? 8;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const a of drawing.areas) {
    for (const part of a.geometry.coordinates) {
      for (const [x, y] of part[0] ?? []) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    }
  }
  if (!Number.isFinite(w)) return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"></svg>`;
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const margin = 6;
  const scale = Math.min((size.width - 2 * margin) / ((e - w) * k || 1), (size.height - 2 * margin) / ((n - s) || 1));
  const offsetX = (size.width - (e - w) * k * scale) / 2;
  const offsetY = (size.height - (n - s) * scale) / 2;
  const px = (lon: number) => offsetX + (lon - w) * k * scale;
  const py = (lat: number) => offsetY + (n - lat) * scale;
  const paths: string[] = [];
  const outlines: string[] = [];
  for (const a of drawing.areas) {
    const d = a.geometry.coordinates
      .map((part) => part.map((ring) => `M${ring.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('L')}Z`).join(''))
      .join('');
    paths.push(`<path d="${d}" fill="${a.fill}" fill-rule="evenodd" stroke="#ffffff" stroke-width="0.8"/>`);
    if (a.overdue) outlines.push(`<path d="${d}" fill="none" stroke="#b91c1c" stroke-width="1.6"/>`);
  }
  const placed: Box[] = [];
  const texts: string[] = [];
  const lineHeight = fontSize * 1.3;
  for (const a of drawing.areas) {
    const width = sarabunMetrics.textWidth(toPdfText(a.nameTh), { fontSize, bold: false, italics: false });
    const cx = px(a.label[0]);
    const cy = py(a.label[1]);
    let box: Box = { x: cx - width / 2, y: cy - lineHeight / 2, w: width, h: lineHeight };
    // Move down, then up, by whole lines until the name is clear of the names already placed.
    for (const step of [0, 1, -1, 2, -2, 3, -3]) {
      const candidate = { ...box, y: cy - lineHeight / 2 + step * lineHeight };
      if (!placed.some((p) => overlaps(p, candidate))) { box = candidate; break; }
    }
    // Never past the drawing's edge.
    box.x = Math.min(Math.max(box.x, 1), size.width - box.w - 1);
    box.y = Math.min(Math.max(box.y, 1), size.height - box.h - 1);
    placed.push(box);
    texts.push(
      `<text x="${(box.x + box.w / 2).toFixed(1)}" y="${(box.y + box.h / 2).toFixed(1)}" text-anchor="middle" dominant-baseline="central" font-size="${fontSize}" fill="#111827">${escapeXml(a.nameTh)}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}">${paths.join('')}${outlines.join('')}${texts.join('')}</svg>`;
}

/** pdfmake content for a map: vector outlines, the names as extractable PDF text. */
export function areaMapContent(drawing: MapDrawing, size: SvgSize): Content {
  return svgWithTextOverlay(areaMapSvg(drawing, size), size);
}
