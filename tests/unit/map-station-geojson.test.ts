import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../src/core/crs';
import { groupCellsIntoSites } from '../../src/core/sites';
import type { Cell } from '../../src/core/station';
import { metres } from '../../src/core/units';
import { SITE_KIND, type StationLayerData } from '../../src/worker/protocol';
import { siteKind } from '../../src/worker/workspace';
import { stationGeoJsonText, type StationFeatureProps } from '../../src/worker/station-geojson';
import { stationKindFilter, visibleKindCodes } from '../../src/map/layer-specs';
import type { FeatureCollection, Point } from 'geojson';

function cell(id: string, siteId: string, lon: number, over: Partial<Cell> = {}): Cell {
  return {
    id,
    siteId,
    name: `站点${siteId}`,
    operator: '中国移动',
    position: wgs84(lon, 33),
    tech: 'NR',
    band: 'n41',
    redcap: false,
    azimuthDeg: null,
    beamwidthDeg: 65,
    heightM: null,
    powerDbm: null,
    env: 'rma',
    radiusM: null,
    status: 'existing',
    sourceRow: 0,
    ...over,
  };
}

function layerOf(cells: Cell[]) {
  const sites = groupCellsIntoSites(cells);
  const layer: StationLayerData = {
    datasetId: 'stations-1',
    count: sites.length,
    lonLat: new Float64Array(sites.flatMap((s) => [s.position[0], s.position[1]])),
    kind: new Uint8Array(sites.map(siteKind)),
    geojsonUrl: null,
  };
  return { sites, layer };
}

describe('station GeoJSON for the map', () => {
  it('carries site id, name, cells with band and RedCap, and modelled radii', () => {
    const { sites, layer } = layerOf([
      cell('c1', 'S1', 97.0, { redcap: true }),
      cell('c2', 'S1', 97.0, { band: 'n28', redcap: false }),
      cell('c3', 'S2', 97.5, { tech: 'LTE', band: 'B3' }),
      cell('c4', 'S3', 98.0, { radiusM: metres(1234) }),
    ]);
    const fc = JSON.parse(stationGeoJsonText(layer, sites)) as FeatureCollection<
      Point,
      StationFeatureProps
    >;
    expect(fc.features).toHaveLength(3);
    const byId = new Map(fc.features.map((f) => [f.properties.id, f]));
    const s1 = byId.get('S1')?.properties;
    expect(s1?.k).toBe(SITE_KIND.nrRedcap);
    expect(s1?.n).toBe('站点S1');
    expect(JSON.parse(s1?.c ?? '[]')).toEqual([
      ['NR', 'n41', 1],
      ['NR', 'n28', 0],
    ]);
    // n28 reaches further than n41, and the RedCap layer (only the n41 cell, with its
    // penalty) less far than the NR layer.
    expect(s1?.r).toBeGreaterThan(1000);
    expect(s1?.rr).toBeGreaterThan(0);
    expect(s1?.rr).toBeLessThan(s1?.r ?? 0);
    const s2 = byId.get('S2')?.properties;
    expect(s2?.k).toBe(SITE_KIND.lte);
    expect(s2?.r).toBeUndefined();
    expect(byId.get('S3')?.properties.r).toBe(1234);
    expect(byId.get('S3')?.properties.rr).toBeUndefined();
  });

  it('without the sites it still draws every point with its kind', () => {
    const { layer } = layerOf([cell('c1', 'S1', 97.0)]);
    const fc = JSON.parse(stationGeoJsonText(layer)) as FeatureCollection<
      Point,
      StationFeatureProps
    >;
    expect(fc.features[0].properties).toEqual({ k: SITE_KIND.nr });
    expect(fc.features[0].geometry.coordinates).toEqual([97, 33]);
  });

  it('the kind filter keeps exactly the kinds switched on', () => {
    const kinds = { nrRedcap: true, nr: false, lte: true, other: false };
    expect(visibleKindCodes(kinds).sort()).toEqual([SITE_KIND.lte, SITE_KIND.nrRedcap].sort());
    expect(stationKindFilter(kinds)).toEqual([
      'in',
      ['get', 'k'],
      ['literal', visibleKindCodes(kinds)],
    ]);
  });
});
