import * as turf from '@turf/turf';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { TownshipKind } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { haversineMetres } from '../../src/core/sites';
import {
  DEFAULT_SETTLEMENT_PARAMS,
  apportion,
  generateSyntheticSettlements,
  townNameOf,
  villageNameOf,
  type SyntheticSettlementCounty,
} from '../../src/core/synthetic-settlements';
import {
  DEFAULT_SYNTHETIC_PARAMS,
  generateSyntheticStations,
  type SyntheticCountyLayout,
} from '../../src/core/synthetic-stations';

const params = DEFAULT_SETTLEMENT_PARAMS;

function square(lon: number, lat: number, d: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
}

interface TestCounty {
  code: string;
  lon: number;
  lat: number;
  /** Half side of the square county, degrees. */
  d: number;
  urban: number;
  rural: number;
  /** Township kinds in code order; the first is the seat township. */
  kinds: TownshipKind[];
  /** 村委会 per township (plus one 居委会 each). */
  villagesPer: number;
}

/** A county with its townships, villages and the station generator's layout for it. */
function county(t: TestCounty, seatKnown = true): SyntheticSettlementCounty {
  const geometry = square(t.lon, t.lat, t.d);
  const townships = t.kinds.map((kind, i) => ({
    code: `${t.code}${String(100 + i).padStart(3, '0')}`,
    name: `测${i}${kind === 'town' ? '镇' : kind === 'subdistrict' ? '街道' : '乡'}`,
    kind,
  }));
  const villages = townships.flatMap((tw) => [
    { code: `${tw.code}001`, name: `${tw.name}社区居委会`, township: tw.code },
    ...Array.from({ length: t.villagesPer }, (_, k) => ({
      code: `${tw.code}${200 + k}`,
      name: `${tw.name}${k}村委会`,
      township: tw.code,
    })),
  ]);
  const { layouts } = generateSyntheticStations(
    {
      counties: [
        {
          code: t.code,
          name: `测试${t.code}`,
          geometry,
          seat: wgs84(t.lon, t.lat),
          population: t.urban + t.rural,
          urbanPopulation: t.urban,
          townshipCount: townships.length,
        },
      ],
    },
    DEFAULT_SYNTHETIC_PARAMS,
    7,
  );
  return {
    code: t.code,
    name: `测试${t.code}县`,
    geometry,
    urbanPopulation: t.urban,
    ruralPopulation: t.rural,
    seatTownship: seatKnown ? townships[0].code : null,
    townCode: seatKnown ? townships[0].code : null,
    townships,
    villages,
    layout: layouts[0],
  };
}

const BIG: TestCounty = {
  code: '630101',
  lon: 97,
  lat: 33,
  d: 0.5,
  urban: 30_000,
  rural: 25_000,
  kinds: ['town', 'township', 'township', 'town', 'township'],
  villagesPer: 4,
};
const SMALL: TestCounty = {
  code: '630102',
  lon: 99,
  lat: 34,
  d: 0.12,
  urban: 5_000,
  rural: 7_001,
  kinds: ['town', 'township', 'township'],
  villagesPer: 12,
};

const countyOf = (id: string) => id.slice(4, 10);

