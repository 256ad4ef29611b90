import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapRef } from '@vis.gl/react-maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import './compare-maps.css';
import './maplibre-worker';
import {
  setCompareMapsLayer,
  setCompareMapsOpen,
  zoomToPlace,
} from '../store/scenario-compare-actions';
import type { CompareSide } from '../store/scenario-slice';
import type { BasemapCrs } from '../store/map-slice';
import { useAppStore } from '../store/store';
import type { ComparisonView } from '../worker/scenario-protocol';
import { offlineBasemapStyle, onlineBasemapStyle, withLayerSlots } from './basemap-style';
import { basemapUrls } from './basemap-urls';
import { CompareMapPane, type Side } from './CompareMapPane';
import { shiftBbox } from './shift-geojson';
import { centerAttr, followView, type CameraView } from './view-sync';
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
 * The shown comparison as two maps side by side over the main map: A on the left, B on
 * the right (coverage, town zones, gaps, sites with the changed ones ringed, legend and
 * scale), on one synced view (moving either moves the other), opened on where A and B
 * differ; the bar lists every changed place to zoom to. Rendered by MapView; nothing
 * while closed or without a comparison.
 */
export function CompareMaps({ mainMap }: { mainMap: RefObject<MapRef | null> }) {
  const open = useAppStore((s) => s.compareMapsOpen);
  const comparison = useAppStore((s) => s.comparison);
  if (!open || !comparison) return null;
  return <CompareMapsOpen mainMap={mainMap} comparison={comparison} />;
}

function CompareMapsOpen({
  mainMap,
  comparison,
}: {
  mainMap: RefObject<MapRef | null>;
  comparison: ComparisonView;
}) {
  const { t } = useTranslation();
  const scenarios = useAppStore((s) => s.scenarios);
  const sides = useAppStore((s) => s.comparedSides ?? s.compareSides);
  const layer = useAppStore((s) => s.compareMapsLayer);
  const basemap = useAppStore((s) => s.basemap);
  const focus = useAppStore((s) => s.compareFocus);
  const crs: BasemapCrs = basemap.tileUrl ? basemap.crs : 'WGS84';
  const style = useMemo(
    () =>
      withLayerSlots(
        basemap.tileUrl ? onlineBasemapStyle(basemap.tileUrl) : offlineBasemapStyle(basemapUrls()),
      ),
    [basemap.tileUrl],
  );

  // Both maps start on where A and B differ (else on what the main map shows: each is
  // half as wide, so its bounds, not its zoom); closing hands the view back to it.
  const [initial] = useState(() => {
    const d = comparison.changesBbox;
    if (d) {
      const [w, s, e, n] = shiftBbox(d, 'WGS84', crs);
      return {
        bounds: [
          [w, s],
          [e, n],
        ] as [[number, number], [number, number]],
        fitBoundsOptions: { padding: 40, maxZoom: 13 },
      };
    }
    const b = mainMap.current?.getBounds();
    if (!b) return null;
    return {
      bounds: [
        [b.getWest(), b.getSouth()],
        [b.getEast(), b.getNorth()],
      ] as [[number, number], [number, number]],
    };
  });
  const initialView = initial ?? {
    longitude: FALLBACK_VIEW.center[0],
    latitude: FALLBACK_VIEW.center[1],
    zoom: FALLBACK_VIEW.zoom,
  };
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

  // "Zoom to changes": the left map fits the place, the right one follows it.
  const focusSeq = focus?.seq;
  useEffect(() => {
    const f = useAppStore.getState().compareFocus;
    const m = refs.a.current;
    if (!f || !m) return;
    m.fitBounds(shiftBbox(f.bbox, 'WGS84', crs), { padding: 40, maxZoom: 13, duration: 0 });
    // refs are stable; a new focus (seq) is what moves the maps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq, crs]);

  const close = () => {
    const a = refs.a.current;
    if (a) mainMap.current?.fitBounds(a.getBounds(), { duration: 0 });
    setCompareMapsOpen(false);
  };

  const nameOf = (s: CompareSide) =>
    s === 'baseline'
      ? t('scenarios.baseline')
      : (scenarios.find((r) => r.id === s)?.scenario.name ?? '?');

  const pane = (side: Side) => (
    <CompareMapPane
      side={side}
      mapRef={refs[side]}
      comparison={comparison}
      layer={layer}
      style={style}
      crs={crs}
      initialViewState={initialView}
      label={t(side === 'a' ? 'scenarios.compare.maps.sideA' : 'scenarios.compare.maps.sideB', {
        name: nameOf(sides[side]),
      })}
      attrs={{ 'data-center': centers[side], 'data-idle': idle[side], 'data-layer': layer }}
      onMove={() => follow(side)}
      onMoveStart={() => setIdle((s) => ({ ...s, [side]: false }))}
      onLoad={() => showCenter(side)}
      onMoveEnd={() => showCenter(side)}
      onIdle={() => setIdle((s) => ({ ...s, [side]: true }))}
    />
  );

  return (
    <div
      className="compare-maps"
      data-testid="compare-maps"
      data-changes={comparison.changesBbox?.map((x) => x.toFixed(6)).join(',') ?? ''}
    >
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
        {comparison.places.length > 0 && (
          <label>
            {t('scenarios.compare.maps.places')}{' '}
            <select
              data-testid="compare-maps-places"
              value=""
              onChange={(e) => {
                const v = e.target.value;
                const p = comparison.places.find((x) => x.id === v);
                if (v === '#all' && comparison.changesBbox) zoomToPlace(comparison.changesBbox);
                else if (p) zoomToPlace(p.bbox);
              }}
            >
              <option value="">…</option>
              <option value="#all">
                {t('scenarios.compare.maps.placesAll', { count: comparison.places.length })}
              </option>
              {comparison.places.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('scenarios.compare.places.item', { id: p.id, place: p.place || '—' })}
                </option>
              ))}
            </select>
          </label>
        )}
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
