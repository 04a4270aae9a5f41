import { normalizeText } from './normalize-text.ts';

/**
 * A phone number as offices type it, read into the one layout the register keeps: the digits
 * of the national number with its leading 0 ('042123456', '0812345678'), numbers separated by
 * ', ', an extension after ' ต่อ '. Accepted layouts: any spaces, hyphens, dots, brackets or
 * slashes between digit groups ('0-4212-3456', '042 123 456', '(042) 123-456', '08x-xxx-xxxx'),
 * the country code ('+66 42 123 456', '66-81-234-5678', '+66 (0) 81…'), a leading 0 lost in a
 * number cell ('812345678'), Thai digits, several numbers ('081-234-5678, 042-123-456',
 * '… หรือ …', '… / …' between whole numbers) and an extension ('ต่อ 12', 'ext. 12', '#12').
 */
export type PhoneResult = { ok: true; value: string; changed: boolean } | { ok: false };

// Between digit groups of one number.
const GROUP_SEPARATORS = /[\s\-–—.()]/g;
// Between numbers: a comma, semicolon, 'หรือ', 'or', a slash or a comma-like space run after a whole number.
const NUMBER_SEPARATORS = /\s*(?:,|;|\/|\bor\b|หรือ|และ|&)\s*/i;
const EXTENSION = /^(.*?)\s*(?:ต่อ|ext\.?|x|#)\s*(\d{1,5})$/i;
const LABEL = /^(?:โทร(?:ศัพท์)?\.?|tel\.?|mobile|มือถือ)\s*:?\s*/i;

/** The national number of one phone number's digits, or null when it is not a Thai number. */
function nationalNumber(digits: string): string | null {
  let d = digits;
  // The country code, with or without the trunk 0 kept after it ('+66 (0) 81…').
  if (d.startsWith('660') && (d.length === 12 || d.length === 11)) d = d.slice(2);
  else if (d.startsWith('66') && (d.length === 11 || d.length === 10)) d = `0${d.slice(2)}`;
  if (!d.startsWith('0')) {
    // A number cell drops the leading 0: 8 digits of a landline, 9 of a mobile.
    if ((d.length === 8 && /^[2-7]/.test(d)) || (d.length === 9 && /^[689]/.test(d))) d = `0${d}`;
    else if (/^1\d{3}$/.test(d)) return d; // four-digit service numbers (1111, 1669)
    else return null;
  }
  if (/^0[2-7]\d{7}$/.test(d) || /^0[689]\d{8}$/.test(d)) return d;
  return null;
}

function onePhone(text: string): string | null {
  const s = text.replace(LABEL, '');
  const ext = EXTENSION.exec(s);
  const body = ext ? ext[1]! : s;
  let raw = body.replace(GROUP_SEPARATORS, '');
  if (raw.startsWith('+')) raw = raw.slice(1);
  if (!/^\d+$/.test(raw)) return null;
  const n = nationalNumber(raw);
  if (n === null) return null;
  return ext ? `${n} ต่อ ${ext[2]}` : n;
}

/** Reads a phone cell into the register's layout; not ok when any part of it is not a Thai phone number. */
export function parsePhone(input: string): PhoneResult {
  const text = normalizeText(input).value;
  if (text === '') return { ok: false };
  const parts = text.split(NUMBER_SEPARATORS).filter((p) => p !== '');
  const numbers: string[] = [];
  for (const p of parts) {
    const n = onePhone(p);
    if (n === null) return { ok: false };
    numbers.push(n);
  }
  const value = numbers.join(', ');
  return { ok: true, value, changed: value !== input };
}
