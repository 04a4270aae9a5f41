import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import {
  DISTRICT_ROUND_STATES, DISTRICT_ROUND_STATE_LABELS, PROVINCE_ROUND_STATES, PROVINCE_ROUND_STATE_LABELS,
} from '../../domain/round-state.ts';
import type { CodeList, CodeListName } from './export-column.ts';
import type { ExportSession } from './with-export-session.ts';

/** The area an export covers (the caller's scope narrowed by the filters). */
export interface ExportArea {
  provinceCode?: string;
  districtCode?: string;
}

const FIXED: Partial<Record<CodeListName, CodeList>> = {
  'producer-type': { codes: PRODUCER_TYPES.map((t) => t.code), labels: PRODUCER_TYPES.map((t) => t.th) },
  category: { codes: PRODUCT_CATEGORIES.map((c) => c.code), labels: PRODUCT_CATEGORIES.map((c) => c.th) },
  'district-state': {
    codes: DISTRICT_ROUND_STATES,
    labels: DISTRICT_ROUND_STATES.map((s) => DISTRICT_ROUND_STATE_LABELS[s].th),
  },
  'province-state': {
    codes: PROVINCE_ROUND_STATES,
    labels: PROVINCE_ROUND_STATES.map((s) => PROVINCE_ROUND_STATE_LABELS[s].th),
  },
  'id-kind': { codes: ['citizen', 'juristic'], labels: ['บุคคลธรรมดา', 'นิติบุคคล'] },
  'step-status': { codes: ['upcoming', 'open', 'overdue', 'done'] },
  timeliness: { codes: ['early', 'on-time', 'late'] },
};

/**
 * The fixed code lists an export's dictionary columns use: vocabularies from `domain`, and the
 * geography and rounds of the export's area read from the reference tables (ordered by code),
 * so every batch of the file shares one dictionary per column and a district's file names no
 * other district.
 */
export async function exportCodeLists(
  session: ExportSession,
  names: ReadonlySet<CodeListName>,
  area: ExportArea,
  fiscalYear: number | undefined,
): Promise<Partial<Record<CodeListName, CodeList>>> {
  const province = area.provinceCode ?? '';
  const district = area.districtCode ?? '';
  const out: Partial<Record<CodeListName, CodeList>> = {};
  const geo = (rows: { code: string; name_th: string }[]): CodeList => ({
    codes: rows.map((r) => r.code),
    labels: rows.map((r) => r.name_th),
  });
  for (const name of names) {
    const fixed = FIXED[name];
    if (fixed) {
      out[name] = fixed;
      continue;
    }
    switch (name) {
      case 'province':
        out[name] = geo(await session.rows(
          `select code::text as code, name_th from provinces where ($1 = '' or code = $1) order by code`,
          [province],
        ));
        break;
      case 'district':
        out[name] = geo(await session.rows(
          `select code::text as code, name_th from districts
           where ($1 = '' or province_code = $1) and ($2 = '' or code = $2) order by code`,
          [province, district],
        ));
        break;
      case 'subdistrict':
        out[name] = geo(await session.rows(
          `select s.code::text as code, s.name_th from subdistricts s join districts d on d.code = s.district_code
           where ($1 = '' or d.province_code = $1) and ($2 = '' or s.district_code = $2) order by s.code`,
          [province, district],
        ));
        break;
      case 'round': {
        const rows = await session.rows<{ code: string; quarter: number }>(
          `select code, quarter::int as quarter from fiscal_rounds where ($1 = 0 or fiscal_year = $1) order by fiscal_year, quarter`,
          [fiscalYear ?? 0],
        );
        out[name] = { codes: rows.map((r) => r.code), numbers: rows.map((r) => Number(r.quarter)) };
        break;
      }
    }
  }
  return out;
}
