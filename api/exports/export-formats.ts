/**
 * The file formats an export is written in: extension, media type, and how readers open it
 * (see docs/exports.md).
 */
export const EXPORT_FORMATS = {
  /** Arrow IPC stream: record batches as they are made; read front to back (pyarrow, Polars, DuckDB). */
  arrows: { extension: 'arrows', contentType: 'application/vnd.apache.arrow.stream' },
  /** Arrow IPC file (Feather v2): the stream plus a footer, so readers can map it and scan lazily. */
  arrow: { extension: 'arrow', contentType: 'application/vnd.apache.arrow.file' },
  /** Parquet (zstd), row groups of at most 64 Ki rows, Arrow schema kept in the file. */
  parquet: { extension: 'parquet', contentType: 'application/vnd.apache.parquet' },
  /** CSV, UTF-8 with a byte-order mark (so Excel reads Thai), formula-like cells neutralised. */
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
} as const satisfies Record<string, { extension: string; contentType: string }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];
