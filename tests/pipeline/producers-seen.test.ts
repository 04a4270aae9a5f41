import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRODUCER_FIELD_COUNT, ProducersSeen } from '../../pipeline/load/producers-seen.ts';

const FIELDS = Array.from({ length: PRODUCER_FIELD_COUNT }, () => 0);

describe('ProducersSeen (the cross-row checks’ memory of a file’s producers)', () => {
  it('finds every producer of a national-size file by citizen ID, and no other', () => {
    const seen = new ProducersSeen();
    const ids: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      // 13-digit IDs spread over the whole range, as real ones are.
      const id = String(1_000_000_000_000 + ((i * 7_919_813) % 7_000_000_000_000) * 1.3).slice(0, 13);
      if (seen.find(Number(id)) >= 0) continue;
      ids.push(id);
      expect(seen.add(Number(id), i + 2, `38${String(i % 8).padStart(2, '0')}`, FIELDS, `สินค้า ${i}`)).toBe(ids.length - 1);
    }
    expect(seen.size).toBe(ids.length);
    for (let n = 0; n < ids.length; n += 997) {
      expect(seen.find(Number(ids[n]!))).toBe(n);
      expect(seen.row(seen.find(Number(ids[n]!)))).toBeGreaterThan(1);
    }
    expect(seen.find(8999999999999)).toBe(-1);
  });

  it('answers as a Map of producers and their products would, for any sequence of rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 })), { maxLength: 400 }),
        (rows) => {
          const seen = new ProducersSeen();
          const model = new Map<string, { ordinal: number; products: Map<string, number> }>();
          rows.forEach(([producer, product], i) => {
            const id = String(1_100_000_000_000 + producer * 104_729);
            const name = `ผลิตภัณฑ์ ${product}`;
            const row = i + 2;
            const known = model.get(id);
            expect(seen.find(Number(id))).toBe(known ? known.ordinal : -1);
            if (!known) {
              const n = seen.add(Number(id), row, '3801', FIELDS, name);
              model.set(id, { ordinal: n, products: new Map([[name, row]]) });
              return;
            }
            expect(seen.productRow(known.ordinal, name)).toBe(known.products.get(name) ?? -1);
            if (!known.products.has(name)) {
              seen.addProduct(known.ordinal, name, row);
              known.products.set(name, row);
            }
          });
          expect(seen.size).toBe(model.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
