import shp from 'shpjs';
import type { CrsId } from '../core/crs';
import {
  asProperties,
  extensionOf,
  pickLayer,
  type FileNote,
  type RawFeature,
  type RawLayer,
} from './boundary-source';
import { detectDbfEncoding } from './dbf-encoding';
import { errorText } from './decode-text';
import { ImportError } from './issues';
import { clampDbf, cutHugeRecords } from './shapefile-guard';
import type { ZipEntry } from './zip-read';

const base = (name: string): string => name.replace(/\.[^./\\]+$/, '');

/** The CRS a .prj names, as far as SailPlan cares: CGCS2000 or WGS-84 (after proj4). */
function prjCrs(prj: string): CrsId {
  return /China[_ ]?(Geodetic[_ ]Coordinate[_ ]System[_ ])?2000|CGCS[_ ]?2000/i.test(prj)
    ? 'CGCS2000'
    : 'WGS84';
}

function firstPosition(g: unknown): number[] | null {
  let c: unknown = (g as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number'
    ? (c as number[])
    : null;
}

/**
 * A zipped Shapefile: .shp + .dbf (+ .prj, .cpg), read with shpjs's object API after this
 * module has unzipped the parts and decided the DBF encoding. A .prj is handed to shpjs,
 * which reprojects with proj4 (Gauss–Krüger, UTM, Albers… to WGS-84); when proj4 cannot
 * read a projected .prj, shpjs leaves metres in place, which is caught here.
 */
export async function readZippedShapefile(
  entries: readonly ZipEntry[],
  file: string,
  layer?: string,
): Promise<RawLayer> {
  const usable = entries.filter(
    (e) => !e.name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(e.name),
  );
  const shps = usable.filter((e) => extensionOf(e.name) === 'shp').map((e) => base(e.name));
  if (shps.length === 0) {
    throw new ImportError(
      file,
      'zip-no-shapefile',
      `the zip holds no .shp file (found: ${usable.map((e) => e.name).join(', ') || 'nothing'})`,
    );
  }
  const notes: FileNote[] = [];
  const name = pickLayer(file, shps, layer, notes);
  const part = (x: string): ZipEntry | undefined =>
    usable.find(
      (e) => base(e.name).toLowerCase() === name.toLowerCase() && extensionOf(e.name) === x,
    );
  const shpEntry = part('shp') as ZipEntry;
  const dbfEntry = part('dbf');
  if (!dbfEntry) {
    throw new ImportError(
      file,
      'shapefile-no-dbf',
      `${name}.shp has no ${name}.dbf in the zip: without the attribute table there are no codes or names`,
      { layer: name },
    );
  }
  const [shpBytes, dbfBytes, prjBytes, cpgBytes] = await Promise.all([
    shpEntry.read(),
    dbfEntry.read(),
    part('prj')?.read(),
    part('cpg')?.read(),
  ]);
  const prj = prjBytes ? new TextDecoder('utf-8').decode(prjBytes).trim() : null;
  const cpg = cpgBytes ? new TextDecoder('utf-8').decode(cpgBytes) : null;
  const clamped = clampDbf(dbfBytes, name);
  if (!clamped) {
    const reason = 'the .dbf header is damaged (no usable field or record layout)';
    throw new ImportError(file, 'invalid-shapefile', `${name}.dbf cannot be read: ${reason}`, {
      reason,
      layer: name,
    });
  }
  if (clamped.note) notes.push(clamped.note);
  const huge = cutHugeRecords(shpBytes);
  const enc = detectDbfEncoding(clamped.dbf, cpg);
  if (cpg !== null && enc.source !== 'cpg') {
    notes.push({
      code: 'cpg-unknown',
      message: `${name}.cpg names an unknown encoding "${cpg.trim()}"; attributes decoded as ${enc.encoding} (detected)`,
      params: { cpg: cpg.trim(), encoding: enc.encoding },
    });
  } else if (enc.source === 'default') {
    notes.push({
      code: 'dbf-encoding-unknown',
      message: `the attribute text of ${name}.dbf is neither valid UTF-8 nor GBK; decoded as UTF-8, names may be garbled (add a .cpg)`,
      params: { encoding: enc.encoding },
    });
  }
  if (prj && /^\s*GEOGCS\[[^\]]*(Beijing|Xian)[_ ]?(1954|1980)/i.test(prj)) {
    notes.push({
      code: 'legacy-datum',
      message: `${name}.prj uses the Beijing 1954 / Xi'an 1980 datum; no datum shift is applied (positions may be off by up to ~100 m)`,
      params: {},
    });
  }
  let fc;
  try {
    fc = await shp({ shp: huge.shp, dbf: clamped.dbf, prj: prj ?? undefined, cpg: enc.encoding });
  } catch (e) {
    const reason = errorText(e);
    throw new ImportError(
      file,
      'invalid-shapefile',
      `${name}.shp/.dbf cannot be read (damaged or truncated?): ${reason}`,
      {
        reason,
        layer: name,
      },
    );
  }
  const collection = Array.isArray(fc) ? fc[0] : fc;
  const features: RawFeature[] = collection.features.map((f, i) => ({
    geometry: f.geometry,
    properties: asProperties(f.properties),
    ...(huge.problems.has(i) ? { problem: huge.problems.get(i) } : {}),
  }));
  if (prj && /^\s*PROJCS\[/i.test(prj)) {
    const first = features.map((f) => firstPosition(f.geometry)).find((p) => p !== null);
    if (first && (Math.abs(first[0]) > 180 || Math.abs(first[1]) > 90)) {
      const projName = /^\s*PROJCS\["([^"]*)"/i.exec(prj)?.[1] ?? 'unknown';
      throw new ImportError(
        file,
        'unsupported-projection',
        `${name}.prj describes the projection "${projName}", which could not be converted to longitude/latitude; reproject the data to WGS-84 or CGCS2000 (EPSG:4326/4490) first`,
        { projection: projName },
      );
    }
  }
  return {
    format: 'shapefile',
    features,
    crs: prj ? prjCrs(prj) : null,
    layer: name,
    layers: shps,
    notes,
    encoding: enc.encoding,
  };
}
