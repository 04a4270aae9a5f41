const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Decodes the _xHHHH_ escapes Excel writes for characters XML cannot hold (control characters;
 * '_x005F_' escapes a literal underscore). _x0000_ becomes nothing: a NUL is never meant, and
 * PostgreSQL cannot store it (the CSV reader refuses NUL as binary; here it is one stray cell).
 */
export function unescapeXlsxText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPE, (_, hex: string) => {
    const code = parseInt(hex, 16);
    return code === 0 ? '' : String.fromCharCode(code);
  });
}
