import { Writable } from 'node:stream';
import pl from 'nodejs-polars';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { districts, producers, products, provinces, registrations, subdistricts } from '../../../db/schema/index.ts';
import { queryRows } from '../../../db/query-rows.ts';
import { normalizeKey } from '../../../domain/normalize-text.ts';
import { makeThaiId } from '../../../domain/thai-id.ts';
import { prepareDatabase } from '../../../api/prepare-database.ts';
import { exportDataset } from '../../../api/exports/export-dataset.ts';
import type { ExportRequest } from '../../../api/exports/plan-export.ts';
import type { ExportSummary } from '../../../api/exports/run-export.ts';
import type { ExportFormat } from '../../../api/exports/export-formats.ts';
import { createTestDb, type TestDb } from '../../support/test-db.ts';

export { pl };
export type DataFrame = pl.DataFrame;

/** Names that exercise the edges: a formula, quotes and a comma, Thai tone marks and signs. */
export const EDGE = {
  formulaName: '=HYPERLINK("http://evil.example","คลิก")',
  markedName: 'กลุ่มทอผ้าไหมแพรวาบ้านโพธิ์หมากแข้ง ๒ (ฤๅษี)',
  minusProduct: '-ยาดมสมุนไพร',
  atProduct: '@ผ้าไหม "แพรวา", ลายโบราณ',
  plusProduct: '+ชาใบหม่อน',
} as const;

export interface EdgeIds {
  /** Juristic ID, name starting with '=', no members, no village, registered 23:59:59 Bangkok on the last day of step 1. */
  formulaProducer: number;
  formulaRegistration: number;
  /** Thai marks, registered 00:00:00 Bangkok the day after step 1 closed (late). */
  markedProducer: number;
  markedRegistration: number;
}

export interface ExportFixture {
  t: TestDb;
  edge: EdgeIds;
  close(): Promise<void>;
}

/**
 * A database with the demo data set (Bueng Kan, FY2560–2561), a second province (43) with no
 * data, and a few rows with edge values in Phon Charoen (3802).
 */
export async function createExportFixture(): Promise<ExportFixture> {
  const t = await createTestDb();
  await prepareDatabase(t.db, { demo: true });
  await t.db.insert(provinces).values({ code: '43', nameTh: 'หนองคาย', nameEn: 'Nong Khai' }).onConflictDoNothing();
  await t.db
    .insert(districts)
    .values({ code: '4301', provinceCode: '43', nameTh: 'เมืองหนองคาย', nameEn: 'Mueang Nong Khai', postalCode: '43000' })
    .onConflictDoNothing();
  await t.db
    .insert(subdistricts)
    .values({ code: '430101', districtCode: '4301', nameTh: 'ในเมือง', nameEn: 'Nai Mueang', postalCode: '43000' })
    .onConflictDoNothing();

  const [formula] = await t.db
    .insert(producers)
    .values({
      thaiId: makeThaiId('010555000001'), producerType: 'sme', name: EDGE.formulaName, members: null, villageNo: null,
      subdistrictCode: '380201', districtCode: '3802', provinceCode: '38',
    })
    .returning();
  const [marked] = await t.db
    .insert(producers)
    .values({
      thaiId: makeThaiId('110370012345'), producerType: 'community-group', name: EDGE.markedName, members: 12, villageNo: 7,
      subdistrictCode: '380202', districtCode: '3802', provinceCode: '38',
    })
    .returning();
  const register = async (p: typeof producers.$inferSelect, at: string) => {
    const [r] = await t.db
      .insert(registrations)
      .values({
        producerId: p.id, fiscalYear: 2561, roundCode: '2561-Q1', districtCode: '3802', provinceCode: '38', registeredAt: new Date(at),
        producerType: p.producerType, producerName: p.name, members: p.members, villageNo: p.villageNo, subdistrictCode: p.subdistrictCode,
      })
      .returning({ id: registrations.id });
    return r!.id;
  };
  const formulaRegistration = await register(formula!, '2017-12-20T16:59:59Z');
  const markedRegistration = await register(marked!, '2017-12-20T17:00:00Z');
  const product = (registrationId: number, producerId: number, name: string, category: 'herbal' | 'textile' | 'beverage', standards: (string | null)[], stars: number | null) => ({
    registrationId, producerId, fiscalYear: 2561, roundCode: '2561-Q1', districtCode: '3802', provinceCode: '38',
    name, nameKey: normalizeKey(name), category, standards: standards as string[], stars,
  });
  await t.db.insert(products).values([
    product(formulaRegistration, formula!.id, EDGE.minusProduct, 'herbal', [], null),
    product(formulaRegistration, formula!.id, EDGE.plusProduct, 'beverage', ['fda', null], 3),
    product(markedRegistration, marked!.id, EDGE.atProduct, 'textile', ['mophor', 'ฮาลาล'], 5),
  ]);
  return {
    t,
    edge: { formulaProducer: formula!.id, formulaRegistration, markedProducer: marked!.id, markedRegistration },
    close: () => t.close(),
  };
}

/** Runs an export into memory. */
export async function exportBytes(db: Db, request: ExportRequest): Promise<{ bytes: Buffer; summary: ExportSummary }> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      callback();
    },
  });
  const summary = await exportDataset(db, request, sink);
  return { bytes: Buffer.concat(parts), summary };
}

/** Reads an export back with Polars (an independent reader: Rust arrow2/polars, not apache-arrow). */
export function readWithPolars(format: ExportFormat, bytes: Buffer): DataFrame {
  switch (format) {
    case 'arrows':
      return pl.readIPCStream(bytes);
    case 'arrow':
      return pl.readIPC(bytes);
    case 'parquet':
      return pl.readParquet(bytes);
    case 'csv':
      return pl.readCSV(bytes, { inferSchemaLength: 0 });
  }
}

/** The distinct values of a column, as text, sorted. */
export function distinct(df: DataFrame, column: string): string[] {
  return [...new Set(df.getColumn(column).cast(pl.Utf8).toArray() as string[])].sort();
}

/** Column → Polars dtype, as `String(dtype)` prints it. */
export function dtypes(df: DataFrame): Record<string, string> {
  return Object.fromEntries(df.columns.map((c, i) => [c, String(df.dtypes[i]).replace(/^DataType\((.*)\)$/, '$1')]));
}

/** One row of SQL figures, numbers as numbers on both engines. */
export async function sqlFigures(db: Db, query: ReturnType<typeof sql>): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, unknown>>(db, query);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? 0 : Number(v)]));
}
