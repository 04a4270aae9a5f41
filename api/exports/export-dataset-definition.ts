import type { Db } from '../../db/create-db.ts';
import type { CategoryCode } from '../../domain/product-categories.ts';
import type { ExportArea } from './export-code-lists.ts';
import type { ExportColumn } from './export-column.ts';
import type { ExportSession } from './with-export-session.ts';

export type ExportDatasetName = 'producers' | 'products' | 'registrations' | 'progress';

/** Filters beyond the area: a Buddhist-Era fiscal year and a product category. */
export interface ExportFilter {
  fiscalYear?: number;
  provinceCode?: string;
  districtCode?: string;
  category?: CategoryCode;
}

import type { CitizenIdMode } from '../auth/citizen-id-visibility.ts';

export type { CitizenIdMode };

export interface DatasetColumnsOptions {
  citizenIds: CitizenIdMode;
}

interface DatasetBase {
  name: ExportDatasetName;
  /** One row per … (for the documentation). */
  grain: string;
  /** What the fiscal-year and category filters mean for this dataset; absent = not accepted. */
  filterMeaning: { fiscalYear: string; category?: string };
  columns(options: DatasetColumnsOptions): ExportColumn[];
}

/** Rows read with one SQL query, streamed as binary COPY. */
export interface SqlDataset extends DatasetBase {
  source: 'sql';
  /** `from …` with its joins. */
  from: string;
  /** The unique int8 key the rows are ordered by; the first column must read it. */
  key: string;
  /** Conditions (constant SQL fragments reading export parameters) for the filters present. */
  where(filter: ExportFilter): string[];
}

/** Rows computed in TypeScript by an existing query (progress), in pages of row objects keyed by column name. */
export interface RowsDataset extends DatasetBase {
  source: 'rows';
  rows(db: Db, session: ExportSession, area: ExportArea, filter: ExportFilter, now: Date): AsyncIterable<Record<string, unknown>[]>;
}

export type ExportDatasetDefinition = SqlDataset | RowsDataset;
