/**
 * A copy of `s` that does not keep alive the string it was cut from. V8 represents a slice of
 * 13 or more characters as a view into its parent, so keeping one cell of a 1 MB decoded chunk
 * in a map keeps the whole chunk: a national file would stay in memory. Concatenating and
 * slicing again forces a flat copy. Use it for anything kept beyond the current batch.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** A lookup cache keyed by cell text: keys detached, size bounded (cleared when full). */
export class TextCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max = 20_000) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  clear(): void {
    this.map.clear();
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(detachString(key), value);
    return value;
  }
}
