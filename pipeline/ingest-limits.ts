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
  /** Sum of the uncompressed sizes an XLSX declares (checked before anything is inflated). */
  maxXlsxUncompressedBytes: number;
  /**
   * Uncompressed / compressed size of any one XLSX part bigger than 1 MB (zip bombs run to
   * 1000:1): checked on the declared sizes, and again on the bytes as they really inflate.
   */
  maxXlsxCompressionRatio: number;
  /** Parts in one XLSX. */
  maxXlsxEntries: number;
  /** Bytes one XLSX part may really inflate to, whatever its headers declare. */
  maxXlsxPartInflatedBytes: number;
  /** Bytes all the XLSX parts read may really inflate to together, whatever their headers declare. */
  maxXlsxInflatedBytes: number;
  /**
   * Characters in all the cells of one XLSX together, as the pipeline reads them (a shared
   * string counts each time a cell uses it). Every character is normalised, validated and
   * staged, so this bounds the time and memory a file under the ratio limit can cost.
   */
  maxXlsxCellTextChars: number;
  /** Entries in an XLSX's shared-string table (every distinct text of the workbook). */
  maxXlsxSharedStrings: number;
  /** Characters in an XLSX's shared-string table, all entries together. */
  maxXlsxSharedStringChars: number;
  /**
   * Bytes taken from an input that is not a regular file (a pipe, a FIFO, a device, stdin):
   * it has no size to check first and may never end, so it is read into memory up to this
   * bound and refused past it. The upload limit by default, as the API would refuse it.
   */
  maxStreamedInputBytes: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxRows: 1_000_000,
  maxColumns: 200,
  maxCellChars: 32_767, // Excel's own limit for one cell
  maxXlsxUncompressedBytes: 1024 * 1024 * 1024,
  maxXlsxCompressionRatio: 200,
  maxXlsxEntries: 10_000,
  // A generated sheet of 100,000 rows inflates to 57 MB of XML (shared strings), so a national
  // one (210,000 rows) to about 120 MB, or some 380 MB with every text inline. This bound also
  // caps the XML a file under the ratio limit can make the reader parse (about 10 s of it).
  maxXlsxPartInflatedBytes: 512 * 1024 * 1024,
  maxXlsxInflatedBytes: 1024 * 1024 * 1024,
  // A national file (about 210,000 rows) holds about 32 million characters of cell text (a
  // generated one: 6.25 million for 41,586 rows). Before this bound an 8 MB file at 75:1 (under
  // the ratio limit) made the pipeline read 17,500 rows of 30,000-character cells — 525 million
  // characters, 7–13 s and 330 MB of RSS — before the part-size limit stopped it; now it stops
  // after 2,237 rows, in 2–4 s.
  maxXlsxCellTextChars: 64 * 1024 * 1024,
  // A generated file of 100,000 rows has 110,600 distinct texts; even a national file (210,000
  // rows) with six unique text cells a row stays under 1.3 million. Stored compactly, 2 million
  // cost about 24 MB plus their text, and reading them takes a couple of seconds.
  maxXlsxSharedStrings: 2_000_000,
  maxXlsxSharedStringChars: 64 * 1024 * 1024,
  maxStreamedInputBytes: DEFAULT_UPLOAD_LIMIT_BYTES,
};
