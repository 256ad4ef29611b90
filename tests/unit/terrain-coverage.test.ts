import { describe, expect, it } from 'vitest';
import { createLaea } from '../../src/core/grid/laea';
import { linkParams, rsrpDbm } from '../../src/core/model/link-budget';
import { modelParams } from '../../src/core/model/params';
import type { Elevation } from '../../src/core/terrain/elevation';
import { createTerrainCoverage } from '../../src/core/terrain/site-coverage';
import {
  LAT,
  LON,
  cellFromSite,
  cellSet,
  constantDem,
  demWindow,
  flatStamp,
  gridAround,
  radio,
  site,
  symmetricDifference,
  threeSectors,
  type CellSpec,
} from './terrain-fixtures';

const toArray = (a: Int32Array) => Array.from(a);

describe('a flat DEM gives exactly the flat-earth footprints', () => {
  const layouts: [string, CellSpec[]][] = [
    ['n78 three sectors', threeSectors(10)],
    [
      'n41 three sectors at 45 m, 49 dBm',
      threeSectors(200, { band: 'n41', height: 45, power: 49 }),
    ],
    ['n28 omni, no RedCap', [{ band: 'n28', azimuth: null, redcap: false }]],
    ['n1 one sector of 90°', [{ band: 'n1', azimuth: 75, beamwidth: 90, height: 20 }]],
    [
      'n79 + n28 on one mast',
      [...threeSectors(0, { band: 'n79' }), { band: 'n28', azimuth: null }],
    ],
    ['a radius_m wedge beside a model sector', [{ azimuth: 30 }, { azimuth: 150, radius: 800 }]],
  ];
  for (const losCondition of ['nlos', 'los'] as const) {
    for (const [name, cells] of layouts) {
      it(`${name}, ${losCondition}`, () => {
        const p = modelParams({ losCondition });
        const spec = gridAround(100, losCondition === 'los' ? 0.2 : 0.1);
        const r = radio(site(cells), p);
        const flat = flatStamp(spec, r);
        for (const h of [0, 4321.5]) {
          const t = createTerrainCoverage(p, constantDem(h)).site(spec, r);
          expect(t.mode).toBe('flat');
          expect(toArray(t.nr)).toEqual(toArray(flat.nr));
          expect(toArray(t.redcap)).toEqual(toArray(flat.redcap));
          expect(t.box).toEqual(flat.box);
        }
      });
    }
  }

  it('UMa and a town-zone site (auto → UMa), on a 1″ DEM', () => {
    const p = modelParams();
    const spec = gridAround(50, 0.05);
    const r = radio(site(threeSectors(0, { env: 'auto', height: 25 })), p, true);
    expect(r.cells[0].scenario).toBe('uma');
    const t = createTerrainCoverage(p, constantDem(1200, 1)).site(spec, r);
    expect(t.mode).toBe('flat');
    expect(toArray(t.nr)).toEqual(toArray(flatStamp(spec, r).nr));
  });

  it('the terrain mask itself, on a flat DEM, is the flat model at every cell centre', () => {
    for (const losCondition of ['nlos', 'los'] as const) {
      const p = modelParams({ losCondition });
      const spec = gridAround(100, losCondition === 'los' ? 0.15 : 0.05);
      const cells = threeSectors(25, { band: 'n41' });
      const r = radio(site(cells), p);
      const t = createTerrainCoverage(p, constantDem(3000), { alwaysMask: true }).site(spec, r);
      expect(t.mode).toBe('terrain');
      const b = p.bands.n41;
      for (const layer of ['nr', 'redcap'] as const) {
        const link = linkParams({ scenario: 'rma', band: b, beamwidthDeg: 65 }, layer, p);
        const truth = new Set<number>();
        for (let i = 0; i < spec.cols * spec.rows; i++) {
          const { d, bearing } = cellFromSite(spec, i);
          if (
            cells.some(
              (c) => rsrpDbm(link, d, bearing - (c.azimuth as number)) >= link.thresholdDbm,
            )
          )
            truth.add(i);
        }
        const got = cellSet(spec, t[layer]);
        // Log-distance interpolation of a log-distance model: a cell at most, at the very edge.
        expect(symmetricDifference(got, truth)).toBeLessThanOrEqual(Math.ceil(truth.size * 0.002));
        expect(truth.size).toBeGreaterThan(100);
      }
    }
  });
});

