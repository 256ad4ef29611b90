import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import {
  CHOROPLETH_METRICS,
  MAP_LAYERS,
  STATION_KINDS,
  type AreaLevel,
  type ChoroplethMetric,
} from '../store/map-slice';
import { CLUSTER_THRESHOLD } from '../map/layer-specs';
import { ChoroplethLegend, LayerLegend, StationLegendDot } from './Legend';
import { MapSettings } from './MapSettings';
import { PopulationLayerLegend } from './PopulationModelNote';

/** Layer switches over the map, each visible layer with its legend; basemap settings below. */
export function LayerPanel() {
  const { t } = useTranslation();
  const layers = useAppStore((s) => s.layers);
  const kinds = useAppStore((s) => s.stationKinds);
  const metric = useAppStore((s) => s.choroplethMetric);
  const level = useAppStore((s) => s.areaLevel);
  const target = useAppStore((s) => s.results?.params.targetPer10k ?? s.params.targetPer10k);
  const clustered = useAppStore(
    (s) => s.snapshot?.stationLayers.some((l) => l.count > CLUSTER_THRESHOLD) ?? false,
  );
  // The hillshade switch appears once a DEM has given the results a picture.
  const hasDem = useAppStore((s) => Boolean(s.results?.hillshade));
  const { setLayerVisible, setStationKindVisible, setChoroplethMetric, setAreaLevel } =
    useAppStore.getState();
  return (
    <details className="layer-panel" data-testid="layer-panel" data-map-overlay open>
      <summary>{t('layers.title')}</summary>
      <ul className="layer-list">
        {MAP_LAYERS.filter((id) => id !== 'hillshade' || hasDem).map((id) => (
          <li key={id} data-layer={id}>
            <label>
              <input
                type="checkbox"
                data-testid={`layer-toggle-${id}`}
                checked={layers[id]}
                onChange={(e) => setLayerVisible(id, e.target.checked)}
              />
              {t(`layers.layer.${id}`)}
            </label>
            {layers[id] && id === 'stations' && (
              <ul className="legend station-kinds">
                {STATION_KINDS.map((k) => (
                  <li key={k}>
                    <label>
                      <input
                        type="checkbox"
                        data-testid={`station-kind-${k}`}
                        checked={kinds[k]}
                        onChange={(e) => setStationKindVisible(k, e.target.checked)}
                      />
                      <StationLegendDot kind={k} />
                      {t(`layers.kind.${k}`)}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {layers[id] && id === 'choropleth' && (
              <div className="choropleth-controls">
                <label>
                  {t('layers.metricLabel')}
                  <select
                    data-testid="choropleth-metric"
                    value={metric}
                    onChange={(e) => setChoroplethMetric(e.target.value as ChoroplethMetric)}
                  >
                    {CHOROPLETH_METRICS.map((m) => (
                      <option key={m} value={m}>
                        {t(`layers.metric.${m}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <ChoroplethLegend metric={metric} target={target} />
              </div>
            )}
            {layers[id] && <LayerLegend id={id} clustered={clustered} />}
            {layers[id] && <PopulationLayerLegend id={id} />}
          </li>
        ))}
      </ul>
      <label className="area-level">
        {t('layers.levelLabel')}
        <select
          data-testid="area-level"
          value={level}
          onChange={(e) => setAreaLevel(e.target.value as AreaLevel)}
        >
          <option value="county">{t('layers.level.county')}</option>
          <option value="township">{t('layers.level.township')}</option>
        </select>
      </label>
      <MapSettings />
      <p className="attribution">{t('mapTools.attribution')}</p>
    </details>
  );
}
