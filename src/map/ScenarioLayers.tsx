import { useEffect, useState } from 'react';
import '../components/scenarios.css';
import { useTranslation } from 'react-i18next';
import { Layer, Marker, Source, useMap, type MarkerDragEvent } from '@vis.gl/react-maplibre';
import type { MapMouseEvent } from 'maplibre-gl';
import { moveEdit } from '../core/scenario/edits';
import { addScenarioSite, applyScenarioEdits, pickSite, siteInfo } from '../store/scenario-actions';
import type { BasemapCrs } from '../store/map-slice';
import { useAppStore } from '../store/store';
import type { ScenarioSiteInfo } from '../worker/scenario-protocol';
import { ScenarioLegend, type ScenarioLegendEntry } from '../components/ScenarioLegend';
import type { PlanPick } from '../core/planner/plan';
import { LAYER_SLOTS } from './basemap-style';
import { coverageLayer } from './layer-specs';
import { ScenarioFootprints } from './ScenarioFootprints';
import { shiftPoint } from './shift-geojson';

/** Markers beyond this many are not drawn (a planner scenario of thousands of picks). */
const MAX_MARKERS = 500;
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/**
 * The open scenario on the map: its added, changed and removed sites as markers (added
 * and changed ones drag to move) with their NR and RedCap footprints, the planner's
 * picks, the comparison's gained/lost cells as an image, the legend of all these, and
 * the add/pick tools' map clicks. Rendered inside MapView's <Map>.
 */
export function ScenarioLayers({ crs }: { crs: BasemapCrs }) {
  const { current: map } = useMap();
  const view = useAppStore((s) => s.scenarioView);
  const tool = useAppStore((s) => s.scenarioTool);
  const busy = useAppStore((s) => s.scenarioBusy);
  const comparison = useAppStore((s) => s.comparison);
  const deltaLayer = useAppStore((s) => s.deltaLayer);
  const picked = useAppStore((s) => s.pickedSiteId);
  const plan = useAppStore((s) => s.plan);
  const footprintsShown = useAppStore((s) => s.footprintsShown);
  // The picked site (a baseline one too) gets a marker, so it can be dragged to move.
  const [pickedSite, setPickedSite] = useState<ScenarioSiteInfo | null>(null);
  useEffect(() => {
    let live = true;
    if (picked && view)
      void siteInfo(picked).then((s) => {
        if (live) setPickedSite(s);
      });
    return () => {
      live = false;
    };
  }, [picked, view]);

  useEffect(() => {
    if (!map || tool === 'none') return;
    const m = map.getMap();
    const onClick = (e: MapMouseEvent) => {
      const st = useAppStore.getState();
      if (st.scenarioBusy) return;
      if (st.scenarioTool === 'add') {
        const [lon, lat] = shiftPoint([e.lngLat.lng, e.lngLat.lat], crs, 'WGS84');
        void addScenarioSite({ ...st.scenarioAddTemplate, lon: round7(lon), lat: round7(lat) });
      } else if (st.scenarioTool === 'pick') {
        const f = m
          .queryRenderedFeatures(e.point)
          .find((x) => x.layer.id.startsWith('stations-') && typeof x.properties.id === 'string');
        if (f) pickSite(f.properties.id as string);
      }
    };
    m.getCanvas().classList.add('scenario-tool');
    m.on('click', onClick);
    return () => {
      m.off('click', onClick);
      m.getCanvas().classList.remove('scenario-tool');
    };
  }, [map, tool, crs]);

  const image =
    deltaLayer && comparison ? comparison.images.find((i) => i.layer === deltaLayer) : undefined;
  const sites = view?.sites.slice(0, MAX_MARKERS) ?? [];
  if (view && picked && pickedSite?.id === picked && !sites.some((x) => x.id === picked))
    sites.push(pickedSite);
  // Picks already made into the open scenario show as its own sites.
  const inScenario = new Set(view?.sites.map((x) => x.id));
  const picks = (plan?.picks ?? []).filter((p) => !inScenario.has(p.siteId)).slice(0, MAX_MARKERS);
  const legend: ScenarioLegendEntry[] = [];
  for (const k of ['added', 'updated', 'removed'] as const)
    if (sites.some((x) => x.change === k)) legend.push(k);
  if (sites.some((x) => x.change === null)) legend.push('picked');
  if (picks.length > 0) legend.push('plan');
  if (view?.footprintsUrl) {
    legend.push('nr', 'redcap');
    if (sites.some((x) => x.change === 'removed' || x.change === 'updated')) legend.push('before');
  }
  return (
    <>
      {footprintsShown && <ScenarioFootprints url={view?.footprintsUrl ?? null} crs={crs} />}
      {image?.url && (
        <Source
          key={image.url}
          id="scenario-delta"
          type="image"
          url={image.url}
          coordinates={
            image.coordinates.map((p) => shiftPoint(p, 'WGS84', crs)) as typeof image.coordinates
          }
        >
          <Layer
            {...coverageLayer('scenario-delta', 'scenario-delta')}
            paint={{ 'raster-opacity': 0.8, 'raster-fade-duration': 0 }}
            beforeId={LAYER_SLOTS.lines}
          />
        </Source>
      )}
      {sites.map((s) => (
        <SiteMarker key={s.id} site={s} crs={crs} locked={busy} />
      ))}
      {picks.map((p) => (
        <PlanMarker key={p.id} pick={p} crs={crs} />
      ))}
      <ScenarioLegend entries={legend} />
    </>
  );
}

/** A planner pick not yet in a scenario: its rank on a violet diamond. */
function PlanMarker({ pick, crs }: { pick: PlanPick; crs: BasemapCrs }) {
  const { t } = useTranslation();
  const [lon, lat] = shiftPoint([pick.lon, pick.lat], 'WGS84', crs);
  return (
    <Marker longitude={lon} latitude={lat}>
      <div
        className="scenario-marker plan"
        data-testid="plan-marker"
        data-site={pick.siteId}
        data-rank={pick.rank}
        title={`${pick.rank}. ${t(`scenarios.planner.kindNames.${pick.kind}`)} · ${pick.siteId}`}
      >
        {pick.rank}
      </div>
    </Marker>
  );
}

function SiteMarker({
  site,
  crs,
  locked,
}: {
  site: ScenarioSiteInfo;
  crs: BasemapCrs;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const [lon, lat] = shiftPoint([site.lon, site.lat], 'WGS84', crs);
  const movable = site.change !== 'removed' && !locked;
  const onDragEnd = (e: MarkerDragEvent) => {
    const [x, y] = shiftPoint([e.lngLat.lng, e.lngLat.lat], crs, 'WGS84');
    void applyScenarioEdits([moveEdit(site.id, round7(x), round7(y))]);
  };
  return (
    <Marker longitude={lon} latitude={lat} draggable={movable} onDragEnd={onDragEnd}>
      <div
        className={`scenario-marker ${site.change ?? 'picked'}`}
        data-testid="scenario-marker"
        data-site={site.id}
        title={[
          site.id,
          site.change ? t(`scenarios.map.${site.change}`) : null,
          movable ? t('scenarios.map.dragHint') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        onClick={(e) => {
          e.stopPropagation();
          pickSite(site.id);
        }}
      />
    </Marker>
  );
}
