import { useApp } from '../app-context.ts';
import { navigate, useLocation } from '../router.ts';
import { parseQuery, patchQuery } from '../url-state.ts';

/** The list's sort order, kept in the URL (?sort=name, ?sort=-registeredAt). */
export function SortSelect({ id, options, fallback }: { id: string; options: { value: string; label: string }[]; fallback: string }) {
  const { t } = useApp();
  const loc = useLocation();
  const sort = parseQuery(loc.search).sort ?? fallback;
  return (
    <div class="field inline">
      <label for={id}>{t.district.sort}</label>
      <select id={id} value={sort} onChange={(e) => navigate(loc.pathname + patchQuery(loc.search, { sort: e.currentTarget.value === fallback ? null : e.currentTarget.value }))}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
