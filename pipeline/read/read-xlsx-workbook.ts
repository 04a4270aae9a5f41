import { SaxesParser } from 'saxes';
import { FileRefusal } from './file-refusal.ts';
import type { InflationMeter } from './inflation-meter.ts';
import type { ZipDirectory } from './inspect-xlsx-zip.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';
import { xmlLocalName } from './xml-local-name.ts';
import { xmlPartSteps } from './xml-part-steps.ts';

/** What the workbook part says: its worksheets in tab order and where the shared parts are. */
export interface XlsxWorkbook {
  /** Worksheets (not chart sheets) in tab order, with the ZIP part holding each. */
  sheets: Array<{ name: string; part: string }>;
  /** Dates count from 1904 (old Mac Excel) rather than 1900. */
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

// Workbook, relationship and style parts are small; a longer token is no workbook's.
const MAX_TOKEN_CHARS = 1 << 20;

interface Relationship {
  type: string;
  target: string;
}

/** The ZIP part a relationship target names, relative to the part that holds the relationships. */
function resolvePart(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') parts.pop();
    else parts.push(piece);
  }
  return parts.join('/');
}

/** The directory's name for a part, matched without regard to case as Excel does. */
function findPart(directory: ZipDirectory, name: string): string | null {
  if (directory.entries.some((e) => e.name === name)) return name;
  const lower = name.toLowerCase();
  return directory.entries.find((e) => e.name.toLowerCase() === lower)?.name ?? null;
}

async function drain(steps: AsyncGenerator<void>): Promise<void> {
  for await (const _ of steps);
}

async function readRelationships(file: RandomAccessFile, directory: ZipDirectory, meter: InflationMeter, of: string): Promise<Map<string, Relationship>> {
  const slash = of.lastIndexOf('/');
  const relsName = findPart(directory, `${of.slice(0, slash + 1)}_rels/${of.slice(slash + 1)}.rels`);
  const rels = new Map<string, Relationship>();
  if (!relsName) return rels;
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    if (xmlLocalName(tag.name) !== 'Relationship') return;
    const a = tag.attributes as Record<string, string>;
    if (a.Id && a.Target && a.TargetMode !== 'External') rels.set(a.Id, { type: a.Type ?? '', target: resolvePart(of, a.Target) });
  });
  await drain(xmlPartSteps(file, directory, meter, relsName, parser, MAX_TOKEN_CHARS));
  return rels;
}

/**
 * Reads the package relationships, the workbook part and its relationships: the sheet names in
 * tab order and the parts behind them, the date system, and where shared strings and styles are.
 */
export async function readXlsxWorkbook(file: RandomAccessFile, directory: ZipDirectory, meter: InflationMeter): Promise<XlsxWorkbook> {
  const root = await readRelationships(file, directory, meter, '');
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = findPart(directory, office?.target ?? 'xl/workbook.xml') ?? findPart(directory, 'xl/workbook.xml');
  if (!workbookPart) {
    throw new FileRefusal('binary-file', { th: 'ไฟล์ ZIP นี้ไม่ใช่ไฟล์ Excel (.xlsx)', en: 'this ZIP file is not an Excel workbook (.xlsx)' });
  }
  const listed: Array<{ name: string; id: string }> = [];
  let date1904 = false;
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    const local = xmlLocalName(tag.name);
    const a = tag.attributes as Record<string, string>;
    if (local === 'sheet') {
      // The relationship id is r:id, whatever prefix the writer bound to the relationships namespace.
      const idKey = Object.keys(a).find((k) => k.includes(':') && xmlLocalName(k) === 'id');
      listed.push({ name: a.name ?? '', id: idKey ? a[idKey]! : '' });
    } else if (local === 'workbookPr') {
      date1904 = a.date1904 === '1' || a.date1904 === 'true';
    }
  });
  await drain(xmlPartSteps(file, directory, meter, workbookPart, parser, MAX_TOKEN_CHARS));
  const rels = await readRelationships(file, directory, meter, workbookPart);
  const sheets: XlsxWorkbook['sheets'] = [];
  for (const s of listed) {
    const rel = rels.get(s.id);
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const part = findPart(directory, rel.target);
    if (part) sheets.push({ name: s.name, part });
  }
  const partOf = (suffix: string, fallback: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    return findPart(directory, rel?.target ?? fallback);
  };
  return { sheets, date1904, sharedStringsPart: partOf('/sharedStrings', 'xl/sharedStrings.xml'), stylesPart: partOf('/styles', 'xl/styles.xml') };
}
