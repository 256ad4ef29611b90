import { useTranslation } from 'react-i18next';
import { COUNTY_COLORS, STATION_COLORS, TOWNSHIP_COLOR } from '../map/layer-specs';

export function Legend() {
  const { t } = useTranslation();
  const dot = (color: string) => <span className="legend-dot" style={{ background: color }} />;
  return (
    <section className="legend" data-testid="legend">
      <h2>{t('legend.title')}</h2>
      <ul>
        <li>
          {dot(STATION_COLORS.nrRedcap)}
          {t('legend.nrRedcap')}
        </li>
        <li>
          {dot(STATION_COLORS.nr)}
          {t('legend.nr')}
        </li>
        <li>
          {dot(STATION_COLORS.lte)}
          {t('legend.lte')}
        </li>
        <li>
          {dot(STATION_COLORS.other)}
          {t('legend.other')}
        </li>
        <li>
          <span className="legend-line" style={{ borderColor: COUNTY_COLORS.line }} />
          {t('legend.county')}
        </li>
        <li>
          <span className="legend-line legend-dashed" style={{ borderColor: TOWNSHIP_COLOR }} />
          {t('legend.township')}
        </li>
      </ul>
      <p className="attribution">{t('map.attribution')}</p>
    </section>
  );
}
