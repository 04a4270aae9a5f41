import { Int8, makeData, RecordBatch, Struct, Utf8, type Data, type DataType } from 'apache-arrow';
import type { ArrowExportPlan, PlannedReadColumn } from './arrow-export-plan.ts';
import type { ByteDictionary } from './byte-dictionary.ts';

export const KIND_INT64 = 0;
export const KIND_INT32 = 1;
export const KIND_INT16 = 2;
export const KIND_INT8 = 3;
export const KIND_BOOL = 4;
export const KIND_DATE = 5;
export const KIND_TIMESTAMP = 6;
export const KIND_TEXT = 7;
export const KIND_TEXT_LIST = 8;
export const KIND_CODE = 9;

const KIND_NUMBER = {
  int64: KIND_INT64, int32: KIND_INT32, int16: KIND_INT16, int8: KIND_INT8, bool: KIND_BOOL, date: KIND_DATE,
  timestamp: KIND_TIMESTAMP, text: KIND_TEXT, 'text-list': KIND_TEXT_LIST, code: KIND_CODE,
} as const;

const WIRE_WIDTH: Partial<Record<string, number>> = { int64: 8, timestamp: 8, int32: 4, date: 4, int16: 2, int8: 2, bool: 1 };

const encoder = new TextEncoder();

/**
 * The buffers of one read column for the batch being built, laid out as Arrow wants them
 * (little-endian values, validity bits, offsets + UTF-8 bytes), so that finishing a batch only
 * wraps them. Writers may fill the typed arrays directly (the COPY decoder does).
 */
export class ColumnBuffer {
  readonly kind: number;
  /** Bytes of a value on the PostgreSQL wire for fixed-width kinds, -1 for text and arrays. */
  readonly wireWidth: number;
  /** Code columns: the byte lookup of the fixed list. */
  readonly lookup: ByteDictionary | null;
  /** Text columns: the mapping applied to each value (the masked citizen ID). */
  readonly mapText: ((value: string) => string) | null;
  validity: Uint8Array;
  nullCount = 0;
  /** int64 and timestamp: two int32 per value (low, high). int32, date, code: one per value. */
  i32: Int32Array = new Int32Array(0);
  i16: Int16Array = new Int16Array(0);
  i8: Int8Array = new Int8Array(0);
  bits: Uint8Array = new Uint8Array(0);
  /** text: value offsets; text-list: list offsets (into the element arrays). */
  offsets: Int32Array = new Int32Array(0);
  /** text: the value bytes; text-list: the element bytes. */
  data: Uint8Array = new Uint8Array(0);
  dataLength = 0;
  /** text-list elements: their offsets and validity. */
  elementOffsets: Int32Array = new Int32Array(0);
  elementValidity: Uint8Array = new Uint8Array(0);
  elementCount = 0;
  elementNulls = 0;

  constructor(readonly planned: PlannedReadColumn, readonly capacity: number) {
    const kind = planned.column.kind;
    this.kind = KIND_NUMBER[kind];
    this.wireWidth = WIRE_WIDTH[kind] ?? -1;
    this.lookup = planned.codes?.lookup ?? null;
    this.mapText = ('mapText' in planned.column && planned.column.mapText) || null;
    this.validity = new Uint8Array((capacity + 7) >> 3);
    switch (this.kind) {
      case KIND_INT64:
      case KIND_TIMESTAMP:
        this.i32 = new Int32Array(capacity * 2);
        break;
      case KIND_INT32:
      case KIND_DATE:
      case KIND_CODE:
        this.i32 = new Int32Array(capacity);
        break;
      case KIND_INT16:
        this.i16 = new Int16Array(capacity);
        break;
      case KIND_INT8:
        this.i8 = new Int8Array(capacity);
        break;
      case KIND_BOOL:
        this.bits = new Uint8Array((capacity + 7) >> 3);
        break;
      case KIND_TEXT:
        this.offsets = new Int32Array(capacity + 1);
        this.data = new Uint8Array(capacity * 24);
        break;
      case KIND_TEXT_LIST:
        this.offsets = new Int32Array(capacity + 1);
        this.elementOffsets = new Int32Array(capacity * 2 + 1);
        this.elementValidity = new Uint8Array((capacity * 2 + 7) >> 3);
        this.data = new Uint8Array(capacity * 8);
        break;
    }
  }

