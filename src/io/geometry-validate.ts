import { polygon as turfPolygon, rewind, unkinkPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { findCrossings, orient, type Crossing, type Ring } from './ring-crossings';
import { bbox, contains, holeProblem, interiorPoint, pointInRing, shoelace } from './ring-nesting';
import { nestingDepth, preview } from './value-preview';
import type { IssueCode } from './issue-codes';

/** A finding about one feature's geometry; the caller adds file and feature number. */
export interface GeometryNote {
  code: IssueCode;
  message: string;
  params: Record<string, string | number>;
}

export type GeometryCheck =
  | { ok: true; geometry: Polygon | MultiPolygon; notes: GeometryNote[] }
  | { ok: false; problem: GeometryNote; notes: GeometryNote[] };

const fmt = (x: number): string => String(Math.round(x * 1e6) / 1e6);
const where = (p: readonly number[]): string => `[${fmt(p[0])}, ${fmt(p[1])}]`;

/** A Polygon's coordinates are 3 levels deep: rings of positions of numbers. */
const POLYGON_LEVELS = 3;
/** GeometryCollections nested deeper than this are no real boundary (KML nests 2–3). */
export const MAX_COLLECTION_DEPTH = 16;

function fail(
  code: IssueCode,
  message: string,
  params: Record<string, string | number> = {},
  notes: GeometryNote[] = [],
): GeometryCheck {
  return { ok: false, problem: { code, message, params }, notes };
}

type Extracted = { polys: unknown[]; dropped: string[] } | { error: GeometryCheck };

/** Polygon coordinate arrays of a geometry; GeometryCollections (KML MultiGeometry) are flattened. */
function extractPolygons(g: unknown, depth = 0): Extracted {
  if (depth > MAX_COLLECTION_DEPTH) {
    return {
      error: fail(
        'nesting-too-deep',
        `geometry collections are nested deeper than ${MAX_COLLECTION_DEPTH} levels`,
        { limit: MAX_COLLECTION_DEPTH },
      ),
    };
  }
  if (g === null || g === undefined) {
    return { error: fail('empty-geometry', 'feature has no geometry') };
  }
  if (typeof g !== 'object' || typeof (g as { type?: unknown }).type !== 'string') {
    return { error: fail('invalid-geometry', 'geometry is not a GeoJSON geometry object') };
  }
  const type = (g as { type: string }).type;
  const coords = (g as { coordinates?: unknown }).coordinates;
  if (type === 'Polygon') return { polys: [coords], dropped: [] };
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coords)) {
      return { error: fail('invalid-coordinates', 'MultiPolygon coordinates are not an array') };
    }
    return { polys: coords, dropped: [] };
  }
  if (type === 'GeometryCollection') {
    const members = (g as { geometries?: unknown }).geometries;
    if (!Array.isArray(members)) return { polys: [], dropped: [] };
    const polys: unknown[] = [];
    const dropped: string[] = [];
    for (const m of members) {
      const sub = extractPolygons(m, depth + 1);
      if ('error' in sub) {
        if (!sub.error.ok && sub.error.problem.code === 'nesting-too-deep') return sub;
        const t = typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : null;
        dropped.push(
          typeof t === 'string' ? t.slice(0, 40) : t === undefined ? 'no type' : preview(t),
        );
      } else {
        polys.push(...sub.polys);
        dropped.push(...sub.dropped);
      }
    }
    if (polys.length === 0 && dropped.length > 0) {
      return {
        error: fail(
          'not-polygon',
          `geometry holds no polygons (${[...new Set(dropped)].join(', ')}); boundaries must be areas`,
          {
            type: 'GeometryCollection',
          },
        ),
      };
    }
    return { polys, dropped };
  }
  const hint = /LineString/.test(type)
    ? ' (a boundary line is not an area: close it into a Polygon)'
    : '';
  const shown = type.length > 40 ? `${type.slice(0, 40)}…` : type;
  return {
    error: fail('not-polygon', `geometry is a ${shown}, not a Polygon or MultiPolygon${hint}`, {
      type: shown,
    }),
  };
}

function isPosition(p: unknown): p is Position {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1])
  );
}

