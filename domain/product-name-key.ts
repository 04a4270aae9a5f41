/**
 * Whether a name is its own key: nothing toLowerCase changes, no whitespace (Thai, digits, ASCII
 * punctuation and lower-case letters) — most product names, which are then not copied. A loop,
 * not a pattern: it runs for every row of a file.
 */
function isOwnKey(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c < 0x21 || c > 0x7e || (c >= 0x41 && c <= 0x5a)) && (c < 0x0e00 || c > 0x0e7f)) return false;
  }
  return true;
}

/**
 * A product name as two rows of one producer are compared (the same product twice is one
 * product): lower-case, without whitespace. Stored as products.name_key.
 */
export function productNameKey(name: string): string {
  return isOwnKey(name) ? name : name.toLowerCase().replace(/\s+/g, '');
}
