import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import { queryRows } from '../db/query-rows.ts';
import { labelKey } from '../domain/label-key.ts';
import { normalizeText } from '../domain/normalize-text.ts';

export interface GeoDistrict {
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
}

export interface GeoSubdistrict {
  code: string;
  districtCode: string;
  provinceCode: string;
  nameTh: string;
}

/**
 * What a load may touch: one district (the usual district office upload), one province (a
 * province consolidating its districts' files) or the whole country (the department's
 * national load). Written as the upload's `districtCode`: '3801', '38' or 'all'.
 */
export type LoadScope =
  | { kind: 'district'; districtCode: string; provinceCode: string }
  | { kind: 'province'; provinceCode: string }
  | { kind: 'national' };

export type ScopeInput = { kind: 'district'; code: string } | { kind: 'province'; code: string } | { kind: 'national' } | null;

/** Reads the scope a `districtCode` argument names: 4 digits, 2 digits or 'all'; null when it is none of them. */
export function parseScopeCode(code: string): ScopeInput {
  const c = normalizeText(code).value;
  if (/^\d{4}$/.test(c)) return { kind: 'district', code: c };
  if (/^\d{2}$/.test(c)) return { kind: 'province', code: c };
  if (c === 'all' || c === '*') return { kind: 'national' };
  return null;
}

const SUBDISTRICT_PREFIX = /^(?:ตำบล|ต\.|แขวง)\s*/;
const DISTRICT_PREFIX = /^(?:กิ่งอำเภอ|อำเภอ|อ\.|เขต)\s*/;
export const AMBIGUOUS = 'ambiguous' as const;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export type SubdistrictLookup =
  | { ok: true; subdistrict: GeoSubdistrict }
  | { ok: false; reason: 'unknown' | 'ambiguous' }
  | { ok: false; reason: 'other-district'; elsewhere: GeoSubdistrict[] };

/**
 * The country's districts and subdistricts (a few thousand rows, read once per load), with
 * lookups by code and by Thai name: the name is authoritative and unique within a district.
 */
export class ScopeGeography {
  readonly districtByCode = new Map<string, GeoDistrict>();
  readonly subdistrictByCode = new Map<string, GeoSubdistrict>();
  private readonly districtsByName = new Map<string, GeoDistrict[]>();
  private readonly subdistrictsByName = new Map<string, GeoSubdistrict[]>();
  private readonly subdistrictByDistrictName = new Map<string, GeoSubdistrict | typeof AMBIGUOUS>();

  static async load(db: Db): Promise<ScopeGeography> {
    const geo = new ScopeGeography();
    const districts = await queryRows<{ code: string; province_code: string; name_th: string; name_en: string }>(
      db,
      sql`select code, province_code, name_th, name_en from districts`,
    );
    for (const d of districts) {
      const district = { code: d.code, provinceCode: d.province_code, nameTh: d.name_th, nameEn: d.name_en };
      geo.districtByCode.set(d.code, district);
      push(geo.districtsByName, labelKey(d.name_th), district);
    }
    const subdistricts = await queryRows<{ code: string; district_code: string; name_th: string }>(
      db,
      sql`select code, district_code, name_th from subdistricts`,
    );
    for (const s of subdistricts) {
      const sub = { code: s.code, districtCode: s.district_code, provinceCode: s.district_code.slice(0, 2), nameTh: s.name_th };
      geo.subdistrictByCode.set(s.code, sub);
      const key = labelKey(s.name_th);
      push(geo.subdistrictsByName, key, sub);
      const dk = `${s.district_code}|${key}`;
      geo.subdistrictByDistrictName.set(dk, geo.subdistrictByDistrictName.has(dk) ? AMBIGUOUS : sub);
    }
    return geo;
  }

  /** Subdistricts of a district, in code order (template drop-downs). */
  subdistrictsOf(districtCode: string): GeoSubdistrict[] {
    return [...this.subdistrictByCode.values()].filter((s) => s.districtCode === districtCode).sort((a, b) => a.code.localeCompare(b.code));
  }

  /** A district cell (code, Thai or English name, with or without 'อำเภอ'/'อ.') among `candidates`. */
  findDistrict(text: string, candidates: readonly GeoDistrict[]): GeoDistrict | null {
    const value = normalizeText(text).value;
    if (/^\d{4}$/.test(value)) return candidates.find((d) => d.code === value) ?? null;
    const key = labelKey(value.replace(DISTRICT_PREFIX, ''));
    const matches = candidates.filter((d) => labelKey(d.nameTh) === key || labelKey(d.nameEn) === key);
    if (matches.length === 1) return matches[0]!;
    // 'อ.เมือง': the capital district of the province, when there is exactly one candidate.
    if (matches.length === 0 && key === labelKey('เมือง')) {
      const capital = candidates.filter((d) => d.nameTh.startsWith('เมือง'));
      if (capital.length === 1) return capital[0]!;
    }
    return null;
  }

  /** A subdistrict cell: a 6-digit code anywhere, or a Thai name within `districtCode` (or, without one, nationally unique). */
  findSubdistrict(text: string, districtCode: string | null): SubdistrictLookup {
    const value = normalizeText(text).value;
    if (/^\d{6}$/.test(value)) {
      const sub = this.subdistrictByCode.get(value);
      if (!sub) return { ok: false, reason: 'unknown' };
      if (districtCode !== null && sub.districtCode !== districtCode) return { ok: false, reason: 'other-district', elsewhere: [sub] };
      return { ok: true, subdistrict: sub };
    }
    const key = labelKey(value.replace(SUBDISTRICT_PREFIX, ''));
    if (districtCode === null) {
      const all = this.subdistrictsByName.get(key) ?? [];
      if (all.length === 1) return { ok: true, subdistrict: all[0]! };
      return { ok: false, reason: all.length === 0 ? 'unknown' : 'ambiguous' };
    }
    const hit = this.subdistrictByDistrictName.get(`${districtCode}|${key}`);
    if (hit === AMBIGUOUS) return { ok: false, reason: 'ambiguous' };
    if (hit) return { ok: true, subdistrict: hit };
    const elsewhere = this.subdistrictsByName.get(key) ?? [];
    return elsewhere.length > 0 ? { ok: false, reason: 'other-district', elsewhere } : { ok: false, reason: 'unknown' };
  }
}
