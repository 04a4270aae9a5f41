import { Writable } from 'node:stream';

/** A sink that only counts the bytes written to it: what an export or a COPY costs, without a disk. */
export function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}
