import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type postgres from 'postgres';
import type { Db, Engine } from '../../db/create-db.ts';

/** A drizzle transaction, as `db.transaction` hands it to its callback. */
export type LoadTx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Receives COPY text-format lines (each ending in '\n') for one table. */
export interface CopyWriter {
  write(line: string): Promise<void> | void;
  end(): Promise<void>;
  /** Abandons the COPY after a failure, so the transaction can roll back. */
  abort?(err: Error): void;
}

// Lines are joined into chunks of about this many characters before they go to the driver.
const POSTGRES_CHUNK_CHARS = 256 * 1024;
// Up to this many rows, a load on PostgreSQL is sent as one INSERT rather than a COPY.
const SMALL_LOAD_ROWS = 500;
// PGlite reads COPY data from one in-memory blob per statement: bounded batches keep memory flat.
// Each COPY runs in the process's own thread (WASM) and stalls it until done: at 8 MB a batch
// of long cells held /api/health and every other request up for 670 ms; at 1 MB for under 100.
const PGLITE_BATCH_CHARS = 1024 * 1024;

/**
 * The driver's own transaction client behind a drizzle transaction: COPY needs the connection
 * the transaction runs on. drizzle keeps it as `session.client` on both engines; this is the one
 * place that relies on that, and it fails loudly if a drizzle upgrade moves it.
 */
function rawClient(tx: LoadTx, engine: Engine): postgres.Sql | Transaction | PGlite {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as Record<string, unknown> | undefined;
  const ok = engine === 'postgres' ? typeof client?.unsafe === 'function' : typeof client?.query === 'function';
  if (!ok) throw new Error('Cannot reach the transaction connection for COPY (drizzle internals changed?)');
  return client as unknown as postgres.Sql | Transaction | PGlite;
}

// Reads COPY text-format lines back into values (the small-load INSERT path only).
function unescapeField(f: string): string | null {
  if (f === '\\N') return null;
  return f.includes('\\') ? f.replace(/\\([\\tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : f;
}

async function insertLines(client: postgres.Sql, target: string, width: number, lines: readonly string[]): Promise<void> {
  const rows = lines.join('').split('\n').filter((l) => l !== '');
  const params: Array<string | null> = [];
  const tuples = rows.map((line) => {
    const fields = line.split('\t');
    if (fields.length !== width) throw new Error(`staged line has ${fields.length} fields, expected ${width}`);
    const start = params.length;
    for (const f of fields) params.push(unescapeField(f));
    return `(${fields.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  // Parameters take the types of the target columns (text[] from its literal, numbers from text).
  await client.unsafe(`insert into ${target} values ${tuples.join(', ')}`, params);
}

/** Escapes a value for COPY's text format; null is \N. */
export function copyValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'number' ? String(v) : v;
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** A text[] literal ('{"a","b"}') escaped for COPY's text format. */
export function copyArray(values: readonly string[] | null | undefined): string {
  if (values === null || values === undefined) return '\\N';
  return copyValue(`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

/**
 * Bulk load into a table of the open transaction: postgres.js streams one COPY FROM STDIN
 * (with back-pressure); PGlite runs COPY FROM '/dev/blob' on bounded batches. `table` and
 * `columns` are identifiers from our own code, never user input.
 */
export async function copyInto(tx: LoadTx, engine: Engine, table: string, columns: readonly string[]): Promise<CopyWriter> {
  const client = rawClient(tx, engine);
  const target = `${table} (${columns.map((c) => `"${c}"`).join(', ')})`;
  let buffer: string[] = [];
  let size = 0;

  if (engine === 'postgres') {
    const sqlClient = client as postgres.Sql;
    let failure: Error | null = null;
    let opening: Promise<Writable> | null = null;
    let lines = 0;
    const streamReady = () =>
      (opening ??= (async () => {
        const stream = (await sqlClient.unsafe(`copy ${target} from stdin`).writable()) as Writable;
        stream.on('error', (err: Error) => {
          failure = err;
        });
        return stream;
      })());
    // Takes the buffered lines at once, so flushes started back to back write in order.
    const flush = async () => {
      if (buffer.length === 0) return;
      const chunk = buffer.join('');
      buffer = [];
      size = 0;
      const stream = await streamReady();
      if (failure) throw failure;
      if (!stream.write(chunk)) await once(stream, 'drain');
    };
    return {
      write(line) {
        buffer.push(line);
        size += line.length;
        lines++;
        // A small load waits: it may end as one INSERT, which skips the ~40 ms a COPY's last
        // message waits for the server's delayed ACK (Nagle) — it adds up over many small loads.
        if (size >= POSTGRES_CHUNK_CHARS || (opening === null && lines > SMALL_LOAD_ROWS)) return flush();
      },
      async end() {
        if (opening === null && lines <= SMALL_LOAD_ROWS) {
          if (buffer.length > 0) await insertLines(sqlClient, target, columns.length, buffer);
          buffer = [];
          return;
        }
        await flush();
        const stream = await streamReady();
        if (failure) throw failure;
        const done = once(stream, 'finish');
        stream.end();
        await done;
        if (failure) throw failure;
      },
      abort(err) {
        buffer = [];
        void opening?.then((stream) => stream.destroy(err));
      },
    };
  }

  const pg = client as Transaction;
  const flush = async () => {
    if (buffer.length === 0) return;
    const blob = new Blob(buffer);
    buffer = [];
    size = 0;
    await pg.query(`copy ${target} from '/dev/blob'`, [], { blob });
  };
  return {
    write(line) {
      buffer.push(line);
      size += line.length;
      if (size >= PGLITE_BATCH_CHARS) return flush();
    },
    end: flush,
  };
}
