import type { Feature, GeoJsonProperties } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import {
  asProperties,
  pickLayer,
  type FileNote,
  type RawFeature,
  type RawLayer,
} from './boundary-source';
import { errorText } from './decode-text';
import { MAX_COLLECTION_DEPTH } from './geometry-validate';
import { preview } from './value-preview';
import { ImportError } from './issues';

/** How deep GeometryCollections nest inside `o` (iterative: a hostile file nests 100,000 deep). */
function collectionDepth(o: unknown, cap: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[o, 0]];
  while (stack.length > 0) {
    const [g, d] = stack.pop() as [unknown, number];
    if (d > deepest) deepest = d;
    if (deepest > cap) return deepest;
    const members = (g as { type?: unknown; geometries?: unknown } | null)?.geometries;
    if ((g as { type?: unknown } | null)?.type === 'GeometryCollection' && Array.isArray(members))
      for (const m of members) stack.push([m, d + 1]);
  }
  return deepest;
}

function hasPolygons(o: GeometryObject<GeoJsonProperties>): boolean {
  const stack: [unknown, number][] = [[o, 0]];
  while (stack.length > 0) {
    const [g, d] = stack.pop() as [unknown, number];
    const type = (g as { type?: unknown } | null)?.type;
    if (type === 'Polygon' || type === 'MultiPolygon') return true;
    const members = (g as { geometries?: unknown } | null)?.geometries;
    if (type === 'GeometryCollection' && Array.isArray(members) && d < MAX_COLLECTION_DEPTH)
      for (const m of members) stack.push([m, d + 1]);
  }
  return false;
}

