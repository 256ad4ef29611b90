import type { Feature, FeatureCollection, GeoJsonProperties } from 'geojson';
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
import { ImportError } from './issues';

function hasPolygons(o: GeometryObject<GeoJsonProperties>): boolean {
  if (o.type === 'Polygon' || o.type === 'MultiPolygon') return true;
  return (
    o.type === 'GeometryCollection' && Array.isArray(o.geometries) && o.geometries.some(hasPolygons)
  );
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
  const names = Object.keys(topo.objects).filter((k) => k !== '__proto__');
  const withPolygons = names.filter((k) => hasPolygons(topo.objects[k]));
  const notes: FileNote[] = [];
  const candidates = withPolygons.length > 0 ? withPolygons : names;
  if (candidates.length === 0) {
    throw new ImportError(file, 'invalid-topojson', 'TopoJSON has no objects');
  }
  const name = pickLayer(file, candidates, layer, notes);
  let fc: Feature | FeatureCollection;
  try {
    fc = feature(topo, topo.objects[name]);
  } catch (e) {
    // Broken arc indices or a missing transform surface here as TypeErrors.
    const reason = errorText(e);
    throw new ImportError(
      file,
      'invalid-topojson',
      `TopoJSON object "${name}" cannot be decoded: ${reason}`,
      {
        reason,
      },
    );
  }
  const list = fc.type === 'FeatureCollection' ? fc.features : [fc];
  const features: RawFeature[] = list.map((f) => ({
    geometry: f.geometry,
    properties: asProperties(f.properties),
  }));
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
