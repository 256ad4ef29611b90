import { Layer, Source } from '@vis.gl/react-maplibre';
import { useAppStore } from '../store/store';
import type { BasemapCrs } from '../store/map-slice';
import { LAYER_SLOTS } from './basemap-style';
import {
  densityLayer,
  settlementCircleLayer,
  settlementLabelLayer,
} from './population-layer-specs';
import { shiftPoint } from './shift-geojson';
import { useDisplayCollection } from './use-display-crs';

const visibility = (on: boolean) => ({ visibility: on ? ('visible' as const) : ('none' as const) });

/**
 * The population density image (from the analysis' grid: the surface actually used) and
 * the settlement points with their names, each switched in the layer panel; all offline.
 */
export function PopulationLayers({ crs }: { crs: BasemapCrs }) {
  const density = useAppStore((s) => s.results?.density ?? null);
  const layers = useAppStore((s) => s.layers);
  const settlements = useDisplayCollection(
    useAppStore((s) => s.snapshot?.settlements ?? null),
    crs,
  );
  return (
    <>
      {/* Like the coverage images, a hidden picture is not loaded at all. */}
      {density?.url && layers.density && (
        <Source
          id="population-density"
          type="image"
          url={density.url}
          coordinates={
            density.coordinates.map((p) =>
              shiftPoint(p, 'WGS84', crs),
            ) as typeof density.coordinates
          }
        >
          <Layer
            {...densityLayer('population-density', 'population-density')}
            beforeId={LAYER_SLOTS.areas}
          />
        </Source>
      )}
      {settlements && (
        <Source id="settlements" type="geojson" data={settlements}>
          <Layer
            {...settlementCircleLayer('settlements')}
            layout={visibility(layers.settlements)}
            beforeId={LAYER_SLOTS.stations}
          />
          <Layer
            {...settlementLabelLayer('settlements')}
            layout={{
              ...settlementLabelLayer('settlements').layout,
              ...visibility(layers.settlements),
            }}
            beforeId={LAYER_SLOTS.top}
          />
        </Source>
      )}
    </>
  );
}
