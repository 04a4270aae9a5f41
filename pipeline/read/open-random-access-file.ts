import { open } from 'node:fs/promises';
import type { IngestSource } from './ingest-source.ts';

/** Reads of byte ranges from an upload, on disk or in memory; close() releases the file handle. */
export interface RandomAccessFile {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Opens a source for random access: one file handle for the whole read (an XLSX is read part
 * by part, jumping through its central directory), or a view of the bytes in memory.
 */
export async function openRandomAccessFile(source: IngestSource): Promise<RandomAccessFile> {
  if (source.kind === 'bytes') {
    const bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length);
    return {
      size: bytes.length,
      read: async (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length)),
      close: async () => {},
    };
  }
  const handle = await open(source.path, 'r');
  let closed: Promise<void> | null = null;
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        const want = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.allocUnsafe(want);
        let got = 0;
        while (got < want) {
          const { bytesRead } = await handle.read(buf, got, want - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return buf.subarray(0, got);
      },
      close() {
        closed ??= handle.close();
        return closed;
      },
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