describe('sites without elevation', () => {
  it('fall back to the flat-earth footprints and say so', () => {
    const p = modelParams();
    const spec = gridAround(100, 0.1);
    const r = radio(site(threeSectors(0)), p);
    const voidDem = demWindow((e) => (e < 500 ? NaN : 3000));
    const t = createTerrainCoverage(p, voidDem).site(spec, r);
    expect(t.mode).toBe('no-dem');
    expect(toArray(t.nr)).toEqual(toArray(flatStamp(spec, r).nr));
    // Off the window entirely.
    const far = radio(site(threeSectors(0), LON + 3, LAT), p);
    expect(createTerrainCoverage(p, voidDem).site(gridAround(100, 0.1), far).mode).toBe('no-dem');
  });

  it('voids along a radial hold the last known height and are counted', () => {
    const p = modelParams();
    const spec = gridAround(100, 0.1);
    const r = radio(site(threeSectors(0)), p);
    const holed = demWindow((e, n) =>
      e > 300 && e < 700 && Math.abs(n) < 400 ? NaN : 3000 + e / 50,
    );
    const t = createTerrainCoverage(p, holed).site(spec, r);
    expect(t.mode).toBe('terrain');
    expect(t.voidSamples).toBeGreaterThan(0);
  });
});

/** Largest distance (m) of a covered cell from the site. */
function reach(spec: ReturnType<typeof gridAround>, spans: Int32Array): number {
  let m = 0;
  for (const i of cellSet(spec, spans)) m = Math.max(m, cellFromSite(spec, i).d);
  return m;
}

