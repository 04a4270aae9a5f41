import { FileRefusal } from './file-refusal.ts';

const ONE_MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= ONE_MB ? `${Math.round(bytes / ONE_MB)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * Reads an input that is not a regular file (a pipe, a FIFO, a device such as /dev/zero, stdin)
 * into memory, refusing it ('too-large') as soon as it passes `maxBytes`: such an input has no
 * size to check first, may never end, and cannot be read twice (the pipeline reads a file once
 * to sniff and hash it, then again for its rows). The caller destroys the stream.
 */
export async function readBoundedInput(input: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    total += bytes.length;
    if (total > maxBytes) {
      throw new FileRefusal('too-large', {
        th: `ข้อมูลที่ส่งเข้ามาทางท่อหรืออุปกรณ์ (ไม่ใช่ไฟล์ปกติ) ยาวเกิน ${size(maxBytes)} ซึ่งเป็นขนาดสูงสุดของไฟล์ที่อัปโหลดได้`,
        en: `the input, a pipe or device rather than a regular file, runs past ${size(maxBytes)}, the upload limit`,
      });
    }
    chunks.push(Buffer.from(bytes)); // a copy: a stream may reuse its buffers
  }
  return Buffer.concat(chunks, total);
}
