import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { navigate, useLocation } from '../router.ts';
import { parseQuery, patchQuery } from '../url-state.ts';

/** A search field whose submitted text goes into the URL (?search=), so results can be shared. */
export function SearchBox({ id }: { id: string }) {
  const { t } = useApp();
  const loc = useLocation();
  const current = parseQuery(loc.search).search;
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return (
    <form
      role="search"
      class="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(loc.pathname + patchQuery(loc.search, { search: text.trim() }));
      }}
    >
      <label for={id}>{t.filters.search}</label>
      <input id={id} type="search" value={text} placeholder={t.filters.searchPlaceholder} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" class="secondary small">
        {t.filters.apply}
      </button>
    </form>
  );
}
