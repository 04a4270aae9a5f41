/**
 * The producers of a file seen so far, for the checks that span rows (a producer in two
 * districts, the same product twice, details that differ between a producer's rows), kept in
 * typed arrays: a national file has 100,000 producers, and one object each would cost more
 * memory than the rest of the load together.
 *
 * Product names and producer fields are compared by hash. Field hashes only choose which
 * column a warning names. Product names use a 53-bit hash, compared only among the products of
 * one producer (a handful), so two different names of one producer colliding is a 1-in-10^15
 * event per pair; a collision would reject the second row as a duplicate, visibly, never load
 * it wrongly.
 */
export const PRODUCER_FIELD_COUNT = 9;

function grow<T extends Int32Array | Float64Array | Uint16Array>(a: T, size: number, make: (n: number) => T): T {
  if (size <= a.length) return a;
  const b = make(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** FNV-1a over the UTF-16 code units, 30 bits (a small integer for V8). */
export function fieldHash(value: string | number | null): number {
  if (value === null) return -1;
  const s = typeof value === 'number' ? String(value) : value;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** Two independent 32-bit hashes of a name, joined into one 53-bit integer. */
export function nameHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11);
}

export class ProducersSeen {
  private readonly ordinal = new Map<number, number>();
  private readonly districtIndex = new Map<string, number>();
  private readonly districts: string[] = [];
  private firstRow = new Int32Array(1024);
  private district = new Uint16Array(1024);
  private hashes = new Int32Array(1024 * PRODUCER_FIELD_COUNT);
  private firstName = new Float64Array(1024);
  /** Products after the first, for the few producers that have them. */
  private readonly more = new Map<number, { names: number[]; rows: number[] }>();

  get size(): number {
    return this.ordinal.size;
  }

  /** The ordinal of a producer already seen, or -1. */
  find(thaiId: string): number {
    return this.ordinal.get(Number(thaiId)) ?? -1;
  }

  add(thaiId: string, row: number, districtCode: string, fieldHashes: readonly number[], productName: string): number {
    const n = this.ordinal.size;
    this.ordinal.set(Number(thaiId), n);
    this.firstRow = grow(this.firstRow, n + 1, (k) => new Int32Array(k));
    this.district = grow(this.district, n + 1, (k) => new Uint16Array(k));
    this.hashes = grow(this.hashes, (n + 1) * PRODUCER_FIELD_COUNT, (k) => new Int32Array(k));
    this.firstName = grow(this.firstName, n + 1, (k) => new Float64Array(k));
    let d = this.districtIndex.get(districtCode);
    if (d === undefined) {
      d = this.districts.length;
      this.districts.push(districtCode);
      this.districtIndex.set(districtCode, d);
    }
    this.firstRow[n] = row;
    this.district[n] = d;
    this.hashes.set(fieldHashes, n * PRODUCER_FIELD_COUNT);
    this.firstName[n] = nameHash(productName);
    return n;
  }

  row(n: number): number {
    return this.firstRow[n]!;
  }

  districtOf(n: number): string {
    return this.districts[this.district[n]!]!;
  }

  /** The first field whose hash differs from the producer's first row, or -1. */
  differingField(n: number, fieldHashes: readonly number[], considered: (field: number) => boolean): number {
    for (let i = 0; i < PRODUCER_FIELD_COUNT; i++) {
      if (considered(i) && this.hashes[n * PRODUCER_FIELD_COUNT + i] !== fieldHashes[i]) return i;
    }
    return -1;
  }

  /** The row that already has this product for the producer, or -1. */
  productRow(n: number, productName: string): number {
    const h = nameHash(productName);
    if (this.firstName[n] === h) return this.firstRow[n]!;
    const extra = this.more.get(n);
    if (!extra) return -1;
    const i = extra.names.indexOf(h);
    return i < 0 ? -1 : extra.rows[i]!;
  }

  addProduct(n: number, productName: string, row: number): void {
    const extra = this.more.get(n);
    if (extra) {
      extra.names.push(nameHash(productName));
      extra.rows.push(row);
    } else {
      this.more.set(n, { names: [nameHash(productName)], rows: [row] });
    }
  }
}
