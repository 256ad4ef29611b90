import { Layer, Source } from '@vis.gl/react-maplibre';
import type { BasemapCrs, StationKindKey } from '../store/map-slice';
import type { StationLayerData } from '../worker/protocol';
import { LAYER_SLOTS } from './basemap-style';
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_THRESHOLD,
  UNCLUSTERED,
  clusterCircleLayer,
  clusterCountLayer,
  stationCircleLayer,
  stationKindFilter,
  visibleKindCodes,
} from './layer-specs';
import { useDisplayUrl } from './use-display-crs';

export interface StationLayerIds {
  source: string;
  points: string;
  clusters: string | null;
  counts: string | null;
}

/**
 * Ids of one dataset's source and layers. A clustered source filters kinds itself (so the
 * counts match what is shown); maplibre cannot change that filter in place, so the ids carry
 * the kinds and a new filter makes a new source.
 */
export function stationLayerIds(
  l: StationLayerData,
  kinds: Record<StationKindKey, boolean>,
): StationLayerIds {
  const clustered = l.count > CLUSTER_THRESHOLD;
  const base = `stations-${l.datasetId}`;
  if (!clustered) return { source: base, points: base, clusters: null, counts: null };
  const k = `${base}-k${visibleKindCodes(kinds).join('')}`;
  return { source: k, points: k, clusters: `clusters-${k}`, counts: `cluster-count-${k}` };
}

export function StationLayers({
  layer,
  kinds,
  crs,
  visible,
}: {
  layer: StationLayerData;
  kinds: Record<StationKindKey, boolean>;
  crs: BasemapCrs;
  visible: boolean;
}) {
  const url = useDisplayUrl(layer.geojsonUrl, crs);
  if (!url) return null;
  const ids = stationLayerIds(layer, kinds);
  const layout = { visibility: visible ? ('visible' as const) : ('none' as const) };
  const before = LAYER_SLOTS.top;
  if (ids.clusters && ids.counts) {
    return (
      <Source
        key={ids.source}
        id={ids.source}
        type="geojson"
        data={url}
        cluster
        clusterMaxZoom={CLUSTER_MAX_ZOOM}
        clusterRadius={50}
        filter={stationKindFilter(kinds)}
      >
        <Layer
          {...clusterCircleLayer(ids.clusters, ids.source)}
          layout={layout}
          beforeId={before}
        />
        <Layer
          {...clusterCountLayer(ids.counts, ids.source)}
          layout={{ ...clusterCountLayer(ids.counts, ids.source).layout, ...layout }}
          beforeId={before}
        />
        <Layer
          {...stationCircleLayer(ids.points, ids.source, UNCLUSTERED)}
          layout={layout}
          beforeId={before}
        />
      </Source>
    );
  }
  return (
    <Source id={ids.source} type="geojson" data={url}>
      <Layer
        {...stationCircleLayer(ids.points, ids.source, stationKindFilter(kinds))}
        layout={layout}
        beforeId={before}
      />
    </Source>
  );
}
