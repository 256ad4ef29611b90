import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Map,
  Source,
  Layer,
  NavigationControl,
  ScaleControl,
  type MapRef,
} from '@vis.gl/react-maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import './maplibre-worker';
import { useAppStore } from '../store/store';
import type { StationLayerData } from '../worker/protocol';
import { offlineBasemapStyle } from './basemap-style';
import { basemapUrls } from './basemap-urls';
import {
  countyFillLayer,
  countyLineLayer,
  stationCircleLayer,
  townshipLineLayer,
} from './layer-specs';

const NO_LAYERS: StationLayerData[] = [];
const CHINA_VIEW = { longitude: 104, latitude: 35, zoom: 3.2 };

export function MapView() {
  const snapshot = useAppStore((s) => s.snapshot);
  const version = useAppStore((s) => s.snapshotVersion);
  const mapRef = useRef<MapRef>(null);
  const [idleVersion, setIdleVersion] = useState(-1);
  const style = useMemo(() => offlineBasemapStyle(basemapUrls()), []);
  const stations = snapshot?.stationLayers ?? NO_LAYERS;
  const fitted = useRef(false);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !snapshot?.bbox || fitted.current) return;
    fitted.current = true;
    const [w, s, e, n] = snapshot.bbox;
    map.fitBounds([w, s, e, n], { padding: 40, duration: 0 });
  }, [snapshot]);

  return (
    <div
      className="map-view"
      data-testid="map"
      data-snapshot-version={version}
      data-idle-version={idleVersion}
    >
      <Map
        ref={mapRef}
        initialViewState={CHINA_VIEW}
        mapStyle={style}
        style={{ width: '100%', height: '100%' }}
        attributionControl={false}
        onIdle={() => setIdleVersion(useAppStore.getState().snapshotVersion)}
        onLoad={() => {
          const bb = useAppStore.getState().snapshot?.bbox;
          if (bb && !fitted.current) {
            fitted.current = true;
            mapRef.current?.fitBounds(bb, { padding: 40, duration: 0 });
          }
        }}
      >
        <NavigationControl position="top-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" />
        {snapshot?.boundaries && (
          <Source id="counties" type="geojson" data={snapshot.boundaries}>
            <Layer {...countyFillLayer('counties')} />
            <Layer {...townshipLineLayer('counties')} />
            <Layer {...countyLineLayer('counties')} />
          </Source>
        )}
        {stations.map((l) =>
          l.geojsonUrl ? (
            <Source
              key={l.datasetId}
              id={`stations-${l.datasetId}`}
              type="geojson"
              data={l.geojsonUrl}
            >
              <Layer
                {...stationCircleLayer(`stations-${l.datasetId}`, `stations-${l.datasetId}`)}
              />
            </Source>
          ) : null,
        )}
      </Map>
    </div>
  );
}
