import iconv from 'iconv-lite';
import type { TextEncoding } from './sniff-source.ts';

/**
 * Turns byte chunks into text chunks in the sniffed encoding, carrying characters split
 * across chunks, and dropping a byte-order mark. Bytes that are not valid in the encoding
 * become U+FFFD (reported to the user as 'encoding-replaced').
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
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  const label = encoding === 'utf-16le' ? 'utf-16le' : encoding === 'utf-16be' ? 'utf-16be' : 'utf-8';
  // ignoreBOM false: the decoder strips a leading BOM itself.
  const decoder = new TextDecoder(label, { fatal: false, ignoreBOM: false });
  for await (const chunk of chunks) {
    onBytes?.(chunk.length);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
