import { DISTRICT_ROUND_STATE_LABELS } from '../../domain/round-state.ts';
import { useApp } from '../app-context.ts';
import { formatNumber } from '../format/format-number.ts';
import { label, type Lang, type Messages } from '../i18n/messages.ts';
import type { CellValue, TableDownload } from './table-columns.ts';
import { XlsxDownload } from './xlsx-download.tsx';
import type { ProgressMatrix } from '../model/progress-matrix.ts';
import { formatQuery } from '../url-state.ts';
import { Link } from './link.tsx';
import { useNarrowScreen } from '../use-narrow-screen.ts';
import { ScrollRegion } from './scroll-region.tsx';

/**
 * District × quarter: each cell is the district's state in that round (colour and words), its
 * producers and products, and a mark when a step ran late or is overdue. Each cell links to
 * the district's page for that round. The chosen quarter's column is highlighted.
 */
export function ProgressMatrixTable({ matrix, fy, focusQuarter }: { matrix: ProgressMatrix; fy: number; focusQuarter: number | null }) {
  const { t, lang, locale } = useApp();
  const n = (v: number) => formatNumber(v, locale);
  // On a phone the quarter in focus comes first, so it is on screen without scrolling.
  const narrow = useNarrowScreen();
  const columns = matrix.quarters.map((q, i) => ({ q, i }));
  if (narrow && focusQuarter !== null) columns.sort((a, b) => Number(b.q === focusQuarter) - Number(a.q === focusQuarter));
  return (
    <>
      <div class="list-tools">
        <XlsxDownload table={() => matrixDownload(matrix, t, lang)} />
      </div>
      <ScrollRegion label={t.overview.matrix}>
        <table class="matrix" data-testid="progress-matrix">
          <caption>
            <span class="caption-title">{t.overview.matrix}</span>
            <span class="caption-note">{t.attention.matrixNote}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.overview.districtCol}</th>
              {columns.map(({ q }) => (
                <th scope="col" key={q} class={q === focusQuarter ? 'focus' : undefined}>
                  {t.quarterShort(q)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => {
              const name = lang === 'en' ? row.nameEn : row.nameTh;
              return (
                <tr key={row.code}>
                  <th scope="row">
                    <Link href={`/district/${row.code}${formatQuery({ fy })}`}>{name}</Link>
                  </th>
                  {columns.map(({ i }) => {
                    const c = row.cells[i];
                    if (!c) return <td key={i} class="empty">–</td>;
                    const state = label(lang, DISTRICT_ROUND_STATE_LABELS[c.state]);
                    const quarter = t.quarterShort(c.quarter);
                    const flag = c.late ? t.overview.late : c.behindStep ? t.overview.overdueStep(c.behindStep) : null;
                    return (
                      <td key={c.roundCode} class={`cell state-${c.state}${c.quarter === focusQuarter ? ' focus' : ''}`} data-district={c.districtCode} data-round={c.roundCode} data-state={c.state}>
                        {/* The link's name is its visible text after the district and quarter (no aria-label
                            that could drift from what is shown: label-content-name-mismatch). */}
                        <Link href={`/district/${c.districtCode}${formatQuery({ fy, q: c.quarter as 1 | 2 | 3 | 4 })}`}>
                          <span class="visually-hidden">{`${name} ${quarter}: `}</span>
                          <span class="cell-state">{state}</span>
                          <span class="cell-counts">{t.attention.cellCounts(n(c.producers), n(c.products))}</span>
                          {flag && (
                            <span class={`cell-flag${c.behindStep ? ' overdue' : ''}`} title={c.lateRegistrations > 0 ? t.overview.lateRegistrations(n(c.lateRegistrations)) : undefined}>
                              ⚑ {flag}
                            </span>
                          )}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.overview.totalRow}</th>
              {columns.map(({ i }) => {
                const tot = matrix.totals[i];
                if (!tot) return <td key={i} />;
                return (
                  <td key={tot.roundCode} class={tot.quarter === focusQuarter ? 'focus' : undefined}>
                    <span class="cell-counts">{t.attention.cellCounts(n(tot.producers), n(tot.products))}</span>
                    <span class="cell-rate">{t.attention.certifiedOfTotal(n(tot.certified), n(tot.districts))}</span>
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </>
  );
}

/**
 * The matrix as a workbook: one row per district, and per quarter its state, producers,
 * products and the late mark; the total row last. Figures are numbers, so Excel can sum them.
 */
export function matrixDownload(matrix: ProgressMatrix, t: Messages, lang: Lang): TableDownload {
  const columns: TableDownload['columns'] = [{ label: t.overview.districtCol, kind: 'text' }];
  for (const q of matrix.quarters) {
    const name = t.quarterShort(q);
    columns.push({ label: t.attention.stateCol(name), kind: 'text' }, { label: t.attention.producersCol(name), kind: 'integer' }, { label: t.attention.productsCol(name), kind: 'integer' }, { label: t.attention.lateCol(name), kind: 'text' });
  }
  const rows: CellValue[][] = matrix.rows.map((row) => [
    lang === 'en' ? row.nameEn : row.nameTh,
    ...matrix.quarters.flatMap((_, i) => {
      const c = row.cells[i];
      if (!c) return [null, null, null, null];
      const flag = c.late ? t.overview.late : c.behindStep ? t.overview.overdueStep(c.behindStep) : null;
      return [label(lang, DISTRICT_ROUND_STATE_LABELS[c.state]), c.producers, c.products, flag];
    }),
  ]);
  rows.push([t.overview.totalRow, ...matrix.quarters.flatMap((_, i) => {
    const tot = matrix.totals[i];
    return tot ? [t.attention.certifiedOfTotal(String(tot.certified), String(tot.districts)), tot.producers, tot.products, null] : [null, null, null, null];
  })]);
  return { title: t.overview.matrix, columns, rows };
}
