import { SaxesParser } from 'saxes';
import type { InflationMeter } from './inflation-meter.ts';
import type { ZipDirectory } from './inspect-xlsx-zip.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';
import { xmlLocalName } from './xml-local-name.ts';
import { xmlPartSteps } from './xml-part-steps.ts';

// Built-in number formats that show a date or time: 14–22 and 45–47 everywhere, 27–36 and
// 50–58 in East Asian Excel, 71–81 in Thai Excel (วว/ดด/ปปปป and the like).
const BUILT_IN_DATE = (id: number) => (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);

/**
 * Whether a custom format code shows a date: a day, month, year (or Buddhist-era year b, or
 * hour/second) code outside quoted text and [brackets] ('[$-1070000]d/mm/yyyy;@' is a date,
 * '"day "0' is not). The rule exceljs applies, kept so dates read as they did.
 */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const MAX_TOKEN_CHARS = 1 << 20;

/** For each cell style (the s attribute of a cell, an index into cellXfs), whether it shows a date. */
export async function readDateStyles(file: RandomAccessFile, directory: ZipDirectory, meter: InflationMeter, part: string | null): Promise<boolean[]> {
  const styles: boolean[] = [];
  if (part === null) return styles;
  const custom = new Map<number, boolean>();
  let inCellXfs = false;
  let inNumFmts = false; // numFmt also appears in dxfs (conditional formats), which cells do not use
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    const local = xmlLocalName(tag.name);
    const a = tag.attributes as Record<string, string>;
    if (local === 'numFmts') inNumFmts = true;
    else if (local === 'numFmt' && inNumFmts) custom.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
    else if (local === 'cellXfs') inCellXfs = true;
    else if (local === 'xf' && inCellXfs) {
      const id = Number(a.numFmtId ?? 0);
      styles.push(custom.get(id) ?? BUILT_IN_DATE(id));
    }
  });
  parser.on('closetag', (tag) => {
    const local = xmlLocalName(tag.name);
    if (local === 'cellXfs') inCellXfs = false;
    else if (local === 'numFmts') inNumFmts = false;
  });
  for await (const _ of xmlPartSteps(file, directory, meter, part, parser, MAX_TOKEN_CHARS));
  return styles;
}