  /** Room for `extra` more bytes of text. */
  reserveBytes(extra: number): void {
    const need = this.dataLength + extra;
    if (need <= this.data.length) return;
    let size = this.data.length * 2 || 64;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.data.subarray(0, this.dataLength));
    this.data = grown;
  }

  /** Room for one more list element. */
  reserveElement(): void {
    if (this.elementCount + 1 < this.elementOffsets.length) return;
    const offsets = new Int32Array(this.elementOffsets.length * 2);
    offsets.set(this.elementOffsets);
    this.elementOffsets = offsets;
    const validity = new Uint8Array((offsets.length + 7) >> 3);
    validity.set(this.elementValidity);
    this.elementValidity = validity;
  }

  setValid(row: number): void {
    this.validity[row >> 3]! |= 1 << (row & 7);
  }

  /** A null: the validity bit stays 0; text and list offsets still advance (by nothing). */
  setNull(row: number): void {
    this.nullCount++;
    if (this.kind === KIND_TEXT) this.offsets[row + 1] = this.dataLength;
    else if (this.kind === KIND_TEXT_LIST) this.offsets[row + 1] = this.elementCount;
  }

  // Setters for values that arrive as JavaScript values (row datasets); the COPY decoder
  // writes the typed arrays itself.

  setNumber(row: number, value: number): void {
    this.setValid(row);
    switch (this.kind) {
      case KIND_INT64:
      case KIND_TIMESTAMP: {
        const high = Math.floor(value / 4294967296);
        this.i32[row * 2] = value - high * 4294967296;
        this.i32[row * 2 + 1] = high;
        break;
      }
      case KIND_INT16:
        this.i16[row] = value;
        break;
      case KIND_INT8:
        this.i8[row] = value;
        break;
      default:
        this.i32[row] = value;
    }
  }

  setBool(row: number, value: boolean): void {
    this.setValid(row);
    if (value) this.bits[row >> 3]! |= 1 << (row & 7);
  }

  setText(row: number, value: string): void {
    this.setValid(row);
    this.reserveBytes(value.length * 3);
    const { written } = encoder.encodeInto(value, this.data.subarray(this.dataLength));
    this.dataLength += written;
    this.offsets[row + 1] = this.dataLength;
  }

  setTextList(row: number, values: readonly string[]): void {
    this.setValid(row);
    for (const value of values) {
      this.reserveElement();
      this.reserveBytes(value.length * 3);
      const { written } = encoder.encodeInto(value, this.data.subarray(this.dataLength));
      this.dataLength += written;
      this.elementValidity[this.elementCount >> 3]! |= 1 << (this.elementCount & 7);
      this.elementCount++;
      this.elementOffsets[this.elementCount] = this.dataLength;
    }
    this.offsets[row + 1] = this.elementCount;
  }

  /**
   * Finished Arrow data for `length` rows (views over this buffer's arrays, which are not reused).
   * makeData's overloads are typed per concrete DataType; the field's type is only known as
   * DataType here, hence the casts.
   */
  toData(length: number): Data {
    const type = this.planned.field.type as DataType;
    const nullBitmap = this.nullCount > 0 ? this.validity.subarray(0, (length + 7) >> 3) : undefined;
    const base = { type, length, nullCount: this.nullCount, nullBitmap };
    switch (this.kind) {
      case KIND_INT64:
      case KIND_TIMESTAMP:
        return makeData({ ...base, data: new BigInt64Array(this.i32.buffer, 0, length) } as never);
      case KIND_INT16:
        return makeData({ ...base, data: this.i16.subarray(0, length) } as never);
      case KIND_INT8:
        return makeData({ ...base, data: this.i8.subarray(0, length) } as never);
      case KIND_BOOL:
        return makeData({ ...base, data: this.bits.subarray(0, (length + 7) >> 3) } as never);
      case KIND_TEXT:
        return makeData({
          ...base,
          valueOffsets: this.offsets.subarray(0, length + 1),
          data: this.data.subarray(0, this.dataLength),
        } as never);
      case KIND_TEXT_LIST: {
        const child = makeData({
          type: new Utf8(),
          length: this.elementCount,
          nullCount: this.elementNulls,
          nullBitmap: this.elementNulls > 0 ? this.elementValidity.subarray(0, (this.elementCount + 7) >> 3) : undefined,
          valueOffsets: this.elementOffsets.subarray(0, this.elementCount + 1),
          data: this.data.subarray(0, this.dataLength),
        });
        return makeData({ ...base, valueOffsets: this.offsets.subarray(0, length + 1), child } as never);
      }
      case KIND_CODE:
        return makeData({ ...base, data: this.i32.subarray(0, length), dictionary: this.planned.codes!.dictionary } as never);
      default:
        return makeData({ ...base, data: this.i32.subarray(0, length) } as never);
    }
  }
}

/**
 * Collects rows into one Arrow record batch at a time: `columns` are filled for rows
 * 0 … rows-1, `finish()` wraps them (plus the derived columns) into a RecordBatch and starts
 * fresh buffers, so a batch handed to a writer is never written to again.
 */
export class BatchBuilder {
  columns: ColumnBuffer[];
  rows = 0;

  constructor(readonly plan: ArrowExportPlan, readonly capacity: number) {
    this.columns = this.fresh();
  }

  private fresh(): ColumnBuffer[] {
    return this.plan.reads.map((r) => new ColumnBuffer(r, this.capacity));
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  finish(): RecordBatch {
    const length = this.rows;
    const reads = this.columns.map((c) => c.toData(length));
    const derived = this.plan.derived.map((d) => {
      const source = this.columns[d.source]!;
      const codes = source.i32;
      const nullBitmap = source.nullCount > 0 ? source.validity.slice(0, (length + 7) >> 3) : undefined;
      const base = { length, nullCount: source.nullCount, nullBitmap };
      if (d.labels) {
        const { remap, dictionary } = d.labels;
        const indices = new Int32Array(length);
        for (let i = 0; i < length; i++) indices[i] = remap[codes[i]!]!;
        return makeData({ ...base, type: d.field.type as never, data: indices, dictionary } as never) as Data;
      }
      const numbers = d.numbers!;
      const values = new Int8Array(length);
      for (let i = 0; i < length; i++) values[i] = numbers[codes[i]!]!;
      return makeData({ ...base, type: new Int8(), data: values });
    });
    const children = this.plan.order.map((o) => ('read' in o ? reads[o.read]! : derived[o.derived]!));
    const batch = new RecordBatch(
      this.plan.schema,
      makeData({ type: new Struct(this.plan.schema.fields), length, nullCount: 0, children }),
    );
    this.columns = this.fresh();
    this.rows = 0;
    return batch;
  }
}

