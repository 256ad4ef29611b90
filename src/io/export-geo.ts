import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import {
  markedTitle,
  rulesLine,
  rulesRecord,
  syntheticWarning,
  type ExportMeta,
} from './export-meta';
import { localTimeText } from './export-time';

/**
 * Gaps and county-town zones as GeoJSON and KML. Coordinates are WGS-84 lon, lat (as the
 * analysis keeps them), rounded to 7 decimals (~1 cm), far below the grid's resolution.
 */

type Geometry = Polygon | MultiPolygon;
// Any object of properties (interfaces have no index signature, so `object`, not Record).
export type ExportProps = object;

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;
const roundRing = (ring: Position[]): Position[] => ring.map(([x, y]) => [round7(x), round7(y)]);

function roundGeometry(g: Geometry): Geometry {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(roundRing) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(roundRing)) };
}

/**
 * RFC 7946 GeoJSON; the rules and provenance go in a top-level `properties` member (a
 * foreign member, which readers that do not know it ignore), `synthetic` always (true or
 * false) and a `warning` text when synthetic sites went in.
 */
export function geoJsonExport<P extends ExportProps>(
  fc: FeatureCollection<Geometry, P>,
  meta: ExportMeta,
): string {
  const warning = syntheticWarning(meta);
  const out = {
    type: 'FeatureCollection',
    properties: {
      title: markedTitle(meta.title, meta),
      generated: meta.generated,
      synthetic: meta.synthetic,
      ...(warning ? { warning } : {}),
      crs: 'WGS-84 (EPSG:4326), longitude, latitude',
      rules: rulesLine(meta.rules, meta.lang),
      ...rulesRecord(meta.rules),
    },
    features: fc.features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: roundGeometry(f.geometry),
    })),
  };
  return `${JSON.stringify(out)}\n`;
}

// XML 1.0 allows tab, LF, CR and most of the BMP and astral planes; anything else (other
// control characters, lone surrogates, U+FFFE/FFFF) makes the whole file unreadable.
const XML_INVALID = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Text for an XML element or attribute: invalid characters dropped, markup characters
 * escaped. Escaping (not CDATA) because imported names may contain "]]>".
 */
export function xmlText(s: string): string {
  return s
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface KmlStyle {
  id: string;
  /** #rrggbb */
  line: string;
  fill: string;
  /** 0–1 */
  fillOpacity: number;
  lineWidth?: number;
}

export interface KmlOptions<P> {
  styles: readonly KmlStyle[];
  name: (p: P) => string;
  style: (p: P) => string;
  /** One-line description of the feature; default none. */
  description?: (p: P) => string;
}

/** KML colours are aabbggrr. */
function kmlColour(hex: string, opacity: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = m ? [m[1], m[2], m[3]] : ['ff', '00', '00'];
  const a = Math.round(Math.max(0, Math.min(1, opacity)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${a}${b}${g}${r}`.toLowerCase();
}

const coords = (ring: Position[]): string =>
  ring.map(([x, y]) => `${round7(x)},${round7(y)}`).join(' ');

function kmlPolygon(rings: Position[][]): string {
  const [outer, ...holes] = rings;
  const inner = holes
    .map(
      (h) =>
        `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`,
    )
    .join('');
  return `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer)}</coordinates></LinearRing></outerBoundaryIs>${inner}</Polygon>`;
}

function kmlGeometry(g: Geometry): string {
  if (g.type === 'Polygon') return kmlPolygon(g.coordinates);
  if (g.coordinates.length === 1) return kmlPolygon(g.coordinates[0]);
  return `<MultiGeometry>${g.coordinates.map(kmlPolygon).join('')}</MultiGeometry>`;
}

function dataValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Plain KML 2.2 (Document, Style, Placemark, Polygon/MultiGeometry, ExtendedData): what
 * Google Earth and 奥维互动地图 (Ovital) both read. The rules go in the Document's
 * description and as ExtendedData of the Document; synthetic data is said in the
 * Document's name (what the sidebar shows), its description and `synthetic` data.
 */
export function kmlExport<P extends ExportProps>(
  fc: FeatureCollection<Geometry, P>,
  meta: ExportMeta,
  opts: KmlOptions<P>,
): string {
  const styles = opts.styles
    .map(
      (s) =>
        `<Style id="${xmlText(s.id)}"><LineStyle><color>${kmlColour(s.line, 1)}</color><width>${s.lineWidth ?? 2}</width></LineStyle>` +
        `<PolyStyle><color>${kmlColour(s.fill, s.fillOpacity)}</color></PolyStyle></Style>`,
    )
    .join('\n');
  const warning = syntheticWarning(meta);
  const docData = Object.entries({
    generated: meta.generated,
    synthetic: meta.synthetic,
    ...rulesRecord(meta.rules),
  })
    .map(([k, v]) => `<Data name="${xmlText(k)}"><value>${xmlText(dataValue(v))}</value></Data>`)
    .join('');
  const placemark = (f: Feature<Geometry, P>): string => {
    const p = f.properties;
    const data = Object.entries(p as Record<string, unknown>)
      .map(([k, v]) => `<Data name="${xmlText(k)}"><value>${xmlText(dataValue(v))}</value></Data>`)
      .join('');
    const desc = opts.description
      ? `<description>${xmlText(opts.description(p))}</description>`
      : '';
    return (
      `<Placemark><name>${xmlText(opts.name(p))}</name>${desc}<styleUrl>#${xmlText(opts.style(p))}</styleUrl>` +
      `<ExtendedData>${data}</ExtendedData>${kmlGeometry(f.geometry)}</Placemark>`
    );
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${xmlText(markedTitle(meta.title, meta))}</name>`,
    `<description>${xmlText(
      [warning, rulesLine(meta.rules, meta.lang), localTimeText(meta.generated, meta.lang)]
        .filter(Boolean)
        .join(meta.lang === 'zh-CN' ? '。' : '. '),
    )}</description>`,
    `<ExtendedData>${docData}</ExtendedData>`,
    styles,
    ...fc.features.map(placemark),
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}

/** KML styles of the gap and county-town zone exports (app and CLI write the same files). */
export const GAP_KML_STYLES: readonly KmlStyle[] = [
  { id: 'gap', line: '#b3261e', fill: '#e53935', fillOpacity: 0.45 },
];
export const ZONE_KML_STYLES: readonly KmlStyle[] = [
  { id: 'pass', line: '#1b6e3a', fill: '#2e7d32', fillOpacity: 0.25 },
  { id: 'fail', line: '#b3261e', fill: '#e53935', fillOpacity: 0.25 },
];
