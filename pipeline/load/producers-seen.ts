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

/** FNV-1a over the UTF-16 code units, 30 bits (a small integer for V8); a whole number (a count) is its own hash. */
export function fieldHash(value: string | number | null): number {
  if (value === null) return -1;
  if (typeof value === 'number') return value & 0x3fffffff;
  const s = value;
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

/**
 * Citizen ID (as a number: 13 digits fit a double exactly) → ordinal, open addressing with
 * linear probing in two typed arrays: 12 bytes a slot at most half full, where a Map costs
 * ≈ 80 bytes an entry (≈ 80 MB for a million producers).
 */
class IdTable {
  private keys = new Float64Array(2048);
  private values = new Int32Array(2048).fill(-1);
  private count = 0;

  get size(): number {
    return this.count;
  }

  private slot(key: number, mask: number): number {
    const low = key % 0x80000000;
    const high = (key - low) / 0x80000000;
    return (Math.imul(low | 0, 0x9e3779b1) ^ Math.imul(high | 0, 0x85ebca77)) & mask;
  }

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = this.slot(key, mask); ; i = (i + 1) & mask) {
      const v = this.values[i]!;
      if (v < 0) return -1;
      if (this.keys[i] === key) return v;
    }
  }

  /** Adds a key not yet present. */
  add(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const mask = this.keys.length - 1;
    let i = this.slot(key, mask);
    while (this.values[i]! >= 0) i = (i + 1) & mask;
    this.keys[i] = key;
    this.values[i] = value;
    this.count++;
  }

  private rehash(capacity: number): void {
    const { keys, values } = this;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (let j = 0; j < keys.length; j++) {
      if (values[j]! < 0) continue;
      let i = this.slot(keys[j]!, mask);
      while (this.values[i]! >= 0) i = (i + 1) & mask;
      this.keys[i] = keys[j]!;
      this.values[i] = values[j]!;
    }
  }
}

export class ProducersSeen {
  private readonly ordinal = new IdTable();
  private readonly districtIndex = new Map<string, number>();
  private readonly districts: string[] = [];
  private firstRow = new Int32Array(1024);
  private district = new Uint16Array(1024);
  private hashes = new Int32Array(1024 * PRODUCER_FIELD_COUNT);
  private firstName = new Float64Array(1024);
  /**
   * Products after the first, as linked lists in typed arrays (a per-producer array of arrays
   * cost ≈ 300 bytes a producer with several products): the producer's latest extra product,
   * and per extra product its name hash, its row and the one added before it (-1 ends).
   */
  private lastExtra = new Int32Array(1024).fill(-1);
  private extraName = new Float64Array(1024);
  private extraRow = new Int32Array(1024);
  private extraPrevious = new Int32Array(1024);
  private extras = 0;

  get size(): number {
    return this.ordinal.size;
  }

  /** The ordinal of a producer already seen (its citizen ID as a number), or -1. */
  find(id: number): number {
    return this.ordinal.get(id);
  }

  add(id: number, row: number, districtCode: string, fieldHashes: readonly number[], productName: string): number {
    const n = this.ordinal.size;
    this.ordinal.add(id, n);
    this.firstRow = grow(this.firstRow, n + 1, (k) => new Int32Array(k));
    this.district = grow(this.district, n + 1, (k) => new Uint16Array(k));
    this.hashes = grow(this.hashes, (n + 1) * PRODUCER_FIELD_COUNT, (k) => new Int32Array(k));
    this.firstName = grow(this.firstName, n + 1, (k) => new Float64Array(k));
    this.lastExtra = grow(this.lastExtra, n + 1, (k) => new Int32Array(k).fill(-1));
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
    for (let e = this.lastExtra[n]!; e >= 0; e = this.extraPrevious[e]!) {
      if (this.extraName[e] === h) return this.extraRow[e]!;
    }
    return -1;
  }

  addProduct(n: number, productName: string, row: number): void {
    const e = this.extras++;
    this.extraName = grow(this.extraName, e + 1, (k) => new Float64Array(k));
    this.extraRow = grow(this.extraRow, e + 1, (k) => new Int32Array(k));
    this.extraPrevious = grow(this.extraPrevious, e + 1, (k) => new Int32Array(k));
    this.extraName[e] = nameHash(productName);
    this.extraRow[e] = row;
    this.extraPrevious[e] = this.lastExtra[n]!;
    this.lastExtra[n] = e;
  }
}
