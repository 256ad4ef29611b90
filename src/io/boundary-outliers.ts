import { area as turfArea, polygon as turfPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { Area } from '../core/area';
import type { ImportIssue } from './issues';

export interface OutlierItem {
  area: Area;
  /** 1-based feature number in the source file, for messages. */
  feature: number;
}

export interface OutlierOptions {
  /** An area this many times its siblings' median (and the largest of them) is reported. */
  areaFactor?: number;
  /** A part farther than this from the largest part is reported, in km. */
  farGapKm?: number;
  /** Parts smaller than this share of the largest part (islets, slivers) are not considered. */
  minPartShare?: number;
  /** …and this many times the next largest sibling. */
  nextFactor?: number;
  /** Fewest siblings for a median to mean anything. */
  minSiblings?: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * Project rings to a local equirectangular plane in metres around (lon0, lat0). Over the
 * ~100 km a feature spans the scale error is well under 1%, enough to tell 11 km from 60 km.
 */
function toLocalMetres(ring: Position[], lon0: number, lat0: number): Float64Array {
  const k = (Math.PI / 180) * EARTH_RADIUS_M;
  const c = Math.cos((lat0 * Math.PI) / 180);
  const out = new Float64Array(ring.length * 2);
  for (let i = 0; i < ring.length; i++) {
    out[2 * i] = (ring[i][0] - lon0) * k * c;
    out[2 * i + 1] = (ring[i][1] - lat0) * k;
  }
  return out;
}

function pointSegment2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

interface IndexedRing {
  xy: Float64Array;
  index: Flatbush;
}

function indexRing(xy: Float64Array): IndexedRing {
  const n = xy.length / 2 - 1;
  const index = new Flatbush(Math.max(1, n));
  for (let i = 0; i < n; i++) {
    const ax = xy[2 * i];
    const ay = xy[2 * i + 1];
    const bx = xy[2 * i + 2];
    const by = xy[2 * i + 3];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (n === 0) index.add(xy[0], xy[1], xy[0], xy[1]);
  index.finish();
  return { xy, index };
}

/**
 * Shortest distance between two rings' boundaries (0 if they touch), in metres: each vertex
 * against the few edges of the other ring whose boxes are nearest (exact unless edges are
 * wildly uneven), instead of every edge — 700 ms → a few ms for 丹竹镇's 16,000 vertices.
 */
function ringGap(a: IndexedRing, b: IndexedRing): number {
  let best = Infinity;
  const pass = (p: Float64Array, q: IndexedRing): void => {
    for (let i = 0; i < p.length; i += 2) {
      for (const j of q.index.neighbors(p[i], p[i + 1], 4)) {
        const k = Math.min(2 * j + 3, q.xy.length - 1);
        const d = pointSegment2(p[i], p[i + 1], q.xy[2 * j], q.xy[2 * j + 1], q.xy[k - 1], q.xy[k]);
        if (d < best) best = d;
      }
    }
  };
  pass(a.xy, b);
  pass(b.xy, a);
  return Math.sqrt(best);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const label = (a: Area): string => `${a.name} (${a.code})`;

/**
 * Boundaries that are probably wrong although they are valid geometry: one feature made of
 * pieces far apart (e.g. neighbouring townships merged under one name), and a feature many
 * times larger than its siblings. Reported as warnings; the areas still load.
 */
export function findBoundaryOutliers(
  items: readonly OutlierItem[],
  file: string,
  opts: OutlierOptions = {},
): ImportIssue[] {
  const factor = opts.areaFactor ?? 5;
  const farGapM = (opts.farGapKm ?? 10) * 1000;
  const minShare = opts.minPartShare ?? 0.1;
  const nextFactor = opts.nextFactor ?? 3;
  const minSiblings = opts.minSiblings ?? 4;
  const issues: ImportIssue[] = [];

  for (const { area, feature } of items) {
    if (area.geometry.type !== 'MultiPolygon' || area.geometry.coordinates.length < 2) continue;
    const parts = area.geometry.coordinates;
    const km2 = parts.map((p) => turfArea(turfPolygon(p)) / 1e6);
    const total = km2.reduce((s, x) => s + x, 0);
    const main = km2.indexOf(Math.max(...km2));
    const [lon0, lat0] = parts[main][0][0];
    const mainRing = indexRing(toLocalMetres(parts[main][0], lon0, lat0));
    let far = 0;
    let maxGap = 0;
    for (let i = 0; i < parts.length; i++) {
      if (i === main || km2[i] < minShare * km2[main]) continue;
      const gap = ringGap(indexRing(toLocalMetres(parts[i][0], lon0, lat0)), mainRing);
      if (gap > farGapM) {
        far++;
        maxGap = Math.max(maxGap, gap);
      }
    }
    if (far > 0) {
      const maxGapKm = round1(maxGap / 1000);
      issues.push({
        file,
        feature,
        field: 'geometry',
        value: area.code,
        code: 'parts-far-apart',
        params: {
          name: area.name,
          code: area.code,
          parts: parts.length,
          farParts: far,
          maxGapKm,
          mainPartKm2: round1(km2[main]),
          areaKm2: round1(total),
        },
        message: `${label(area)} has ${parts.length} separate parts; ${far} of them lie more than ${farGapM / 1000} km from the largest part (up to ${maxGapKm} km away; largest part ${round1(km2[main])} km² of ${round1(total)} km²): check that the pieces belong to this area`,
      });
    }
  }

  // Siblings: townships of one county; counties of one prefecture (first 4 digits). Sizes
  // vary a lot by design (a core district is 30 km², a rural county next to it 3,000 km²),
  // so "many times the median" alone flags dozens of genuine counties. A merged or mislabelled
  // feature also stands alone at the top: it must dwarf the next largest sibling as well.
  const groupKey = (a: Area): string =>
    a.level === 'township' ? (a.parent ?? a.code.slice(0, 6)) : a.code.slice(0, 4);
  const groups = new Map<string, OutlierItem[]>();
  const byLevel = new Map<string, OutlierItem[]>();
  for (const it of items) {
    for (const [map, k] of [
      [groups, groupKey(it.area)],
      [byLevel, it.area.level],
    ] as const) {
      const g = map.get(k);
      if (g) g.push(it);
      else map.set(k, [it]);
    }
  }
  for (const [key, members] of groups) {
    const fallback = members.length < minSiblings;
    const pool = fallback ? (byLevel.get(members[0].area.level) ?? []) : members;
    if (pool.length < minSiblings) continue;
    const sorted = [...pool].sort((a, b) => b.area.areaKm2 - a.area.areaKm2);
    const top = sorted[0];
    if (!members.includes(top)) continue;
    const others = sorted.slice(1).map((m) => m.area.areaKm2);
    const med = median(others);
    const next = others[0];
    const a = top.area;
    if (med <= 0 || a.areaKm2 <= factor * med || a.areaKm2 <= nextFactor * next) continue;
    const ratio = round1(a.areaKm2 / med);
    const scope = fallback
      ? `the ${others.length} other ${a.level} areas in the file`
      : `its ${others.length} siblings in ${key}`;
    issues.push({
      file,
      feature: top.feature,
      field: 'geometry',
      value: a.code,
      code: 'area-outlier',
      params: {
        name: a.name,
        code: a.code,
        areaKm2: round1(a.areaKm2),
        medianKm2: round1(med),
        ratio,
        nextLargestKm2: round1(next),
        siblings: others.length,
        group: fallback ? a.level : key,
      },
      message: `${label(a)} covers ${round1(a.areaKm2)} km², ${ratio}× the median of ${scope} (${round1(med)} km²) and ${round1(a.areaKm2 / next)}× the next largest (${round1(next)} km²): check its boundary`,
    });
  }
  return issues;
}
