import type { CopyQuery } from './with-export-session.ts';
import { isReadColumn, type ExportColumn } from './export-column.ts';
import type { ExportFilter, SqlDataset } from './export-dataset-definition.ts';

const WIRE_TYPE: Record<string, string> = {
  int64: 'int8', int32: 'int4', int16: 'int2', int8: 'int2', bool: 'bool', date: 'date', timestamp: 'timestamptz',
  text: 'text', 'text-list': 'text[]', code: 'text',
};

/**
 * The SQL of an export: every read column cast to the wire type the decoder expects, the
 * dataset's conditions for the filters present, and the filter values as parameters
 * (read in SQL through `exportParam`). Used by the export and by the benchmark's COPY baseline.
 */
export function datasetCopyQuery(dataset: SqlDataset, columns: readonly ExportColumn[], filter: ExportFilter): CopyQuery {
  const reads = columns.filter(isReadColumn);
  if (reads[0]?.sql !== dataset.key) throw new Error(`The first column of ${dataset.name} must read its key ${dataset.key}`);
  const list = reads.map((c) => {
    if (!c.sql) throw new Error(`Column ${c.name} of ${dataset.name} has no SQL`);
    return `(${c.sql})::${WIRE_TYPE[c.kind]} as "${c.name}"`;
  });
  const where = dataset.where(filter);
  return {
    select: `select ${list.join(', ')} from ${dataset.from} where ${where.length > 0 ? where.map((w) => `(${w})`).join(' and ') : 'true'}`,
    key: dataset.key,
    params: {
      fiscal_year: filter.fiscalYear === undefined ? '' : String(filter.fiscalYear),
      province: filter.provinceCode ?? '',
      district: filter.districtCode ?? '',
      category: filter.category ?? '',
    },
  };
}
