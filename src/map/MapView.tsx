import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Map,
  Source,
  Layer,
  NavigationControl,
  ScaleControl,
  Popup,
  type MapRef,
  type MapLayerMouseEvent,
} from '@vis.gl/react-maplibre';
import type { MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import './maplibre-worker';
import { useAppStore } from '../store/store';
import { selectArea } from '../store/analysis-actions';
import { readUrlState, writeUrlState } from '../store/url-state';
import type { AreaLevel, BasemapCrs } from '../store/map-slice';
import type { AreaResult } from '../core/analysis/analyze';
import type { StationLayerData } from '../worker/protocol';
import type { StationFeatureProps } from '../worker/station-geojson';
import { formatNumber } from '../i18n';
import { LayerPanel } from '../components/LayerPanel';
import { MapPopupArea } from '../components/MapPopupArea';
import { MapPopupStation } from '../components/MapPopupStation';
import { MapTooltip } from '../components/MapTooltip';
import { BasemapDetail } from './BasemapDetail';
import { useBasemapDetail } from './use-basemap-detail';
import { fitPaddingCandidates, type OverlayBox } from './fit-padding';
import type { LonLat } from './measure';
import { MapToolbar, MeasureLayers } from './MapTools';
import {
  LAYER_SLOTS,
  offlineBasemapStyle,
  onlineBasemapStyle,
  withLayerSlots,
} from './basemap-style';
import { basemapUrls } from './basemap-urls';
import { choroplethColorExpression, metricValue } from './choropleth';
import {
  areaLabelLayer,
  choroplethLayer,
  countyFillLayer,
  countyLineLayer,
  coverageLayer,
  hillshadeLayer,
  gapLabelLayer,
  gapLineLayer,
  selectionLineLayer,
  townshipFillLayer,
  townshipLineLayer,
  townZoneFillLayer,
  townZoneLineLayer,
} from './layer-specs';
import { shiftBbox, shiftPoint } from './shift-geojson';
import { PopulationLayers } from './PopulationLayers';
import { StationLayers, stationLayerIds } from './StationLayers';
import { ScenarioLayers } from './ScenarioLayers';
import { CompareMaps } from './CompareMaps';
import { useDisplayCollection, useLabelPoints } from './use-display-crs';

const NO_LAYERS: StationLayerData[] = [];
const CHINA_VIEW = { longitude: 104, latitude: 35, zoom: 3.2 };
const AREA_LAYERS = ['township-fill', 'county-fill', 'choropleth'];

type PopupState =
  | { kind: 'station'; lon: number; lat: number; props: StationFeatureProps }
  | { kind: 'area'; lon: number; lat: number; level: AreaLevel; code: string; name: string };

interface HoverState {
  x: number;
  y: number;
  name: string;
  value: string | null;
}

/** Boxes of what floats over the map (marked `data-map-overlay`), relative to it. */
function overlayBoxes(container: HTMLElement): OverlayBox[] {
  const c = container.getBoundingClientRect();
  return [...container.querySelectorAll('[data-map-overlay]')].map((el) => {
    const r = el.getBoundingClientRect();
    return {
      left: r.left - c.left,
      top: r.top - c.top,
      right: r.right - c.left,
      bottom: r.bottom - c.top,
    };
  });
}

const visibility = (on: boolean) => ({ visibility: on ? ('visible' as const) : ('none' as const) });

function findResult(
  results: { counties: AreaResult[]; townships: AreaResult[] } | null,
  level: AreaLevel,
  code: string,
): AreaResult | null {
  const list = level === 'county' ? results?.counties : results?.townships;
  return list?.find((a) => a.code === code) ?? null;
}

/** The area under the pointer at the chosen level, else at any level. */
function pickArea(features: readonly MapGeoJSONFeature[], level: AreaLevel) {
  const areas = features.filter((f) => AREA_LAYERS.includes(f.layer.id));
  const f = areas.find((x) => x.properties.level === level) ?? areas[0];
  if (!f) return null;
  const p = f.properties as { code?: string; name?: string; level?: string };
  if (!p.code || (p.level !== 'county' && p.level !== 'township')) return null;
  return { code: p.code, name: p.name ?? p.code, level: p.level as AreaLevel };
}

export function MapView() {
  const { t, i18n } = useTranslation();
  const snapshot = useAppStore((s) => s.snapshot);
  const version = useAppStore((s) => s.snapshotVersion);
  const results = useAppStore((s) => s.results);
  const resultsVersion = useAppStore((s) => s.resultsVersion);
  const layers = useAppStore((s) => s.layers);
  const kinds = useAppStore((s) => s.stationKinds);
  const metric = useAppStore((s) => s.choroplethMetric);
  const areaLevel = useAppStore((s) => s.areaLevel);
  const basemap = useAppStore((s) => s.basemap);
  const selection = useAppStore((s) => s.selection);
  const focus = useAppStore((s) => s.focus);
  const measure = useAppStore((s) => s.measure);
  const containerRef = useRef<HTMLDivElement>(null);
  const detail = useBasemapDetail(!basemap.tileUrl);
  const crs: BasemapCrs = basemap.tileUrl ? basemap.crs : 'WGS84';

  const mapRef = useRef<MapRef>(null);
  const [idle, setIdle] = useState({ snapshot: -1, results: -1 });
  // What this render put on the map: idle reports these, not the store's (newer) versions.
  const rendered = useRef({ snapshot: version, results: resultsVersion });
  useLayoutEffect(() => {
    rendered.current = { snapshot: version, results: resultsVersion };
  }, [version, resultsVersion]);
  const [popup, setPopup] = useState<PopupState | null>(null);
  const [hover, setHover] = useState<HoverState | null>(null);

  const style = useMemo(
    () =>
      withLayerSlots(
        basemap.tileUrl ? onlineBasemapStyle(basemap.tileUrl) : offlineBasemapStyle(basemapUrls()),
      ),
    [basemap.tileUrl],
  );
  const boundaries = useDisplayCollection(snapshot?.boundaries ?? null, crs);
  const gaps = useDisplayCollection(results?.gaps ?? null, crs);
  const zones = useDisplayCollection(results?.townZones ?? null, crs);
  const stations = snapshot?.stationLayers ?? NO_LAYERS;
  const areaLabels = useLabelPoints(boundaries);
  const gapLabels = useLabelPoints(gaps);
  const labelsPending = (snapshot?.boundaries && !areaLabels) || (results?.gaps && !gapLabels);

  const urlView = useMemo(() => readUrlState(window.location.search).view, []);
  const initialView = useMemo(() => {
    if (!urlView) return CHINA_VIEW;
    const [lon, lat] = shiftPoint([urlView.lon, urlView.lat], 'WGS84', crs);
    return { longitude: lon, latitude: lat, zoom: urlView.zoom };
    // The initial view is read once; later CRS changes move the data, not the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlView]);
  // A view in the URL wins over fitting the first data.
  const fitted = useRef(urlView !== null);

  const target = results?.params.targetPer10k ?? 38;
  const levelResults = areaLevel === 'county' ? results?.counties : results?.townships;
  const choroplethColor = useMemo(
    () => choroplethColorExpression(levelResults ?? [], metric, target),
    [levelResults, metric, target],
  );

  const fit = useCallback(
    (bbox: [number, number, number, number], duration: number) => {
      const map = mapRef.current;
      const el = containerRef.current;
      if (!map) return;
      const box = shiftBbox(bbox, 'WGS84', crs);
      const candidates = el
        ? fitPaddingCandidates(el.clientWidth, el.clientHeight, overlayBoxes(el))
        : [{ top: 40, right: 40, bottom: 40, left: 40 }];
      // The padding that shows the region largest, every candidate keeping it clear of panels.
      let padding = candidates[0];
      let best = -Infinity;
      for (const p of candidates) {
        const zoom = map.cameraForBounds(box, { padding: p })?.zoom ?? -Infinity;
        if (zoom > best) [best, padding] = [zoom, p];
      }
      map.fitBounds(box, { padding, duration });
    },
    [crs],
  );

  useEffect(() => {
    if (!mapRef.current || !snapshot?.bbox || fitted.current) return;
    fitted.current = true;
    fit(snapshot.bbox, 0);
  }, [snapshot, fit]);

  const focusSeq = focus?.seq;
  useEffect(() => {
    const f = useAppStore.getState().focus;
    if (f && mapRef.current) fit(f.bbox, 500);
  }, [focusSeq, fit]);

  useEffect(() => {
    writeUrlState({ selection });
  }, [selection]);

  // New data or results may change nothing visible; a repaint makes the map go idle again,
  // so the idle attributes always catch up.
  useEffect(() => {
    mapRef.current?.getMap().triggerRepaint();
  }, [version, resultsVersion]);

  const viewTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (viewTimer.current) clearTimeout(viewTimer.current);
    },
    [],
  );
  const onMoveEnd = () => {
    if (viewTimer.current) clearTimeout(viewTimer.current);
    viewTimer.current = setTimeout(() => {
      const map = mapRef.current;
      if (!map) return;
      const c = map.getCenter();
      const [lon, lat] = shiftPoint([c.lng, c.lat], crs, 'WGS84');
      writeUrlState({ view: { lon, lat, zoom: map.getZoom() } });
    }, 300);
  };

  const stationIds = stations.map((l) => stationLayerIds(l, kinds));
  const interactive = [
    ...AREA_LAYERS,
    ...stationIds.flatMap((ids) => (ids.clusters ? [ids.points, ids.clusters] : [ids.points])),
  ];
  const isStation = (id: string) => stationIds.some((ids) => ids.points === id);
  const isCluster = (id: string) => stationIds.some((ids) => ids.clusters === id);

  const onClick = (e: MapLayerMouseEvent) => {
    if (measure.mode) {
      // While measuring, a click adds a point (in WGS-84) and opens nothing.
      const p = shiftPoint([e.lngLat.lng, e.lngLat.lat], crs, 'WGS84') as LonLat;
      useAppStore.getState().addMeasurePoint(p);
      return;
    }
    const features = e.features ?? [];
    const station = features.find((f) => isStation(f.layer.id));
    if (station && station.geometry.type === 'Point') {
      const [lon, lat] = station.geometry.coordinates;
      setPopup({ kind: 'station', lon, lat, props: station.properties as StationFeatureProps });
      return;
    }
    if (features.some((f) => isCluster(f.layer.id))) {
      mapRef.current?.easeTo({ center: e.lngLat, zoom: (mapRef.current?.getZoom() ?? 5) + 2 });
      return;
    }
    const area = pickArea(features, areaLevel);
    if (!area) {
      setPopup(null);
      return;
    }
    selectArea({ level: area.level, code: area.code });
    setPopup({ kind: 'area', lon: e.lngLat.lng, lat: e.lngLat.lat, ...area });
  };

  const onMouseMove = (e: MapLayerMouseEvent) => {
    const features = e.features ?? [];
    const map = mapRef.current?.getMap();
    const overStation = features.some((f) => isStation(f.layer.id) || isCluster(f.layer.id));
    if (map)
      map.getCanvas().style.cursor = measure.mode ? 'crosshair' : overStation ? 'pointer' : '';
    if (measure.mode) return;
    const area = overStation ? null : pickArea(features, areaLevel);
    if (!area) {
      if (hover) setHover(null);
      return;
    }
    const r = findResult(results, area.level, area.code);
    const v = r ? metricValue(r, metric) : null;
    const value =
      v === null
        ? null
        : `${t(`layers.metric.${metric}`)}: ${formatNumber(v, i18n.language, metric === 'per10k' ? 2 : 1)}`;
    setHover({ x: e.point.x, y: e.point.y, name: area.name, value });
  };

  return (
    <div
      ref={containerRef}
      className="map-view"
      data-testid="map"
      data-snapshot-version={version}
      // The snapshot counts as drawn only with the latest results drawn too, so a wait for
      // the map to settle also waits out the frames that draw new results.
      data-idle-version={idle.results >= resultsVersion ? idle.snapshot : -1}
      data-results-version={resultsVersion}
      data-idle-results-version={idle.results}
    >
      <Map
        ref={mapRef}
        initialViewState={initialView}
        mapStyle={style}
        // Labels use the browser's fonts (no glyph server, so no request); the style validator
        // insists on a `glyphs` URL for text, so it is switched off — the specs are typed.
        validateStyle={false}
        style={{ width: '100%', height: '100%' }}
        attributionControl={false}
        interactiveLayerIds={interactive}
        onClick={onClick}
        onMouseMove={onMouseMove}
        onMouseOut={() => setHover(null)}
        onMoveEnd={onMoveEnd}
        onIdle={() => {
          // Not settled while more frames are on their way: the basemap detail starting to
          // load, or label points still coming from the map worker. Reporting idle then
          // would let a wait for the map end right before those frames.
          if (detail.onMapIdle() || labelsPending) return;
          setIdle({ ...rendered.current });
        }}
        onLoad={() => {
          const bb = useAppStore.getState().snapshot?.bbox;
          if (bb && !fitted.current) {
            fitted.current = true;
            fit(bb, 0);
          }
        }}
      >
        <NavigationControl position="top-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" />
        {detail.on && !basemap.tileUrl && <BasemapDetail visible={layers.basemapDetail} />}
        {results?.hillshade?.url && layers.hillshade && (
          <Source
            id="hillshade"
            type="image"
            url={results.hillshade.url}
            coordinates={
              results.hillshade.coordinates.map((p) =>
                shiftPoint(p, 'WGS84', crs),
              ) as typeof results.hillshade.coordinates
            }
          >
            <Layer {...hillshadeLayer('hillshade', 'hillshade')} beforeId={LAYER_SLOTS.areas} />
          </Source>
        )}
        {results?.coverage.map((c) =>
          // A hidden image is not loaded at all: decoding and uploading a county-wide
          // picture costs the main thread hundreds of milliseconds in software WebGL.
          c.url && layers[c.layer === 'nr' ? 'nrCoverage' : 'redcapCoverage'] ? (
            <Source
              key={c.layer}
              id={`coverage-${c.layer}`}
              type="image"
              url={c.url}
              coordinates={
                c.coordinates.map((p) => shiftPoint(p, 'WGS84', crs)) as typeof c.coordinates
              }
            >
              <Layer
                {...coverageLayer(`coverage-${c.layer}`, `coverage-${c.layer}`)}
                beforeId={LAYER_SLOTS.areas}
              />
            </Source>
          ) : null,
        )}
        {boundaries && (
          <Source id="counties" type="geojson" data={boundaries}>
            <Layer
              {...choroplethLayer('counties', areaLevel, choroplethColor)}
              layout={visibility(layers.choropleth)}
              beforeId={LAYER_SLOTS.lines}
            />
            <Layer
              {...countyFillLayer('counties')}
              layout={visibility(layers.counties)}
              beforeId={LAYER_SLOTS.lines}
            />
            <Layer
              {...townshipFillLayer('counties')}
              layout={visibility(layers.townships)}
              beforeId={LAYER_SLOTS.lines}
            />
            <Layer
              {...townshipLineLayer('counties')}
              layout={visibility(layers.townships)}
              beforeId={LAYER_SLOTS.labels}
            />
            <Layer
              {...countyLineLayer('counties')}
              layout={visibility(layers.counties)}
              beforeId={LAYER_SLOTS.labels}
            />
            <Layer
              {...selectionLineLayer('counties', selection?.code ?? null)}
              beforeId={LAYER_SLOTS.labels}
            />
          </Source>
        )}
        {areaLabels && (
          <Source id="area-labels" type="geojson" data={areaLabels}>
            <Layer
              {...areaLabelLayer('area-labels', 'township')}
              layout={{
                ...areaLabelLayer('area-labels', 'township').layout,
                ...visibility(layers.townships),
              }}
              beforeId={LAYER_SLOTS.stations}
            />
            <Layer
              {...areaLabelLayer('area-labels', 'county')}
              layout={{
                ...areaLabelLayer('area-labels', 'county').layout,
                ...visibility(layers.counties),
              }}
              beforeId={LAYER_SLOTS.stations}
            />
          </Source>
        )}
        {zones && (
          <Source id="town-zones" type="geojson" data={zones}>
            <Layer
              {...townZoneFillLayer('town-zones')}
              layout={visibility(layers.townZones)}
              beforeId={LAYER_SLOTS.lines}
            />
            <Layer
              {...townZoneLineLayer('town-zones')}
              layout={visibility(layers.townZones)}
              beforeId={LAYER_SLOTS.labels}
            />
          </Source>
        )}
        {gaps && (
          <Source id="gaps" type="geojson" data={gaps}>
            <Layer
              {...gapLineLayer('gaps', areaLevel)}
              layout={visibility(layers.gaps)}
              beforeId={LAYER_SLOTS.labels}
            />
          </Source>
        )}
        {gapLabels && (
          <Source id="gap-labels" type="geojson" data={gapLabels}>
            <Layer
              {...gapLabelLayer('gap-labels', areaLevel)}
              layout={{
                ...gapLabelLayer('gap-labels', areaLevel).layout,
                ...visibility(layers.gaps),
              }}
              // Under the area names: a name wins a label collision over a gap number.
              beforeId={LAYER_SLOTS.labels}
            />
          </Source>
        )}
        {stations.map((l) => (
          <StationLayers
            key={l.datasetId}
            layer={l}
            kinds={kinds}
            crs={crs}
            visible={layers.stations}
          />
        ))}
        <PopulationLayers crs={crs} />
        <ScenarioLayers crs={crs} />
        <MeasureLayers crs={crs} />
        {popup && (
          <Popup
            longitude={popup.lon}
            latitude={popup.lat}
            anchor="bottom"
            maxWidth="340px"
            closeOnClick={false}
            onClose={() => setPopup(null)}
          >
            {popup.kind === 'station' ? (
              <MapPopupStation props={popup.props} />
            ) : (
              <MapPopupArea
                name={popup.name}
                result={findResult(results, popup.level, popup.code)}
              />
            )}
          </Popup>
        )}
      </Map>
      {hover && <MapTooltip {...hover} />}
      <LayerPanel />
      <MapToolbar mapRef={mapRef} />
      <CompareMaps mainMap={mapRef} />
    </div>
  );
}
