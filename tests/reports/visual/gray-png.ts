// Reads the 8-bit, non-interlaced PNGs pdftoppm writes (gray, gray+alpha, RGB, RGBA) as gray
// levels: enough to compare a page with its reviewed reference without a PNG dependency.
import { inflateSync } from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function readGrayPng(png: Buffer): GrayImage {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let bpp = 1;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, color, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      const channels: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
      if (depth !== 8 || interlace !== 0 || channels[color ?? -1] === undefined) {
        throw new Error(`only 8-bit non-interlaced gray or RGB PNGs (depth ${depth}, colour type ${color})`);
      }
      bpp = channels[color as number] as number;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (rows[y * stride + x - bpp] as number) : 0;
      const b = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const c = x >= bpp && y > 0 ? (rows[(y - 1) * stride + x - bpp] as number) : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      rows[y * stride + x] = ((line[x] as number) + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    // Luma of RGB (pdftoppm -gray writes R = G = B anyway); alpha is ignored.
    const o = i * bpp;
    pixels[i] = bpp >= 3 ? Math.round(0.299 * (rows[o] as number) + 0.587 * (rows[o + 1] as number) + 0.114 * (rows[o + 2] as number)) : (rows[o] as number);
  }
  return { width, height, pixels };
}

/** Share of pixels (0–1) whose gray level differs by more than `threshold`; 1 when the sizes differ. */
export function pixelDifference(a: GrayImage, b: GrayImage, threshold = 48): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs((a.pixels[i] as number) - (b.pixels[i] as number)) > threshold) differ++;
  return differ / a.pixels.length;
}
