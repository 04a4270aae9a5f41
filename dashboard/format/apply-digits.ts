import { toAsciiDigits, toThaiDigits } from '../../domain/thai-digits.ts';
import type { DigitStyle } from './display-locale.ts';

/** Writes every digit of `text` in the style: '12 ต.ค.' ⇄ '๑๒ ต.ค.'; nothing else changes. */
export function applyDigits(text: string, digits: DigitStyle): string {
  return digits === 'thai' ? toThaiDigits(text) : toAsciiDigits(text);
}