/** Parse raw polygon arrays into rings of 2D positions, or say what is malformed. */
function parseRings(polys: unknown[]): Position[][][] | GeometryCheck {
  const out: Position[][][] = [];
  for (const poly of polys) {
    if (!Array.isArray(poly))
      return fail('invalid-coordinates', 'polygon coordinates are not an array of rings');
    const rings: Position[][] = [];
    for (const ring of poly) {
      if (!Array.isArray(ring))
        return fail('invalid-coordinates', 'a ring is not an array of positions');
      const r: Position[] = [];
      for (const p of ring) {
        if (!isPosition(p)) {
          if (Array.isArray(p) && Array.isArray(p[0])) {
            const levels = POLYGON_LEVELS + nestingDepth(p[0]);
            return fail(
              'nesting-too-deep',
              `polygon coordinates are nested deeper than ${POLYGON_LEVELS} levels (rings of [longitude, latitude] positions): found ${levels >= 10_000_000 ? 'over 10,000,000' : levels.toLocaleString('en-US')}`,
              { limit: POLYGON_LEVELS },
            );
          }
          return fail(
            'invalid-coordinates',
            `a position is not a pair of finite numbers (${preview(p)})`,
          );
        }
        r.push([p[0], p[1]]);
      }
      rings.push(r);
    }
    out.push(rings);
  }
  return out;
}

/**
 * Coordinates must be degrees. Metres from a projected CRS (Gauss–Krüger, UTM, Web Mercator)
 * are in the hundreds of thousands; swapped lat/lon gives latitudes above 90 for China.
 */
function checkRange(parts: Position[][][]): GeometryCheck | null {
  for (const poly of parts) {
    for (const ring of poly) {
      for (const p of ring) {
        if (Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90) continue;
        if (Math.max(Math.abs(p[0]), Math.abs(p[1])) > 1000) {
          return fail(
            'projected-coordinates',
            `looks like projected coordinates, not degrees: position ${where(p)} (convert to longitude/latitude, or zip the Shapefile with its .prj)`,
            { x: p[0], y: p[1] },
          );
        }
        const swapped = p[0] >= 3 && p[0] <= 54 && p[1] >= 73 && p[1] <= 136;
        return fail(
          'coordinates-out-of-range',
          `position ${where(p)} is outside longitude −180…180 / latitude −90…90${swapped ? ' (latitude and longitude look swapped)' : ''}`,
          { x: p[0], y: p[1] },
        );
      }
    }
  }
  return null;
}

function dedupe(r: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of r) {
    const q = out[out.length - 1];
    if (q === undefined || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * Remove zero-width spikes: a vertex where the boundary goes out and comes straight back
 * along the same line. It adds no area but makes the ring overlap itself.
 * Works on an open ring (no closing position); returns the vertices removed.
 */
function removeSpikes(open: Position[]): Position[] {
  const removed: Position[] = [];
  let changed = true;
  while (changed && open.length >= 3) {
    changed = false;
    for (let i = 0; i < open.length && open.length >= 3; i++) {
      const a = open[(i - 1 + open.length) % open.length];
      const b = open[i];
      const c = open[(i + 1) % open.length];
      const back = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0;
      const same = a[0] === c[0] && a[1] === c[1];
      if (same || (back && orient(a, b, c) === 0)) {
        removed.push(b);
        open.splice(i, 1);
        // Removing b may leave a and c equal and adjacent.
        if (same && open.length > 1) open.splice(i % open.length, 1);
        changed = true;
        i = Math.max(-1, i - 2);
      }
    }
  }
  return removed;
}

interface CleanStats {
  closed: number;
  spikes: Position[];
  droppedRings: number;
  droppedParts: number;
}

/** Where a cleaned part's rings came from in the file: 0-based polygon and ring indices. */
interface PartOrigin {
  part: number;
  rings: number[];
}

/** Deduplicate, close, de-spike; drop rings that are not areas (fewer than 3 distinct points). */
function cleanParts(parts: Position[][][], stats: CleanStats, origins: PartOrigin[]): Ring[][] {
  const same = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];
  const out: Ring[][] = [];
  for (let pi = 0; pi < parts.length; pi++) {
    const poly = parts[pi];
    const rings: Ring[] = [];
    const kept: number[] = [];
    for (let ri = 0; ri < poly.length; ri++) {
      // Work on the open ring (no closing position), closed again at the end.
      const open = dedupe(poly[ri]);
      if (open.length > 1 && same(open[0], open[open.length - 1])) {
        while (open.length > 1 && same(open[0], open[open.length - 1])) open.pop();
      } else if (open.length >= 3) {
        stats.closed++;
      }
      stats.spikes.push(...removeSpikes(open));
      if (open.length < 3 || collinear(open)) {
        if (ri === 0) {
          stats.droppedParts++;
          break;
        }
        stats.droppedRings++;
        continue;
      }
      rings.push([...open, open[0]]);
      kept.push(ri);
    }
    if (rings.length > 0) {
      out.push(rings);
      origins.push({ part: pi, rings: kept });
    }
  }
  return out;
}

/**
 * True when all points lie on one line: such a ring encloses nothing. (A zero signed area
 * is not enough: a symmetric bow-tie has one too, and must be repaired, not dropped.)
 */
function collinear(pts: Position[]): boolean {
  const a = pts[0];
  const b = pts.find((p) => p[0] !== a[0] || p[1] !== a[1]);
  return b === undefined || pts.every((p) => orient(a, b, p) === 0);
}

/** Split a ring wherever it passes through the same vertex twice. */
function splitPinches(ring: Ring): Ring[] {
  const n = ring.length - 1;
  const seen = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    const key = `${ring[j][0]},${ring[j][1]}`;
    const i = seen.get(key);
    if (i !== undefined) {
      const loop = ring.slice(i, j + 1);
      const rest = [...ring.slice(0, i + 1), ...ring.slice(j + 1)];
      return [...splitPinches(loop), ...splitPinches(rest)];
    }
    seen.set(key, j);
  }
  return n >= 3 && !collinear(ring) ? [ring] : [];
}

