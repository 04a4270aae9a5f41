/**
 * One column of an export dataset: its name, what it means, and how it travels. Columns read
 * from SQL name an expression (cast by the exporter to the wire type their kind needs); derived
 * columns are computed from a dictionary column's codes without any extra bytes on the wire
 * (a Thai label, a round's quarter).
 *
 * | kind          | PostgreSQL wire type | Arrow type                              |
 * |---------------|----------------------|-----------------------------------------|
 * | int64         | int8                 | Int64                                   |
 * | int32         | int4                 | Int32                                   |
 * | int16         | int2                 | Int16                                   |
 * | int8          | int2                 | Int8                                    |
 * | bool          | bool                 | Bool                                    |
 * | date          | date                 | Date32 (days)                           |
 * | timestamp     | timestamptz          | Timestamp(µs, UTC)                      |
 * | text          | text                 | Utf8                                    |
 * | text-list     | text[]               | List<Utf8>                              |
 * | code          | text                 | Dictionary<Int32, Utf8>, fixed list     |
 * | label         | — (from a code)      | Dictionary<Int32, Utf8>, fixed list     |
 * | code-number   | — (from a code)      | Int8                                    |
 */
export type CodeListName =
  | 'province'
  | 'district'
  | 'subdistrict'
  | 'round'
  | 'producer-type'
  | 'category'
  | 'district-state'
  | 'province-state'
  | 'id-kind'
  | 'step-status'
  | 'timeliness';

export type SqlColumnKind = 'int64' | 'int32' | 'int16' | 'int8' | 'bool' | 'date' | 'timestamp' | 'text' | 'text-list';

interface ColumnBase {
  name: string;
  /** What the column means, for the documentation and the file's field metadata. */
  description: string;
  nullable: boolean;
}

/** A plain value read from SQL (or, for row datasets, from the row object's property `name`). */
export interface ValueColumn extends ColumnBase {
  kind: SqlColumnKind;
  /** The SQL expression (SQL datasets); row datasets read the row's property `name`. */
  sql?: string;
  /** Applied to each text value before it is written (the masked citizen ID). */
  mapText?: (value: string) => string;
}

/** A code from a fixed list, written as a dictionary with that list as the one dictionary. */
export interface CodeColumn extends ColumnBase {
  kind: 'code';
  sql?: string;
  codeList: CodeListName;
}

/** The Thai label of a code column's values (same row order, its own fixed dictionary). */
export interface LabelColumn extends ColumnBase {
  kind: 'label';
  of: string;
}

/** A number belonging to a code column's values (a round's quarter). */
export interface CodeNumberColumn extends ColumnBase {
  kind: 'code-number';
  of: string;
}

export type ExportColumn = ValueColumn | CodeColumn | LabelColumn | CodeNumberColumn;

/** A fixed code list: codes in dictionary order, with a Thai label and a number per code when the list has them. */
export interface CodeList {
  codes: readonly string[];
  labels?: readonly string[];
  numbers?: readonly number[];
}

/** Columns that are read from SQL (or row objects), in wire order. */
export function isReadColumn(column: ExportColumn): column is ValueColumn | CodeColumn {
  return column.kind !== 'label' && column.kind !== 'code-number';
}
