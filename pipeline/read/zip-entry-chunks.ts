import { createInflateRaw, crc32 } from 'node:zlib';
import { FileRefusal } from './file-refusal.ts';
import type { InflationMeter } from './inflation-meter.ts';
import type { ZipEntryInfo } from './inspect-xlsx-zip.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';

const LOCAL_SIGNATURE = 0x04034b50;
// Compressed bytes read from the file at a time.
const READ_BYTES = 1 << 18;
// Compressed bytes handed to zlib at a time. zlib inflates all of one write before it stops,
// so this bounds what one write can produce (deflate tops out near 1032:1): about 16 MB.
const WRITE_BYTES = 1 << 14;

const damaged = (en: string, th: string) =>
  new FileRefusal('unreadable-file', { th: `โครงสร้างไฟล์ Excel เสียหาย: ${th}`, en: `the Excel file structure is damaged: ${en}` });

/**
 * The inflated bytes of one ZIP part, read at its offset through the central directory (never
 * by walking local headers, which a crafted file can make disagree), each chunk counted by the
 * meter before it is handed on, so a part stops at the limits whatever its headers declare.
 * The local header must agree with the directory; at the end the size and CRC-32 must match.
 * Returning early (or a refusal) destroys the inflater; nothing is left running.
 */
export async function* zipEntryChunks(file: RandomAccessFile, entry: ZipEntryInfo, meter: InflationMeter, dataEnd: number): AsyncGenerator<Buffer> {
  const { name } = entry;
  const head = await file.read(entry.localOffset, 30);
  if (head.length < 30 || head.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw damaged(`part ${name} is not where the directory says`, `ไม่พบส่วน ${name} ในตำแหน่งที่ระบุ`);
  }
  const flags = head.readUInt16LE(6);
  const method = head.readUInt16LE(8);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const localName = (await file.read(entry.localOffset + 30, nameLength)).toString('utf8');
  // Bit 3: the writer streamed the part and put its sizes after the data; the local header then
  // holds zeros, and the directory (read here anyway) is the only statement of the sizes.
  const sizesHere = (flags & 8) === 0;
  if (
    localName !== name ||
    method !== entry.method ||
    (sizesHere && (head.readUInt32LE(14) !== entry.crc32 || head.readUInt32LE(18) !== entry.compressedBytes || head.readUInt32LE(22) !== entry.uncompressedBytes))
  ) {
    throw damaged(`the local header of part ${name} disagrees with the central directory`, `ส่วนหัวของส่วน ${name} ไม่ตรงกับสารบัญของไฟล์`);
  }
  if ((entry.flags & 1) !== 0) {
    throw new FileRefusal('unreadable-file', { th: 'ไฟล์ Excel ถูกเข้ารหัสไว้', en: 'the Excel file is encrypted' });
  }
  if (method !== 0 && method !== 8) {
    throw damaged(`part ${name} uses compression method ${method}`, `ส่วน ${name} ใช้วิธีบีบอัดแบบ ${method} ที่ไม่รองรับ`);
  }
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const end = start + entry.compressedBytes;
  if (end > dataEnd) throw damaged(`part ${name} runs past the end of the data`, `ส่วน ${name} เกินขอบเขตของข้อมูล`);

  let inflated = 0;
  let compressed = 0;
  let crc = 0;
  const counted = (chunk: Buffer): Buffer => {
    inflated += chunk.length;
    meter.count(name, chunk.length, inflated, compressed, entry.uncompressedBytes);
    crc = crc32(chunk, crc);
    return chunk;
  };

  if (method === 0) {
    for (let pos = start; pos < end; ) {
      const slice = await file.read(pos, Math.min(READ_BYTES, end - pos));
      if (slice.length === 0) throw damaged(`part ${name} is cut off`, `ส่วน ${name} ขาดหายไป`);
      pos += slice.length;
      compressed += slice.length;
      yield counted(slice);
    }
  } else {
    const inflater = createInflateRaw({ chunkSize: 1 << 16 });
    const pending: Buffer[] = [];
    let failure: Error | null = null;
    let ended = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    inflater.on('data', (b: Buffer) => pending.push(b));
    // Kept for the stream's whole life, so an error after an early stop is never unhandled.
    inflater.on('error', (err) => {
      failure ??= err;
      signal();
    });
    inflater.on('end', () => {
      ended = true;
      signal();
    });
    const settle = (start: (done: () => void) => void) =>
      new Promise<void>((resolve) => {
        wake = resolve;
        start(signal);
      });
    const corrupt = () => damaged(`part ${name} does not inflate (${failure?.message ?? 'cut off'})`, `ขยายส่วน ${name} ไม่ได้`);
    try {
      for (let pos = start; pos < end && !ended; ) {
        const block = await file.read(pos, Math.min(READ_BYTES, end - pos));
        if (block.length === 0) throw corrupt();
        pos += block.length;
        for (let at = 0; at < block.length && !ended; at += WRITE_BYTES) {
          const slice = block.subarray(at, at + WRITE_BYTES);
          compressed += slice.length;
          await settle((done) => inflater.write(slice, () => done()));
          if (failure) throw corrupt();
          while (pending.length > 0) yield counted(pending.shift()!);
        }
      }
      if (!ended) await settle((done) => inflater.end(() => done()));
      if (!ended && !failure) await settle(() => {});
      if (failure || !ended) throw corrupt();
      while (pending.length > 0) yield counted(pending.shift()!);
    } finally {
      inflater.removeAllListeners('data');
      inflater.destroy();
    }
  }
  if (inflated !== entry.uncompressedBytes || (crc >>> 0) !== entry.crc32) {
    throw damaged(`part ${name} does not match its size or checksum`, `ส่วน ${name} มีขนาดหรือค่าตรวจสอบไม่ตรง`);
  }
}