type Reassembled = { parts: Ring[][] } | { reason: string; at: Position };

/**
 * Rebuild one polygon whose rings cross, with even–odd semantics: split rings at repeated
 * vertices, split crossing rings into simple loops (turf.unkinkPolygon), then nest the loops
 * by depth: even depth is land, odd depth is a hole. A bow-tie becomes two triangles, a loop
 * twisted inwards becomes a hole. Rings that still cross each other (a hole crossing the
 * outer ring) cannot be repaired without guessing, so they are refused.
 */
function reassemble(part: Ring[]): Reassembled {
  const loops: Ring[] = [];
  for (const ring of part) {
    for (const piece of splitPinches(ring)) {
      const own = findCrossings([[piece]], 1);
      if (own.length === 0) {
        loops.push(piece);
        continue;
      }
      let pieces: Ring[];
      try {
        pieces = unkinkPolygon(turfPolygon([piece])).features.map((f) => f.geometry.coordinates[0]);
      } catch {
        return {
          reason: 'the ring crosses itself in a way that cannot be split into simple rings',
          at: own[0].at,
        };
      }
      for (const p of pieces) {
        const left = findCrossings([[p]], 1);
        if (left.length > 0) {
          return { reason: 'the ring still crosses itself after splitting', at: left[0].at };
        }
        if (shoelace(p) !== 0) loops.push(p);
      }
    }
  }
  const between = findCrossings([loops], 1);
  if (between.length > 0) {
    return {
      reason: 'two rings of the polygon cross (e.g. a hole crosses the outer boundary)',
      at: between[0].at,
    };
  }
  const boxes = loops.map(bbox);
  const inner = loops.map(interiorPoint);
  const inside = (i: number, j: number): boolean =>
    i !== j && contains(boxes[j], boxes[i]) && pointInRing(inner[i], loops[j]);
  const depth = loops.map((_, i) => loops.reduce((d, _r, j) => d + (inside(i, j) ? 1 : 0), 0));
  const area = loops.map((r) => Math.abs(shoelace(r)));
  const shells = loops.map((_, i) => i).filter((i) => depth[i] % 2 === 0);
  const holesOf = new Map<number, Ring[]>(shells.map((i) => [i, []]));
  for (let i = 0; i < loops.length; i++) {
    if (depth[i] % 2 === 0) continue;
    // The hole belongs to the smallest shell one level up that contains it.
    let best = -1;
    for (const s of shells) {
      if (depth[s] !== depth[i] - 1 || !inside(i, s)) continue;
      if (best === -1 || area[s] < area[best]) best = s;
    }
    if (best !== -1) holesOf.get(best)?.push(loops[i]);
  }
  return { parts: shells.map((s) => [loops[s], ...(holesOf.get(s) ?? [])]) };
}

/**
 * Validate and, where it is safe, repair an imported boundary geometry.
 * Rejected: no geometry, not a polygon, malformed or non-degree coordinates, nothing left
 * after dropping degenerate rings, crossings that cannot be repaired. Repaired (with a note):
 * unclosed rings, zero-width spikes, degenerate rings, self-crossing rings. Dropped silently:
 * repeated consecutive positions and any Z/M values.
 */
