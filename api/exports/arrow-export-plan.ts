import {
  Bool, DataType, DateDay, Dictionary, Field, Int8, Int16, Int32, Int64, List, Schema, TimestampMicrosecond, Utf8,
  vectorFromArray, type Vector,
} from 'apache-arrow';
import { ByteDictionary } from './byte-dictionary.ts';
import { isReadColumn, type CodeList, type CodeListName, type ExportColumn, type ValueColumn, type CodeColumn } from './export-column.ts';

/** A column read from the wire (SQL) or from row objects, in read order. */
export interface PlannedReadColumn {
  column: ValueColumn | CodeColumn;
  field: Field;
  /** Code columns: the fixed list, its byte lookup and its dictionary (shared by every batch). */
  codes?: { lookup: ByteDictionary; index: ReadonlyMap<string, number>; dictionary: Vector<Utf8> };
}

/** A column computed from a read code column's positions. */
export interface PlannedDerivedColumn {
  column: ExportColumn;
  field: Field;
  /** Position of the source code column among the read columns. */
  source: number;
  /** Label columns: code position → label position, and the labels' dictionary. */
  labels?: { remap: Int32Array; dictionary: Vector<Utf8> };
  /** Number columns: code position → number. */
  numbers?: Int8Array;
}

export interface ArrowExportPlan {
  schema: Schema;
  reads: PlannedReadColumn[];
  derived: PlannedDerivedColumn[];
  /** For each schema field: where its values come from. */
  order: ({ read: number } | { derived: number })[];
}

function valueType(kind: ValueColumn['kind']): DataType {
  switch (kind) {
    case 'int64': return new Int64();
    case 'int32': return new Int32();
    case 'int16': return new Int16();
    case 'int8': return new Int8();
    case 'bool': return new Bool();
    case 'date': return new DateDay();
    case 'timestamp': return new TimestampMicrosecond('UTC');
    case 'text': return new Utf8();
    case 'text-list': return new List(new Field('item', new Utf8(), true));
  }
}

/**
 * The Arrow schema of a dataset for one export, and how each field is filled. Every dictionary
 * column gets its own dictionary id and ONE dictionary for the whole file (its fixed code list,
 * or the unique labels of that list), so readers never meet a delta or replacement dictionary.
 */
export function arrowExportPlan(
  columns: readonly ExportColumn[],
  codeLists: Partial<Record<CodeListName, CodeList>>,
  metadata: ReadonlyMap<string, string>,
): ArrowExportPlan {
  let dictionaryId = 0;
  const reads: PlannedReadColumn[] = [];
  const derived: PlannedDerivedColumn[] = [];
  const order: ArrowExportPlan['order'] = [];
  const readIndex = new Map<string, number>();
  const fieldMeta = (c: ExportColumn) => new Map([['description', c.description]]);

  for (const column of columns) {
    if (isReadColumn(column)) {
      let planned: PlannedReadColumn;
      if (column.kind === 'code') {
        const list = codeLists[column.codeList];
        if (!list) throw new Error(`Code list '${column.codeList}' was not loaded for column ${column.name}`);
        const type = new Dictionary(new Utf8(), new Int32(), dictionaryId++);
        planned = {
          column,
          field: new Field(column.name, type, column.nullable, fieldMeta(column)),
          codes: {
            lookup: new ByteDictionary(list.codes),
            index: new Map(list.codes.map((c, i) => [c, i])),
            dictionary: vectorFromArray([...list.codes], new Utf8()),
          },
        };
      } else {
        planned = { column, field: new Field(column.name, valueType(column.kind), column.nullable, fieldMeta(column)) };
      }
      readIndex.set(column.name, reads.length);
      order.push({ read: reads.length });
      reads.push(planned);
      continue;
    }
    const source = readIndex.get(column.of);
    const sourceColumn = source === undefined ? undefined : reads[source]?.column;
    if (source === undefined || sourceColumn?.kind !== 'code') {
      throw new Error(`Column ${column.name} derives from ${column.of}, which is not an earlier code column`);
    }
    const list = codeLists[sourceColumn.codeList]!;
    if (column.kind === 'label') {
      if (!list.labels) throw new Error(`Code list '${sourceColumn.codeList}' has no labels`);
      const unique: string[] = [];
      const position = new Map<string, number>();
      const remap = new Int32Array(list.codes.length);
      list.labels.forEach((label, i) => {
        let p = position.get(label);
        if (p === undefined) {
          p = unique.length;
          unique.push(label);
          position.set(label, p);
        }
        remap[i] = p;
      });
      const type = new Dictionary(new Utf8(), new Int32(), dictionaryId++);
      order.push({ derived: derived.length });
      derived.push({
        column,
        field: new Field(column.name, type, column.nullable, fieldMeta(column)),
        source,
        labels: { remap, dictionary: vectorFromArray(unique, new Utf8()) },
      });
    } else {
      if (!list.numbers) throw new Error(`Code list '${sourceColumn.codeList}' has no numbers`);
      order.push({ derived: derived.length });
      derived.push({
        column,
        field: new Field(column.name, new Int8(), column.nullable, fieldMeta(column)),
        source,
        numbers: Int8Array.from(list.numbers),
      });
    }
  }
  const fields = order.map((o) => ('read' in o ? reads[o.read]!.field : derived[o.derived]!.field));
  return { schema: new Schema(fields, new Map(metadata)), reads, derived, order };
}
