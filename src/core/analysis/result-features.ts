import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Area } from '../area';
import { createLaea } from '../grid/laea';
import { gapPolygon, listGaps, type Gap } from '../grid/gaps';
import type { AreaResult, RegionState } from './analyze';
import type { AnalysisParams } from './params';
import { townZoneTownships, townshipsByCounty } from './town-zone';

/** Properties of a gap outline (the map numbers them by people uncovered). */
export interface GapFeatureProps {
  id: string;
  areaCode: string;
  areaName: string;
  level: 'county' | 'township';
  rank: number;
  areaKm2: number;
  population: number;
  centroid: [number, number];
  bbox: [number, number, number, number];
}

/**
 * The largest NR gaps of each area as outlines, ranked within the area by people
 * uncovered (then by size). Outlines are traced only for the first `perArea` of each area
 * and at most `maxTotal` overall (a national table may have tens of thousands of gaps;
 * the map shows the ones that matter), the heaviest first.
 */
export function gapFeatures(
  state: RegionState,
  areas: readonly Area[],
  perArea = 10,
  maxTotal = 2000,
): Feature<MultiPolygon, GapFeatureProps>[] {
  const byArea = new Map<number, Gap[]>();
  for (const g of listGaps(state.grid, state.nrGaps)) {
    if (g.area < 0 || g.area >= areas.length) continue;
    let list = byArea.get(g.area);
    if (!list) byArea.set(g.area, (list = []));
    list.push(g);
  }
  const picked: { gap: Gap; rank: number }[] = [];
  for (const list of byArea.values()) {
    list.sort((a, b) => b.population - a.population || b.cells - a.cells || a.id - b.id);
    list.slice(0, perArea).forEach((gap, i) => picked.push({ gap, rank: i + 1 }));
  }
  picked.sort(
    (a, b) =>
      b.gap.population - a.gap.population || b.gap.cells - a.gap.cells || a.gap.id - b.gap.id,
  );
  const out: Feature<MultiPolygon, GapFeatureProps>[] = [];
  for (const { gap, rank } of picked.slice(0, maxTotal)) {
    const geometry = gapPolygon(state.grid, state.nrGaps, gap.id);
    if (!geometry) continue;
    const a = areas[gap.area];
    out.push({
      type: 'Feature',
      geometry,
      properties: {
        id: `${a.code}-${rank}`,
        areaCode: a.code,
        areaName: a.name,
        level: a.level === 'township' ? 'township' : 'county',
        rank,
        areaKm2: gap.areaKm2,
        population: gap.population,
        centroid: gap.centroid,
        bbox: gap.bbox,
      },
    });
  }
  return out;
}

export interface TownZoneFeatureProps {
  code: string;
  name: string;
  continuous: boolean;
  redcapAreaPct: number;
  largestGapKm2: number;
  areaKm2: number;
}

/** A disc of `radiusM` metres around a WGS-84 point as a 72-gon (drawn, not measured). */
export function discPolygon(lon: number, lat: number, radiusM: number): Polygon {
  const p = createLaea(lon, lat);
  const ring: Position[] = [];
  for (let i = 0; i <= 72; i++) {
    // Counter-clockwise, as RFC 7946 wants outer rings.
    const a = (i * 2 * Math.PI) / 72;
    ring.push(p.inverse(radiusM * Math.cos(a), radiusM * Math.sin(a)));
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * The county-town zone of each county with a verdict: its 街道 and seat township when
 * township polygons are loaded (as the analysis takes it), else the disc around the seat.
 */
export function townZoneFeatures(
  counties: readonly Area[],
  results: readonly AreaResult[],
  townships: readonly Area[],
  params: AnalysisParams,
): Feature<Polygon | MultiPolygon, TownZoneFeatureProps>[] {
  const towns = townshipsByCounty(counties, townships);
  const out: Feature<Polygon | MultiPolygon, TownZoneFeatureProps>[] = [];
  counties.forEach((c, i) => {
    const tz = results[i]?.townZone;
    if (!tz) return;
    const zt = towns[i] ? townZoneTownships(c, towns[i]) : null;
    let geometry: Polygon | MultiPolygon | null = null;
    if (zt) {
      geometry = {
        type: 'MultiPolygon',
        coordinates: zt.flatMap((t) =>
          t.geometry.type === 'Polygon' ? [t.geometry.coordinates] : t.geometry.coordinates,
        ),
      };
    } else if (c.seat) {
      geometry = discPolygon(c.seat[0], c.seat[1], params.townZoneRadiusM);
    }
    if (!geometry) return;
    out.push({
      type: 'Feature',
      geometry,
      properties: {
        code: c.code,
        name: c.name,
        continuous: tz.continuous,
        redcapAreaPct: tz.redcapAreaPct,
        largestGapKm2: tz.largestGapKm2,
        areaKm2: tz.areaKm2,
      },
    });
  });
  return out;
}
