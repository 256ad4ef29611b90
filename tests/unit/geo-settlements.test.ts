// Checks the committed synthetic settlements in geo/ (built by `npm run geo:build`): that the
// file reads back cleanly, honours the census and the county polygons, and is exactly what
// the generator produces from the committed inputs (so a rerun gives the same bytes).
import fs from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { settlementRegion, type CountyFeatureProps } from '../../scripts/geo-settlements';
import type { TownshipRecord } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { haversineMetres } from '../../src/core/sites';
import {
  generateSyntheticSettlements,
  villageNameOf,
  type SyntheticSettlementParams,
  type SyntheticVillageName,
} from '../../src/core/synthetic-settlements';
import {
  generateSyntheticStations,
  type SyntheticStationParams,
} from '../../src/core/synthetic-stations';
import { importSettlements } from '../../src/io/import-settlements';
import { settlementsCsv } from '../../src/io/settlements-csv';

const geo = (name: string): string =>
  fs.readFileSync(new URL(`../../geo/${name}`, import.meta.url), 'utf8');

type Props = CountyFeatureProps & { seat: [number, number]; pop_total: number };
const counties = JSON.parse(geo('yushu-counties.geojson')) as FeatureCollection<
  Polygon | MultiPolygon,
  Props
>;
const byCode = new Map<string, Feature<Polygon | MultiPolygon, Props>>(
  counties.features.map((f) => [f.properties.code, f]),
);
const townships = JSON.parse(geo('yushu-townships.json')) as TownshipRecord[];
const villages = JSON.parse(geo('yushu-villages.json')) as SyntheticVillageName[];
const stationMeta = JSON.parse(geo('yushu-stations.meta.json')) as {
  seed: number;
  params: SyntheticStationParams;
};
const meta = JSON.parse(geo('yushu-settlements.meta.json')) as {
  synthetic: boolean;
  seed: number;
  stationSeed: number;
  params: SyntheticSettlementParams;
  rows: number;
  seatTownships: { county: string; township: string | null; assumed: boolean }[];
};
const census = new Map(
  geo('yushu-population.csv')
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([code, , total, urban]) => [code, { total: +total, urban: +urban }]),
);

describe('geo/yushu-villages.json', () => {
  it('lists the 313 village-level units of the six counties, each in a listed township', () => {
    expect(villages).toHaveLength(313);
    expect(new Set(villages.map((v) => v.code)).size).toBe(313);
    const towns = new Set(townships.map((t) => t.code));
    for (const v of villages) {
      expect(v.code).toMatch(/^6327\d{8}$/);
      expect(v.code.slice(0, 9)).toBe(v.township);
      expect(towns.has(v.township)).toBe(true);
      expect(v.name).toMatch(/委员会$|委会$|社区$/);
    }
  });
});

describe('geo/yushu-settlements.csv', async () => {
  const text = geo('yushu-settlements.csv');
  const r = await importSettlements(new Blob([text]), 'yushu-settlements.csv');
  const settlements = r.settlements;
  const countyOf = (id: string) => id.slice(4, 10);

  it('reads back with no rejected row and no warning, every row synthetic and named 合成', () => {
    expect(r.rejected).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.recordCount).toBe(meta.rows);
    expect(meta.synthetic).toBe(true);
    expect(settlements.every((s) => s.synthetic)).toBe(true);
    expect(settlements.every((s) => s.name.startsWith('合成') && s.id.startsWith('SYN-'))).toBe(
      true,
    );
    expect(r.columns.mapping).toMatchObject({
      id: 'id',
      name: 'name',
      kind: 'kind',
      lon: 'lon',
      lat: 'lat',
      population: 'population',
      code: 'code',
      synthetic: 'synthetic',
    });
  });

  it('sums to each county census total exactly; the town holds the urban population', () => {
    for (const [code, c] of census) {
      const own = settlements.filter((s) => countyOf(s.id) === code);
      expect(
        own.reduce((t, s) => t + (s.population ?? 0), 0),
        code,
      ).toBe(c.total);
      const town = own.filter((s) => s.kind === 'town');
      expect(town).toHaveLength(1);
      expect(town[0].population).toBe(c.urban);
    }
    expect(r.summary.population).toBe(425_199);
  });

  it('has every settlement inside its county polygon, the town at the county seat', () => {
    for (const s of settlements) {
      const f = byCode.get(countyOf(s.id));
      expect(f, s.id).toBeDefined();
      expect(turf.booleanPointInPolygon([s.position[0], s.position[1]], f!), s.id).toBe(true);
    }
    for (const f of counties.features) {
      const town = settlements.find(
        (s) => s.kind === 'town' && countyOf(s.id) === f.properties.code,
      );
      expect(haversineMetres(town!.position, wgs84(...f.properties.seat))).toBeLessThan(1);
    }
  });

  it('names township seats and villages from the NBS list', () => {
    const seats = settlements.filter((s) => s.kind === 'township-seat');
    // 49 townships − 4 街道 − 4 recorded seat townships − 2 assumed (杂多县, 曲麻莱县).
    expect(seats).toHaveLength(39 + 1);
    for (const s of seats) {
      expect(s.name).toBe(`合成-${townships.find((t) => t.code === s.code)?.name}`);
    }
    const committees = villages.filter((v) => Number(v.code.slice(9)) >= 200);
    const admin = settlements.filter((s) => s.kind === 'admin-village');
    expect(admin.map((s) => s.code)).toEqual(committees.map((v) => v.code));
    expect(admin.map((s) => s.name)).toEqual(
      committees.map((v) => `合成-${villageNameOf(v.name)}`),
    );
    expect(meta.seatTownships.filter((s) => s.assumed).map((s) => s.county)).toEqual([
      '632722',
      '632726',
    ]);
  });

  it('is byte for byte what the generator makes from the committed files', () => {
    const { layouts } = generateSyntheticStations(
      {
        counties: counties.features.map((f) => ({
          code: f.properties.code,
          name: f.properties.name,
          geometry: f.geometry,
          seat: wgs84(f.properties.seat[0], f.properties.seat[1]),
          population: f.properties.pop_total,
          urbanPopulation: f.properties.pop_urban,
          townshipCount: townships.filter((t) => t.county === f.properties.code).length,
        })),
      },
      stationMeta.params,
      stationMeta.seed,
    );
    expect(meta.stationSeed).toBe(stationMeta.seed);
    const region = settlementRegion(counties.features, townships, villages, layouts);
    const again = generateSyntheticSettlements(region, meta.params, meta.seed);
    expect(settlementsCsv(again.settlements)).toBe(text);
    // Township seats sit at the station generator's hubs: where its 乡镇 sites are.
    for (const s of settlements.filter((x) => x.kind === 'township-seat')) {
      const layout = layouts.find((l) => l.code === countyOf(s.id))!;
      expect(layout.hubs.some((h) => h[0] === s.position[0] && h[1] === s.position[1])).toBe(true);
    }
  });
});
