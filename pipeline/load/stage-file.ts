import { makeIssue, type Issue } from '../../domain/issue-codes.ts';
import type { HeaderMapping } from '../map-headers.ts';
import { CrossRowChecks, type CrossRowRules } from '../cross-row-checks.ts';
import { FileRefusal } from '../read/file-refusal.ts';
import type { RecordSource } from '../read/open-records.ts';
import type { SourceRecord } from '../read/source-record.ts';
import { RowValidator, type RowRules } from '../validate-row.ts';
import type { CopyWriter } from './copy-into.ts';
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

/**
 * Streams a file's records into the stage through one COPY writer: finds the header row,
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
  readonly result: StagedFile = {
    refusal: null, mapping: null, validator: null, rowsRead: 0, accepted: 0, rejected: 0, warnings: 0, stagedIssues: 0, issueCounts: {},
  };

  constructor(
    private readonly writer: CopyWriter,
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
  async read(records: RecordSource, onRows?: (rowsRead: number) => void): Promise<StagedFile> {
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
        this.writer.abort?.(err as Error);
        throw err;
      }
      result.refusal = [err.issue];
    }
    await this.writer.end();
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
    this.checks = new CrossRowChecks(this.crossRowRules, result.validator);
    for (const r of found.rest) await this.row(r);
  }

  private stage(line: string): void {
    const w = this.writer.write(line);
    if (w) this.waiting = this.waiting ? this.waiting.then(() => w) : w;
  }

  private stageIssue(issue: Issue): void {
    const result = this.result;
    result.stagedIssues++;
    result.issueCounts[issue.code] = (result.issueCounts[issue.code] ?? 0) + 1;
    if (issue.severity === 'warning') result.warnings++;
    this.stage(issueLine(this.seq++, issue));
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
      if (verdict!.firstOfProducer) this.stage(producerLine(this.seq++, record.row, v));
      this.stage(productLine(this.seq++, record.row, v, validator.has('standards')));
    } else {
      result.rejected++;
      this.stage(rejectedLine(this.seq++, record.row, record.cells));
    }
    for (const i of validated.issues) this.stageIssue(i);
    if (verdict) for (const i of verdict.issues) this.stageIssue(i);
    return this.waiting;
  }
}
