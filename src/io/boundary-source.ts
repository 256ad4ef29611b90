import type { CrsId } from '../core/crs';
import { decodeTextFile, type NotTextMessages } from './decode-text';
import { ImportError } from './issues';
import type { IssueCode } from './issue-codes';

export type BoundaryFormat = 'geojson' | 'topojson' | 'kml' | 'kmz' | 'shapefile';

/** One feature as read from a file, before any checking. */
export interface RawFeature {
  geometry: unknown;
  properties: Record<string, unknown>;
  /** Set by a format reader that could not decode this feature's geometry; it is rejected. */
  problem?: FileNote;
}

/** A finding about the whole file; the importer adds the file name. */
export interface FileNote {
  code: IssueCode;
  message: string;
  params: Record<string, string | number>;
}

/** What a format reader hands to the importer: features of one layer, untouched. */
export interface RawLayer {
  format: BoundaryFormat;
  features: RawFeature[];
  /** CRS the file itself declares (GeoJSON `crs` member, Shapefile .prj), or null. */
  crs: CrsId | null;
  /** The layer read (TopoJSON object, Shapefile in a zip, KML folder), when there are several. */
  layer: string | null;
  layers: string[];
  notes: FileNote[];
  /** Text encoding of the attributes (Shapefile DBF, KML, JSON). */
  encoding: string | null;
}

/**
 * Choose the layer to read: the one asked for, else the first candidate. Other layers are
 * reported, not merged: a zip with counties and townships must not become one mixed layer.
 */
export function pickLayer(
  file: string,
  candidates: readonly string[],
  wanted: string | undefined,
  notes: FileNote[],
): string {
  if (wanted !== undefined) {
    if (!candidates.includes(wanted)) {
      throw new ImportError(
        file,
        'layer-not-found',
        `layer "${wanted}" not found; the file has: ${candidates.join(', ') || 'no polygon layers'}`,
        { layer: wanted, layers: candidates.join(', ') },
      );
    }
    return wanted;
  }
  const chosen = candidates[0];
  if (candidates.length > 1) {
    const others = candidates.slice(1);
    notes.push({
      code: 'other-layers-ignored',
      message: `the file has ${candidates.length} layers; read "${chosen}", ignored ${others.map((o) => `"${o}"`).join(', ')} (choose another with the layer option)`,
      params: { layer: chosen, ignored: others.join(', ') },
    });
  }
  return chosen;
}

/** A file name's extension, lower-cased, without the dot ('' when it has none). */
export const extensionOf = (name: string): string =>
  (/\.([^./\\]+)$/.exec(name)?.[1] ?? '').toLowerCase();

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Plain objects only: a `properties` of null, an array or a string becomes {}. Keys that
 * name prototypes are dropped (DESIGN.md: JSON imports ignore `__proto__`), so no later
 * copy of the properties can reach an object's prototype.
 */
export function asProperties(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  const o = v as Record<string, unknown>;
  if (!PROTOTYPE_KEYS.some((k) => Object.hasOwn(o, k))) return o;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (!PROTOTYPE_KEYS.includes(k)) out[k] = o[k];
  return out;
}

const NOT_BOUNDARY_TEXT: NotTextMessages = {
  empty: 'the file holds only white space',
  binary: 'binary data, not GeoJSON, TopoJSON, KML or a zipped Shapefile',
  utf16Advice: 'save the file as UTF-8',
};

/** A boundary file (or KMZ entry) as text, by the shared encoding rule. */
export function boundaryText(
  bytes: Uint8Array,
  file: string,
  declared: string | null = null,
): { text: string; encoding: string } {
  return decodeTextFile(bytes, file, NOT_BOUNDARY_TEXT, declared);
}
