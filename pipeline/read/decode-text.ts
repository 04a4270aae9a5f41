import iconv from 'iconv-lite';
import type { TextEncoding } from './sniff-source.ts';
import { FileRefusal } from './file-refusal.ts';

// U+0000 is never text, and PostgreSQL cannot store it: a UTF-16 (or UTF-32 read as UTF-16)
// file that decodes to it is refused as binary rather than failing the load at the database.
function checked(text: string): string {
  if (text.includes('\u0000')) throw new FileRefusal('binary-file');
  return text;
}

/**
 * Turns byte chunks into text chunks in the sniffed encoding, carrying characters split
 * across chunks, and dropping a byte-order mark. Bytes that are not valid in the encoding
 * become U+FFFD (reported to the user as 'encoding-replaced'); text holding U+0000 is refused.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
  onBytes?: (n: number) => void,
): AsyncGenerator<string> {
  if (encoding === 'windows-874') {
    const decoder = iconv.getDecoder('windows-874');
    for await (const chunk of chunks) {
      onBytes?.(chunk.length);
      const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      if (text) yield checked(text);
    }
    const rest = decoder.end();
    if (rest) yield checked(rest);
    return;
  }
  const label = encoding === 'utf-16le' ? 'utf-16le' : encoding === 'utf-16be' ? 'utf-16be' : 'utf-8';
  // ignoreBOM false: the decoder strips a leading BOM itself.
  const decoder = new TextDecoder(label, { fatal: false, ignoreBOM: false });
  for await (const chunk of chunks) {
    onBytes?.(chunk.length);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield checked(text);
  }
  const rest = decoder.decode();
  if (rest) yield checked(rest);
}
