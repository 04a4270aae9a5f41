/** One row of a file or form: its number as the user sees it (header = 1) and its cells as text. */
export interface SourceRecord {
  row: number;
  cells: string[];
}

/** How the records were read, for the report. */
export interface SourceInfo {
  format: 'csv' | 'xlsx' | 'form';
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
}
