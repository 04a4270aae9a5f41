import { sql } from 'drizzle-orm';
import type { Engine } from '../../db/create-db.ts';
import { copyInto, type LoadTx } from './copy-into.ts';
import { NOTES_TABLE, STAGE_COLUMNS, STAGE_TABLE } from './registration-upsert.ts';

/** Accepted product rows per chunk: a national file (≈ 210,000 rows) goes in ≈ 8 chunks. */
export const DEFAULT_CHUNK_ROWS = 25_000;

/** Applies the chunk now in the stage (its producers and product rows) to the tables. */
export type ApplyChunk = (acceptedRows: number) => Promise<void>;

/**
 * Where FileStager's lines go: producer and product lines into chunks, applied to the tables
 * one after another while Node reads and validates the next chunk; issues and rejected rows
 * into the notes table, kept for the end of the load.
 *
 * One connection runs one statement at a time, and the load is one transaction on it, so the
 * overlap is between this process's CPU (parsing, validating, building lines) and the server's
 * (COPY of the previous chunk, its upsert and triggers): the chunk's statements are started and
 * not awaited while the next chunk is built in memory. At most one chunk waits behind the one
 * being applied (memory stays bounded: a chunk's lines are ≈ 8 MB).
 *
 * All-or-nothing is the transaction's: an error stops the chain and propagates, and a file
 * refused midway (a lying file) is undone by the caller with a savepoint taken before reading.
 * Cross-row checks are decided in file order before a row is staged (the later occurrence of
 * a duplicate is the one refused), so no later row changes an applied chunk.
 */
// Lines are joined into blocks of about this many characters as they come: a line built by
// concatenation is a rope of slices that keeps the parser's whole input text alive, and a chunk
// of 25,000 such lines held 600 MB more than its text (peak RSS 835 MB on a national file).
const BLOCK_CHARS = 256 * 1024;

/** Lines flattened into blocks as they are added. */
class LineBlocks {
  blocks: string[] = [];
  private pending: string[] = [];
  private chars = 0;

  add(line: string): void {
    this.pending.push(line);
    this.chars += line.length;
    if (this.chars >= BLOCK_CHARS) this.flatten();
  }

  get empty(): boolean {
    return this.blocks.length === 0 && this.pending.length === 0;
  }

  take(): string[] {
    this.flatten();
    const blocks = this.blocks;
    this.blocks = [];
    return blocks;
  }

  private flatten(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.chars = 0;
  }
}

export class ChunkedStage {
  private rows = new LineBlocks();
  private accepted = 0;
  private notes = new LineBlocks();
  private chunks = 0;
  private server: Promise<void> = Promise.resolve();
  /** Completion of each chunk still queued or running, oldest first. */
  private inFlight: Array<Promise<void>> = [];
  private failure: { error: unknown } | null = null;
  private stopped = false;
  /** Milliseconds the server spent on chunks (COPY + apply), for the benchmark's breakdown. */
  serverMs = 0;

  constructor(
    private readonly tx: LoadTx,
    private readonly engine: Engine,
    private readonly apply: ApplyChunk,
    options: { chunkRows?: number | undefined; onReadEnd?: (() => void) | undefined } = {},
  ) {
    this.chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    this.onReadEnd = options.onReadEnd;
  }

  private readonly chunkRows: number;
  private readonly onReadEnd: (() => void) | undefined;

  /** A producer line (staged with its first product row, always in the same chunk). */
  producer(line: string): void {
    this.rows.add(line);
  }

  /** An accepted product row; may hand the chunk to the server and wait when two are queued. */
  product(line: string): Promise<void> | null {
    this.rows.add(line);
    this.accepted++;
    return this.accepted >= this.chunkRows ? this.dispatch() : null;
  }

  /** An issue or a rejected row: kept in the notes table, with the chunk. */
  note(line: string): void {
    this.notes.add(line);
  }

  /** Sends what is left and waits until every chunk is applied; rethrows a chunk's error. */
  async end(): Promise<void> {
    this.onReadEnd?.();
    if (!this.failure && (!this.rows.empty || !this.notes.empty)) this.dispatch()?.catch(() => undefined);
    await this.settle();
    if (this.failure) throw this.failure.error;
  }

  /** Stops: nothing more is sent, and the statement running finishes before the caller goes on (a rollback must not overtake it). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.rows = new LineBlocks();
    this.notes = new LineBlocks();
    await this.settle();
  }

  get chunkCount(): number {
    return this.chunks;
  }

  private async settle(): Promise<void> {
    await this.server.catch(() => undefined);
  }

  private dispatch(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure.error as Error);
    const rows = this.rows.take();
    const notes = this.notes.take();
    const accepted = this.accepted;
    this.accepted = 0;
    const first = this.chunks === 0;
    this.chunks++;
    const run = async () => {
      if (this.stopped || this.failure) return;
      const started = performance.now();
      if (notes.length > 0) await this.copy(NOTES_TABLE, notes);
      if (rows.length > 0) {
        if (!first) await this.tx.execute(sql.raw(`truncate ${STAGE_TABLE}`));
        await this.copy(STAGE_TABLE, rows);
        if (this.stopped) return;
        await this.apply(accepted);
      }
      this.serverMs += performance.now() - started;
    };
    const done = this.server.then(run).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.server = done;
    this.inFlight.push(done);
    // Back-pressure: one chunk applied, one waiting; the reader waits for the oldest.
    if (this.inFlight.length > 2) {
      const oldest = this.inFlight.shift()!;
      return oldest.then(() => {
        if (this.failure) throw this.failure.error;
      });
    }
    return null;
  }

  private async copy(table: string, blocks: readonly string[]): Promise<void> {
    const writer = await copyInto(this.tx, this.engine, table, STAGE_COLUMNS);
    for (const block of blocks) {
      const w = writer.write(block);
      if (w) await w;
    }
    await writer.end();
  }
}