export function validateBoundaryGeometry(g: unknown): GeometryCheck {
  const ex = extractPolygons(g);
  if ('error' in ex) return ex.error;
  const notes: GeometryNote[] = [];
  if (ex.dropped.length > 0) {
    notes.push({
      code: 'non-polygon-parts-dropped',
      message: `non-polygon members dropped from the geometry collection: ${[...new Set(ex.dropped)].join(', ')}`,
      params: { count: ex.dropped.length },
    });
  }
  if (ex.polys.length === 0) return fail('empty-geometry', 'geometry has no coordinates');
  const parsed = parseRings(ex.polys);
  if (!Array.isArray(parsed)) return parsed;
  if (parsed.every((p) => p.every((r) => r.length === 0)))
    return fail('empty-geometry', 'geometry has no coordinates');
  const range = checkRange(parsed);
  if (range) return range;

  const stats: CleanStats = { closed: 0, spikes: [], droppedRings: 0, droppedParts: 0 };
  const origins: PartOrigin[] = [];
  let parts = cleanParts(parsed, stats, origins);
  if (stats.closed > 0) {
    notes.push({
      code: 'ring-closed',
      message: `${stats.closed} unclosed ring(s) closed`,
      params: { count: stats.closed },
    });
  }
  if (stats.spikes.length > 0) {
    notes.push({
      code: 'spike-removed',
      message: `${stats.spikes.length} zero-width spike vertex(es) removed, first at ${where(stats.spikes[0])}`,
      params: { count: stats.spikes.length, lon: stats.spikes[0][0], lat: stats.spikes[0][1] },
    });
  }
  if (stats.droppedRings + stats.droppedParts > 0) {
    notes.push({
      code: 'degenerate-ring-dropped',
      message: `${stats.droppedParts} polygon(s) and ${stats.droppedRings} hole(s) with fewer than 3 distinct points or no area dropped`,
      params: { parts: stats.droppedParts, holes: stats.droppedRings },
    });
  }
  if (parts.length === 0) {
    return fail(
      'degenerate-geometry',
      'no ring has 3 or more distinct points enclosing an area',
      {},
      notes,
    );
  }

  const crossings = findCrossings(parts);
  const broken = new Set<number>();
  const overlapsBetweenParts: Crossing[] = [];
  for (const c of crossings) {
    if (c.partA === c.partB) broken.add(c.partA);
    else overlapsBetweenParts.push(c);
  }
  // Rings that do not cross may still nest wrongly; the crossing repair nests its own loops.
  for (let p = 0; p < parts.length; p++) {
    if (broken.has(p)) continue;
    const h = holeProblem(parts[p]);
    if (!h) continue;
    const o = origins[p];
    const part = o.part + 1;
    const ring = o.rings[h.ring] + 1;
    if (h.other === undefined) {
      return fail(
        'hole-outside-shell',
        `ring ${ring} of polygon ${part} is a hole but does not lie inside the polygon's outer ring${h.larger ? ' (it is larger than the outer ring: are the rings in the wrong order?)' : ''}; the area would be wrong`,
        { part, ring },
        notes,
      );
    }
    const other = o.rings[h.other] + 1;
    return fail(
      'hole-inside-hole',
      `hole ${ring} of polygon ${part} lies inside hole ${other}: a hole in a hole is an island, which must be a polygon of its own; the area would be wrong`,
      { part, ring, other },
      notes,
    );
  }
  if (broken.size > 0) {
    const first = crossings.find((c) => c.partA === c.partB) as Crossing;
    const count = crossings.length - overlapsBetweenParts.length;
    const repaired: Ring[][] = [];
    for (let p = 0; p < parts.length; p++) {
      if (!broken.has(p)) {
        repaired.push(parts[p]);
        continue;
      }
      const r = reassemble(parts[p]);
      if ('reason' in r) {
        return fail(
          'self-intersection',
          `self-intersection at ${where(r.at)} cannot be repaired safely: ${r.reason}`,
          { lon: r.at[0], lat: r.at[1], reason: r.reason, crossings: count },
          notes,
        );
      }
      repaired.push(...r.parts);
    }
    notes.push({
      code: 'self-intersection-repaired',
      message: `boundary crossed itself ${count} time(s), first at ${where(first.at)}; split into ${repaired.length} simple polygon(s)`,
      params: { crossings: count, lon: first.at[0], lat: first.at[1], parts: repaired.length },
    });
    parts = repaired;
  }
  if (overlapsBetweenParts.length > 0) {
    const c = overlapsBetweenParts[0];
    notes.push({
      code: 'parts-overlap',
      message: `parts of the multipolygon cross each other ${overlapsBetweenParts.length} time(s), first at ${where(c.at)}; the overlap is counted twice in the area`,
      params: { crossings: overlapsBetweenParts.length, lon: c.at[0], lat: c.at[1] },
    });
  }
  const geometry: Polygon | MultiPolygon =
    parts.length === 1
      ? { type: 'Polygon', coordinates: parts[0] }
      : { type: 'MultiPolygon', coordinates: parts };
  // RFC 7946 winding (outer rings counter-clockwise) so every consumer sees one convention.
  return {
    ok: true,
    geometry: rewind(geometry, { mutate: true }) as Polygon | MultiPolygon,
    notes,
  };
}
