import type { Readable } from 'node:stream';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type postgres from 'postgres';
import type { Db } from '../../db/create-db.ts';

/**
 * A dataset's rows as one SQL query. COPY takes no bind parameters, so values travel as
 * transaction-local settings: `params` are set with `set_config(…, true)` (bound), and the
 * query reads them with `exportParam()`. The SQL text itself is assembled from constant
 * fragments only — never from a value.
 */
export interface CopyQuery {
  /** `select … from … where …` (with a where clause, no order): the rows to export. */
  select: string;
  /** The unique, increasing int8 key the rows are ordered (and, on PGlite, paged) by. It must be the first column. */
  key: string;
  params: Readonly<Record<string, string>>;
}

export interface ExportSession {
  /** A small read (code lists), parameters bound, in the export's snapshot where the engine gives one. */
  rows<T>(text: string, params?: readonly (string | number)[]): Promise<T[]>;
  /** The query's rows as PostgreSQL binary COPY data, in key order, as it streams. */
  copy(query: CopyQuery): AsyncIterable<Uint8Array>;
  /** A small read of a dataset's SQL (the partitions of a dataset), its parameters set as for `copy`. */
  selectRows<T>(select: string, params: Readonly<Record<string, string>>): Promise<T[]>;
}

export interface ExportSessionOptions {
  /** PGlite: rows per keyset page. */
  pageRows?: number;
}

const SETTING_PREFIX = 'otop_export.';

/**
 * The SQL expression reading an export parameter ('' reads as NULL), cast to `type` (`bpchar`
 * for codes compared with char(n) columns, so their indexes stay usable).
 */
export function exportParam(name: string, type: 'int' | 'bigint' | 'text' | 'bpchar'): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`Bad export parameter name: ${name}`);
  return `nullif(current_setting('${SETTING_PREFIX}${name}', true), '')::${type}`;
}

function setConfigSql(names: readonly string[]): string {
  return `select ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`;
}

function setConfigValues(params: Readonly<Record<string, string>>): string[] {
  return Object.entries(params).flatMap(([name, value]) => [`${SETTING_PREFIX}${name}`, value]);
}

/**
 * Runs an export's reads. On PostgreSQL: one READ ONLY, REPEATABLE READ transaction (code
 * lists and rows from one snapshot) streaming `COPY (…) TO STDOUT (FORMAT binary)` — the
 * server produces rows as the client consumes them, with TCP back-pressure, so nothing is
 * materialised on either side. On PGlite (one in-process connection): keyset pages of
 * `pageRows` rows (`key > last`), each its own short transaction, so an export never blocks
 * the embedded database for long.
 */
export async function withExportSession<T>(
  db: Db,
  fn: (session: ExportSession) => Promise<T>,
  options: ExportSessionOptions = {},
): Promise<T> {
  // postgres.js's Sql is a tagged-template function, PGlite an object. (engineOf() would load
  // PGlite's module — ~35 MB resident — into a process that talks to PostgreSQL.)
  if (typeof db.$client === 'function') {
    const sql = db.$client as postgres.Sql;
    return (await sql.begin('isolation level repeatable read read only', (tx) =>
      fn(postgresSession(tx as unknown as postgres.Sql)),
    )) as T;
  }
  return fn(pgliteSession(db.$client as PGlite, options.pageRows ?? 50_000));
}

function postgresSession(tx: postgres.Sql): ExportSession {
  return {
    async rows<T>(text: string, params: readonly (string | number)[] = []) {
      return (await tx.unsafe(text, params as (string | number)[])) as unknown as T[];
    },
    async selectRows<T>(select: string, params: Readonly<Record<string, string>>) {
      const values = setConfigValues(params);
      if (values.length > 0) await tx.unsafe(setConfigSql(Object.keys(params)), values);
      return (await tx.unsafe(select)) as unknown as T[];
    },
    async *copy(query) {
      const values = setConfigValues(query.params);
      if (values.length > 0) await tx.unsafe(setConfigSql(Object.keys(query.params)), values);
      const pending = tx.unsafe(`copy (${query.select} order by ${query.key}) to stdout (format binary)`);
      const stream = (await pending.readable()) as Readable;
      let finished = false;
      try {
        // destroyOnReturn: false — a destroyed stream would stop postgres.js reading the socket
        // (see below); on an early exit we cancel and drain instead.
        for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Uint8Array;
        finished = true;
      } finally {
        if (!finished) {
          const settled = new Promise<void>((resolve) => {
            stream.once('end', resolve).once('close', resolve).once('error', () => resolve());
          });
          stream.on('error', () => {}); // the cancellation arrives as an error on the stream
          pending.cancel();
          stream.resume();
          if (!stream.readableEnded && !stream.destroyed) await settled;
        }
        // postgres.js pauses the socket when a COPY chunk finds the stream's buffer full and
        // resumes it only from the stream's _read(); after the last chunk nothing reads, and the
        // connection would wait forever for the end of the COPY (porsager/postgres#917). A stream
        // failed by a lost connection has no socket left to resume (it would throw a TypeError
        // in place of the connection's error).
        if (!stream.errored) stream._read(0);
      }
    },
  };
}

function pgliteSession(client: PGlite, pageRows: number): ExportSession {
  if (!Number.isInteger(pageRows) || pageRows < 1) throw new RangeError(`pageRows must be a positive integer: ${pageRows}`);
  return {
    async rows<T>(text: string, params: readonly (string | number)[] = []) {
      return (await client.query<T>(text, [...params])).rows;
    },
    async selectRows<T>(select: string, params: Readonly<Record<string, string>>) {
      return client.transaction(async (tx: Transaction) => {
        const values = setConfigValues(params);
        if (values.length > 0) await tx.query(setConfigSql(Object.keys(params)), values);
        return (await tx.query<T>(select)).rows;
      });
    },
    async *copy(query) {
      const first = `copy (${query.select} order by ${query.key} limit ${pageRows}) to '/dev/blob' (format binary)`;
      const next = `copy (${query.select} and ${query.key} > ${exportParam('after', 'bigint')} order by ${query.key} limit ${pageRows}) to '/dev/blob' (format binary)`;
      let after: bigint | null = null;
      for (;;) {
        const params: Record<string, string> = { ...query.params, ...(after === null ? {} : { after: String(after) }) };
        const page: Uint8Array = await client.transaction(async (tx: Transaction) => {
          const values = setConfigValues(params);
          if (values.length > 0) await tx.query(setConfigSql(Object.keys(params)), values);
          const result = await tx.query(after === null ? first : next);
          return new Uint8Array(await result.blob!.arrayBuffer());
        });
        const { rows, lastKey } = scanCopyPage(page);
        yield page;
        if (rows < pageRows || lastKey === null) return;
        after = lastKey;
      }
    },
  };
}

/** Rows in one complete binary COPY result and the first column (int8) of its last row. */
function scanCopyPage(page: Uint8Array): { rows: number; lastKey: bigint | null } {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  let p = 19 + view.getInt32(15);
  let rows = 0;
  let lastKey: bigint | null = null;
  while (p + 2 <= page.length) {
    const fields = view.getInt16(p);
    p += 2;
    if (fields === -1) break;
    for (let f = 0; f < fields; f++) {
      const length = view.getInt32(p);
      if (f === 0 && length === 8) lastKey = view.getBigInt64(p + 4);
      p += 4 + Math.max(length, 0);
    }
    rows++;
  }
  return { rows, lastKey };
}
