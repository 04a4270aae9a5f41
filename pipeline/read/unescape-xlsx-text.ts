const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Decodes the _xHHHH_ escapes Excel writes for characters XML cannot hold (control characters);
 * '_x005F_' is Excel's escape for a literal underscore that would otherwise start one.
 */
export function unescapeXlsxText(text: string): string {
  return text.includes('_x') ? text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
