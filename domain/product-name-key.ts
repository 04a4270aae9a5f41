// Names that are their own key: nothing toLowerCase changes, no whitespace (Thai, digits, ASCII
// punctuation and lower-case letters) — most product names; they are not copied.
const OWN_KEY = /^[\u0E00-\u0E7F\x21-\x40\x5B-\x7E]*$/;

/**
 * A product name as two rows of one producer are compared (the same product twice is one
 * product): lower-case, without whitespace. Stored as products.name_key.
 */
export function productNameKey(name: string): string {
  return OWN_KEY.test(name) ? name : name.toLowerCase().replace(/\s+/g, '');
}
