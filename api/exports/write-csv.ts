import { Type, type Data, type RecordBatch, type Schema, type Vector } from 'apache-arrow';
import type { ByteSink } from './byte-sink.ts';

const BOM = '\uFEFF';
const utf8 = new TextDecoder();
const encoder = new TextEncoder();
const FLUSH_CHARS = 1 << 20;

/**
 * A text cell for CSV: a cell starting with = + - @ (or a tab or carriage return) would be a
 * formula in Excel or LibreOffice, so it gets a leading apostrophe (OWASP's advice); cells with
 * a comma, quote or line break are quoted. Only text cells are touched: numbers (even
 * negative ones) and dates are written as they are.
 */
export function csvTextCell(value: string): string {
  const first = value.charCodeAt(0);
  const safe = first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function isoMicros(us: bigint): string {
  const ms = Number(us / 1000n) - (us % 1000n < 0n ? 1 : 0);
  const micro = Number(((us % 1000n) + 1000n) % 1000n);
  const iso = new Date(ms).toISOString(); // …T05:00:00.123Z
  return `${iso.slice(0, -1)}${String(micro).padStart(3, '0')}Z`;
}

function isoDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function isValid(data: Data, row: number): boolean {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return true;
  const i = data.offset + row;
  return (data.nullBitmap[i >> 3]! & (1 << (i & 7))) !== 0;
}

function text(data: Data, row: number): string {
  const offsets = data.valueOffsets as Int32Array;
  return utf8.decode((data.values as Uint8Array).subarray(offsets[data.offset + row]!, offsets[data.offset + row + 1]!));
}

const dictionaryCells = new WeakMap<Vector, string[]>();

/** How to write each cell of one column of one batch. */
function cellWriter(data: Data): (row: number) => string {
  const values = data.values as ArrayLike<number | bigint>;
  const at = data.offset;
  switch (data.typeId) {
    case Type.Dictionary: {
      const dictionary = data.dictionary!;
      let cells = dictionaryCells.get(dictionary);
      if (!cells) {
        cells = Array.from({ length: dictionary.length }, (_, i) => csvTextCell(String(dictionary.get(i))));
        dictionaryCells.set(dictionary, cells);
      }
      const dict = cells;
      return (row) => dict[values[at + row] as number]!;
    }
    case Type.Utf8:
      return (row) => csvTextCell(text(data, row));
    case Type.List: {
      const child = data.children[0]!;
      const offsets = data.valueOffsets as Int32Array;
      return (row) => {
        const items: string[] = [];
        for (let i = offsets[at + row]!; i < offsets[at + row + 1]!; i++) if (isValid(child, i)) items.push(text(child, i));
        return csvTextCell(items.join(';'));
      };
    }
    case Type.Bool: {
      const bits = data.values as Uint8Array;
      return (row) => ((bits[(at + row) >> 3]! & (1 << ((at + row) & 7))) !== 0 ? 'true' : 'false');
    }
    case Type.Date:
      return (row) => isoDay(values[at + row] as number);
    case Type.Timestamp:
      return (row) => isoMicros(values[at + row] as bigint);
    default:
      return (row) => String(values[at + row]);
  }
}

/**
 * Writes record batches as CSV: a UTF-8 byte-order mark (Excel then reads Thai), a header of
 * column names, CRLF line ends. Nulls are empty cells; dates are YYYY-MM-DD; timestamps are
 * UTC ISO 8601 with microseconds; lists are joined with ';'; codes and labels are their text.
 */
export async function writeCsv(batches: AsyncIterable<RecordBatch>, schema: Schema, sink: ByteSink): Promise<void> {
  await sink.write(encoder.encode(`${BOM}${schema.fields.map((f) => csvTextCell(f.name)).join(',')}\r\n`));
  for await (const batch of batches) {
    const columns = batch.data.children;
    const writers = columns.map(cellWriter);
    let text = '';
    for (let row = 0; row < batch.numRows; row++) {
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) text += ',';
        if (isValid(columns[c]!, row)) text += writers[c]!(row);
      }
      text += '\r\n';
      // Out in pieces of about a megabyte: a whole batch as one string would cost many times its size.
      if (text.length >= FLUSH_CHARS) {
        await sink.write(encoder.encode(text));
        text = '';
      }
    }
    if (text.length > 0) await sink.write(encoder.encode(text));
  }
}