describe('apportion', () => {
  it('splits a total exactly, in proportion, at least one each when there are enough', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200_000 }),
        fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const out = apportion(total, weights);
          expect(out.reduce((s, v) => s + v, 0)).toBe(total);
          expect(out.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
          const n = weights.length;
          const base = total >= n ? 1 : 0;
          if (base) expect(Math.min(...out)).toBeGreaterThanOrEqual(1);
          const sum = weights.reduce((s, w) => s + w, 0);
          weights.forEach((w, i) => {
            const quota = base + (w / sum) * (total - base * n);
            expect(Math.abs(out[i] - quota)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it('edge cases', () => {
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
    expect(apportion(5, [])).toEqual([]);
    expect(apportion(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(apportion(10, [0, 0])).toEqual([5, 5]);
  });
});

describe('names', () => {
  it('village committees become village names; towns get 县城 / 城区', () => {
    expect(villageNameOf('仲多村委会')).toBe('仲多村');
    expect(villageNameOf('沙青村民委员会')).toBe('沙青村');
    expect(villageNameOf('扎玛村（一村）委会')).toBe('扎玛村（一村）');
    expect(villageNameOf('新寨村')).toBe('新寨村');
    expect(townNameOf('杂多县')).toBe('杂多县城');
    expect(townNameOf('玉树市')).toBe('玉树市城区');
  });
});

describe('generateSyntheticSettlements', () => {
  const big = county(BIG);
  const small = county(SMALL);
  const region = { counties: [small, big] };
  const out = generateSyntheticSettlements(region, params, 632700);
  const of = (code: string) => out.settlements.filter((s) => countyOf(s.id) === code);

  it('gives each county exactly its census total, the urban population to the town', () => {
    for (const c of [big, small]) {
      const own = of(c.code);
      expect(own.reduce((s, x) => s + (x.population ?? 0), 0)).toBe(
        c.urbanPopulation + c.ruralPopulation,
      );
      const towns = own.filter((s) => s.kind === 'town');
      expect(towns).toHaveLength(1);
      expect(towns[0].population).toBe(c.urbanPopulation);
      expect(own.every((s) => s.population !== null && Number.isInteger(s.population))).toBe(true);
      expect(own.filter((s) => s.kind !== 'town').every((s) => (s.population ?? 0) >= 1)).toBe(
        true,
      );
      const counts = out.counts.find((x) => x.code === c.code);
      expect(counts?.population).toBe(c.urbanPopulation + c.ruralPopulation);
      expect(Object.values(counts?.byKind ?? {}).reduce((s, v) => s + v, 0)).toBe(own.length);
    }
  });

  it('totals hold for any census split and seed', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 100_000 }),
        fc.nat(),
        (urban, rural, seed) => {
          const c = { ...small, urbanPopulation: urban, ruralPopulation: rural };
          const r = generateSyntheticSettlements({ counties: [c] }, params, seed);
          expect(r.settlements.reduce((s, x) => s + (x.population ?? 0), 0)).toBe(urban + rural);
          expect(r.settlements[0]).toMatchObject({ kind: 'town', population: urban });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('places every settlement inside its county, the town at the seat', () => {
    for (const c of [big, small]) {
      for (const s of of(c.code)) {
        expect(turf.booleanPointInPolygon([s.position[0], s.position[1]], c.geometry), s.id).toBe(
          true,
        );
        expect(s.position.every((x) => Math.round(x * 1e6) / 1e6 === x)).toBe(true);
      }
      const town = of(c.code)[0];
      expect(town).toMatchObject({ kind: 'town', name: `合成-${c.name}城`, code: c.townCode });
      expect(town.position).toEqual(c.layout.seat);
    }
  });

  it('puts township seats at the station generator hubs, in code order; spare hubs hold 合成村', () => {
    const seats = of(big.code).filter((s) => s.kind === 'township-seat');
    // Townships 101–104: the seat township (100) has its seat in the town.
    expect(seats.map((s) => s.code)).toEqual(['630101101', '630101102', '630101103', '630101104']);
    expect(seats.map((s) => s.name)).toEqual([
      '合成-测1乡',
      '合成-测2乡',
      '合成-测3镇',
      '合成-测4乡',
    ]);
    expect(big.layout.hubs.length).toBeGreaterThanOrEqual(seats.length);
    seats.forEach((s, i) => expect(s.position).toEqual(big.layout.hubs[i]));
  });

  it('without a seat township every township gets a seat; hubs run out → seats placed like hubs', () => {
    const c = county(BIG, false);
    const r = generateSyntheticSettlements({ counties: [c] }, params, 1);
    const seats = r.settlements.filter((s) => s.kind === 'township-seat');
    expect(seats).toHaveLength(5);
    expect(c.layout.hubs).toHaveLength(4);
    seats.slice(0, 4).forEach((s, i) => expect(s.position).toEqual(c.layout.hubs[i]));
    const extra = seats[4].position;
    expect(turf.booleanPointInPolygon([extra[0], extra[1]], c.geometry)).toBe(true);
    expect(haversineMetres(extra, c.layout.seat)).toBeGreaterThan(10_000);
    expect(r.settlements[0].code).toBeNull();

    const spare: SyntheticCountyLayout = {
      ...big.layout,
      hubs: [...big.layout.hubs, wgs84(97.3, 33.3), wgs84(96.7, 32.7)],
    };
    const s = generateSyntheticSettlements(
      { counties: [{ ...big, layout: spare }] },
      params,
      632700,
    );
    const villages = s.settlements.filter((x) => x.kind === 'natural-village');
    expect(villages.map((v) => [v.name, v.id, v.position])).toEqual([
      ['合成村 1', 'SYN-630101-V1', spare.hubs[4]],
      ['合成村 2', 'SYN-630101-V2', spare.hubs[5]],
    ]);
  });

  it('names every 村委会 from the list, leaves 居委会 to their seat, adds herding sites', () => {
    const own = of(big.code);
    const villages = own.filter((s) => s.kind === 'admin-village');
    const committees = big.villages.filter((v) => Number(v.code.slice(9)) >= 200);
    expect(villages.map((v) => v.code)).toEqual(committees.map((v) => v.code));
    expect(villages.map((v) => v.name)).toEqual(
      committees.map((v) => `合成-${villageNameOf(v.name)}`),
    );
    expect(own.some((s) => s.name.includes('居委会') || s.name.includes('社区'))).toBe(false);
    const herds = own.filter((s) => s.kind === 'herding-site');
    expect(herds.length).toBeGreaterThanOrEqual(villages.length * 0.8);
    for (const h of herds) {
      const village = villages.find((v) => h.id.startsWith(`SYN-${v.code}-H`));
      expect(village, h.id).toBeDefined();
      expect(h.name.startsWith(`${village!.name}牧业点`)).toBe(true);
      const d = haversineMetres(h.position, village!.position);
      expect(d).toBeGreaterThanOrEqual(params.herdingDistanceM[0] - 1);
      expect(d).toBeLessThanOrEqual(params.herdingDistanceM[1] + 1);
    }
    expect(out.settlements.every((s) => s.synthetic && s.name.startsWith('合成'))).toBe(true);
    expect(new Set(out.settlements.map((s) => s.id)).size).toBe(out.settlements.length);
    expect(out.settlements.map((s) => s.sourceRow)).toEqual(out.settlements.map((_, i) => i + 1));
  });

  it('keeps rural settlements out of the town and apart from each other', () => {
    const c = big;
    const own = of(c.code);
    const clearance = c.layout.townRadiusM + params.townClearanceM;
    for (const s of own.slice(1)) {
      expect(haversineMetres(s.position, c.layout.seat), s.id).toBeGreaterThanOrEqual(
        clearance - 1,
      );
    }
    // In a roomy county no village needs the crowded-place relaxation.
    const places = own.filter((s) => s.kind === 'admin-village' || s.kind === 'township-seat');
    for (let i = 0; i < places.length; i++) {
      for (let j = 0; j < i; j++) {
        expect(haversineMetres(places[i].position, places[j].position)).toBeGreaterThanOrEqual(
          params.minSpacingM - 1,
        );
      }
    }
    // Villages lie along roads and valleys within reach of their township seat.
    for (const v of own.filter((s) => s.kind === 'admin-village')) {
      const township = (v.code as string).slice(0, 9);
      const seat = own.find((s) => s.code === township)?.position ?? c.layout.seat;
      expect(haversineMetres(v.position, seat)).toBeLessThanOrEqual(
        params.villageDistanceM[1] + params.valleyOffsetM + 1,
      );
    }
  });

  it('is deterministic, seeded, and one county does not depend on another', () => {
    const again = generateSyntheticSettlements(region, params, 632700);
    expect(again).toEqual(out);
    const other = generateSyntheticSettlements(region, params, 632701);
    expect(other.settlements.map((s) => s.position)).not.toEqual(
      out.settlements.map((s) => s.position),
    );
    const alone = generateSyntheticSettlements({ counties: [big] }, params, 632700);
    const strip = (xs: typeof out.settlements) => xs.map(({ sourceRow: _, ...rest }) => rest);
    expect(strip(alone.settlements)).toEqual(strip(of(big.code)));
    // Output follows county codes, whatever order the region lists them in.
    expect(out.settlements[0].id).toBe('SYN-630101-TOWN');
  });

  it('a crowded county still places every village, inside, totals intact', () => {
    const own = of(small.code);
    expect(own.filter((s) => s.kind === 'admin-village')).toHaveLength(
      SMALL.kinds.length * SMALL.villagesPer,
    );
    expect(own.reduce((s, x) => s + (x.population ?? 0), 0)).toBe(12_001);
  });
});
