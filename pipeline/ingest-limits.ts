/**
 * Upload size the API enforces before calling the pipeline (413 problem+json). Matches the
 * default of UPLOAD_LIMIT_MB in api/config.ts.
 */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** Bounds that refuse absurd files before they cost memory or time; each breach is a file-level issue. */
export interface IngestLimits {
  /** Data rows in one file (national scale is about 210,000 product rows). */
  maxRows: number;
  /** Columns in one row. */
  maxColumns: number;
  /** Characters in one cell (an unterminated quote otherwise swallows the file). */
  maxCellChars: number;
  /** Sum of the uncompressed sizes an XLSX declares. */
  maxXlsxUncompressedBytes: number;
  /** Uncompressed / compressed size of any one XLSX part bigger than 1 MB (zip bombs run to 1000:1). */
  maxXlsxCompressionRatio: number;
  /** Parts in one XLSX. */
  maxXlsxEntries: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxRows: 1_000_000,
  maxColumns: 200,
  maxCellChars: 32_767, // Excel's own limit for one cell
  maxXlsxUncompressedBytes: 1024 * 1024 * 1024,
  maxXlsxCompressionRatio: 200,
  maxXlsxEntries: 10_000,
};
