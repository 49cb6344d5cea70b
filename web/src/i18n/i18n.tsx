import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../../common/errors.js';
import type { MessageKey } from './zh-cn';
import { setApiLocale } from '../api/client';

export type { Locale, MessageKey };
export const locales: readonly Locale[] = ['zh-CN', 'en-US'];

type Catalogue = Record<MessageKey, string>;
// Each catalogue is a chunk of its own, fetched when its language is used:
// nobody downloads both. The first render waits for the one of the stored language (a round trip
// on the very first visit; the chunk is cached for good afterwards).
const loaders: Record<Locale, () => Promise<Catalogue>> = {
  'zh-CN': () => import('./zh-cn').then((m) => m.zhCN),
  'en-US': () => import('./en-us').then((m) => m.enUS),
};
const catalogues: Partial<Record<Locale, Catalogue>> = {};

async function loadCatalogue(locale: Locale): Promise<void> {
  catalogues[locale] ??= await loaders[locale]();
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

/**
 * The latest texts made by `t`, each with the key and parameters it came from, so that a text
 * reported to the message strip can be shown again in another language (components/messages).
 * The strip is handed texts, at ~150 places; a text is looked up here right after it is made.
 * Texts put together from several, or from a server's words, are not found and stay as they were.
 */
const recentTexts = new Map<string, { key: MessageKey; params?: Params }>();
const RECENT_TEXTS = 200;

function remember(text: string, key: MessageKey, params?: Params) {
  recentTexts.delete(text);
  recentTexts.set(text, params ? { key, params } : { key });
  if (recentTexts.size > RECENT_TEXTS) recentTexts.delete(recentTexts.keys().next().value!);
}

/** The key and parameters `text` was last made from by `t`, if it was made lately. */
export function sourceOf(text: string): { key: MessageKey; params?: Params } | undefined {
  return recentTexts.get(text);
}

function makeTranslate(catalogue: Catalogue): Translate {
  const t = ((key: MessageKey, params?: Params) => {
    const text = interpolate(catalogue[key] ?? key, params);
    remember(text, key, params);
    return text;
  }) as Translate;
  t.known = (prefix, raw) => {
    const key = `${prefix}.${raw}`;
    return Object.hasOwn(catalogue, key) ? catalogue[key as MessageKey] : raw;
  };
  return t;
}

// Started as the app's code is evaluated, not when React first renders.
const initialLocale = readStoredLocale();
const initialLoad = loadCatalogue(initialLocale).catch((e: unknown) => console.error('language catalogue failed to load', e));
// Empty only if a catalogue failed to load: the keys show instead of texts.
const catalogueOf = (l: Locale) => catalogues[l] ?? ({} as Catalogue);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(() => {
    setApiLocale(initialLocale);
    return { locale: initialLocale, catalogue: catalogues[initialLocale] };
  });
  // Nothing is shown until the first catalogue is here.
  useEffect(() => {
    if (!state.catalogue) void initialLoad.then(() => setState((s) => ({ ...s, catalogue: catalogueOf(s.locale) })));
  }, [state.catalogue]);
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
        setState({ locale: l, catalogue: catalogueOf(l) });
      })
      .catch((e: unknown) => console.error('language catalogue failed to load', e));
  }, []);
  const { locale, catalogue } = state;
  const value = useMemo(() => (catalogue ? { locale, setLocale, t: makeTranslate(catalogue) } : null), [locale, catalogue, setLocale]);
  if (!value) return null;
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
