import { isLanguage, type Language } from '../i18n';

/** The parts of the app state that live in the URL, so a link reopens the same view. */
export interface UrlState {
  lang: Language;
}

export function readUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const lang = p.get('lang');
  return { lang: isLanguage(lang) ? lang : 'zh-CN' };
}

export function writeUrlState(s: Partial<UrlState>): void {
  const url = new URL(window.location.href);
  if (s.lang) {
    if (s.lang === 'zh-CN') url.searchParams.delete('lang');
    else url.searchParams.set('lang', s.lang);
  }
  window.history.replaceState(null, '', url);
}
