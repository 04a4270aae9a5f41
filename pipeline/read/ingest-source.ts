import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Where the bytes of an upload are: a file on disk (CLI, spooled upload) or in memory. */
export type IngestSource = { kind: 'path'; path: string } | { kind: 'bytes'; bytes: Uint8Array };

/** Reads in chunks of this size: big enough for fast parsing, small enough to stream. */
export const CHUNK_BYTES = 1 << 18;

/** The source's bytes as a stream of chunks, never the whole file at once (for paths). */
export async function* sourceChunks(source: IngestSource): AsyncGenerator<Uint8Array> {
  if (source.kind === 'bytes') {
    for (let i = 0; i < source.bytes.length; i += CHUNK_BYTES) yield source.bytes.subarray(i, i + CHUNK_BYTES);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK_BYTES })) {
    yield chunk as Buffer;
  }
}

export async function sourceSize(source: IngestSource): Promise<number> {
  return source.kind === 'bytes' ? source.bytes.length : (await stat(source.path)).size;
}
