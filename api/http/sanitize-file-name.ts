/**
 * An uploaded file's name as we keep and show it: the last path component only, no control
 * or bidi characters, no characters that are special on common file systems, NFC, at most 200
 * characters (extension kept). Never used as a path on our side, but shown and exported.
 */
export function sanitizeFileName(input: string | undefined | null): string {
  const base = (input ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || 'upload';
}
