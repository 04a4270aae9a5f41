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
  /**
   * Sort columns before `key` (a partitioned export reads its rows grouped by partition): each an
   * expression of the select list, its position there and its wire type, so that PGlite's keyset
   * pages can continue after the last row's values.
   */
  orderBy?: readonly CopyOrder[];
  params: Readonly<Record<string, string>>;
}

export interface CopyOrder {
  /** The expression as in the select list, e.g. `(pr.fiscal_year)::int2`. */
  sql: string;
  /** Its position among the selected columns. */
  field: number;
  type: 'int2' | 'text';
}

export interface ExportSession {
  /** A small read (code lists), parameters bound, in the export's snapshot where the engine gives one. */
  rows<T>(text: string, params?: readonly (string | number)[]): Promise<T[]>;
  /** The query's rows as PostgreSQL binary COPY data, in key order, as it streams. */
  copy(query: CopyQuery): AsyncIterable<Uint8Array>;
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
export function exportParam(name: string, type: 'int' | 'int2' | 'bigint' | 'text' | 'bpchar'): string {
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
    async *copy(query) {
      const values = setConfigValues(query.params);
      if (values.length > 0) await tx.unsafe(setConfigSql(Object.keys(query.params)), values);
      const pending = tx.unsafe(`copy (${query.select} order by ${orderOf(query).join(', ')}) to stdout (format binary)`);
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
    async *copy(query) {
      // Keyset pages over the whole sort order: `(order…, key) > (the last row's values)`.
      const order = orderOf(query);
      const afterNames = [...(query.orderBy ?? []).map((_, i) => `after_${String.fromCharCode(97 + i)}`), 'after'];
      const afterTypes = [...(query.orderBy ?? []).map((o) => o.type), 'bigint' as const];
      const after = `(${order.join(', ')}) > (${afterNames.map((n, i) => exportParam(n, afterTypes[i]!)).join(', ')})`;
      const first = `copy (${query.select} order by ${order.join(', ')} limit ${pageRows}) to '/dev/blob' (format binary)`;
      const next = `copy (${query.select} and ${after} order by ${order.join(', ')} limit ${pageRows}) to '/dev/blob' (format binary)`;
      let last: string[] | null = null;
      for (;;) {
        const params: Record<string, string> = { ...query.params };
        if (last) afterNames.forEach((n, i) => (params[n] = last![i]!));
        const page: Uint8Array = await client.transaction(async (tx: Transaction) => {
          const values = setConfigValues(params);
          if (values.length > 0) await tx.query(setConfigSql(Object.keys(params)), values);
          const result = await tx.query(last === null ? first : next);
          return new Uint8Array(await result.blob!.arrayBuffer());
        });
        const { rows, lastValues } = scanCopyPage(page, query.orderBy ?? []);
        yield page;
        if (rows < pageRows || lastValues === null) return;
        last = lastValues;
      }
    },
  };
}

/** The sort expressions of a copy: the partition columns (if any), then the key. */
function orderOf(query: CopyQuery): string[] {
  return [...(query.orderBy ?? []).map((o) => o.sql), query.key];
}

const utf8 = new TextDecoder();

/**
 * Rows in one complete binary COPY result and its last row's sort values as text: the `orderBy`
 * fields, then the first column (the int8 key).
 */
function scanCopyPage(page: Uint8Array, orderBy: readonly CopyOrder[]): { rows: number; lastValues: string[] | null } {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  let p = 19 + view.getInt32(15);
  let rows = 0;
  let lastValues: string[] | null = null;
  while (p + 2 <= page.length) {
    const fields = view.getInt16(p);
    p += 2;
    if (fields === -1) break;
    const values: Array<string | null> = new Array<string | null>(orderBy.length + 1).fill(null);
    for (let f = 0; f < fields; f++) {
      const length = view.getInt32(p);
      if (f === 0 && length === 8) values[orderBy.length] = String(view.getBigInt64(p + 4));
      const o = orderBy.findIndex((x) => x.field === f);
      if (o >= 0 && length >= 0) {
        values[o] = orderBy[o]!.type === 'int2' ? String(view.getInt16(p + 4)) : utf8.decode(page.subarray(p + 4, p + 4 + length));
      }
      p += 4 + Math.max(length, 0);
    }
    lastValues = values.every((v) => v !== null) ? (values as string[]) : null;
    rows++;
  }
  return { rows, lastValues };
}
