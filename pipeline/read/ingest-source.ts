import { open, stat } from 'node:fs/promises';

/** Where the bytes of an upload are: a file on disk (CLI, spooled upload) or in memory. */
export type IngestSource = { kind: 'path'; path: string } | { kind: 'bytes'; bytes: Uint8Array };

/** Reads in chunks of this size: big enough for fast parsing, small enough to stream. */
export const CHUNK_BYTES = 1 << 18;

/**
 * The source's bytes as a stream of chunks, never the whole file at once (for paths). Read
 * through a file handle closed in `finally`, so a reader stopped early (return()) has closed
 * the file by the time return() resolves — not some time later, as a destroyed stream does.
 */
export async function* sourceChunks(source: IngestSource): AsyncGenerator<Uint8Array> {
  if (source.kind === 'bytes') {
    for (let i = 0; i < source.bytes.length; i += CHUNK_BYTES) yield source.bytes.subarray(i, i + CHUNK_BYTES);
    return;
  }
  const handle = await open(source.path, 'r');
  // A fresh buffer per chunk: the consumer may keep it (the sniffer keeps the first bytes).
  const readChunk = () => {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    return handle.read(buf, 0, CHUNK_BYTES, null).then(({ bytesRead }): Uint8Array => buf.subarray(0, bytesRead));
  };
  let next: Promise<Uint8Array> | null = null;
  try {
    // The next chunk is read while the consumer works on this one.
    for (let chunk = await readChunk(); chunk.length > 0; chunk = await next) {
      next = readChunk();
      next.catch(() => {});
      yield chunk;
    }
  } finally {
    // A read still under way finishes before the file is closed.
    await next?.catch(() => {});
    await handle.close();
  }
}

export async function sourceSize(source: IngestSource): Promise<number> {
  return source.kind === 'bytes' ? source.bytes.length : (await stat(source.path)).size;
}
