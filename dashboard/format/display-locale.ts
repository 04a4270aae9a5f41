import type { Lang } from '../i18n/messages.ts';

/** How the screen writes digits: Arabic 0–9 or Thai ๐–๙ — one style for every figure on a screen. */
export type DigitStyle = 'arabic' | 'thai';

export const DIGIT_STYLES: readonly DigitStyle[] = ['arabic', 'thai'];

/**
 * What every formatter and chart builder needs to write a figure: the language and the digit
 * style. It comes from one place, the app context (dashboard/app.tsx), and is passed down —
 * no formatter keeps a style of its own.
 */
export interface DisplayLocale {
  lang: Lang;
  digits: DigitStyle;
}

export function isDigitStyle(v: unknown): v is DigitStyle {
  return v === 'arabic' || v === 'thai';
}

/** The locale a screen uses: English text always takes Arabic digits (Thai digits inside English read as a mistake). */
export function displayLocale(lang: Lang, digits: DigitStyle): DisplayLocale {
  return { lang, digits: lang === 'en' ? 'arabic' : digits };
}
