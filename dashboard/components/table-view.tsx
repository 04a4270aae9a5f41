import { useApp } from '../app-context.ts';
import { ScrollRegion } from './scroll-region.tsx';
import { cellText, isNumeric, type SortState, type TableColumn } from './table-columns.ts';

/**
 * The table itself, in its scroll region: headers from the columns (sort buttons where a
 * column sorts), one row per item, numbers right-aligned. No loading or error states and no
 * download (DataTable adds those), so the problem message's issue table can use it without a
 * dependency cycle.
 */
export function TableView<T>(props: {
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  caption: string;
  showCaption?: boolean;
  testId?: string;
  tableClass?: string;
  rowProps?: (row: T) => Record<string, string | undefined>;
  sort?: SortState | null;
  onSort?: (column: TableColumn<T>) => void;
}) {
  const { locale } = useApp();
  const { columns, rows, caption, sort } = props;
  return (
    <ScrollRegion label={caption}>
      <table class={props.tableClass ?? 'data'} data-testid={props.testId}>
        <caption class={props.showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={isNumeric(c.kind) || c.className?.split(' ').includes('num') ? 'num' : undefined}
                aria-sort={c.sortable && sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
              >
                {c.hiddenLabel ? (
                  <span class="visually-hidden">{c.label}</span>
                ) : c.sortable ? (
                  <button type="button" class="sort-button" data-sort={c.key} onClick={() => props.onSort?.(c)}>
                    {c.label}
                    <span aria-hidden="true">{sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={props.rowKey(r, i)} {...(props.rowProps?.(r) ?? {})}>
              {columns.map((c) => {
                const content = c.cell ? c.cell(r) : cellText(c.kind, c.value(r), locale);
                const cls = [isNumeric(c.kind) ? 'num' : '', c.className ?? '', c.cellClass?.(r) ?? ''].join(' ').trim() || undefined;
                return c.rowHeader ? (
                  <th key={c.key} scope="row" class={cls}>
                    {content}
                  </th>
                ) : (
                  <td key={c.key} class={cls}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
