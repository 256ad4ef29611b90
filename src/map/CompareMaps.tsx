import { useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Map, NavigationControl, Source, type MapRef } from '@vis.gl/react-maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import './compare-maps.css';
import './maplibre-worker';
import { setCompareMapsLayer, setCompareMapsOpen } from '../store/scenario-actions';
import type { CompareSide } from '../store/scenario-slice';
import type { BasemapCrs } from '../store/map-slice';
import { useAppStore } from '../store/store';
import type { DeltaImage } from '../worker/scenario-protocol';
import {
  LAYER_SLOTS,
  offlineBasemapStyle,
  onlineBasemapStyle,
  withLayerSlots,
} from './basemap-style';
import { basemapUrls } from './basemap-urls';
import { areaLabelLayer, countyLineLayer, coverageLayer } from './layer-specs';
import { shiftPoint } from './shift-geojson';
import { useDisplayCollection } from './use-display-crs';
import { centerAttr, followView, type CameraView } from './view-sync';

type Side = 'a' | 'b';
const FALLBACK_VIEW: CameraView = { center: [104, 35], zoom: 3.2, bearing: 0, pitch: 0 };

const cameraOf = (m: MapRef): CameraView => {
  const c = m.getCenter();
  return {
    center: [c.lng, c.lat],
    zoom: m.getZoom(),
    bearing: m.getBearing(),
    pitch: m.getPitch(),
  };
};

/**
 * The shown comparison as two maps side by side over the main map: A's coverage on the
 * left, B's on the right, on one synced view (moving either moves the other). Rendered by
 * MapView; nothing while closed or without a comparison.
 */
export function CompareMaps({ mainMap }: { mainMap: RefObject<MapRef | null> }) {
  const open = useAppStore((s) => s.compareMapsOpen);
  const comparison = useAppStore((s) => s.comparison);
  if (!open || !comparison) return null;
  return <CompareMapsOpen mainMap={mainMap} images={comparison.sideImages} />;
}

