import type { RecordBatch } from 'apache-arrow';
import type { ArrowExportPlan } from './arrow-export-plan.ts';
import {
  BatchBuilder, KIND_BOOL, KIND_CODE, KIND_DATE, KIND_INT8, KIND_INT16, KIND_INT32, KIND_INT64, KIND_TEXT, KIND_TEXT_LIST,
  KIND_TIMESTAMP, type ColumnBuffer,
} from './batch-builder.ts';

// PostgreSQL's binary COPY format: an 11-byte signature, flags, a header extension, then per
// row a 16-bit field count and per field a 32-bit length (-1 for NULL) and the value in the
// type's binary send format (big-endian); a field count of -1 ends the data.
// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = 19;
/** Days and microseconds from 1970-01-01 (Arrow) to 2000-01-01 (PostgreSQL). */
const EPOCH_DAYS = 10_957;
const EPOCH_US = 946_684_800_000_000;
const EPOCH_US_HIGH = Math.floor(EPOCH_US / 2 ** 32);
const EPOCH_US_LOW = EPOCH_US - EPOCH_US_HIGH * 2 ** 32;

const decoder = new TextDecoder();

/**
 * Copies bytes and returns the new end. Values are short (names, codes): a loop beats
 * `set(subarray())`, which allocates a view per value — a million of them per export.
 */
function copyBytes(from: Uint8Array, start: number, length: number, to: Uint8Array, at: number): number {
  if (length > 256) {
    to.set(from.subarray(start, start + length), at);
    return at + length;
  }
  for (let i = 0; i < length; i++) to[at + i] = from[start + i]!;
  return at + length;
}

/** The COPY data does not match what the export asked for: a bug or an unknown code, never user input. */
export class CopyDecodeError extends Error {}

class CopyBinaryDecoder {
  private readonly builder: BatchBuilder;
  private pending: Uint8Array | null = null;
  private expectHeader = true;

  constructor(plan: ArrowExportPlan, batchRows: number) {
    this.builder = new BatchBuilder(plan, batchRows);
  }

