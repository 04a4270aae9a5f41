import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.ts';
import { useApp } from '../app-context.ts';
import { Pager } from './pager.tsx';
import { Empty, ErrorState, Loading } from './status.tsx';
import { emptyMessage, nextSort, sortRows, tableDownload, type SortState, type TableColumn } from './table-columns.ts';
import { TableView } from './table-view.tsx';
import { XlsxDownload } from './xlsx-download.tsx';

/** Where a list's rows come from: null rows while loading; an error replaces the table (no HTTP numbers). */
export interface ListState<T> {
  rows: readonly T[] | null;
  error: ApiError | null;
  reload?: () => void;
}

export interface DataTableProps<T> {
  columns: readonly TableColumn<T>[];
  state: ListState<T>;
  rowKey: (row: T, index: number) => string;
  /** The table's name: its caption (visually hidden unless `showCaption`), scroll region and download title. */
  caption: string;
  showCaption?: boolean;
  testId?: string;
  tableClass?: string;
  /** A search or filter narrowed the list: an empty answer says "no match", not "no data yet". */
  filtered?: boolean;
  /** What an empty list says instead of the usual words (a panel's own "nothing to do"). */
  emptyText?: string;
  /** A server-paged list: the page (in the URL) and the total. */
  pager?: { page: number; pageSize: number; total: number };
  /** First sort of a client-side sortable table. */
  initialSort?: SortState;
  /**
   * The Excel download: 'rows' posts the rows on screen (a computed table); a string is the
   * server route of a paged list (every page, same filters); false for none.
   */
  download?: 'rows' | string | false;
  /** Tools beside the download button (search, filters, sort select). */
  tools?: ComponentChildren;
  rowProps?: (row: T) => Record<string, string | undefined>;
  /** Shown under the table (a detail opened from a row). */
  children?: ComponentChildren;
}

/**
 * The one list view: loading, error, empty (nothing yet vs. no match), the table in its own
 * scroll region, the pager, and an Excel download of the same columns. Columns are declared
 * once (TableColumn) for the screen, the sort and the workbook.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t, lang } = useApp();
  const { columns, state, caption } = props;
  const [sort, setSort] = useState<SortState | null>(props.initialSort ?? null);
  const rows = useMemo(() => (state.rows ? sortRows(state.rows, columns, sort, lang) : null), [state.rows, columns, sort, lang]);
  const download = props.download ?? 'rows';
  const button =
    download === 'rows' ? rows && rows.length > 0 ? <XlsxDownload table={() => tableDownload(caption, columns, rows)} /> : null : download ? <XlsxDownload href={download} /> : null;
  const tools =
    props.tools || button ? (
      <div class="list-tools">
        {props.tools}
        {button}
      </div>
    ) : null;

  let body: ComponentChildren;
  if (state.error) body = <ErrorState error={state.error} onRetry={state.reload} />;
  else if (!rows) body = <Loading />;
  else if (rows.length === 0) body = props.emptyText ? <p class="muted">{props.emptyText}</p> : <Empty>{emptyMessage(!!props.filtered, t)}</Empty>;
  else
    body = (
      <>
        <TableView columns={columns} rows={rows} rowKey={props.rowKey} caption={caption} showCaption={props.showCaption} testId={props.testId} tableClass={props.tableClass} rowProps={props.rowProps} sort={sort} onSort={(c) => setSort((s) => nextSort(s, c))} />
        {props.pager && <Pager page={props.pager.page} pageSize={props.pager.pageSize} total={props.pager.total} />}
      </>
    );
  return (
    <div class="data-table">
      {tools}
      {body}
      {props.children}
    </div>
  );
}
