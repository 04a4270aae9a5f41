const encoder = new TextEncoder();

/**
 * Finds a code's position in a fixed list straight from its UTF-8 bytes on the wire, without
 * making a string: FNV-1a hash into an open-addressing table, then a byte comparison. This is
 * the inner loop of every dictionary column of a million-row export.
 */
export class ByteDictionary {
  private readonly bytes: Uint8Array;
  private readonly offsets: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(readonly codes: readonly string[]) {
    const encoded = codes.map((c) => encoder.encode(c));
    this.offsets = new Int32Array(codes.length + 1);
    let total = 0;
    encoded.forEach((e, i) => {
      this.offsets[i] = total;
      total += e.length;
    });
    this.offsets[codes.length] = total;
    this.bytes = new Uint8Array(total);
    encoded.forEach((e, i) => this.bytes.set(e, this.offsets[i]!));
    let size = 8;
    while (size < codes.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    encoded.forEach((e, i) => {
      let slot = hash(e, 0, e.length) & this.mask;
      while (this.slots[slot] !== -1) {
        if (this.equals(this.slots[slot]!, e, 0, e.length)) throw new Error(`Duplicate code in a dictionary: ${codes[i]}`);
        slot = (slot + 1) & this.mask;
      }
      this.slots[slot] = i;
    });
  }

  /** Position of the code held in bytes[start, start + length), or -1 when it is not in the list. */
  lookup(bytes: Uint8Array, start: number, length: number): number {
    let slot = hash(bytes, start, length) & this.mask;
    for (;;) {
      const index = this.slots[slot]!;
      if (index === -1 || this.equals(index, bytes, start, length)) return index;
      slot = (slot + 1) & this.mask;
    }
  }

  private equals(index: number, bytes: Uint8Array, start: number, length: number): boolean {
    const from = this.offsets[index]!;
    if (this.offsets[index + 1]! - from !== length) return false;
    for (let i = 0; i < length; i++) if (this.bytes[from + i] !== bytes[start + i]) return false;
    return true;
  }
}

function hash(bytes: Uint8Array, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start, end = start + length; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
