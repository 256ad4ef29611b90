import { useMemo, type RefObject } from 'react';
import { Layer, Source, type MapRef } from '@vis.gl/react-maplibre';
import { MeasureTool } from '../components/MeasureTool';
import { PlaceSearch } from '../components/PlaceSearch';
import { PrintMap } from '../components/PrintMap';
import type { BasemapCrs } from '../store/map-slice';
import { useAppStore } from '../store/store';
import { LAYER_SLOTS } from './basemap-style';
import {
  measureFeatures,
  measureFillLayer,
  measureLineLayer,
  measureVertexLayer,
  type LonLat,
} from './measure';
import { shiftPoint } from './shift-geojson';

/** The toolbar over the map's top right: place search, measuring, print. */
export function MapToolbar({ mapRef }: { mapRef: RefObject<MapRef | null> }) {
  return (
    <div className="map-toolbar" data-testid="map-toolbar" data-map-overlay>
      <PlaceSearch />
      <MeasureTool />
      <div className="print-wrap">
        <PrintMap mapRef={mapRef} />
      </div>
    </div>
  );
}

/** The measured path or polygon, drawn over everything (points are WGS-84 in the store). */
export function MeasureLayers({ crs }: { crs: BasemapCrs }) {
  const measure = useAppStore((s) => s.measure);
  const data = useMemo(
    () =>
      measureFeatures(
        measure.points.map((p) => shiftPoint(p, 'WGS84', crs) as LonLat),
        measure.mode ?? 'distance',
      ),
    [measure, crs],
  );
  return (
    <Source id="measure" type="geojson" data={data}>
      <Layer {...measureFillLayer('measure')} beforeId={LAYER_SLOTS.top} />
      <Layer {...measureLineLayer('measure')} beforeId={LAYER_SLOTS.top} />
      <Layer {...measureVertexLayer('measure')} beforeId={LAYER_SLOTS.top} />
    </Source>
  );
}
