/** An element or attribute name without its namespace prefix ('x:row' → 'row'): writers differ in prefixes. */
export function xmlLocalName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}
