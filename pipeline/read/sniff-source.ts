import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { FileRefusal } from './file-refusal.ts';
import { sourceChunks, type IngestSource } from './ingest-source.ts';

export type SourceFormat = 'csv' | 'xlsx' | 'empty' | 'binary' | 'xls' | 'zip';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-874';

/** What one pass over the bytes tells before any parsing: identity, kind of file, encoding. */
export interface SourceSniff {
  sha256: string;
  sizeBytes: number;
  format: SourceFormat;
  /** Text encoding (csv only). */
  encoding: TextEncoding | null;
}

// How much of the start is checked for control characters: enough to catch a binary file
// posing as CSV, cheap on a 60 MB upload. NUL bytes are looked for in the whole file.
const CONTROL_SCAN_BYTES = 1 << 20;
// Share of control characters (other than tab, CR, LF, FF) above which text is not text.
const MAX_CONTROL_SHARE = 0.01;

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);

// Number of trailing bytes that begin a UTF-8 sequence the chunk cuts off.
function incompleteUtf8Tail(b: Uint8Array): number {
  for (let i = 1; i <= Math.min(3, b.length); i++) {
    const c = b[b.length - i]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > i ? i : 0;
  }
  return 0;
}

/**
 * One streaming pass: SHA-256, size, the kind of file from its magic bytes, and for text
 * whether it is valid UTF-8 throughout (else it is read as Windows-874, Thai Excel's "CSV").
 */
export async function sniffSource(source: IngestSource): Promise<SourceSniff> {
  // A path is read more than once (sniffed, then read): a pipe or device cannot be, and may
  // never end (/dev/zero). Callers read such inputs into bytes first (readBoundedInput).
  if (source.kind === 'path' && !(await stat(source.path)).isFile()) {
    throw new FileRefusal('unreadable-file', {
      th: `${source.path} ไม่ใช่ไฟล์ปกติ (เป็นท่อหรืออุปกรณ์) จึงอ่านโดยตรงไม่ได้`,
      en: `${source.path} is not a regular file (a pipe or device), so it cannot be read in place`,
    });
  }
  const hash = createHash('sha256');
  let size = 0;
  let head: Uint8Array | null = null;
  let utf8 = true;
  let carry: Uint8Array = new Uint8Array(0);
  let hasNul = false;
  let controls = 0;
  let scanned = 0;

  for await (const chunk of sourceChunks(source)) {
    hash.update(chunk);
    if (head === null) head = chunk.subarray(0, 16);
    size += chunk.length;
    if (!hasNul && chunk.indexOf(0) !== -1) hasNul = true;
    if (scanned < CONTROL_SCAN_BYTES) {
      const end = Math.min(chunk.length, CONTROL_SCAN_BYTES - scanned);
      for (let i = 0; i < end; i++) {
        const c = chunk[i]!;
        if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
      }
      scanned += end;
    }
    if (utf8) {
      const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteUtf8Tail(joined);
      if (!isUtf8(joined.subarray(0, joined.length - tail))) utf8 = false;
      carry = joined.slice(joined.length - tail);
    }
  }
  if (carry.length > 0) utf8 = false;
  const sha256 = hash.digest('hex');
  const result = (format: SourceFormat, encoding: TextEncoding | null = null): SourceSniff => ({ sha256, sizeBytes: size, format, encoding });

  const b = head ?? new Uint8Array(0);
  if (size === 0) return result('empty');
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return result('zip');
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return result('xls');
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return result(size === 3 ? 'empty' : 'csv', 'utf-8-bom');
  if (startsWith(b, [0xff, 0xfe])) return result('csv', 'utf-16le');
  if (startsWith(b, [0xfe, 0xff])) return result('csv', 'utf-16be');
  if (hasNul || controls > Math.max(4, scanned * MAX_CONTROL_SHARE)) return result('binary');
  return result('csv', utf8 ? 'utf-8' : 'windows-874');
}
