import type { CopyOrder, CopyQuery } from './with-export-session.ts';
import { isReadColumn, type ExportColumn } from './export-column.ts';
import type { ExportFilter, SqlDataset } from './export-dataset-definition.ts';

const WIRE_TYPE: Record<string, string> = {
  int64: 'int8', int32: 'int4', int16: 'int2', int8: 'int2', bool: 'bool', date: 'date', timestamp: 'timestamptz',
  text: 'text', 'text-list': 'text[]', code: 'text',
};

/**
 * The SQL of an export: every read column cast to the wire type the decoder expects, the
 * dataset's conditions for the filters present, and the filter values as parameters
 * (read in SQL through `exportParam`). Rows are ordered by the key, after the read columns named
 * in `orderBy` when given (a partitioned export: rows grouped by partition). Used by the export and
 * by the benchmark's COPY baseline.
 */
export function datasetCopyQuery(
  dataset: SqlDataset,
  columns: readonly ExportColumn[],
  filter: ExportFilter,
  orderBy: readonly string[] = [],
): CopyQuery {
  const reads = columns.filter(isReadColumn);
  if (reads[0]?.sql !== dataset.key) throw new Error(`The first column of ${dataset.name} must read its key ${dataset.key}`);
  const expressions = reads.map((c) => {
    if (!c.sql) throw new Error(`Column ${c.name} of ${dataset.name} has no SQL`);
    return `(${c.sql})::${WIRE_TYPE[c.kind]}`;
  });
  const list = expressions.map((e, i) => `${e} as "${reads[i]!.name}"`);
  const order = orderBy.map((name): CopyOrder => {
    const field = reads.findIndex((c) => c.name === name);
    const type = WIRE_TYPE[reads[field]?.kind ?? ''];
    if (field < 0 || (type !== 'int2' && type !== 'text')) throw new Error(`${dataset.name} cannot be ordered by ${name}`);
    return { sql: expressions[field]!, field, type };
  });
  const where = dataset.where(filter);
  return {
    select: `select ${list.join(', ')} from ${dataset.from} where ${where.length > 0 ? where.map((w) => `(${w})`).join(' and ') : 'true'}`,
    key: dataset.key,
    ...(order.length > 0 ? { orderBy: order } : {}),
    params: {
      fiscal_year: filter.fiscalYear === undefined ? '' : String(filter.fiscalYear),
      province: filter.provinceCode ?? '',
      district: filter.districtCode ?? '',
      category: filter.category ?? '',
    },
  };
}