const ARC_LEVELS: Record<string, number> = {
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/**
 * Why the arc references of `g` are malformed, or null. topojson-client coerces whatever
 * it finds (`[[0]]` reads as arc 0, a missing arc fails deep inside with a TypeError), so
 * indices are checked first: integers, arc `i` or reversed `~i`, of an arc that exists.
 */
function arcProblem(g: unknown, arcCount: number, broken: Map<number, string>): string | null {
  const geometries: unknown[] = [g];
  while (geometries.length > 0) {
    const o = geometries.pop() as { type?: unknown; arcs?: unknown; geometries?: unknown } | null;
    if (o?.type === 'GeometryCollection' && Array.isArray(o.geometries)) {
      geometries.push(...o.geometries);
      continue;
    }
    const levels = typeof o?.type === 'string' ? ARC_LEVELS[o.type] : undefined;
    if (levels === undefined) continue;
    const stack: [unknown, number][] = [[o?.arcs, 0]];
    while (stack.length > 0) {
      const [v, d] = stack.pop() as [unknown, number];
      if (d < levels) {
        if (!Array.isArray(v))
          return `the ${String(o?.type)}'s arcs are not nested ${levels} level(s) deep`;
        for (const x of v) stack.push([x, d + 1]);
      } else if (!Number.isInteger(v)) {
        return Array.isArray(v)
          ? `the ${String(o?.type)}'s arc indices are nested deeper than ${levels} level(s)`
          : `an arc index is not an integer (${preview(v)})`;
      } else {
        const i = v as number;
        const k = i < 0 ? ~i : i;
        if (k >= arcCount) return `arc ${i} does not exist (the topology has ${arcCount} arcs)`;
        const why = broken.get(k);
        if (why) return `arc ${k} is malformed: ${why}`;
      }
    }
  }
  return null;
}

/** Arcs that are not lists of [x, y] number pairs, by index, with the reason. */
function brokenArcs(arcs: readonly unknown[]): Map<number, string> {
  const out = new Map<number, string>();
  arcs.forEach((arc, i) => {
    if (!Array.isArray(arc)) return void out.set(i, 'not a list of positions');
    for (let k = 0; k < arc.length; k++) {
      const p: unknown = arc[k];
      if (
        !Array.isArray(p) ||
        p.length < 2 ||
        !Number.isFinite(p[0] as number) ||
        !Number.isFinite(p[1] as number)
      )
        return void out.set(i, `position ${k + 1} is not a pair of numbers (${preview(p)})`);
    }
  });
  return out;
}

/** A transform, when present, is a scale and a translate of two numbers each. */
function transformProblem(t: unknown): string | null {
  if (t === undefined) return null;
  const pair = (v: unknown) =>
    Array.isArray(v) && v.length === 2 && v.every((x) => Number.isFinite(x as number));
  const o = t as { scale?: unknown; translate?: unknown } | null;
  return o !== null && typeof o === 'object' && pair(o.scale) && pair(o.translate)
    ? null
    : 'its "transform" is not a scale and a translate of two numbers each';
}

/**
 * One geometry object as a feature, or the reason it cannot be decoded: broken arc indices
 * or a missing transform surface as TypeErrors inside topojson-client, which also recurses
 * through nested collections, so those are measured first.
 */
function decodeOne(
  topo: Topology,
  g: GeometryObject<GeoJsonProperties>,
  broken: Map<number, string>,
): RawFeature {
  const properties = asProperties((g as { properties?: unknown } | null)?.properties);
  if (collectionDepth(g, MAX_COLLECTION_DEPTH) > MAX_COLLECTION_DEPTH) {
    return {
      geometry: null,
      properties,
      problem: {
        code: 'nesting-too-deep',
        message: `geometry collections are nested deeper than ${MAX_COLLECTION_DEPTH} levels`,
        params: { limit: MAX_COLLECTION_DEPTH },
      },
    };
  }
  const bad = arcProblem(g, topo.arcs.length, broken);
  if (bad) {
    return {
      geometry: null,
      properties,
      problem: {
        code: 'invalid-topojson',
        message: `the TopoJSON geometry cannot be decoded: ${bad}`,
        params: { reason: bad },
      },
    };
  }
  try {
    const f = feature(topo, g) as Feature;
    return { geometry: f.geometry, properties };
  } catch (e) {
    // Inside topojson-client a TypeError only says that something is malformed.
    const internal = e instanceof TypeError || e instanceof RangeError;
    const reason = internal ? 'the geometry is malformed' : errorText(e).slice(0, 200);
    return {
      geometry: null,
      properties,
      problem: {
        code: 'invalid-topojson',
        message: `the TopoJSON geometry cannot be decoded: ${reason}`,
        params: { reason },
      },
    };
  }
}

/**
 * A TopoJSON topology: the object named by `layer`, else the first object holding polygons
 * (world-atlas style files carry counties, states and nation meshes side by side).
 */
export function readTopoJson(value: unknown, file: string, layer?: string): RawLayer {
  const topo = value as Topology;
  if (topo.objects === null || typeof topo.objects !== 'object' || !Array.isArray(topo.arcs)) {
    throw new ImportError(file, 'invalid-topojson', 'TopoJSON has no "objects" or no "arcs"');
  }
  const badTransform = transformProblem(topo.transform);
  if (badTransform) {
    throw new ImportError(file, 'invalid-topojson', `TopoJSON cannot be decoded: ${badTransform}`, {
      reason: badTransform,
    });
  }
  const broken = brokenArcs(topo.arcs);
  const names = Object.keys(topo.objects).filter((k) => k !== '__proto__');
  const withPolygons = names.filter((k) => hasPolygons(topo.objects[k]));
  const notes: FileNote[] = [];
  const candidates = withPolygons.length > 0 ? withPolygons : names;
  if (candidates.length === 0) {
    throw new ImportError(file, 'invalid-topojson', 'TopoJSON has no objects');
  }
  const name = pickLayer(file, candidates, layer, notes);
  const obj = topo.objects[name] as GeometryObject<GeoJsonProperties> | null;
  const members = (obj as { geometries?: unknown } | null)?.geometries;
  let features: RawFeature[];
  if (obj?.type === 'GeometryCollection' && Array.isArray(members)) {
    // Feature by feature, so one broken geometry is rejected alone.
    features = (members as GeometryObject<GeoJsonProperties>[]).map((g) =>
      decodeOne(topo, g, broken),
    );
  } else {
    const one = decodeOne(topo, obj as GeometryObject<GeoJsonProperties>, broken);
    if (one.problem) {
      const reason = String(one.problem.params.reason ?? one.problem.message);
      throw new ImportError(
        file,
        'invalid-topojson',
        `TopoJSON object "${name}" cannot be decoded: ${reason}`,
        { reason },
      );
    }
    features = [one];
  }
  return {
    format: 'topojson',
    features,
    crs: null,
    layer: name,
    layers: names,
    notes,
    encoding: null,
  };
}
