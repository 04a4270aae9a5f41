import type { RecordBatch } from 'apache-arrow';
import type { ArrowExportPlan } from './arrow-export-plan.ts';
import { BatchBuilder, KIND_BOOL, KIND_CODE, KIND_DATE, KIND_TEXT, KIND_TEXT_LIST, KIND_TIMESTAMP } from './batch-builder.ts';

const DAY_MS = 86_400_000;

function days(value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(`${String(value)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new TypeError(`Not a date: ${String(value)}`);
  return Math.floor(ms / DAY_MS);
}

function micros(value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (Number.isNaN(ms)) throw new TypeError(`Not an instant: ${String(value)}`);
  return ms * 1000;
}

/**
 * Arrow record batches from pages of row objects (a dataset computed in TypeScript): each
 * column reads the row's property of the same name; null and undefined are nulls.
 */
export async function* rowBatches(
  pages: AsyncIterable<Record<string, unknown>[]>,
  plan: ArrowExportPlan,
  batchRows: number,
): AsyncGenerator<RecordBatch> {
  const builder = new BatchBuilder(plan, batchRows);
  for await (const page of pages) {
    for (const source of page) {
      const row = builder.rows;
      for (const col of builder.columns) {
        const { column } = col.planned;
        const value = source[column.name];
        if (value === null || value === undefined) {
          if (!column.nullable) throw new TypeError(`Null in non-nullable column ${column.name}`);
          col.setNull(row);
          continue;
        }
        switch (col.kind) {
          case KIND_BOOL:
            col.setBool(row, Boolean(value));
            break;
          case KIND_DATE:
            col.setNumber(row, days(value));
            break;
          case KIND_TIMESTAMP:
            col.setNumber(row, micros(value));
            break;
          case KIND_TEXT:
            col.setText(row, String(value));
            break;
          case KIND_TEXT_LIST:
            col.setTextList(row, (value as unknown[]).map(String));
            break;
          case KIND_CODE: {
            const index = col.planned.codes!.index.get(String(value));
            if (index === undefined) throw new TypeError(`Column ${column.name}: '${String(value)}' is not in its code list`);
            col.setNumber(row, index);
            break;
          }
          default:
            col.setNumber(row, Number(value));
        }
      }
      builder.rows = row + 1;
      if (builder.full) yield builder.finish();
    }
  }
  if (builder.rows > 0) yield builder.finish();
}
