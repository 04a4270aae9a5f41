import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/query-rows.ts';
import { copyInto, copyValue } from '../../pipeline/load/copy-into.ts';
import { createTestDb, TEST_ENGINE, type TestDb } from '../support/test-db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await t?.close();
});

interface Row {
  n: number;
  v: string | null;
}

/** Writes the values through one COPY writer into a temp table, in one transaction, and reads them back in order. */
async function roundTrip(values: ReadonlyArray<string | null>): Promise<Row[]> {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql.raw('create temp table copied (n integer not null, v text) on commit drop'));
    const writer = await copyInto(tx, TEST_ENGINE, 'copied', ['n', 'v']);
    for (let i = 0; i < values.length; i++) {
      const w = writer.write(`${i}\t${copyValue(values[i])}\n`);
      if (w) await w;
    }
    await writer.end();
    return queryRows<Row>(tx as never, sql`select n, v from copied order by n`);
  });
}

describe('copyInto: every line arrives once, in order, byte for byte', () => {
  it('a small load (sent as one INSERT on PostgreSQL) keeps Thai text, tabs, backslashes and NULLs', async () => {
    const values = ['ผ้าไหมมัดหมี่', 'a\tb\\c\nd', null, '', 'น้ำพริก ๑๒๓'];
    expect(await roundTrip(values)).toEqual(values.map((v, n) => ({ n, v })));
  });

  it('a load of thousands of lines, with Thai text at every chunk boundary and lines longer than a chunk', async () => {
    // Three-byte Thai characters make the encoded lines straddle every chunk boundary; the long
    // lines (a rejected row of many full cells) are larger than a whole chunk on their own.
    const values: Array<string | null> = [];
    for (let i = 0; i < 6_000; i++) {
      if (i % 1_500 === 700) values.push('ก'.repeat(400_000 + i));
      else if (i % 97 === 0) values.push(null);
      else values.push(`${'กลุ่มแม่บ้าน'.repeat((i % 40) + 1)}\t${i}\\`);
    }
    const back = await roundTrip(values);
    expect(back).toHaveLength(values.length);
    const wrong = back.filter((r, i) => r.n !== i || r.v !== values[i]).map((r) => r.n);
    expect(wrong).toEqual([]);
  });
});
