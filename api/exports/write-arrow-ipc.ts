import { RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';
import type { ByteSink } from './byte-sink.ts';

// apache-arrow's writers queue their bytes internally (and join them on request, which merges
// overlapping views of one buffer); these subclasses hand every piece of a message to us as it
// is produced, so each record batch is on its way to the sink before the next one is built.
function capture(chunk: unknown, out: Uint8Array[]): number {
  if (!ArrayBuffer.isView(chunk)) throw new TypeError('Unexpected IPC chunk');
  if (chunk.byteLength > 0) out.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return chunk.byteLength;
}

class StreamCapture extends RecordBatchStreamWriter {
  readonly out: Uint8Array[] = [];
  protected override _write(chunk: unknown): this {
    if (this._started) this._position += capture(chunk, this.out);
    return this;
  }
}

class FileCapture extends RecordBatchFileWriter {
  readonly out: Uint8Array[] = [];
  protected override _write(chunk: unknown): this {
    if (this._started) this._position += capture(chunk, this.out);
    return this;
  }
}

const COALESCE_BELOW = 64 * 1024;

/** Sends captured pieces: small ones (message headers, padding) joined, large bodies as they are. */
async function drain(out: Uint8Array[], sink: ByteSink): Promise<void> {
  const pieces = out.splice(0);
  let small: Uint8Array[] = [];
  let smallBytes = 0;
  const flushSmall = async () => {
    if (small.length === 0) return;
    const joined = small.length === 1 ? small[0]! : new Uint8Array(smallBytes);
    if (small.length > 1) {
      let at = 0;
      for (const s of small) {
        joined.set(s, at);
        at += s.byteLength;
      }
    }
    small = [];
    smallBytes = 0;
    await sink.write(joined);
  };
  for (const piece of pieces) {
    if (piece.byteLength < COALESCE_BELOW) {
      small.push(piece);
      smallBytes += piece.byteLength;
      if (smallBytes >= COALESCE_BELOW) await flushSmall();
    } else {
      await flushSmall();
      await sink.write(piece);
    }
  }
  await flushSmall();
}

/**
 * One record batch as a complete Arrow IPC stream (schema, its dictionaries, the batch, end
 * marker). With `scratch`, the bytes are written into that reusable buffer (grown when too
 * small) and the result is a view of it, valid until the next call: a caller that only copies
 * the bytes on (into WebAssembly) then allocates nothing per batch.
 */
export function recordBatchToIpcStream(batch: RecordBatch, scratch?: { buffer: Uint8Array }): Uint8Array {
  const writer = new StreamCapture();
  writer.reset(undefined, batch.schema);
  writer.write(batch);
  writer.finish();
  const total = writer.out.reduce((n, c) => n + c.byteLength, 0);
  if (scratch && scratch.buffer.byteLength < total) scratch.buffer = new Uint8Array(Math.max(total, scratch.buffer.byteLength * 2));
  const bytes = scratch ? scratch.buffer.subarray(0, total) : new Uint8Array(total);
  let at = 0;
  for (const c of writer.out) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * Writes record batches as an Arrow IPC stream (`.arrows`) or file (`.arrow`), one batch at a
 * time. The schema goes first, so an export without rows is still a valid, typed file; each
 * dictionary is written once, with the first batch (every batch shares it).
 */
export async function writeArrowIpc(
  batches: AsyncIterable<RecordBatch>,
  schema: Schema,
  sink: ByteSink,
  kind: 'stream' | 'file',
): Promise<void> {
  const writer = kind === 'file' ? new FileCapture() : new StreamCapture();
  writer.reset(undefined, schema);
  await drain(writer.out, sink);
  for await (const batch of batches) {
    writer.write(batch);
    await drain(writer.out, sink);
  }
  writer.finish();
  await drain(writer.out, sink);
}
