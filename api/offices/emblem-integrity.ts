import { crc32, inflateSync } from 'node:zlib';
import type { EmblemInfo } from '../../domain/office-profile.ts';

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function pngWhole(bytes: Buffer, info: EmblemInfo): boolean {
  let at = 8;
  const idat: Buffer[] = [];
  let ihdr: Buffer | null = null;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    if (at + 12 + length > bytes.length) return false;
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return false;
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || !ihdr || idat.length === 0) return false;
  const depth = ihdr[8]!;
  const channels = CHANNELS[ihdr[9]!];
  if (!channels || ihdr[12] !== 0) return false; // interlaced PNGs are refused: the PDF engine copies rows as they are
  const rowBytes = Math.ceil((info.width * channels * depth) / 8) + 1;
  try {
    const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: rowBytes * info.height + 1 });
    return raw.length === rowBytes * info.height;
  } catch {
    return false;
  }
}

/**
 * Whether an emblem's data is whole, beyond its header: the PDF engine copies PNG rows and JPEG
 * data into the PDF without decoding them, so a damaged file would print as garbage or break a
 * reader. A PNG's chunks must pass their CRCs and its image data inflate to exactly its rows; a
 * JPEG must end with its end-of-image marker.
 */
export function emblemIsWhole(bytes: Uint8Array, info: EmblemInfo): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (info.type === 'image/png') return pngWhole(b, info);
  return b.length > 4 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;
}
