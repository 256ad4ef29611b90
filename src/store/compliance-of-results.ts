import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaResult } from '../core/analysis/analyze';
import {
  buildCompliance,
  type Compliance,
  type ComplianceLevel,
} from '../core/analysis/compliance';
import {
  prefectureOf,
  provinceOf,
  rollUpCounties,
  type RollupResult,
} from '../core/analysis/rollup';
import { adminNameLookup } from '../io/admin-names';
import type { AnalysisResults, GapProps, TownZoneProps } from '../worker/protocol';

/**
 * The regulator's checklist of the results on screen, and what the checklist needs that the
 * worker's results do not say directly: names of the roll-ups and where each failing
 * county town's gap lies. Shared by the compliance view and the exports, so the view, the
 * CSV and the HTML report give the same verdicts.
 */

/**
 * Province and prefecture roll-ups of the counties, named from the population files' own
 * province/prefecture rows, else the GB/T 2260 table: never a bare code for a known unit.
 */
export function rollupsOf(results: AnalysisResults): RollupResult[] {
  return rollUpCounties(
    results.counties.filter((c) => c.level === 'county'),
    results.params.targetPer10k,
    adminNameLookup(Object.entries(results.aggregateNames ?? {})),
  );
}

/** Where a county town's largest gap is shown: a gap outline inside the zone, else the zone. */
export interface TownGapPlace {
  /** WGS-84 [lon, lat]. */
  at: [number, number];
  /** What to fit the map to. */
  bbox: [number, number, number, number];
  /** 'gap' when an NR gap outline lies in the zone (its size from the outline). */
  source: 'gap' | 'zone';
  gapKm2: number | null;
}

type Geometry = Polygon | MultiPolygon;

function rings(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Even-odd point in polygon in lon/lat: exact enough to say which zone holds a centroid. */
function contains(g: Geometry, [x, y]: [number, number]): boolean {
  let inside = false;
  for (const poly of rings(g))
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}

function bboxOf(g: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of rings(g))
    for (const [x, y] of poly[0]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}

/**
 * For each county town that is not continuous: the largest NR gap outline (of the county)
 * whose centroid lies in the zone — an NR gap is a RedCap gap too — else the zone itself,
 * whose centre is where to look. The worker's results carry no RedCap gap positions.
 */
export function townGapPlaces(
  gaps: readonly Feature<Geometry, GapProps>[],
  zones: readonly Feature<Geometry, TownZoneProps>[],
): Map<string, TownGapPlace> {
  const out = new Map<string, TownGapPlace>();
  for (const z of zones) {
    if (z.properties.continuous) continue;
    const inZone = gaps
      .filter(
        (g) =>
          g.properties.level === 'county' &&
          g.properties.areaCode === z.properties.code &&
          contains(z.geometry, g.properties.centroid),
      )
      .sort((a, b) => b.properties.areaKm2 - a.properties.areaKm2);
    const g = inZone[0];
    if (g) {
      out.set(z.properties.code, {
        at: g.properties.centroid,
        bbox: g.properties.bbox,
        source: 'gap',
        gapKm2: g.properties.areaKm2,
      });
    } else {
      const bbox = bboxOf(z.geometry);
      out.set(z.properties.code, {
        at: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
        bbox,
        source: 'zone',
        gapKm2: null,
      });
    }
  }
  return out;
}

// Results objects are immutable once in the store: the view and every export share one checklist.
const cache = new WeakMap<AnalysisResults, Compliance>();

/** The checklist of the results (rows in tree order: province, prefecture, county, township). */
export function complianceOf(results: AnalysisResults): Compliance {
  let c = cache.get(results);
  if (!c) {
    c = buildCompliance({
      params: results.params,
      counties: results.counties,
      townships: results.townships,
      rollups: rollupsOf(results),
    });
    cache.set(results, c);
  }
  return c;
}

/** WGS-84 box of a row: its own, or the union of its counties' (provinces, prefectures). */
export function rowBox(
  results: AnalysisResults,
  level: 'province' | 'prefecture' | 'county' | 'township',
  code: string,
): [number, number, number, number] | null {
  if (level === 'county' || level === 'township') return results.areaBoxes[code] ?? null;
  const inside = (c: string) => (level === 'province' ? provinceOf(c) : prefectureOf(c)) === code;
  let box: [number, number, number, number] | null = null;
  for (const c of results.counties) {
    const b = results.areaBoxes[c.code];
    if (!b || !inside(c.code)) continue;
    box = box
      ? [
          Math.min(box[0], b[0]),
          Math.min(box[1], b[1]),
          Math.max(box[2], b[2]),
          Math.max(box[3], b[3]),
        ]
      : [...b];
  }
  return box;
}

/** An area of the checklist the user has drilled into; null is everything analysed. */
export interface ComplianceScope {
  level: ComplianceLevel;
  code: string;
}

/** Is `code` the area `scope` or inside it (prefectures, counties and townships by code)? */
export function withinScope(code: string, scope: ComplianceScope | null): boolean {
  if (!scope) return true;
  switch (scope.level) {
    case 'province':
      return provinceOf(code) === scope.code;
    case 'prefecture':
      return prefectureOf(code) === scope.code;
    case 'county':
      return code.startsWith(scope.code);
    case 'township':
      return code === scope.code;
  }
}

/**
 * The results of the areas inside a scope, for exports of what the user is looking at: the
 * areas, gaps and zones inside it, and as totals the scope itself (a province or prefecture
 * as the roll-up of its counties). Coverage images stay whole (they are one raster).
 */
export function scopeResults(
  results: AnalysisResults,
  scope: ComplianceScope | null,
): AnalysisResults {
  if (!scope) return results;
  const inside = (code: string) => withinScope(code, scope);
  const counties = results.counties.filter((c) => inside(c.code));
  const townships = results.townships.filter((t) => inside(t.code));
  let totals: AreaResult | null;
  if (scope.level === 'county' || scope.level === 'township') {
    totals = [...counties, ...townships].find((a) => a.code === scope.code) ?? null;
  } else {
    const r = rollupsOf(results).find((x) => x.code === scope.code);
    // As the report's totals row over counties: the level the areas are counted at.
    totals = r ? { ...r, level: 'county', townZone: null } : null;
  }
  return {
    ...results,
    counties,
    townships,
    totals,
    gaps: {
      ...results.gaps,
      features: results.gaps.features.filter((g) => inside(g.properties.areaCode)),
    },
    townZones: {
      ...results.townZones,
      features: results.townZones.features.filter((z) => inside(z.properties.code)),
    },
  };
}
