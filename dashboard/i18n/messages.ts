import { en } from './en.ts';
import { th, type Messages } from './th.ts';

export type Lang = 'th' | 'en';
export type { Messages };

/** The message table of a language. */
export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : th;
}

/** Picks the side of a domain label ({ th, en }) for the language. */
export function label(lang: Lang, l: { th: string; en: string }): string {
  return lang === 'en' ? l.en : l.th;
}

export function isLang(v: unknown): v is Lang {
  return v === 'th' || v === 'en';
}
