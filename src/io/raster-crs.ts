import type { RasterCrs, RasterGeoref } from '../core/raster/types';

/*
 * Which of the two supported CRSs a raster is in, from its GeoTIFF GeoKeys or from a
 * WKT (.prj) text. Anything else is refused by name: silently reading metres as degrees
 * (or another datum's projection as Mollweide) would put every pixel in the wrong place.
 */

export const SUPPORTED_CRS = 'EPSG:4326 (WGS-84 degrees) and ESRI:54009 (World Mollweide)';

/** A CRS verdict: the CRS, or why not (for a RasterFileError). */
export type CrsVerdict = { crs: RasterCrs } | { error: string };

const USER_DEFINED = 32767;

/** GeoKeys as geotiff.js parses them (name → number or string). */
export type GeoKeys = Partial<Record<string, unknown>>;

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The CRS of a GeoTIFF from its GeoKeys. */
export function crsFromGeoKeys(keys: GeoKeys | null): CrsVerdict {
  if (!keys || Object.keys(keys).length === 0) {
    return { error: `has no GeoKeys (a TIFF without a CRS); supported: ${SUPPORTED_CRS}` };
  }
  const model = keys.GTModelTypeGeoKey;
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  const citations = [
    text(keys.GTCitationGeoKey),
    text(keys.PCSCitationGeoKey),
    text(keys.GeogCitationGeoKey),
  ].join(' ');
  if (projected === 54009) return { crs: 'ESRI:54009' };
  if (model === 1 || projected !== undefined) {
    // GDAL writes GHSL's Mollweide as a user-defined projection whose citation names it.
    if ((projected === undefined || projected === USER_DEFINED) && /mollweide/i.test(citations)) {
      return { crs: 'ESRI:54009' };
    }
    const name = typeof projected === 'number' && projected !== USER_DEFINED;
    return {
      error: `is in ${name ? `EPSG:${projected}` : `a user-defined projection${citations.trim() ? ` ("${citations.trim()}")` : ''}`}; supported: ${SUPPORTED_CRS}`,
    };
  }
  if (model === 3) return { error: `is in a geocentric CRS; supported: ${SUPPORTED_CRS}` };
  if (geographic === 4326) return { crs: 'EPSG:4326' };
  if (geographic === undefined || geographic === USER_DEFINED) {
    // A geographic model without a code: WGS-84 when the datum or the citation says so
    // (or says nothing — then the extent check in the reader still guards degrees).
    const datum = keys.GeogGeodeticDatumGeoKey;
    if (datum === undefined || datum === 6326 || /wgs[ _]?84/i.test(citations)) {
      return { crs: 'EPSG:4326' };
    }
    return {
      error: `is in a geographic CRS on datum EPSG:${String(datum)}; supported: ${SUPPORTED_CRS}`,
    };
  }
  return { error: `is in EPSG:${String(geographic)}; supported: ${SUPPORTED_CRS}` };
}

/** The CRS a WKT (an ESRI .prj or OGC WKT 1/2) describes. */
export function crsFromWkt(wkt: string): CrsVerdict {
  const t = wkt.trim();
  if (/mollweide/i.test(t)) {
    return /wgs[ _]?(19)?84/i.test(t) || !/DATUM/i.test(t)
      ? { crs: 'ESRI:54009' }
      : { error: `is a Mollweide projection on another datum; supported: ${SUPPORTED_CRS}` };
  }
  const projected = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\b/i.test(t);
  if (!projected && /^\s*(GEOGCS|GEOGCRS|GEOGRAPHICCRS)\b/i.test(t)) {
    return /wgs[ _]?(19)?84|"?4326"?\]/i.test(t)
      ? { crs: 'EPSG:4326' }
      : {
          error: `is a geographic CRS on another datum (${t.slice(0, 60)}…); supported: ${SUPPORTED_CRS}`,
        };
  }
  // The old ESRI .prj form: "Projection GEOGRAPHIC / Datum WGS84 / Units DD".
  if (/^\s*projection\s+geographic\b/im.test(t) && !/datum\s+(?!wgs84)\S+/i.test(t)) {
    return { crs: 'EPSG:4326' };
  }
  const name = /^\s*\w+\[\s*"([^"]*)"/.exec(t)?.[1];
  return {
    error: `is in ${name ? `"${name}"` : 'a CRS the .prj does not name plainly'}; supported: ${SUPPORTED_CRS}`,
  };
}

/**
 * Degrees must be degrees: a "geographic" grid whose corners fall outside ±180° / ±90°
 * is in metres with a missing or wrong CRS.
 */
export function degreesError(g: RasterGeoref): string | null {
  if (g.crs !== 'EPSG:4326') return null;
  const east = g.west + g.width * g.dx;
  const south = g.north - g.height * g.dy;
  const slack = 1e-6 + Math.max(g.dx, g.dy);
  if (
    g.west >= -180 - slack &&
    east <= 360 + slack &&
    south >= -90 - slack &&
    g.north <= 90 + slack
  ) {
    return null;
  }
  return `its extent (${g.west}, ${south}) – (${east}, ${g.north}) is not in degrees though the CRS is read as EPSG:4326; give the file's real CRS (supported: ${SUPPORTED_CRS})`;
}
