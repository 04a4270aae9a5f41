import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client.ts';
import type { Me } from './api/types.ts';
import type { DigitStyle, DisplayLocale } from './format/display-locale.ts';
import type { Lang, Messages } from './i18n/messages.ts';

export interface AppContextValue {
  lang: Lang;
  /** The messages of `locale`: the words of the language, their digits in the screen's style. */
  t: Messages;
  setLang: (lang: Lang) => void;
  /** The digit style chosen in the header (Thai screens; English always shows Arabic digits). */
  digits: DigitStyle;
  setDigits: (digits: DigitStyle) => void;
  /** What every formatter and chart builder takes: the one source of the screen's digit style. */
  locale: DisplayLocale;
  me: Me | null;
  setMe: (me: Me | null) => void;
  api: ApiClient;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside <AppContext.Provider>');
  return ctx;
}
