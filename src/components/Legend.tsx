import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import {
  CLUSTER_COLOR,
  COUNTY_COLORS,
  COVERAGE_OPACITY,
  GAP_COLOR,
  SELECTION_COLOR,
  STATION_COLORS,
  TOWN_ZONE_COLORS,
  TOWNSHIP_COLOR,
} from '../map/layer-specs';
import { NR_COVERAGE_COLOR, REDCAP_COVERAGE_COLOR } from '../map/coverage-colors';
import { NO_DATA_COLOR, choroplethClasses } from '../map/choropleth';
import type { ChoroplethMetric, MapLayerId, StationKindKey } from '../store/map-slice';

// The legend of each map layer, shown under its switch in the layer panel.

const dot = (color: string) => <span className="legend-dot" style={{ background: color }} />;
const line = (color: string, dashed = false) => (
  <span
    className={dashed ? 'legend-line legend-dashed' : 'legend-line'}
    style={{ borderColor: color }}
  />
);
const swatch = (color: string, opacity = 1) => (
  <span className="legend-swatch" style={{ background: color, opacity }} />
);

export function StationLegendDot({ kind }: { kind: StationKindKey }) {
  return dot(STATION_COLORS[kind]);
}

export function ChoroplethLegend({ metric, target }: { metric: ChoroplethMetric; target: number }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => formatNumber(n, i18n.language, metric === 'per10k' ? 1 : 0);
  const classes = choroplethClasses(metric, target);
  return (
    <ul className="legend" data-testid="legend-choropleth">
      {classes.map((c) => (
        <li key={c.from}>
          {swatch(c.color)}
          {c.to === null
            ? t('layers.legend.atLeast', { from: fmt(c.from) })
            : t('layers.legend.range', { from: fmt(c.from), to: fmt(c.to) })}
          {metric === 'per10k' && c.from === target && (
            <em className="legend-target">{t('layers.legend.target', { target: fmt(target) })}</em>
          )}
        </li>
      ))}
      <li>
        {swatch(NO_DATA_COLOR)}
        {t('layers.legend.noData')}
      </li>
    </ul>
  );
}

/** Legend entries of one layer (null when the layer needs none beyond its switch). */
export function LayerLegend({ id, clustered }: { id: MapLayerId; clustered: boolean }) {
  const { t } = useTranslation();
  switch (id) {
    case 'counties':
      return (
        <ul className="legend">
          <li>
            {line(COUNTY_COLORS.line)}
            {t('legend.county')}
          </li>
          <li>
            {line(SELECTION_COLOR)}
            {t('layers.legend.selection')}
          </li>
        </ul>
      );
    case 'townships':
      return (
        <ul className="legend">
          <li>
            {line(TOWNSHIP_COLOR, true)}
            {t('legend.township')}
          </li>
        </ul>
      );
    case 'townZones':
      return (
        <ul className="legend">
          <li>
            {line(TOWN_ZONE_COLORS.continuous)}
            {t('layers.legend.continuous')}
          </li>
          <li>
            {line(TOWN_ZONE_COLORS.broken)}
            {t('layers.legend.broken')}
          </li>
        </ul>
      );
    case 'nrCoverage':
    case 'redcapCoverage':
      return (
        <ul className="legend">
          <li>
            {swatch(
              id === 'nrCoverage' ? NR_COVERAGE_COLOR : REDCAP_COVERAGE_COLOR,
              COVERAGE_OPACITY,
            )}
            {t('layers.legend.coverage')}
          </li>
        </ul>
      );
    case 'gaps':
      return (
        <ul className="legend">
          <li>
            {line(GAP_COLOR, true)}
            {t('layers.legend.gap')}
          </li>
        </ul>
      );
    case 'stations':
      return clustered ? (
        <ul className="legend">
          <li>
            {dot(CLUSTER_COLOR)}
            {t('layers.legend.cluster')}
          </li>
        </ul>
      ) : null;
    default:
      return null;
  }
}
