import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client.ts';
import type { Me } from './api/types.ts';
import type { Lang, Messages } from './i18n/messages.ts';

export interface AppContextValue {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
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
