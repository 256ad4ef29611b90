import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN';
import en from './en';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(s: string | null): s is Language {
  return s !== null && (LANGUAGES as readonly string[]).includes(s);
}

/** zh-CN is the default; `?lang=en` in the URL selects English. */
export function initI18n(lang: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes; imported text is never HTML.
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}

/** Numbers always go through Intl for the active locale. */
export function formatNumber(n: number, lang: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits }).format(n);
}
