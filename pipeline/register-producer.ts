import { createHash } from 'node:crypto';
import type { Db } from '../db/create-db.ts';
import { REGISTRATION_COLUMNS, type ColumnKey } from '../domain/columns.ts';
import { submitRecords } from './load/submit-records.ts';
import type { RecordSource } from './read/open-records.ts';
import type { SourceRecord } from './read/source-record.ts';
import { submissionReport, type SubmissionReport } from './submission-report.ts';
import type { Uploader } from './uploader.ts';

export interface RegisterProducerInput {
  /** The producer's fields (and, without `rows`, its one product), keyed by canonical column key. */
  fields: Record<string, string>;
  /**
   * One entry per product (product_name, category, standards, stars, …), each merged over
   * `fields`: a producer with three products sends three rows. Omit for a single product.
   */
  rows?: Array<Record<string, string>>;
  districtCode: string;
  roundCode: string;
  dryRun: boolean;
  user: Uploader;
  now?: Date;
}

/** Form rows as a record source: header row 0 of canonical keys, products numbered from 1. */
export function formRecords(rows: ReadonlyArray<Record<string, string>>): { source: RecordSource; canonical: string } {
  const keys: ColumnKey[] = REGISTRATION_COLUMNS.map((c) => c.key).filter((k) => rows.some((r) => r[k] !== undefined));
  const records: SourceRecord[] = [
    { row: 0, cells: [...keys] },
    ...rows.map((r, i) => ({ row: i + 1, cells: keys.map((k) => String(r[k] ?? '')) })),
  ];
  return {
    source: {
      info: { format: 'form', encoding: null, delimiter: null, sheet: null },
      batches: (async function* batches() {
        yield records;
      })(),
    },
    canonical: JSON.stringify(records),
  };
}

/**
 * The dashboard's single-registration form: one producer and its products, through the same
 * normalise → validate → load path as a file (submission kind 'form'). Unknown keys in
 * `fields` are ignored; issues name the canonical keys as columns, products as rows 1…n.
 */
export async function registerProducer(db: Db, input: RegisterProducerInput): Promise<SubmissionReport> {
  const merged = (input.rows && input.rows.length > 0 ? input.rows : [{}]).map((r) => ({ ...input.fields, ...r }));
  const { source, canonical } = formRecords(merged);
  const identity = JSON.stringify({ district: input.districtCode, round: input.roundCode, rows: canonical });
  const id = await submitRecords(db, {
    kind: 'form',
    fileName: null,
    sha256: createHash('sha256').update(identity).digest('hex'),
    sizeBytes: Buffer.byteLength(canonical),
    scopeCode: input.districtCode,
    roundCode: input.roundCode,
    dryRun: input.dryRun,
    user: input.user,
    now: input.now,
    open: async () => source,
  });
  const report = await submissionReport(db, id);
  if (!report) throw new Error(`submission ${id} vanished`);
  return report;
}
