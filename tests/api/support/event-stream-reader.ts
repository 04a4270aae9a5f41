/** One server-sent event as a browser's EventSource would dispatch it. */
export interface ReadEvent {
  event: string;
  id: string | null;
  data: string;
}

export interface EventStreamReader {
  events: ReadEvent[];
  /** Every byte read so far (comments included). */
  raw(): string;
  /** The first event (counting from `from`) that matches, or throws after `ms`. */
  waitFor(match: (e: ReadEvent) => boolean, ms?: number, from?: number): Promise<ReadEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): Promise<void>;
}

/** Reads a text/event-stream answer as it arrives (the parts of the format the API sends). */
export function readEventStream(res: Response): EventStreamReader {
  if (!res.body) throw new Error('no body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: ReadEvent[] = [];
  let raw = '';
  let pending = '';
  const waiters = new Set<() => void>();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        raw += value;
        pending += value;
        let cut: number;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          const e: ReadEvent = { event: 'message', id: null, data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const v = rest.join(':').replace(/^ /, '');
            if (field === 'event') e.event = v;
            else if (field === 'id') e.id = v;
            else if (field === 'data') e.data += (e.data ? '\n' : '') + v;
            else continue;
            isEvent = true;
          }
          if (isEvent) events.push(e);
        }
        for (const w of waiters) w();
      }
    } catch {
      // cancelled
    } finally {
      for (const w of waiters) w();
    }
  })();
  let finished = false;
  void ended.then(() => (finished = true));
  return {
    events,
    raw: () => raw,
    ended,
    async waitFor(match, ms = 2000, from = 0) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.slice(from).find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0 || finished) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          const wake = () => {
            clearTimeout(t);
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
        });
      }
    },
    async close() {
      await reader.cancel().catch(() => {});
      await ended;
    },
  };
}