  /** Feeds bytes (of one or several concatenated COPY streams); returns the batches they completed. */
  push(chunk: Uint8Array): RecordBatch[] {
    const out: RecordBatch[] = [];
    let buf = chunk;
    if (this.pending) {
      buf = new Uint8Array(this.pending.length + chunk.length);
      buf.set(this.pending);
      buf.set(chunk, this.pending.length);
      this.pending = null;
    }
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = buf.length;
    const fieldCount = this.builder.columns.length;
    let pos = 0;
    for (;;) {
      if (this.expectHeader) {
        if (end - pos < HEADER_BYTES) break;
        for (let i = 0; i < SIGNATURE.length; i++) {
          if (buf[pos + i] !== SIGNATURE[i]) throw new CopyDecodeError('Not PostgreSQL binary COPY data');
        }
        if (view.getInt32(pos + 11) & (1 << 16)) throw new CopyDecodeError('COPY data with OIDs is not supported');
        const extension = view.getInt32(pos + 15);
        if (end - pos < HEADER_BYTES + extension) break;
        pos += HEADER_BYTES + extension;
        this.expectHeader = false;
      }
      if (end - pos < 2) break;
      const fields = view.getInt16(pos);
      if (fields === -1) {
        pos += 2;
        this.expectHeader = true; // another COPY stream may follow (paged reads)
        continue;
      }
      if (fields !== fieldCount) throw new CopyDecodeError(`Expected ${fieldCount} fields per row, got ${fields}`);
      // Is the whole row here? Walk the field lengths first; decode only complete rows.
      let p = pos + 2;
      let complete = true;
      for (let c = 0; c < fieldCount; c++) {
        if (p + 4 > end) {
          complete = false;
          break;
        }
        const length = view.getInt32(p);
        p += 4 + (length > 0 ? length : 0);
        if (p > end) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
      this.decodeRow(buf, view, pos + 2);
      pos = p;
      if (this.builder.full) out.push(this.builder.finish());
    }
    if (pos < end) this.pending = buf.slice(pos);
    return out;
  }

  /** The last, partial batch; throws when the data stopped inside a row or a header. */
  end(): RecordBatch | null {
    if (this.pending) throw new CopyDecodeError('COPY data ended inside a row');
    return this.builder.rows > 0 ? this.builder.finish() : null;
  }

  private decodeRow(buf: Uint8Array, view: DataView, start: number): void {
    const builder = this.builder;
    const row = builder.rows;
    const columns = builder.columns;
    let p = start;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const length = view.getInt32(p);
      p += 4;
      if (length < 0) {
        if (!col.planned.column.nullable) throw new CopyDecodeError(`NULL in non-nullable column ${col.planned.column.name}`);
        col.setNull(row);
        continue;
      }
      if (col.wireWidth !== length && col.wireWidth !== -1) {
        throw new CopyDecodeError(`Column ${col.planned.column.name}: ${length} bytes on the wire, expected ${col.wireWidth}`);
      }
      col.validity[row >> 3]! |= 1 << (row & 7);
      switch (col.kind) {
        case KIND_INT64:
          col.i32[row * 2] = view.getInt32(p + 4);
          col.i32[row * 2 + 1] = view.getInt32(p);
          break;
        case KIND_TIMESTAMP: {
          const high = view.getInt32(p);
          const low = view.getUint32(p + 4);
          // ±infinity have no instant: NULL.
          if ((high === 0x7fffffff && low === 0xffffffff) || (high === -0x80000000 && low === 0)) {
            this.unset(col, row);
            break;
          }
          let l = low + EPOCH_US_LOW;
          let carry = 0;
          if (l >= 2 ** 32) {
            l -= 2 ** 32;
            carry = 1;
          }
          col.i32[row * 2] = l | 0;
          col.i32[row * 2 + 1] = high + EPOCH_US_HIGH + carry;
          break;
        }
        case KIND_INT32:
          col.i32[row] = view.getInt32(p);
          break;
        case KIND_DATE: {
          const days = view.getInt32(p);
          if (days === 0x7fffffff || days === -0x80000000) this.unset(col, row);
          else col.i32[row] = days + EPOCH_DAYS;
          break;
        }
        case KIND_INT16:
          col.i16[row] = view.getInt16(p);
          break;
        case KIND_INT8:
          col.i8[row] = view.getInt16(p);
          break;
        case KIND_BOOL:
          if (buf[p] !== 0) col.bits[row >> 3]! |= 1 << (row & 7);
          break;
        case KIND_CODE: {
          const index = col.lookup!.lookup(buf, p, length);
          if (index < 0) {
            throw new CopyDecodeError(
              `Column ${col.planned.column.name}: '${decoder.decode(buf.subarray(p, p + length))}' is not in its code list`,
            );
          }
          col.i32[row] = index;
          break;
        }
        case KIND_TEXT: {
          if (col.mapText) {
            col.setText(row, col.mapText(decoder.decode(buf.subarray(p, p + length))));
            break;
          }
          col.reserveBytes(length);
          col.dataLength = copyBytes(buf, p, length, col.data, col.dataLength);
          col.offsets[row + 1] = col.dataLength;
          break;
        }
        case KIND_TEXT_LIST:
          this.decodeTextArray(col, row, buf, view, p, length);
          break;
      }
      p += length;
    }
    builder.rows = row + 1;
  }

  /** Binary array format: ndim, has-null flag, element type, (size, lower bound) per dimension, elements. */
  private decodeTextArray(col: ColumnBuffer, row: number, buf: Uint8Array, view: DataView, p: number, length: number): void {
    const dims = view.getInt32(p);
    if (dims > 1) throw new CopyDecodeError(`Column ${col.planned.column.name}: ${dims}-dimensional array`);
    if (dims === 1) {
      const n = view.getInt32(p + 12);
      let q = p + 20;
      for (let i = 0; i < n; i++) {
        const size = view.getInt32(q);
        q += 4;
        col.reserveElement();
        if (size < 0) {
          col.elementNulls++;
        } else {
          col.reserveBytes(size);
          col.dataLength = copyBytes(buf, q, size, col.data, col.dataLength);
          col.elementValidity[col.elementCount >> 3]! |= 1 << (col.elementCount & 7);
          q += size;
        }
        col.elementCount++;
        col.elementOffsets[col.elementCount] = col.dataLength;
      }
      if (q !== p + length) throw new CopyDecodeError(`Column ${col.planned.column.name}: malformed array`);
    }
    col.offsets[row + 1] = col.elementCount;
  }

  private unset(col: ColumnBuffer, row: number): void {
    col.validity[row >> 3]! &= ~(1 << (row & 7));
    col.nullCount++;
  }
}

/**
 * Arrow record batches of at most `batchRows` rows from PostgreSQL binary COPY data, decoded
 * as it arrives: each value goes straight from the wire bytes into the batch's buffers (no row
 * objects, no strings for codes), and a batch is yielded as soon as it is full.
 */
export async function* copyBinaryBatches(
  chunks: AsyncIterable<Uint8Array>,
  plan: ArrowExportPlan,
  batchRows: number,
): AsyncGenerator<RecordBatch> {
  const decoder = new CopyBinaryDecoder(plan, batchRows);
  for await (const chunk of chunks) yield* decoder.push(chunk);
  const last = decoder.end();
  if (last) yield last;
}
