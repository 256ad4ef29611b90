import { useTranslation } from 'react-i18next';
import { DENSITY_STOPS } from '../core/analysis/density-image';
import type { PopulationModel } from '../core/analysis/population';
import { formatNumber } from '../i18n';
import { SETTLEMENT_COLOR, SYNTHETIC_SETTLEMENT_COLOR } from '../map/population-layer-specs';
import { useAppStore } from '../store/store';

/** The file the settlements in use came from: the latest settlement import, else the demo's. */
function useSettlementFile(): string {
  return useAppStore((s) => {
    const own = (s.snapshot?.datasets ?? []).filter((d) => d.kind === 'settlements');
    return own.length > 0 ? own[own.length - 1].fileName : 'yushu-settlements.csv';
  });
}

/**
 * Which population model placed the people the numbers count (issue 12: "the app and report
 * always say which population model was used"): the surface, its file, resolution, year,
 * and whether it is synthetic. The top level's model (counties when loaded) is named.
 */
export function PopulationModelNote({ testId = 'population-model' }: { testId?: string }) {
  const { t, i18n } = useTranslation();
  const model: PopulationModel | undefined = useAppStore((s) => s.results?.population?.[0]);
  const file = useSettlementFile();
  if (!model) return null;
  const lang = i18n.language;
  const parts: string[] = [];
  const r = model.raster;
  if (r) {
    const files = r.files.join(', ');
    parts.push(
      r.method === 'none'
        ? t('population.model.rasterMissing', { files })
        : t('population.model.raster', {
            files,
            format: r.format,
            resolution: Math.round(r.resolutionM),
            year: r.year === null ? '' : t('population.model.year', { year: r.year }),
            values: t(`population.model.${r.values === 'density' ? 'density' : 'count'}`),
          }),
    );
  }
  const s = model.settlements;
  const settlementsUsed = s && (model.surface === 'settlements' || (r && r.method === 'none'));
  if (s && settlementsUsed) {
    parts.push(
      t('population.model.settlements', { file, used: s.used, count: s.count }) +
        (s.synthetic ? ` ${t('population.model.synthetic')}` : ''),
    );
  }
  if (parts.length === 0 || (r?.method === 'none' && !settlementsUsed)) {
    const fallback = model.areas.find((a) => a.model !== 'raster' && a.model !== 'settlements');
    parts.push(t(`population.model.${fallback?.model ?? model.surface}`));
  }
  return (
    <p
      className="provenance population-model"
      data-testid={testId}
      data-surface={model.surface}
      data-synthetic={s?.synthetic && settlementsUsed ? 'true' : 'false'}
      title={s?.synthetic && settlementsUsed ? t('population.model.syntheticHint') : undefined}
    >
      {t('population.model.label')}
      {parts.join(lang === 'en' ? '; ' : '；')}
    </p>
  );
}

const swatch = (css: React.CSSProperties) => (
  <span
    aria-hidden="true"
    style={{ display: 'inline-block', width: 12, height: 12, marginRight: 4, ...css }}
  />
);

/** The density layer's log colour scale, and the settlements' symbols, for the layer panel. */
export function PopulationLayerLegend({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const synthetic = useAppStore(
    (s) => s.snapshot?.settlements?.features.some((f) => f.properties.synthetic) ?? false,
  );
  if (id === 'density') {
    return (
      <div className="legend density-legend" data-testid="density-legend">
        <p>{t('population.densityLegend')}</p>
        <ul className="legend">
          {DENSITY_STOPS.map((s) => (
            <li key={s.density}>
              {swatch({ background: `rgb(${s.rgb.join(',')})` })}
              {`≥ ${formatNumber(s.density, i18n.language, 1)}`}
            </li>
          ))}
        </ul>
        <PopulationModelNote testId="density-legend-model" />
      </div>
    );
  }
  if (id === 'settlements') {
    const dot = (fill: string) =>
      swatch({ background: fill, border: `1.5px solid ${SETTLEMENT_COLOR}`, borderRadius: '50%' });
    return (
      <ul className="legend" data-testid="settlement-legend">
        <li>
          {dot(SETTLEMENT_COLOR)}
          {t('population.settlementLegend.own')}
        </li>
        {synthetic && (
          <li>
            {dot(SYNTHETIC_SETTLEMENT_COLOR)}
            {t('population.settlementLegend.synthetic')}
          </li>
        )}
      </ul>
    );
  }
  return null;
}
