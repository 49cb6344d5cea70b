import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../../common/errors.js';
import { zhCN, type MessageKey } from './zh-cn';
import { setApiLocale } from '../api/client';

export type { Locale, MessageKey };
export const locales: readonly Locale[] = ['zh-CN', 'en-US'];

type Catalogue = Record<MessageKey, string>;
// Chinese, the default, ships with the app; English (as large again) is fetched when first chosen.
const catalogues: Partial<Record<Locale, Catalogue>> = { 'zh-CN': zhCN };

async function loadCatalogue(locale: Locale): Promise<void> {
  if (!catalogues[locale]) catalogues[locale] = (await import('./en-us')).enUS;
}
const storageKey = 'kehu.locale';

export type Params = Record<string, string | number>;
export interface Translate {
  (key: MessageKey, params?: Params): string;
  /** Translates `${prefix}.${raw}` when the catalogue knows it, else returns `raw` unchanged. */
  known: (prefix: string, raw: string) => string;
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'zh-CN' || stored === 'en-US') return stored;
  } catch {
    // Storage may be unavailable (private mode); fall back to the default.
  }
  return 'zh-CN';
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function makeTranslate(locale: Locale): Translate {
  const catalogue = catalogues[locale] ?? zhCN;
  const t = ((key: MessageKey, params?: Params) => interpolate(catalogue[key] ?? key, params)) as Translate;
  t.known = (prefix, raw) => {
    const key = `${prefix}.${raw}`;
    return Object.hasOwn(catalogue, key) ? catalogue[key as MessageKey] : raw;
  };
  return t;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    setApiLocale(initial);
    return initial;
  });
  // Whether the catalogue of `locale` is here (a stored English choice waits for it, briefly blank).
  const [ready, setReady] = useState(() => !!catalogues[locale]);
  useEffect(() => {
    if (ready) return;
    loadCatalogue(locale)
      .catch((e: unknown) => console.error('language catalogue failed to load', e))
      .finally(() => setReady(true));
  }, [locale, ready]);
  const setLocale = useCallback((l: Locale) => {
    // The old language stays until the new catalogue is here.
    loadCatalogue(l)
      .then(() => {
        setApiLocale(l);
        document.documentElement.lang = l;
        try {
          localStorage.setItem(storageKey, l);
        } catch {
          // Not remembered; still switched for this page.
        }
        setLocaleState(l);
      })
      .catch((e: unknown) => console.error('language catalogue failed to load', e));
  }, []);
  const value = useMemo(() => ({ locale, setLocale, t: makeTranslate(locale) }), [locale, setLocale]);
  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('I18nProvider is missing');
  return v;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): [Locale, (l: Locale) => void] {
  const { locale, setLocale } = useI18n();
  return [locale, setLocale];
}
