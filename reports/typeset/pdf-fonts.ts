import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TFontDictionary } from 'pdfmake/interfaces';
import { textLayerFont } from './text-layer-font.ts';

// Resolved through Node's own resolution (not a hard-coded path) so the files are found
// wherever node_modules lives: a fresh clone, CI's other folder, a hoisted workspace.
// The OFL licence that allows embedding is LICENSE_FONT in the same package.
const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/sarabun';

/** The family name every report uses; pdfmake's `font` style property must say this. */
export const SARABUN = 'Sarabun';

export type FontVariant = 'normal' | 'bold' | 'italics' | 'bolditalics';

/** Absolute paths of the four Sarabun TTF files (measuring reads them; PDFs embed subsets). */
export const sarabunFontFiles: Readonly<Record<FontVariant, string>> = Object.freeze({
  normal: require.resolve(`${PACKAGE}/400Regular/Sarabun_400Regular.ttf`),
  bold: require.resolve(`${PACKAGE}/700Bold/Sarabun_700Bold.ttf`),
  italics: require.resolve(`${PACKAGE}/400Regular_Italic/Sarabun_400Regular_Italic.ttf`),
  bolditalics: require.resolve(`${PACKAGE}/700Bold_Italic/Sarabun_700Bold_Italic.ttf`),
});

// pdfmake reads fonts by name from its virtual file system before it looks at the disk;
// the bytes stored there carry the text-layer wrapper (text-layer-font.ts).
const VFS_NAMES: Readonly<Record<FontVariant, string>> = Object.freeze({
  normal: 'otop-reports/Sarabun-Regular.ttf',
  bold: 'otop-reports/Sarabun-Bold.ttf',
  italics: 'otop-reports/Sarabun-Italic.ttf',
  bolditalics: 'otop-reports/Sarabun-BoldItalic.ttf',
});

/**
 * The pdfmake font descriptor. A fresh object on every call: pdfmake rewrites the
 * descriptor it is given while resolving URLs, so a shared one would be mutated under us.
 */
export function pdfFonts(): TFontDictionary {
  return { [SARABUN]: { ...VFS_NAMES } };
}

let fontBytes: ReadonlyMap<string, Buffer> | undefined;

/** What pdfmake's virtual file system must hold for pdfFonts() to resolve (read once). */
export function pdfFontFiles(): ReadonlyMap<string, Buffer> {
  fontBytes ??= new Map(
    (Object.keys(VFS_NAMES) as FontVariant[]).map((v) => [VFS_NAMES[v], textLayerFont(readFileSync(sarabunFontFiles[v]))]),
  );
  return fontBytes;
}

/** pdfmake's variant key for a bold/italics pair (same rule as pdfmake's PDFDocument). */
export function fontVariant(bold: boolean, italics: boolean): FontVariant {
  if (bold && italics) return 'bolditalics';
  if (bold) return 'bold';
  if (italics) return 'italics';
  return 'normal';
}
