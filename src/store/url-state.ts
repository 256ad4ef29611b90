import { isLanguage, type Language } from '../i18n';
import type { AreaSelection } from './ui-slice';

/** Map centre (WGS-84 degrees) and zoom. */
export interface MapViewState {
  lon: number;
  lat: number;
  zoom: number;
}

/** The parts of the app state that live in the URL, so a link reopens the same view. */
export interface UrlState {
  lang: Language;
  view: MapViewState | null;
  selection: AreaSelection | null;
}

/** `view=lon,lat,zoom`; anything out of range is ignored rather than trusted. */
export function parseView(s: string | null): MapViewState | null {
  if (!s) return null;
  const parts = s.split(',').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lon, lat, zoom] = parts;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 24) return null;
  return { lon, lat, zoom };
}

export function formatView(v: MapViewState): string {
  return `${v.lon.toFixed(5)},${v.lat.toFixed(5)},${v.zoom.toFixed(2)}`;
}

/** `sel=county:632701` or `sel=township:632701100`. */
export function parseSelection(s: string | null): AreaSelection | null {
  const m = /^(county|township):(\d{6,12})$/.exec(s ?? '');
  return m ? { level: m[1] as AreaSelection['level'], code: m[2] } : null;
}

export function readUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const lang = p.get('lang');
  return {
    lang: isLanguage(lang) ? lang : 'zh-CN',
    view: parseView(p.get('view')),
    selection: parseSelection(p.get('sel')),
  };
}

/** Updates only the given keys; `null` removes one (view/selection cleared). */
export function writeUrlState(s: Partial<UrlState>): void {
  const url = new URL(window.location.href);
  if (s.lang) {
    if (s.lang === 'zh-CN') url.searchParams.delete('lang');
    else url.searchParams.set('lang', s.lang);
  }
  if (s.view !== undefined) {
    if (s.view) url.searchParams.set('view', formatView(s.view));
    else url.searchParams.delete('view');
  }
  if (s.selection !== undefined) {
    if (s.selection) url.searchParams.set('sel', `${s.selection.level}:${s.selection.code}`);
    else url.searchParams.delete('sel');
  }
  window.history.replaceState(null, '', url);
}
