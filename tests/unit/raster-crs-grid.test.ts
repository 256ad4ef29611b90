import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mollweideForward, mollweideInverse } from '../../src/core/raster/mollweide';
import { crsFromGeoKeys, crsFromWkt } from '../../src/io/raster-crs';
import { crsBox, pixelWindow, wgs84Extent, yearFromName } from '../../src/io/raster-grid';

const ESRI_MOLL =
  'PROJCS["World_Mollweide",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mollweide"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]';
const WKT2_MOLL =
  'PROJCRS["World_Mollweide",BASEGEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]]],CONVERSION["World_Mollweide",METHOD["Mollweide"],PARAMETER["Longitude of natural origin",0],PARAMETER["False easting",0],PARAMETER["False northing",0]],CS[Cartesian,2],ID["ESRI",54009]]';

describe('raster CRS detection', () => {
  it('WKT and .prj texts', () => {
    expect(crsFromWkt(ESRI_MOLL)).toEqual({ crs: 'ESRI:54009' });
    expect(crsFromWkt(WKT2_MOLL)).toEqual({ crs: 'ESRI:54009' });
    expect(
      crsFromWkt(ESRI_MOLL.replace('"Central_Meridian",0.0', '"Central_Meridian",105.0')),
    ).toMatchObject({
      error: expect.stringMatching(/Central_Meridian 105\.0; only World Mollweide/),
    });
    expect(
      crsFromWkt(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]]',
      ),
    ).toEqual({ crs: 'EPSG:4326' });
    expect(
      crsFromWkt('GEOGCRS["WGS 84",DATUM["World Geodetic System 1984"],ID["EPSG",4326]]'),
    ).toEqual({ crs: 'EPSG:4326' });
    expect(crsFromWkt('Projection    GEOGRAPHIC\nDatum         WGS84\nUnits         DD\n')).toEqual(
      { crs: 'EPSG:4326' },
    );
    expect(
      crsFromWkt('GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000"]]'),
    ).toMatchObject({ error: expect.stringMatching(/another datum/) });
    expect(
      crsFromWkt('PROJCS["Beijing_1954_3_Degree_GK_CM_117E",GEOGCS["GCS_Beijing_1954"]]'),
    ).toMatchObject({
      error: expect.stringMatching(/"Beijing_1954_3_Degree_GK_CM_117E"; supported: EPSG:4326/),
    });
  });

  it('GeoKeys', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 })).toEqual({
      crs: 'EPSG:4326',
    });
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2 })).toEqual({ crs: 'EPSG:4326' });
    expect(
      crsFromGeoKeys({
        GTModelTypeGeoKey: 2,
        GeographicTypeGeoKey: 32767,
        GeogCitationGeoKey: 'WGS 84',
        GeogGeodeticDatumGeoKey: 6326,
      }),
    ).toEqual({ crs: 'EPSG:4326' });
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 54009 })).toEqual({
      crs: 'ESRI:54009',
    });
    expect(
      crsFromGeoKeys({
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 32767,
        GTCitationGeoKey: 'WGS 84 / World Mollweide',
      }),
    ).toEqual({ crs: 'ESRI:54009' });
    expect(
      crsFromGeoKeys({
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 32767,
        PCSCitationGeoKey: 'ESRI PE String = PROJCS["World_Mollweide"]',
      }),
    ).toEqual({ crs: 'ESRI:54009' });
    expect(
      crsFromGeoKeys({
        GTModelTypeGeoKey: 1,
        ProjectedCSTypeGeoKey: 32767,
        GTCitationGeoKey: 'Mollweide',
        ProjNatOriginLongGeoKey: 105,
      }),
    ).toMatchObject({
      error: expect.stringMatching(/ProjNatOriginLongGeoKey 105; only World Mollweide/),
    });
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3857 })).toMatchObject({
      error: expect.stringMatching(/^is in EPSG:3857; supported/),
    });
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 3 })).toMatchObject({
      error: expect.stringMatching(/geocentric/),
    });
    expect(
      crsFromGeoKeys({
        GTModelTypeGeoKey: 2,
        GeographicTypeGeoKey: 32767,
        GeogGeodeticDatumGeoKey: 6214,
      }),
    ).toMatchObject({ error: expect.stringMatching(/datum EPSG:6214/) });
    expect(crsFromGeoKeys(null)).toMatchObject({ error: expect.stringMatching(/no GeoKeys/) });
  });
});

