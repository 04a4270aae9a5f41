import type { SaxesParser } from 'saxes';
import { FileRefusal } from './file-refusal.ts';
import type { InflationMeter } from './inflation-meter.ts';
import type { ZipDirectory } from './inspect-xlsx-zip.ts';
import type { RandomAccessFile } from './open-random-access-file.ts';
import { zipEntryChunks } from './zip-entry-chunks.ts';

const notXml = (name: string) =>
  new FileRefusal('unreadable-file', { th: `ส่วน ${name} ของไฟล์ Excel ไม่ใช่ XML ที่อ่านได้`, en: `part ${name} of the Excel file is not readable XML` });

/**
 * Streams one XML part of a ZIP into a saxes parser (whose handlers the caller set), pausing
 * after each inflated chunk so the caller can hand on what the handlers gathered: memory stays
 * one chunk plus what the caller keeps. saxes holds a whole text node or tag before it reports
 * it, so a run of more than `maxTokenChars` without '<' or '>' is refused before it grows.
 * Stopping early (return()) releases the part's inflater.
 */
export async function* xmlPartSteps(
  file: RandomAccessFile,
  directory: ZipDirectory,
  meter: InflationMeter,
  name: string,
  parser: SaxesParser,
  maxTokenChars: number,
): AsyncGenerator<void> {
  const entry = directory.entries.find((e) => e.name === name);
  if (!entry) throw notXml(name);
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let sinceMarkup = 0;
  const write = (text: string) => {
    const last = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
    sinceMarkup = last < 0 ? sinceMarkup + text.length : text.length - last - 1;
    if (sinceMarkup > maxTokenChars) {
      throw new FileRefusal('unreadable-file', {
        th: `ส่วน ${name} ของไฟล์ Excel มีข้อความหรือแท็กที่ยาวเกิน ${maxTokenChars} ตัวอักษร`,
        en: `part ${name} of the Excel file holds a text or tag longer than ${maxTokenChars} characters`,
      });
    }
    try {
      parser.write(text);
    } catch (err) {
      if (err instanceof FileRefusal) throw err;
      throw notXml(name);
    }
  };
  for await (const chunk of zipEntryChunks(file, entry, meter, directory.directoryOffset)) {
    write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  write(decoder.decode());
  try {
    parser.close();
  } catch (err) {
    if (err instanceof FileRefusal) throw err;
    throw notXml(name);
  }
}
