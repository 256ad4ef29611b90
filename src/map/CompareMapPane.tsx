import { useMemo, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Layer,
  Map,
  NavigationControl,
  ScaleControl,
  Source,
  type MapRef,
} from '@vis.gl/react-maplibre';
import type { CircleLayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { BasemapCrs } from '../store/map-slice';
import { useAppStore } from '../store/store';
import type { ComparisonView } from '../worker/scenario-protocol';
import { LAYER_SLOTS } from './basemap-style';
import {
  areaLabelLayer,
  countyLineLayer,
  coverageLayer,
  gapLabelLayer,
  gapLineLayer,
  GAP_COLOR,
  STATION_COLORS,
  TOWN_ZONE_COLORS,
  townZoneFillLayer,
  townZoneLineLayer,
  COVERAGE_OPACITY,
} from './layer-specs';
import { NR_COVERAGE_COLOR, REDCAP_COVERAGE_COLOR } from './coverage-colors';
import { MARKER_COLORS } from './scenario-colors';
import { shiftPoint } from './shift-geojson';
import { StationLayers } from './StationLayers';
import { useDisplayCollection } from './use-display-crs';

export type Side = 'a' | 'b';

/** The ring around a site that differs between A and B (e2e tests count its pixels). */
export const COMPARE_CHANGED_COLOR = '#f59f00';

interface SiteProps {
  id: string;
  change: 'added' | 'updated' | 'removed';
  differs: boolean;
}

function changedSitesLayer(source: string): CircleLayerSpecification {
  return {
    id: 'compare-sites',
    type: 'circle',
    source,
    filter: ['==', ['get', 'differs'], false],
    paint: {
      'circle-radius': 5,
      'circle-color': [
        'match',
        ['get', 'change'],
        'added',
        MARKER_COLORS.added,
        'removed',
        MARKER_COLORS.removed,
        MARKER_COLORS.updated,
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  };
}

function differsLayer(source: string): CircleLayerSpecification {
  return {
    id: 'compare-sites-differ',
    type: 'circle',
    source,
    filter: ['==', ['get', 'differs'], true],
    paint: {
      'circle-radius': 10,
      'circle-opacity': 0,
      'circle-stroke-color': COMPARE_CHANGED_COLOR,
      'circle-stroke-width': 3,
    },
  };
}

/**
 * One side of the side-by-side comparison: its coverage, the county-town zones with the
 * side's verdicts, its largest gaps, the loaded sites with the side's changes on top
 * (those that differ from the other side ringed), its legend and a scale bar.
 */
export function CompareMapPane({
  side,
  mapRef,
  comparison,
  layer,
  style,
  crs,
  initialViewState,
  label,
  attrs,
  onMove,
  onMoveStart,
  onLoad,
  onMoveEnd,
  onIdle,
}: {
  side: Side;
  mapRef: RefObject<MapRef | null>;
  comparison: ComparisonView;
  layer: 'nr' | 'redcap';
  style: StyleSpecification;
  crs: BasemapCrs;
  initialViewState: Parameters<typeof Map>[0]['initialViewState'];
  label: ReactNode;
  attrs: Record<string, string | boolean>;
  onMove: () => void;
  onMoveStart: () => void;
  onLoad: () => void;
  onMoveEnd: () => void;
  onIdle: () => void;
}) {
  const { t } = useTranslation();
  const snapshot = useAppStore((s) => s.snapshot);
  const results = useAppStore((s) => s.results);
  const kinds = useAppStore((s) => s.stationKinds);
  const boundaries = useDisplayCollection(snapshot?.boundaries ?? null, crs);
  const img = comparison.sideImages[side].find((i) => i.layer === layer);

  // The zones' verdicts are the side's own (A: `before`, B: `after`).
  const zonesWgs = useMemo(() => {
    const zones = results?.townZones;
    if (!zones) return null;
    const verdict = new globalThis.Map(
      (side === 'a' ? comparison.before : comparison.after).map((a) => [
        a.code,
        a.townZone?.continuous,
      ]),
    );
    return {
      ...zones,
      features: zones.features.map((f) => ({
        ...f,
        properties: {
          ...f.properties,
          continuous: verdict.get(f.properties.code) ?? f.properties.continuous,
        },
      })),
    };
  }, [results, comparison, side]);
  const zones = useDisplayCollection(zonesWgs, crs);
  const gaps = useDisplayCollection(comparison.sides[side].gaps, crs);
  const sites = useMemo((): FeatureCollection<Point, SiteProps> => {
    const point = (lon: number, lat: number) => ({
      type: 'Point' as const,
      coordinates: shiftPoint([lon, lat], 'WGS84', crs),
    });
    // The side's own changes as dots; every site that differs from the other side, where
    // it stands on this one, ringed.
    const dots = comparison.sides[side].changes.map((d) => ({
      type: 'Feature' as const,
      geometry: point(d.lon, d.lat),
      properties: {
        id: d.id,
        change: d.kinds.includes('new')
          ? ('added' as const)
          : d.kinds.includes('remove')
            ? ('removed' as const)
            : ('updated' as const),
        differs: false,
      },
    }));
    const rings = comparison.places.flatMap((p) => {
      const at = p.at[side];
      return at
        ? [
            {
              type: 'Feature' as const,
              geometry: point(at[0], at[1]),
              properties: { id: p.id, change: 'updated' as const, differs: true },
            },
          ]
        : [];
    });
    return { type: 'FeatureCollection', features: [...dots, ...rings] };
  }, [comparison, side, crs]);

  return (
    <div className="compare-map" data-testid={`compare-map-${side}`} {...attrs}>
      <Map
        ref={mapRef}
        initialViewState={initialViewState}
        mapStyle={style}
        // As in MapView: labels use the browser's fonts, so the style has no glyphs URL.
        validateStyle={false}
        style={{ width: '100%', height: '100%' }}
        attributionControl={false}
        onMove={onMove}
        onMoveStart={onMoveStart}
        onLoad={onLoad}
        onMoveEnd={onMoveEnd}
        onIdle={onIdle}
      >
        <NavigationControl position="top-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" />
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
        {zones && (
          <Source id="compare-zones" type="geojson" data={zones}>
            <Layer {...townZoneFillLayer('compare-zones')} beforeId={LAYER_SLOTS.lines} />
            <Layer {...townZoneLineLayer('compare-zones')} beforeId={LAYER_SLOTS.labels} />
          </Source>
        )}
        {gaps && (
          <Source id="compare-gaps" type="geojson" data={gaps}>
            <Layer {...gapLineLayer('compare-gaps', 'county')} beforeId={LAYER_SLOTS.labels} />
            <Layer {...gapLabelLayer('compare-gaps', 'county')} beforeId={LAYER_SLOTS.stations} />
          </Source>
        )}
        {(snapshot?.stationLayers ?? []).map((l) => (
          <StationLayers key={l.datasetId} layer={l} kinds={kinds} crs={crs} visible />
        ))}
        <Source id="compare-sites" type="geojson" data={sites}>
          <Layer {...changedSitesLayer('compare-sites')} beforeId={LAYER_SLOTS.top} />
          <Layer {...differsLayer('compare-sites')} beforeId={LAYER_SLOTS.top} />
        </Source>
      </Map>
      <div className="compare-map-label" data-testid={`compare-map-label-${side}`}>
        {label}
      </div>
      <ul className="legend compare-map-legend" data-testid={`compare-legend-${side}`}>
        <li data-entry="coverage">
          <span
            className="legend-swatch"
            style={{
              background: layer === 'nr' ? NR_COVERAGE_COLOR : REDCAP_COVERAGE_COLOR,
              opacity: COVERAGE_OPACITY,
            }}
          />
          {t(`scenarios.compare.maps.layers.${layer}`)}
        </li>
        <li data-entry="continuous">
          <span className="legend-line" style={{ borderColor: TOWN_ZONE_COLORS.continuous }} />
          {t('scenarios.compare.maps.legend.continuous')}
        </li>
        <li data-entry="broken">
          <span className="legend-line" style={{ borderColor: TOWN_ZONE_COLORS.broken }} />
          {t('scenarios.compare.maps.legend.broken')}
        </li>
        <li data-entry="gap">
          <span className="legend-line legend-dashed" style={{ borderColor: GAP_COLOR }} />
          {t('scenarios.compare.maps.legend.gap')}
        </li>
        <li data-entry="site">
          <span className="legend-dot" style={{ background: STATION_COLORS.nr }} />
          {t('scenarios.compare.maps.legend.site')}
        </li>
        <li data-entry="added">
          <span className="legend-dot" style={{ background: MARKER_COLORS.added }} />
          {t('scenarios.compare.maps.legend.added')}
        </li>
        <li data-entry="removed">
          <span className="legend-dot" style={{ background: MARKER_COLORS.removed }} />
          {t('scenarios.compare.maps.legend.removed')}
        </li>
        <li data-entry="changed">
          <span
            className="legend-dot"
            style={{ background: 'transparent', boxShadow: `0 0 0 2px ${COMPARE_CHANGED_COLOR}` }}
          />
          {t('scenarios.compare.maps.legend.changed')}
        </li>
      </ul>
    </div>
  );
}