function CompareMapsOpen({
  mainMap,
  images,
}: {
  mainMap: RefObject<MapRef | null>;
  images: Record<Side, DeltaImage[]>;
}) {
  const { t } = useTranslation();
  const scenarios = useAppStore((s) => s.scenarios);
  const sides = useAppStore((s) => s.comparedSides ?? s.compareSides);
  const layer = useAppStore((s) => s.compareMapsLayer);
  const basemap = useAppStore((s) => s.basemap);
  const snapshot = useAppStore((s) => s.snapshot);
  const crs: BasemapCrs = basemap.tileUrl ? basemap.crs : 'WGS84';
  const style = useMemo(
    () =>
      withLayerSlots(
        basemap.tileUrl ? onlineBasemapStyle(basemap.tileUrl) : offlineBasemapStyle(basemapUrls()),
      ),
    [basemap.tileUrl],
  );
  const boundaries = useDisplayCollection(snapshot?.boundaries ?? null, crs);

  // Both maps start on what the main map shows (each is half as wide, so its bounds, not
  // its zoom); closing hands the view back to it.
  const [initial] = useState(() => {
    const b = mainMap.current?.getBounds();
    if (!b) return null;
    return {
      bounds: [
        [b.getWest(), b.getSouth()],
        [b.getEast(), b.getNorth()],
      ] as [[number, number], [number, number]],
    };
  });
  const refs = { a: useRef<MapRef>(null), b: useRef<MapRef>(null) };
  const [centers, setCenters] = useState({ a: '', b: '' });
  const [idle, setIdle] = useState({ a: false, b: false });
  // Set while one map jumps to the other's camera: the follower's move event is not a lead.
  const following = useRef(false);

  const follow = (from: Side) => {
    const leader = refs[from].current;
    const other = refs[from === 'a' ? 'b' : 'a'].current;
    if (following.current || !leader || !other) return;
    const v = followView(cameraOf(leader), cameraOf(other));
    if (!v) return;
    following.current = true;
    try {
      other.jumpTo({ center: v.center, zoom: v.zoom, bearing: v.bearing, pitch: v.pitch });
    } finally {
      following.current = false;
    }
  };

  const showCenter = (side: Side) => {
    const m = refs[side].current;
    if (m) setCenters((c) => ({ ...c, [side]: centerAttr(cameraOf(m)) }));
  };

  const close = () => {
    const a = refs.a.current;
    if (a) mainMap.current?.fitBounds(a.getBounds(), { duration: 0 });
    setCompareMapsOpen(false);
  };

  const nameOf = (s: CompareSide) =>
    s === 'baseline'
      ? t('scenarios.baseline')
      : (scenarios.find((r) => r.id === s)?.scenario.name ?? '?');

  const pane = (side: Side) => {
    const img = images[side].find((i) => i.layer === layer);
    return (
      <div
        className="compare-map"
        data-testid={`compare-map-${side}`}
        data-center={centers[side]}
        data-idle={idle[side]}
        data-layer={layer}
      >
        <Map
          ref={refs[side]}
          initialViewState={
            initial ?? {
              longitude: FALLBACK_VIEW.center[0],
              latitude: FALLBACK_VIEW.center[1],
              zoom: FALLBACK_VIEW.zoom,
            }
          }
          mapStyle={style}
          // As in MapView: labels use the browser's fonts, so the style has no glyphs URL.
          validateStyle={false}
          style={{ width: '100%', height: '100%' }}
          attributionControl={false}
          onMove={() => follow(side)}
          onMoveStart={() => setIdle((s) => ({ ...s, [side]: false }))}
          onLoad={() => showCenter(side)}
          onMoveEnd={() => showCenter(side)}
          onIdle={() => setIdle((s) => ({ ...s, [side]: true }))}
        >
          <NavigationControl position="top-right" showCompass={false} />
          {img?.url && (
            <Source
              key={img.url}
              id="compare-coverage"
              type="image"
              url={img.url}
              coordinates={
                img.coordinates.map((p) => shiftPoint(p, 'WGS84', crs)) as typeof img.coordinates
              }
            >
              <Layer
                {...coverageLayer('compare-coverage', 'compare-coverage')}
                beforeId={LAYER_SLOTS.areas}
              />
            </Source>
          )}
          {boundaries && (
            <Source id="compare-counties" type="geojson" data={boundaries}>
              <Layer {...countyLineLayer('compare-counties')} beforeId={LAYER_SLOTS.labels} />
              <Layer
                {...areaLabelLayer('compare-counties', 'county')}
                beforeId={LAYER_SLOTS.stations}
              />
            </Source>
          )}
        </Map>
        <div className="compare-map-label" data-testid={`compare-map-label-${side}`}>
          {t(side === 'a' ? 'scenarios.compare.maps.sideA' : 'scenarios.compare.maps.sideB', {
            name: nameOf(sides[side]),
          })}
        </div>
      </div>
    );
  };

  return (
    <div className="compare-maps" data-testid="compare-maps">
      <div className="compare-maps-bar">
        <strong>{t('scenarios.compare.maps.title')}</strong>
        <label>
          {t('scenarios.compare.maps.layer')}{' '}
          <select
            data-testid="compare-maps-layer"
            value={layer}
            onChange={(e) => {
              setIdle({ a: false, b: false });
              setCompareMapsLayer(e.target.value as 'nr' | 'redcap');
            }}
          >
            <option value="nr">{t('scenarios.compare.maps.layers.nr')}</option>
            <option value="redcap">{t('scenarios.compare.maps.layers.redcap')}</option>
          </select>
        </label>
        <button type="button" data-testid="compare-maps-close" onClick={close}>
          {t('scenarios.compare.maps.close')}
        </button>
      </div>
      <div className="compare-maps-panes">
        {pane('a')}
        {pane('b')}
      </div>
    </div>
  );
}
