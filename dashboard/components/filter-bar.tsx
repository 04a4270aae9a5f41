import { PRODUCT_CATEGORIES } from '../../domain/product-categories.ts';
import { PRODUCER_TYPES } from '../../domain/producer-types.ts';
import { useApp } from '../app-context.ts';
import { label } from '../i18n/messages.ts';
import { navigate, useLocation } from '../router.ts';
import { parseQuery, patchQuery, type ViewQuery } from '../url-state.ts';

export type FilterField = 'fy' | 'q' | 'province' | 'district' | 'category' | 'type';

interface Area {
  code: string;
  nameTh: string;
  nameEn: string;
}

/**
 * The filters of a view, read from and written to the URL: every change is a history entry,
 * so back and forward walk through what the user looked at.
 */
export function FilterBar({
  fields,
  years,
  fy,
  provinces = [],
  districts = [],
}: {
  fields: FilterField[];
  years: number[];
  fy: number;
  provinces?: Area[];
  districts?: Area[];
}) {
  const { t, lang } = useApp();
  const loc = useLocation();
  const q = parseQuery(loc.search);
  const set = (patch: Partial<ViewQuery>) => navigate(loc.pathname + patchQuery(loc.search, patch));
  const name = (a: Area) => (lang === 'en' ? a.nameEn : a.nameTh);
  const value = (e: Event) => (e.currentTarget as HTMLSelectElement).value;

  return (
    <form class="filters" aria-label={t.filters.label} onSubmit={(e) => e.preventDefault()}>
      {fields.includes('fy') && (
        <div class="field inline">
          <label for="f-fy">{t.filters.fiscalYear}</label>
          <select id="f-fy" value={String(fy)} onChange={(e) => set({ fy: Number(value(e)) })}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {t.fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
      )}
      {fields.includes('q') && (
        <div class="field inline">
          <label for="f-q">{t.filters.quarter}</label>
          <select id="f-q" value={q.q === null ? '' : String(q.q)} onChange={(e) => set({ q: value(e) ? (Number(value(e)) as 1 | 2 | 3 | 4) : null })}>
            <option value="">{t.filters.allQuarters}</option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={String(n)}>
                {t.quarterShort(n)}
              </option>
            ))}
          </select>
        </div>
      )}
      {fields.includes('province') && provinces.length > 0 && (
        <div class="field inline">
          <label for="f-province">{t.filters.province}</label>
          <select id="f-province" value={q.province ?? ''} onChange={(e) => set({ province: value(e) || null })}>
            <option value="">—</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {name(p)}
              </option>
            ))}
          </select>
        </div>
      )}
      {fields.includes('district') && districts.length > 0 && (
        <div class="field inline">
          <label for="f-district">{t.filters.district}</label>
          <select id="f-district" value={q.district ?? ''} onChange={(e) => set({ district: value(e) || null })}>
            <option value="">{t.filters.allDistricts}</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {name(d)}
              </option>
            ))}
          </select>
        </div>
      )}
      {fields.includes('category') && (
        <div class="field inline">
          <label for="f-category">{t.filters.category}</label>
          <select id="f-category" value={q.category ?? ''} onChange={(e) => set({ category: (value(e) || null) as ViewQuery['category'] })}>
            <option value="">{t.filters.allCategories}</option>
            {PRODUCT_CATEGORIES.map((c) => (
              <option key={c.code} value={c.code}>
                {label(lang, c)}
              </option>
            ))}
          </select>
        </div>
      )}
      {fields.includes('type') && (
        <div class="field inline">
          <label for="f-type">{t.filters.producerType}</label>
          <select id="f-type" value={q.type ?? ''} onChange={(e) => set({ type: (value(e) || null) as ViewQuery['type'] })}>
            <option value="">{t.filters.allTypes}</option>
            {PRODUCER_TYPES.map((p) => (
              <option key={p.code} value={p.code}>
                {label(lang, p)}
              </option>
            ))}
          </select>
        </div>
      )}
    </form>
  );
}
