import { randomInt } from 'node:crypto';

// Activation codes are read off paper or a screen and typed by hand: Crockford base32 (no I,
// L, O, U), 15 characters in three groups (75 bits), case and separators ignored.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newActivationCode(): string {
  const chars = Array.from({ length: 15 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [chars.slice(0, 5), chars.slice(5, 10), chars.slice(10)].map((g) => g.join('')).join('-');
}

/** Canonical form for hashing and checking: upper case, separators removed, look-alikes folded. */
export function normalizeActivationCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}
