// Area boundaries as the product keeps them: a GeoJSON Polygon or MultiPolygon in WGS 84
// longitude/latitude, coordinates rounded to a fixed grid, and a point to place the area's label.
// Pure: the import (pipeline), the map route (api) and the printed map (reports) share it.

/** One ring: [longitude, latitude] pairs, first equal to last. */
export type Ring = Array<[number, number]>;

/** The geometry of one area, always a MultiPolygon once read (a Polygon is one part). */
export interface AreaGeometry {
  type: 'MultiPolygon';
  /** Parts, each an outer ring followed by its holes. */
  coordinates: Ring[][];
}

/** Decimal places kept: 4 places of a degree is about 11 m, far below what a district map shows. */
export const BOUNDARY_DECIMALS = 4;

/** Why a geometry was refused, in both languages. */
export interface GeometryRefusal {
  th: string;
  en: string;
}

const isPosition = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1]) &&
  Math.abs(v[0] as number) <= 180 && Math.abs(v[1] as number) <= 90;

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A ring on the grid, with repeated points (after rounding) dropped; null when fewer than 4 points are left. */
function quantiseRing(raw: unknown, decimals: number): Ring | null {
  if (!Array.isArray(raw)) return null;
  const out: Ring = [];
  for (const p of raw) {
    if (!isPosition(p)) return null;
    const q: [number, number] = [round(p[0], decimals), round(p[1], decimals)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1) {
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  }
  return out.length >= 4 ? out : null;
}

/**
 * Reads a GeoJSON geometry (Polygon or MultiPolygon) onto the product's grid. Returns a refusal
 * for anything else, for a position outside longitude/latitude, or when nothing is left.
 */
export function readAreaGeometry(value: unknown, decimals = BOUNDARY_DECIMALS): AreaGeometry | GeometryRefusal {
  if (value === null || typeof value !== 'object') {
    return { th: 'ไม่มีรูปทรงของพื้นที่ (geometry)', en: 'the feature has no geometry' };
  }
  const g = value as { type?: unknown; coordinates?: unknown };
  let polygons: unknown[];
  if (g.type === 'Polygon') polygons = [g.coordinates];
  else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons = g.coordinates;
  else {
    return {
      th: `รูปทรงต้องเป็น Polygon หรือ MultiPolygon (ได้รับ ${String(g.type)})`,
      en: `the geometry must be a Polygon or MultiPolygon, not ${String(g.type)}`,
    };
  }
  const parts: Ring[][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) return { th: 'รูปทรงไม่ถูกต้อง', en: 'a polygon is not a list of rings' };
    const rings: Ring[] = [];
    for (const [i, raw] of polygon.entries()) {
      const ring = quantiseRing(raw, decimals);
      if (ring === null) {
        if (i === 0) break; // an outer ring that vanished on the grid: drop the part (a tiny islet)
        continue;
      }
      rings.push(ring);
    }
    if (rings.length > 0) parts.push(rings);
  }
  if (parts.length === 0) {
    return { th: 'รูปทรงไม่มีพิกัดที่ใช้ได้ (ลองจิจูด/ละติจูด)', en: 'the geometry has no usable longitude/latitude ring' };
  }
  return { type: 'MultiPolygon', coordinates: parts };
}

export function isGeometryRefusal(v: AreaGeometry | GeometryRefusal): v is GeometryRefusal {
  return !('type' in v);
}

/** Signed area of a ring in square degrees (shoelace); positive when counter-clockwise. */
function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
}

/**
 * Where to write the area's name: the centroid of its largest part's outer ring. For a very
 * concave ring the centroid can fall outside it; then the ring's vertex nearest the centroid
 * nudged halfway inward is used, so the label stays on the area.
 */
export function labelPoint(geometry: AreaGeometry): [number, number] {
  let best: Ring | null = null;
  let bestArea = -1;
  for (const part of geometry.coordinates) {
    const outer = part[0];
    if (!outer) continue;
    const a = Math.abs(ringArea(outer));
    if (a > bestArea) { bestArea = a; best = outer; }
  }
  const ring = best ?? geometry.coordinates[0]![0]!;
  const a = ringArea(ring);
  let cx = 0;
  let cy = 0;
  if (a !== 0) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const f = x0 * y1 - x1 * y0;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    cx /= 6 * a;
    cy /= 6 * a;
  } else {
    cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  }
  if (pointInRing([cx, cy], ring)) return [round(cx, BOUNDARY_DECIMALS), round(cy, BOUNDARY_DECIMALS)];
  // Concave: walk from the nearest vertex towards the centroid until inside.
  let nearest = ring[0]!;
  let d = Infinity;
  for (const p of ring) {
    const dd = (p[0] - cx) ** 2 + (p[1] - cy) ** 2;
    if (dd < d) { d = dd; nearest = p; }
  }
  for (const t of [0.5, 0.25, 0.1, 0.05, 0.01]) {
    const q: [number, number] = [nearest[0] + (cx - nearest[0]) * t, nearest[1] + (cy - nearest[1]) * t];
    if (pointInRing(q, ring)) return [round(q[0], BOUNDARY_DECIMALS), round(q[1], BOUNDARY_DECIMALS)];
  }
  return [nearest[0], nearest[1]];
}

/** Even-odd test of a point against one ring. */
export function pointInRing(point: [number, number], ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** [west, south, east, north] of a set of geometries. */
export function boundingBox(geometries: readonly AreaGeometry[]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const g of geometries) {
    for (const part of g.coordinates) {
      for (const [x, y] of part[0] ?? []) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    }
  }
  return [w, s, e, n];
}

/** The words the boundaries' licence requires wherever a map drawn from them appears. */
export const BOUNDARY_ATTRIBUTION = {
  en: 'Administrative boundaries: Royal Thai Survey Department via OCHA (HDX COD-AB Thailand), CC BY 3.0 IGO; simplified by mapthai (Piyayut Chitchumnong).',
  th: 'ขอบเขตการปกครอง: กรมแผนที่ทหาร ผ่าน OCHA (HDX COD-AB Thailand) สัญญาอนุญาต CC BY 3.0 IGO; ทำให้เรียบง่ายโดย mapthai (Piyayut Chitchumnong)',
} as const;
