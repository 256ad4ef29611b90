import type { TFunction } from 'i18next';
import { formatNumber } from '../i18n';

/** A length as the map tools write it: metres under 1 km, else km (2 decimals under 10 km). */
export function lengthText(m: number, t: TFunction, lang: string): string {
  return m < 1000
    ? t('mapTools.measure.metres', { value: formatNumber(m, lang, 0) })
    : t('mapTools.measure.km', {
        value: formatNumber(m / 1000, lang, m < 10_000 ? 2 : 1),
      });
}

export function areaText(km2: number, t: TFunction, lang: string): string {
  return t('mapTools.measure.km2', {
    value: formatNumber(km2, lang, km2 < 10 ? 3 : 1),
  });
}
