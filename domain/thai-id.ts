import { normalizeText } from './normalize-text.ts';

export type ThaiIdKind = 'citizen' | 'juristic';
export type ThaiIdResult =
  | { ok: true; value: string; kind: ThaiIdKind }
  | { ok: false; reason: 'length' | 'not-digits' | 'check-digit' };

export type ThaiIdProblem = Extract<ThaiIdResult, { ok: false }>['reason'];

/** Why an ID was refused, as a detail for the 'invalid-citizen-id' issue. */
export const THAI_ID_REASON_MESSAGES: Readonly<Record<ThaiIdProblem, { th: string; en: string }>> = {
  length: { th: 'ต้องมี ๑๓ หลัก', en: 'it must have 13 digits' },
  'not-digits': { th: 'มีอักขระที่ไม่ใช่ตัวเลข', en: 'it contains characters other than digits' },
  'check-digit': { th: 'ตรวจสอบหลักสุดท้ายไม่ผ่าน', en: 'check digit does not match' },
};

// Separators people type inside an ID: spaces, hyphens and dash look-alikes.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

// (11 − Σ dᵢ·(13 − i) mod 11) mod 10 over the first 12 characters, known to be ASCII digits.
function checkDigitOf(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/** Check digit of a 13-digit Thai ID from its first 12 digits: (11 − Σ dᵢ·(13 − i) mod 11) mod 10. */
export function thaiIdCheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`Need exactly 12 ASCII digits, got ${JSON.stringify(first12)}`);
  return checkDigitOf(first12);
}

/** Whether `s` is exactly 13 ASCII digits (a loop: it runs for every row of a file). */
export function isThirteenDigits(s: string): boolean {
  if (s.length !== 13) return false;
  for (let i = 0; i < 13; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether 13 ASCII digits end in the check digit of the first 12 (the caller has checked they are digits). */
export function hasThaiIdCheckDigit(id13: string): boolean {
  return checkDigitOf(id13) === id13.charCodeAt(12) - 48;
}

/** first12 plus its check digit; used by generators and fixtures. */
export function makeThaiId(first12: string): string {
  return first12 + String(thaiIdCheckDigit(first12));
}

function stripId(input: string): string {
  return normalizeText(input).value.replace(SEPARATORS, '');
}

/**
 * Validates a 13-digit citizen or juristic-person ID as typed ('1-1037-00123-45-8', Thai digits,
 * spaces). 'juristic' when it starts with 0. Anything other than digits and separators is
 * 'not-digits', checked before the length.
 */
export function validateThaiId(input: string): ThaiIdResult {
  const digits = stripId(input);
  if (!/^\d*$/.test(digits)) return { ok: false, reason: 'not-digits' };
  if (digits.length !== 13) return { ok: false, reason: 'length' };
  if (Number(digits[12]) !== thaiIdCheckDigit(digits.slice(0, 12))) return { ok: false, reason: 'check-digit' };
  return { ok: true, value: digits, kind: digits[0] === '0' ? 'juristic' : 'citizen' };
}

/**
 * Hides all but the last three digits: '1103700123458' → 'x-xxxx-xxxxx-45-8'. Input that is not
 * 13 digits is masked character by character, still showing at most the last three.
 */
export function maskThaiId(id: string): string {
  const s = stripId(id);
  if (/^\d{13}$/.test(s)) return `x-xxxx-xxxxx-${s.slice(10, 12)}-${s.slice(12)}`;
  if (s.length <= 3) return 'x'.repeat(s.length);
  return 'x'.repeat(s.length - 3) + s.slice(-3);
}
