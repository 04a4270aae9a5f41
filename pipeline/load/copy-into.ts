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

// Lines are encoded into chunks of this many bytes before they go to the driver.
const POSTGRES_CHUNK_BYTES = 512 * 1024;
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
    // Lines are encoded into a byte chunk as they come: joining the strings and then encoding
    // the joined text copied every character twice (≈ 0.5 s of a national file's reading).
    let bytes = Buffer.allocUnsafeSlow(POSTGRES_CHUNK_BYTES);
    let used = 0;
    const streamReady = () =>
      (opening ??= (async () => {
        const stream = (await sqlClient.unsafe(`copy ${target} from stdin`).writable()) as Writable;
        stream.on('error', (err: Error) => {
          failure = err;
        });
        return stream;
      })());
    // Every chunk goes through one chain, so chunks reach the stream in the order they were
    // made, each after the last one drained. The chain's failure reaches whoever awaits it (the
    // writer's caller, end()); it is marked handled so an abandoned load does not crash Node.
    let tail: Promise<void> = Promise.resolve();
    const send = (chunk: Buffer): Promise<void> => {
      tail = tail.then(async () => {
        const stream = await streamReady();
        if (failure) throw failure;
        if (!stream.write(chunk)) await once(stream, 'drain');
      });
      tail.catch(() => {});
      return tail;
    };
    // A fresh chunk after each send: the stream may still hold the last one.
    const flush = (): Promise<void> | undefined => {
      if (used === 0) return undefined;
      const chunk = bytes.subarray(0, used);
      bytes = Buffer.allocUnsafeSlow(POSTGRES_CHUNK_BYTES);
      used = 0;
      return send(chunk);
    };
    const encode = (line: string): Promise<void> | undefined => {
      let sent: Promise<void> | undefined;
      // A UTF-16 unit is at most 3 bytes of UTF-8.
      if (POSTGRES_CHUNK_BYTES - used < line.length * 3) {
        sent = flush();
        if (line.length * 3 > POSTGRES_CHUNK_BYTES) return send(Buffer.from(line, 'utf8'));
      }
      used += bytes.write(line, used, 'utf8');
      return sent;
    };
    return {
      write(line) {
        // A small load waits: it may end as one INSERT, which skips the ~40 ms a COPY's last
        // message waits for the server's delayed ACK (Nagle) — it adds up over many small loads.
        if (++lines <= SMALL_LOAD_ROWS) {
          buffer.push(line);
          return undefined;
        }
        let sent: Promise<void> | undefined;
        if (buffer.length > 0) {
          for (const held of buffer) sent = encode(held) ?? sent;
          buffer = [];
        }
        return encode(line) ?? sent;
      },
      async end() {
        if (lines <= SMALL_LOAD_ROWS) {
          if (buffer.length > 0) await insertLines(sqlClient, target, columns.length, buffer);
          buffer = [];
          return;
        }
        flush();
        await tail;
        const stream = await streamReady();
        if (failure) throw failure;
        const done = once(stream, 'finish');
        stream.end();
        await done;
        if (failure) throw failure;
      },
      abort(err) {
        buffer = [];
        used = 0;
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
