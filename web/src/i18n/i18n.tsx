import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'fr' | 'en';
export const LANGS: Lang[] = ['fr', 'en'];

/** A screen's own words, in both languages (French is the reference). */
export type Messages<K extends string> = Record<Lang, Record<K, string>>;

const STORAGE_KEY = 'toguna.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'fr' ? saved : 'fr';
}

let currentLang: Lang = initialLang();
/** The language in use, for code outside React (the API client's Accept-Language). */
export const getLang = (): Lang => currentLang;

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}
const LangContext = createContext<LangState>({ lang: 'fr', setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    currentLang = next;
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  document.documentElement.lang = lang;
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = (): LangState => useContext(LangContext);

/** `{name}` placeholders are replaced by params. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, key: string) =>
    params[key] === undefined ? m : String(params[key]),
  );
}

/** t(key, params) over a screen's messages, in the current language. */
export function useT<K extends string>(messages: Messages<K>) {
  const { lang } = useLang();
  return useCallback(
    (key: K, params?: Record<string, string | number>) =>
      interpolate(messages[lang][key] ?? messages.fr[key] ?? key, params),
    [lang, messages],
  );
}

const locale = (lang: Lang): string => (lang === 'fr' ? 'fr-ML' : 'en-GB');

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** A Date as the value of an <input type="datetime-local"> (local time). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An <input type="datetime-local"> value (local time) as an ISO 8601 UTC time. */
export const fromLocalInput = (value: string): string => new Date(value).toISOString();
