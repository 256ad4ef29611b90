import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import type { AreaResult } from '../core/analysis/analyze';

/** A clicked area's key metrics (from the analysis results). */
export function MapPopupArea({ name, result }: { name: string; result: AreaResult | null }) {
  const { t, i18n } = useTranslation();
  const num = (v: number | null, digits = 0) =>
    v === null ? t('layers.popup.unknown') : formatNumber(v, i18n.language, digits);
  const pct = (v: number | null) =>
    v === null ? t('layers.popup.unknown') : t('layers.popup.percent', { value: num(v, 1) });
  const rows: [string, string][] = result
    ? [
        [t('layers.popup.population'), num(result.population)],
        [t('layers.popup.sites5g'), num(result.sites5g)],
        [
          t('layers.popup.per10k'),
          t('layers.popup.perTarget', {
            value: num(result.sitesPer10k, 2),
            target: num(result.targetPer10k),
          }),
        ],
        [t('layers.popup.sitesNeeded'), num(result.sitesNeeded)],
        [t('layers.popup.nrArea'), pct(result.coverage.nr.areaPct)],
        [
          t('layers.popup.nrPop'),
          pct(result.population === null ? null : result.coverage.nr.popPct),
        ],
        [t('layers.popup.redcapArea'), pct(result.coverage.redcap.areaPct)],
        [
          t('layers.popup.redcapPop'),
          pct(result.population === null ? null : result.coverage.redcap.popPct),
        ],
        [t('layers.popup.gaps'), num(result.gaps.count)],
      ]
    : [];
  if (result?.townZone) {
    rows.push([
      t('layers.popup.townZone'),
      result.townZone.continuous ? t('layers.popup.continuous') : t('layers.popup.notContinuous'),
    ]);
  }
  return (
    <div className="map-popup" data-testid="area-popup">
      <h3>{name}</h3>
      {result ? (
        <dl>
          {rows.map(([k, v]) => (
            <div key={k} className="popup-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="hint">{t('layers.popup.noResults')}</p>
      )}
    </div>
  );
}
