import type { Writable } from 'node:stream';

/** Where an export's bytes go: a Node stream (a file, stdout, an HTTP response) or a web WritableStream. */
export type ExportTarget = Writable | NodeJS.WritableStream | WritableStream<Uint8Array>;

/** The destination stopped taking bytes (a client that went away, a closed pipe): not a fault of the export. */
export class DestinationClosedError extends Error {
  constructor(readonly reason: unknown) {
    super(`The export's destination closed: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/** Writes that wait while the destination is full, and fail when it is gone. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Ends the destination (unless it was opened with `end: false`, as stdout is). */
  close(): Promise<void>;
  /** Fails the destination (a web stream is errored, a Node stream destroyed) so a reader sees a broken download, not a short file. */
  abort(reason: unknown): Promise<void>;
  readonly bytes: number;
}

function isWebStream(target: ExportTarget): target is WritableStream<Uint8Array> {
  return typeof (target as WritableStream<Uint8Array>).getWriter === 'function';
}

/** The sink for an export target. */
export function byteSink(target: ExportTarget, options: { end?: boolean } = {}): ByteSink {
  const end = options.end ?? true;
  let bytes = 0;
  if (isWebStream(target)) {
    const writer = target.getWriter();
    return {
      get bytes() {
        return bytes;
      },
      async write(chunk) {
        bytes += chunk.byteLength;
        // Resolves once the reading side has taken the chunk: back-pressure for free.
        await writer.write(chunk).catch((err: unknown) => {
          throw new DestinationClosedError(err);
        });
      },
      async close() {
        if (end) await writer.close();
        else writer.releaseLock();
      },
      async abort(reason) {
        await writer.abort(reason).catch(() => {});
      },
    };
  }
  const node = target as Writable;
  let failure: unknown = null;
  const onError = (err: unknown) => {
    failure ??= err;
  };
  node.on('error', onError);
  const waitForDrain = () =>
    new Promise<void>((resolve, reject) => {
      const done = (err?: unknown) => {
        node.off('drain', onDrain).off('error', onFail).off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onFail = (err: unknown) => done(err ?? new Error('The destination failed'));
      const onClose = () => done(new Error('The destination was closed'));
      node.once('drain', onDrain).once('error', onFail).once('close', onClose);
    });
  return {
    get bytes() {
      return bytes;
    },
    async write(chunk) {
      if (failure) throw new DestinationClosedError(failure);
      bytes += chunk.byteLength;
      if (!node.write(chunk)) await waitForDrain().catch((err: unknown) => {
        throw new DestinationClosedError(err);
      });
    },
    async close() {
      if (failure) throw failure;
      if (end) await new Promise<void>((resolve, reject) => node.end((err?: Error | null) => (err ? reject(err) : resolve())));
      node.off('error', onError);
    },
    async abort(reason) {
      node.off('error', onError);
      if (end) node.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    },
  };
}
