import { formatThaiDate, formatThaiDateTime } from '../../domain/thai-date.ts';
import { toThaiDigits } from '../../domain/thai-digits.ts';

/** Official forms print Thai digits; an option gives ASCII digits (for offices that ask for them). */
export type FormDigits = 'thai' | 'ascii';

export interface FormText {
  digits: FormDigits;
  /** Digits of a fixed text in the form's digits ('๐๐๑๙.๓' or '0019.3'); names and codes are never passed here. */
  d(text: string | number): string;
  /** A count with thousands separators: ๑,๒๓๔. */
  n(value: number): string;
  /** A change with its sign: +๑๒, -๓, ๐. */
  signed(value: number): string;
  /** '2017-08-31' → ๓๑ สิงหาคม ๒๕๖๐ (short: ๓๑ ส.ค. ๒๕๖๐). */
  date(iso: string, month?: 'long' | 'short'): string;
  /** An instant in Bangkok time: ๓๑ สิงหาคม ๒๕๖๐ เวลา ๐๙.๐๐ น. */
  dateTime(at: Date): string;
  /** A Buddhist-Era year as printed: ๒๕๖๑. */
  year(be: number): string;
}

/** The number and date wording of an official form in the given digits. */
export function formText(digits: FormDigits = 'thai'): FormText {
  const d = (text: string | number) => (digits === 'thai' ? toThaiDigits(text) : String(text));
  return {
    digits,
    d,
    n: (value) => d(value.toLocaleString('en-US')),
    signed: (value) => (value > 0 ? `+${d(value.toLocaleString('en-US'))}` : value < 0 ? `-${d(Math.abs(value).toLocaleString('en-US'))}` : d(0)),
    date: (iso, month = 'long') => formatThaiDate(iso, { digits, month }),
    dateTime: (at) => formatThaiDateTime(at, { digits }),
    year: (be) => d(be),
  };
}
