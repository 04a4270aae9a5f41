import { open } from 'node:fs/promises';
import type { IngestLimits } from '../ingest-limits.ts';
import type { IngestSource } from './ingest-source.ts';
import { FileRefusal } from './file-refusal.ts';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const EOCD_SEARCH = EOCD_MIN + 0xffff;
const ONE_MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= ONE_MB ? `${Math.round(bytes / ONE_MB)} MB` : `${Math.ceil(bytes / 1024)} KB`);

export interface ZipEntryInfo {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
}

async function readRange(source: IngestSource, offset: number, length: number): Promise<Buffer> {
  if (source.kind === 'bytes') {
    return Buffer.from(source.bytes.buffer, source.bytes.byteOffset + offset, Math.max(0, Math.min(length, source.bytes.length - offset)));
  }
  const handle = await open(source.path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
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
 * bomb). Also refuses a ZIP that is no workbook at all.
 */
export async function inspectXlsxZip(source: IngestSource, sizeBytes: number, limits: IngestLimits): Promise<ZipEntryInfo[]> {
  const tailLength = Math.min(sizeBytes, EOCD_SEARCH);
  const tail = await readRange(source, sizeBytes - tailLength, tailLength);
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
  const dir = await readRange(source, directoryOffset, directorySize);
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  let total = 0;
  for (let k = 0; k < entryCount; k++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw damaged();
    const compressedBytes = dir.readUInt32LE(p + 20);
    const uncompressedBytes = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    entries.push({ name, compressedBytes, uncompressedBytes });
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
  return entries;
}