describe('raster grid helpers', () => {
  it('the year a file name states', () => {
    expect(yearFromName('chn_ppp_2020_1km_Aggregated.tif')).toBe(2020);
    expect(yearFromName('chn_ppp_2020.tif')).toBe(2020);
    expect(yearFromName('/data/2015_china_pop.asc')).toBe(2015);
    expect(yearFromName('GHS_POP_E2020_GLOBE_R2023A_54009_1000_V1_0.tif')).toBe(2020);
    expect(yearFromName('GHS_POP_E2030_GLOBE_R2023A_54009_100_V1_0_R6_C31.tif')).toBe(2030);
    expect(yearFromName('N33E097.hgt')).toBeNull();
    expect(yearFromName('dem_10000.tif')).toBeNull();
    expect(yearFromName('pop20201.tif')).toBeNull();
  });

  it('a WGS-84 box in Mollweide holds every point of the box (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 178, noNaN: true }),
        fc.double({ min: -80, max: 79, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (w, s, dw, dh, u, v) => {
          const box = [w, s, w + dw, s + dh] as const;
          const [x0, y0, x1, y1] = crsBox('ESRI:54009', box);
          const [x, y] = mollweideForward(w + u * dw, s + v * dh);
          const eps = 1e-6;
          return x >= x0 - eps && x <= x1 + eps && y >= y0 - eps && y <= y1 + eps;
        },
      ),
    );
  });

  it('a Mollweide grid’s WGS-84 extent holds the inverse of every pixel (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -17e6, max: 16e6, noNaN: true }),
        fc.double({ min: -8e6, max: 8.5e6, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (west, north, width, height, u, v) => {
          const g = { crs: 'ESRI:54009' as const, west, north, dx: 1000, dy: 1000, width, height };
          const [w, s, e, n] = wgs84Extent(g);
          const p = mollweideInverse(west + u * width * 1000, north - v * height * 1000);
          if (!p) return true; // outside the ellipse: no place on earth
          const eps = 1e-7;
          return p[0] >= w - eps && p[0] <= e + eps && p[1] >= s - eps && p[1] <= n + eps;
        },
      ),
    );
  });

  it('the global GHS-POP grid covers the whole earth', () => {
    const g = {
      crs: 'ESRI:54009' as const,
      west: -18_041_000,
      north: 9_000_000,
      dx: 1000,
      dy: 1000,
      width: 36_082,
      height: 18_000,
    };
    const [w, s, e, n] = wgs84Extent(g);
    expect(w).toBeCloseTo(-180, 6);
    expect(e).toBeCloseTo(180, 6);
    expect(s).toBeLessThan(-89);
    expect(n).toBeGreaterThan(89);
    // A box near (97°E, 33°N): Mollweide shears there (x shrinks northward), so the window
    // spans from the box's north-west corner to its south-east corner, plus the margin.
    const b = pixelWindow(g, [96.5, 32.8, 97.5, 33.2])!;
    const xs = mollweideForward(97.5, 32.8)[0] - mollweideForward(96.5, 33.2)[0];
    const ys = mollweideForward(97, 33.2)[1] - mollweideForward(97, 32.8)[1];
    expect(b.cols).toBeGreaterThanOrEqual(Math.ceil(xs / 1000) + 2);
    expect(b.cols).toBeLessThanOrEqual(Math.ceil(xs / 1000) + 3);
    expect(b.rows).toBeGreaterThanOrEqual(Math.ceil(ys / 1000) + 2);
    expect(b.rows).toBeLessThanOrEqual(Math.ceil(ys / 1000) + 3);
  });
});
