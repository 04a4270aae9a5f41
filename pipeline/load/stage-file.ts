import { makeIssue, type Issue } from '../../domain/issue-codes.ts';
import type { HeaderMapping } from '../map-headers.ts';
import { CrossRowChecks, type CrossRowRules } from '../cross-row-checks.ts';
import { FileRefusal } from '../read/file-refusal.ts';
import type { RecordSource } from '../read/open-records.ts';
import type { SourceRecord } from '../read/source-record.ts';
import { RowValidator, type RowRules } from '../validate-row.ts';
import { HeaderRowFinder, type FoundHeader } from './header-row.ts';
import type { HeaderOptions } from '../map-headers.ts';
import { issueLine, producerLine, productLine, rejectedLine } from './stage-line.ts';

/** What reading, validating and staging a file came to. */
export interface StagedFile {
  /** The file is refused as a whole: these are its issues, and nothing staged counts. */
  refusal: Issue[] | null;
  mapping: HeaderMapping | null;
  validator: RowValidator | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  warnings: number;
  stagedIssues: number;
  issueCounts: Record<string, number>;
}

/** Where staged lines go (ChunkedStage): producers and products by chunk, issues and rejected rows as notes. */
export interface StageSink {
  producer(line: string): void;
  /** May return a promise when the reader must wait (back-pressure). */
  product(line: string): Promise<void> | null;
  note(line: string): void;
  /** Everything sent and applied; rethrows a failure. */
  end(): Promise<void>;
  /** Nothing more sent; resolves once the statement running is done. */
  stop(): Promise<void>;
}

/**
 * Streams a file's records into the stage (StageSink): finds the header row,
 * validates each row on its own (RowValidator) and against the rows before it (CrossRowChecks),
 * and stages producers, accepted rows, rejected rows and issues. A row is processed
 * synchronously and returns a promise only when the writer is flushing: an await per row would
 * cost a microtask turn each, three hundred thousand times.
 */
export class FileStager {
  private seq = 0;
  private waiting: Promise<void> | null = null;
  private readonly header: HeaderRowFinder;
  private checks: CrossRowChecks | null = null;
  private onValidator: ((v: RowValidator) => void) | undefined;
  readonly result: StagedFile = {
    refusal: null, mapping: null, validator: null, rowsRead: 0, accepted: 0, rejected: 0, warnings: 0, stagedIssues: 0, issueCounts: {},
  };

  constructor(
    private readonly sink: StageSink,
    private readonly rowRules: RowRules,
    private readonly crossRowRules: CrossRowRules,
    headers: HeaderOptions = {},
  ) {
    this.header = new HeaderRowFinder(headers);
  }

  /** Stages an issue of the file as a whole (no row). */
  async fileIssue(issue: Issue): Promise<void> {
    this.waiting = null;
    this.stageIssue(issue);
    await this.waiting;
  }

  /** Reads every record (or up to a refusal), then ends the COPY. Errors other than a file refusal propagate, the COPY aborted. */
  async read(records: RecordSource, onRows?: (rowsRead: number) => void, onValidator?: (v: RowValidator) => void): Promise<StagedFile> {
    this.onValidator = onValidator;
    const result = this.result;
    try {
      outer: for await (const batch of records.batches) {
        for (const record of batch) {
          if (result.refusal) break outer;
          const w = result.validator ? this.row(record) : await this.beforeHeader(record);
          if (w) await w;
        }
        onRows?.(result.rowsRead);
      }
      if (!result.validator && !result.refusal) {
        const found = this.header.end();
        if (found) await this.start(found);
        else result.refusal = [makeIssue('empty-file')];
      }
    } catch (err) {
      if (!(err instanceof FileRefusal)) {
        await this.sink.stop();
        throw err;
      }
      result.refusal = [err.issue];
    }
    // A refused file loads nothing: the caller undoes what chunks were applied.
    if (result.refusal) await this.sink.stop();
    else await this.sink.end();
    return result;
  }

  private async beforeHeader(record: SourceRecord): Promise<null> {
    const found = this.header.offer(record);
    if (found) await this.start(found);
    return null;
  }

  private async start(found: FoundHeader): Promise<void> {
    const result = this.result;
    result.mapping = found.mapping;
    if (found.issues.length > 0) {
      result.refusal = found.issues;
      return;
    }
    result.validator = new RowValidator(this.rowRules, found.mapping);
    this.onValidator?.(result.validator);
    this.checks = new CrossRowChecks(this.crossRowRules, result.validator);
    for (const r of found.rest) await this.row(r);
  }

  private stageProduct(line: string): void {
    const w = this.sink.product(line);
    if (w) this.waiting = this.waiting ? this.waiting.then(() => w) : w;
  }

  private stageIssue(issue: Issue): void {
    const result = this.result;
    result.stagedIssues++;
    result.issueCounts[issue.code] = (result.issueCounts[issue.code] ?? 0) + 1;
    if (issue.severity === 'warning') result.warnings++;
    this.sink.note(issueLine(this.seq++, issue));
  }

  private row(record: SourceRecord): Promise<void> | null {
    this.waiting = null;
    const result = this.result;
    const validator = result.validator!;
    const validated = validator.validate(record);
    if (validated.blank) return null;
    result.rowsRead++;
    const v = validated.values;
    const verdict = v ? this.checks!.check(record, v) : null;
    if (v && verdict!.accept) {
      result.accepted++;
      if (verdict!.firstOfProducer) this.sink.producer(producerLine(this.seq++, record.row, v));
      this.stageProduct(productLine(this.seq++, record.row, v, validator.has('standards')));
    } else {
      result.rejected++;
      this.sink.note(rejectedLine(this.seq++, record.row, record.cells));
    }
    for (const i of validated.issues) this.stageIssue(i);
    if (verdict) for (const i of verdict.issues) this.stageIssue(i);
    return this.waiting;
  }
}