describe('terrain', () => {
  const p = modelParams();

  it('a site on a peak above a plain reaches farther than on flat land', () => {
    const spec = gridAround(100, 0.08);
    const r = radio(site(threeSectors(0)), p);
    // A mesa 150 m high, 150 m in radius, falling to the plain within 100 m.
    const mesa = demWindow((e, n) => {
      const d = Math.hypot(e, n);
      return 3500 + (d <= 150 ? 150 : d >= 250 ? 0 : 150 * (1 - (d - 150) / 100));
    }, 1);
    const onMesa = createTerrainCoverage(p, mesa).site(spec, r);
    const flat = createTerrainCoverage(p, constantDem(3500, 1)).site(spec, r);
    expect(onMesa.mode).toBe('terrain');
    const far = reach(spec, onMesa.nr);
    const flatFar = reach(spec, flat.nr);
    expect(flatFar).toBeGreaterThan(1000);
    expect(far).toBeGreaterThan(1.5 * flatFar);
    // The foot of the mesa, just below its rim, is shadowed by the rim.
    const foot = [...cellSet(spec, onMesa.nr)].filter((i) => {
      const c = cellFromSite(spec, i);
      return c.d > 300 && c.d < 450;
    });
    expect(foot.length).toBe(0);
  });

  it('a ridge shadows the ground behind it up to where 60 % of the first Fresnel zone clears', () => {
    const pl = modelParams({ losCondition: 'los' });
    const spec = gridAround(50, 0.12);
    // A 30 m wall 100 m thick, 1950–2050 m east of a 60 m mast on level ground.
    const laea = createLaea(LON, LAT);
    const ridge: Elevation = {
      heightAt(lon, lat) {
        const [x] = laea.forward(lon, lat);
        return x >= 1950 && x <= 2050 ? 30 : 0;
      },
    };
    const r = radio(site([{ azimuth: 90, height: 60 }]), pl);
    const t = createTerrainCoverage(pl, ridge, { sampleStepM: 10 }).site(spec, r);
    // The analytic edge of the shadow, on the k = 4/3 earth: the far corner of the wall at
    // 60 % Fresnel clearance from the line between the antennas.
    const a = (4 / 3) * 6_371_000;
    const lambda = 299_792_458 / 3.5e9;
    const clearance = (D: number) => {
      const line = 60 + ((1.5 - (D * D) / (2 * a) - 60) * 2050) / D;
      const top = 30 - (2050 * 2050) / (2 * a);
      return line - top - 0.6 * Math.sqrt((lambda * 2050 * (D - 2050)) / D);
    };
    let lo = 2100;
    let hi = 20_000;
    while (hi - lo > 1) {
      const mid = (lo + hi) / 2;
      if (clearance(mid) >= 0) hi = mid;
      else lo = mid;
    }
    const edge = hi;
    expect(edge).toBeGreaterThan(5000);
    expect(edge).toBeLessThan(5300);
    // Along the boresight row: covered before the wall, dark behind it, lit again past the edge.
    const covered = cellSet(spec, t.nr);
    const east = [...covered]
      .map((i) => cellFromSite(spec, i))
      .filter((c) => Math.abs(c.north) < 30 && c.east > 0);
    const behind = east.filter((c) => c.east > 2100).map((c) => c.east);
    expect(east.some((c) => c.east < 1900)).toBe(true);
    expect(Math.min(...behind)).toBeGreaterThan(edge - 50);
    expect(Math.min(...behind)).toBeLessThan(edge + 75);
  });

  it('terrain coverage converges: more radials or samples change only edge cells', () => {
    const spec = gridAround(100, 0.1);
    const r = radio(site(threeSectors(30, { band: 'n28' })), p);
    const hills = demWindow(
      (e, n) =>
        3600 + 90 * Math.sin(e / 1300) * Math.cos(n / 1700) + 40 * Math.sin((e + 2 * n) / 700),
    );
    const run = (o: { radialFactor?: number; sampleStepM?: number }) =>
      cellSet(spec, createTerrainCoverage(p, hills, o).site(spec, r).nr);
    const base = run({});
    const twice = run({ radialFactor: 2 });
    const four = run({ radialFactor: 4 });
    const fine = run({ sampleStepM: 50 });
    expect(base.size).toBeGreaterThan(500);
    expect(symmetricDifference(base, twice) / base.size).toBeLessThan(0.03);
    expect(symmetricDifference(twice, four) / twice.size).toBeLessThan(0.02);
    expect(symmetricDifference(base, fine) / base.size).toBeLessThan(0.05);
  });

  it('spans are disjoint, sorted by row then column, inside the grid and the reach', () => {
    const spec = gridAround(100, 0.03);
    const r = radio(site(threeSectors(0, { band: 'n28' })), p);
    const hills = demWindow((e, n) => 3000 + 60 * Math.sin(e / 900) + 30 * Math.cos(n / 600));
    const t = createTerrainCoverage(p, hills).site(spec, r);
    expect(t.mode).toBe('terrain');
    for (const spans of [t.nr, t.redcap]) {
      for (let k = 0; k < spans.length; k += 3) {
        expect(spans[k + 1]).toBeLessThanOrEqual(spans[k + 2]);
        expect(spans[k + 1]).toBeGreaterThanOrEqual(0);
        expect(spans[k + 2]).toBeLessThan(spec.cols);
        expect(spans[k]).toBeGreaterThanOrEqual(0);
        expect(spans[k]).toBeLessThan(spec.rows);
        if (k > 0) {
          const sameRow = spans[k] === spans[k - 3];
          expect(spans[k] > spans[k - 3] || (sameRow && spans[k + 1] > spans[k - 1] + 1)).toBe(
            true,
          );
        }
      }
      for (const i of cellSet(spec, spans))
        expect(cellFromSite(spec, i).d).toBeLessThanOrEqual(t.reachM);
    }
    // RedCap needs more signal: its cells are NR cells.
    const nr = cellSet(spec, t.nr);
    for (const i of cellSet(spec, t.redcap)) expect(nr.has(i)).toBe(true);
  });
});
