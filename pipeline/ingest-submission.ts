import type { Db } from '../db/create-db.ts';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest-limits.ts';
import type { LoadPhase } from './load/run-load.ts';
import { submitRecords } from './load/submit-records.ts';
import type { IngestSource } from './read/ingest-source.ts';
import { openRecords } from './read/open-records.ts';
import { sniffSource } from './read/sniff-source.ts';
import type { UnstoredValues } from './load/run-load.ts';
import { submissionReport, withUnstoredValues, type SubmissionReport } from './submission-report.ts';
import type { Uploader } from './uploader.ts';
import type { HeaderReport } from './map-headers.ts';
import type { HeaderChoices } from './load/remembered-header-choices.ts';

export { DEFAULT_UPLOAD_LIMIT_BYTES } from './ingest-limits.ts';
export type { IngestSource } from './read/ingest-source.ts';
export type { Uploader } from './uploader.ts';
export type { SubmissionReport } from './submission-report.ts';

export interface IngestProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | null;
}

export interface IngestInput {
  source: IngestSource;
  fileName: string;
  /**
   * The district the file is for ('3801'). A province officer or the department may also load
   * a whole province ('38') or, for the department, the whole country ('all'): each row's
   * district then comes from its subdistrict.
   */
  districtCode: string;
  roundCode: string;
  dryRun: boolean;
  user: Uploader;
  /** XLSX: the worksheet to read (default: the first). */
  sheetName?: string;
  /** The clock: when the upload is judged late, and the timestamp of what it writes. */
  now?: Date;
  onProgress?: (p: IngestProgress) => void;
  /** Tighter or looser bounds than DEFAULT_INGEST_LIMITS (tests, trusted national loads). */
  limits?: Partial<IngestLimits>;
  /** Called as each load phase ends (benchmarks). */
  onPhase?: (phase: LoadPhase) => void;
  /**
   * The uploader's mapping of the file's titles: title → column key, or null to leave the column
   * out (see resolveColumnChoice). Applied over the district's remembered mapping, and
   * remembered for the district's next file with the same header row once a load takes rows.
   */
  mapping?: HeaderChoices;
}

/**
 * The one door for registration files: sniff (SHA-256, format, encoding) → checks (round,
 * scope, duplicate file) → read (CSV or XLSX, streamed) → normalise → validate → load in one
 * transaction, or only report on a dry run (which stores its report but no cell of the file:
 * the values it found are in the answer only). Always answers with the stored report; a file
 * refused as a whole is a report with status 'rejected' and file-level issues (row null).
 * The upload size limit is the caller's (DEFAULT_UPLOAD_LIMIT_BYTES).
 */
export async function ingestSubmission(db: Db, input: IngestInput): Promise<SubmissionReport> {
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...input.limits };
  const sniff = await sniffSource(input.source);
  let bytesRead = 0;
  let rowsRead = 0;
  let unstored: UnstoredValues | null = null;
  let headers: HeaderReport | null = null;
  const progress = () => input.onProgress?.({ rowsRead, bytesRead, totalBytes: sniff.sizeBytes });
  const id = await submitRecords(db, {
    kind: 'file',
    fileName: input.fileName,
    sheetName: input.sheetName,
    sha256: sniff.sha256,
    sizeBytes: sniff.sizeBytes,
    scopeCode: input.districtCode,
    roundCode: input.roundCode,
    dryRun: input.dryRun,
    user: input.user,
    now: input.now,
    open: () =>
      openRecords(input.source, sniff, {
        sheetName: input.sheetName,
        limits,
        onBytes: (n) => {
          bytesRead += n;
        },
      }),
    onRows: (n) => {
      rowsRead = n;
      progress();
    },
    onPhase: input.onPhase,
    onUnstored: (values) => {
      unstored = values;
    },
    headerChoices: input.mapping,
    onHeaders: (report) => {
      headers = report;
    },
  });
  const report = await submissionReport(db, id);
  if (!report) throw new Error(`submission ${id} vanished`);
  // A dry run stores no cell of the file; its caller still sees the values it found.
  if (report.status === 'failed') return report;
  // A dry run's header step with its sample values (the mapping screen shows them; never
  // stored). A load answers with its stored report, as GET /api/submissions/:id reads it back.
  const withHeaders = report.dryRun && headers && report.headerMapping ? { ...report, headerMapping: headers } : report;
  return withUnstoredValues(withHeaders, unstored);
}
