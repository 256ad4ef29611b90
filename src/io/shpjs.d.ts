// shpjs 6 ships no type declarations; this covers the part SailPlan calls (README, "3. You can
// pass in an object with shp, dbf, prj, and cpg properties").
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';

  export interface ShapefileParts {
    shp: ArrayBuffer | ArrayBufferView;
    dbf?: ArrayBuffer | ArrayBufferView;
    /** WKT of the .prj; reprojected to WGS-84 with proj4 when it parses. */
    prj?: string;
    /** Encoding label for the DBF (a TextDecoder label). */
    cpg?: string;
  }

  export type ShapefileGeoJson = FeatureCollection & { fileName?: string };

  export default function shp(
    input: string | ArrayBuffer | ArrayBufferView | ShapefileParts,
  ): Promise<ShapefileGeoJson | ShapefileGeoJson[]>;
}
