import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORT_DATASETS, EXPORT_DATASET_NAMES } from '../../api/exports/export-datasets.ts';
import type { ExportColumn } from '../../api/exports/export-column.ts';

const ARROW_TYPE: Record<ExportColumn['kind'], string> = {
  int64: 'Int64', int32: 'Int32', int16: 'Int16', int8: 'Int8', bool: 'Bool', date: 'Date32', timestamp: 'Timestamp(µs, UTC)',
  text: 'Utf8', 'text-list': 'List<Utf8>', code: 'Dictionary<Int32, Utf8>', label: 'Dictionary<Int32, Utf8>', 'code-number': 'Int8',
};

/** The column tables of docs/exports.md, per dataset: [name, Arrow type, nullable]. */
function documentedColumns(): Map<string, [string, string, boolean][]> {
  const doc = readFileSync(new URL('../../docs/exports.md', import.meta.url), 'utf8');
  const out = new Map<string, [string, string, boolean][]>();
  for (const section of doc.split(/^### /m).slice(1)) {
    const name = section.split('\n')[0]!.trim();
    const rows = [...section.matchAll(/^\| `([a-z0-9_]+)` \| ([^|]+) \| (yes)? *\|/gm)].map(
      (m) => [m[1]!, m[2]!.trim(), m[3] === 'yes'] as [string, string, boolean],
    );
    if (rows.length > 0) out.set(name, rows);
  }
  return out;
}

describe('docs/exports.md', () => {
  it('documents every column of every dataset with its Arrow type and nullability, in file order', () => {
    const documented = documentedColumns();
    for (const dataset of EXPORT_DATASET_NAMES) {
      const columns = EXPORT_DATASETS[dataset].columns({ citizenIds: 'full' });
      expect(documented.get(dataset), dataset).toEqual(columns.map((c) => [c.name, ARROW_TYPE[c.kind], c.nullable]));
    }
  });
});
