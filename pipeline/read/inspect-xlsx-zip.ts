import type { IngestLimits } from '../ingest-limits.ts';
import { FileRefusal } from './file-refusal.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const EOCD_SEARCH = EOCD_MIN + 0xffff;
const ONE_MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= ONE_MB ? `${Math.round(bytes / ONE_MB)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** One part of the ZIP as its central directory declares it: sizes and CRC are claims, checked when read. */
export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** General-purpose flags (bit 0 encrypted, bit 3 sizes in a data descriptor after the data). */
  flags: number;
  crc32: number;
  compressedBytes: number;
  uncompressedBytes: number;
  /** Where the part's local header starts. */
  localOffset: number;
}

/** The parts of a ZIP, and where its central directory starts (no part's data goes past it). */
export interface ZipDirectory {
  entries: ZipEntryInfo[];
  directoryOffset: number;
}

const notXlsx = () =>
  new FileRefusal('binary-file', {
    th: 'ไฟล์ ZIP นี้ไม่ใช่ไฟล์ Excel (.xlsx)',
    en: 'this ZIP file is not an Excel workbook (.xlsx)',
  });
const damaged = () =>
  new FileRefusal('unreadable-file', { th: 'โครงสร้างไฟล์ Excel เสียหาย', en: 'the Excel file structure is damaged' });

/**
 * Reads the ZIP central directory of an XLSX (without inflating anything) and refuses what
 * would cost absurd memory or time to open: more parts than any workbook has, a declared
 * uncompressed total beyond the limit, or a part that inflates far more than XML does (a zip
 * bomb). Also refuses a ZIP that is no workbook at all. The declared sizes are only a first,
 * cheap filter for honest files: a lying directory passes it, and the reader then meters the
 * bytes as they really inflate (zipEntryChunks with an InflationMeter).
 */
export async function inspectXlsxZip(file: RandomAccessFile, limits: IngestLimits): Promise<ZipDirectory> {
  const sizeBytes = file.size;
  const tailLength = Math.min(sizeBytes, EOCD_SEARCH);
  const tail = await file.read(sizeBytes - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const entryCount = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: only needed past 4 GB or 65,535 parts, which no registration workbook reaches.
    throw new FileRefusal('too-large', { th: 'ไฟล์ Excel มีขนาดใหญ่ผิดปกติ (ZIP64)', en: 'the Excel file is abnormally large (ZIP64)' });
  }
  if (entryCount > limits.maxXlsxEntries) {
    throw new FileRefusal('too-large', {
      th: `ไฟล์ Excel มีส่วนประกอบ ${entryCount} ส่วน มากผิดปกติ`,
      en: `the Excel file has ${entryCount} parts, abnormally many`,
    });
  }
  if (directoryOffset + directorySize > sizeBytes) throw damaged();
  const dir = await file.read(directoryOffset, directorySize);
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  let total = 0;
  for (let k = 0; k < entryCount; k++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw damaged();
    const flags = dir.readUInt16LE(p + 8);
    const method = dir.readUInt16LE(p + 10);
    const crc32 = dir.readUInt32LE(p + 16);
    const compressedBytes = dir.readUInt32LE(p + 20);
    const uncompressedBytes = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const localOffset = dir.readUInt32LE(p + 42);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (localOffset >= directoryOffset || compressedBytes > directoryOffset - localOffset) throw damaged();
    entries.push({ name, method, flags, crc32, compressedBytes, uncompressedBytes, localOffset });
    total += uncompressedBytes;
    if (uncompressedBytes > ONE_MB && uncompressedBytes > Math.max(1, compressedBytes) * limits.maxXlsxCompressionRatio) {
      throw new FileRefusal('too-large', {
        th: `ส่วน ${name} ของไฟล์ Excel ขยายตัวได้ ${Math.round(uncompressedBytes / Math.max(1, compressedBytes))} เท่า ผิดปกติ (อาจเป็น zip bomb)`,
        en: `part ${name} of the Excel file expands ${Math.round(uncompressedBytes / Math.max(1, compressedBytes))} times, abnormally (a zip bomb?)`,
      });
    }
  }
  if (total > limits.maxXlsxUncompressedBytes) {
    throw new FileRefusal('too-large', {
      th: `ไฟล์ Excel เมื่อขยายแล้วมีขนาด ${size(total)} เกินกำหนด ${size(limits.maxXlsxUncompressedBytes)}`,
      en: `the Excel file expands to ${size(total)}, over the ${size(limits.maxXlsxUncompressedBytes)} limit`,
    });
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw notXlsx();
  return { entries, directoryOffset };
}
