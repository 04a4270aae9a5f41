import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { navigate, useLocation } from '../router.ts';
import { patchQuery } from '../url-state.ts';

/** Previous / next through a list whose page number lives in the URL. */
export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t, locale } = useApp();
  const loc = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const go = (p: number) => navigate(loc.pathname + patchQuery(loc.search, { page: p }));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const n = (v: number) => formatNumber(v, locale);
  return (
    <nav class="pager" aria-label={t.district.page(n(page), n(pages))}>
      <span class="muted" aria-live="polite">
        {t.district.shown(n(from), n(to), n(total))}
      </span>
      <button type="button" class="secondary small" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t.district.prev}
      </button>
      <span>{t.district.page(n(page), n(pages))}</span>
      <button type="button" class="secondary small" disabled={page >= pages} onClick={() => go(page + 1)}>
        {t.district.next}
      </button>
    </nav>
  );
}
