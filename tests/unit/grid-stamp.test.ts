import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaMetrics, createTotals, recountCoverage } from '../../src/core/grid/metrics';
import {
  addSite,
  addSites,
  createCoverage,
  removeSite,
  updateSite,
  type SiteFootprints,
} from '../../src/core/grid/stamp';
import { createRng } from '../../src/core/random';
import type { CellFootprint } from '../../src/core/model/footprint';
import { countCells, disc, siteAt, squareGrid, wedge } from './grid-helpers';

const km2 = (cells: number, cellM: number) => (cells * cellM * cellM) / 1e6;

describe('stamping discs and sectors', () => {
  it('a 2 km disc covers πr² within 0.5% at 100 m cells, wherever its centre falls', () => {
    const rng = createRng(1);
    for (let k = 0; k < 200; k++) {
      const cov = createCoverage(squareGrid(5000, 100), 1);
      addSite(cov, siteAt('a', rng.uniform(-50, 50), rng.uniform(-50, 50), [disc(2000)]));
      const exact = (Math.PI * 2000 * 2000) / 1e6;
      const got = km2(cov.totals.nrCells[1], 100);
      expect(Math.abs(got / exact - 1)).toBeLessThan(0.005);
      expect(countCells(cov.grid.nr)).toBe(cov.totals.nrCells[1]);
    }
  });

  it('two overlapping discs: union = 2πr² − lens, overlap counted twice', () => {
    const r = 2000;
    const d = 1500;
    const cov = createCoverage(squareGrid(6000, 50), 1);
    addSite(cov, siteAt('a', -d / 2, 0, [disc(r)]));
    addSite(cov, siteAt('b', d / 2, 0, [disc(r)]));
    const lens = 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
    const union = 2 * Math.PI * r * r - lens;
    expect(Math.abs((cov.totals.nrCells[1] * 2500) / union - 1)).toBeLessThan(0.005);
    const twice = countCells(cov.grid.nr, (v) => v === 2);
    // Each row of a disc is placed to the nearest whole cell, so the overlap of two discs is
    // off by up to a cell per row: looser than the union.
    expect(Math.abs((twice * 2500) / lens - 1)).toBeLessThan(0.025);
  });

  it('a wedge covers r²·θ/2 (θ = its bins × 1°)', () => {
    const r = 3000;
    for (const az of [0, 37, 90, 200]) {
      const cov = createCoverage(squareGrid(4000, 50), 1);
      addSite(cov, siteAt('w', 0, 0, [wedge(az, 30, r)]));
      const exact = (r * r * ((61 * Math.PI) / 180)) / 2;
      expect(Math.abs((cov.totals.nrCells[1] * 2500) / exact - 1)).toBeLessThan(0.005);
    }
  });

  it('a wedge points along its azimuth (clockwise from north)', () => {
    const cov = createCoverage(squareGrid(4000, 100), 1);
    addSite(cov, siteAt('e', 0, 0, [wedge(90, 10, 3000)]));
    const g = cov.grid;
    const at = (x: number, y: number) =>
      g.nr[Math.floor((y - g.y0) / 100) * g.cols + Math.floor((x - g.x0) / 100)];
    expect(at(2000, 0)).toBe(1);
    expect(at(-2000, 0)).toBe(0);
    expect(at(0, 2000)).toBe(0);
  });

  it('sectors of one site count once per cell (union, not sum)', () => {
    const r = 2000;
    const cov = createCoverage(squareGrid(3000, 50), 1);
    // Three 141° sectors every 120°: they overlap, together they make a full disc.
    addSite(
      cov,
      siteAt('s', 0, 0, [wedge(0, 70, r), wedge(120, 70, r), wedge(240, 70, r)], [wedge(0, 70, r)]),
    );
    let max = 0;
    for (const v of cov.grid.nr) max = Math.max(max, v);
    expect(max).toBe(1);
    expect(Math.abs((cov.totals.nrCells[1] * 2500) / (Math.PI * r * r) - 1)).toBeLessThan(0.005);
    expect(
      Math.abs((cov.totals.redcapCells[1] * 2500) / ((r * r * ((141 * Math.PI) / 180)) / 2) - 1),
    ).toBeLessThan(0.01);
  });

  it('a station on an area border splits its cells by label', () => {
    const g = squareGrid(4000, 100, 2);
    for (let r = 0; r < g.rows; r++) g.label.fill(2, r * g.cols + g.cols / 2, (r + 1) * g.cols);
    const cov = createCoverage(g, 2);
    addSite(cov, siteAt('b', 0, 0, [disc(2000)]));
    const t = cov.totals;
    // Odd-width rows cannot split evenly: about half each.
    expect(Math.abs(t.nrCells[1] / t.nrCells[2] - 1)).toBeLessThan(0.05);
    expect(t.nrCells[1] + t.nrCells[2]).toBe(countCells(g.nr));
    const m1 = areaMetrics(g, t, 0);
    expect(m1.nr.areaPct).toBeCloseTo((100 * t.nrCells[1]) / t.cells[1], 12);
    expect(m1.areaKm2).toBeCloseTo(32, 9);
  });

  it('clips footprints at the grid edge', () => {
    const cov = createCoverage(squareGrid(1000, 100), 1);
    addSite(cov, siteAt('big', 0, 0, [disc(10_000)]));
    expect(cov.totals.nrCells[1]).toBe(cov.grid.nr.length);
    removeSite(cov, 'big');
    expect(countCells(cov.grid.nr)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------
// Properties

const footprintArb: fc.Arbitrary<CellFootprint> = fc.oneof(
  fc.integer({ min: 50, max: 1500 }).map((r) => disc(r)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 359 }),
      fc.integer({ min: 0, max: 90 }),
      fc.integer({ min: 100, max: 1500 }),
    )
    .map(([az, half, r]) => wedge(az, half, r)),
);
const siteArb = fc.record({
  x: fc.double({ min: -2500, max: 2500, noNaN: true }),
  y: fc.double({ min: -2500, max: 2500, noNaN: true }),
  nr: fc.array(footprintArb, { minLength: 0, maxLength: 3 }),
  redcap: fc.array(footprintArb, { minLength: 0, maxLength: 2 }),
});
const toSites = (
  raw: { x: number; y: number; nr: CellFootprint[]; redcap: CellFootprint[] }[],
): SiteFootprints[] => raw.map((s, i) => siteAt(`s${i}`, s.x, s.y, s.nr, s.redcap));

/** A 2-area grid with population weights, the same for every run. */
function populatedCoverage() {
  const g = squareGrid(2000, 100, 2);
  for (let r = 0; r < g.rows; r++) g.label.fill(2, r * g.cols + 13, (r + 1) * g.cols);
  for (let r = 0; r < 3; r++) g.label.fill(0, r * g.cols, (r + 1) * g.cols);
  const rng = createRng(99);
  for (let i = 0; i < g.weight.length; i++)
    g.weight[i] = g.label[i] ? Math.round(rng.uniform(0, 300) * 1024) / 1024 : 0;
  return createCoverage(g, 2);
}

const snapshot = (cov: ReturnType<typeof createCoverage>) => ({
  nr: cov.grid.nr.slice(),
  redcap: cov.grid.redcap.slice(),
  totals: Object.fromEntries(
    Object.entries(cov.totals).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]),
  ),
});

describe('stamping properties', () => {
  it('add then remove restores every array and total bit for bit', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { maxLength: 12 }), siteArb, (raw, extra) => {
        const cov = populatedCoverage();
        addSites(cov, toSites(raw));
        const before = snapshot(cov);
        addSite(cov, siteAt('extra', extra.x, extra.y, extra.nr, extra.redcap));
        removeSite(cov, 'extra');
        const after = snapshot(cov);
        expect(after.nr).toEqual(before.nr);
        expect(after.redcap).toEqual(before.redcap);
        for (const k of Object.keys(before.totals)) {
          // Object.is: bit-for-bit, -0 included.
          before.totals[k].forEach((v, i) => expect(Object.is(after.totals[k][i], v)).toBe(true));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('adding a station never lowers coverage; coverage stays ≤ 100%; totals match a recount', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { maxLength: 10 }), siteArb, (raw, extra) => {
        const cov = populatedCoverage();
        addSites(cov, toSites(raw));
        const before = snapshot(cov);
        addSite(cov, siteAt('extra', extra.x, extra.y, extra.nr, extra.redcap));
        const t = cov.totals;
        for (let l = 0; l <= 2; l++) {
          expect(t.nrCells[l]).toBeGreaterThanOrEqual(before.totals.nrCells[l]);
          expect(t.nrPop[l]).toBeGreaterThanOrEqual(before.totals.nrPop[l]);
          expect(t.redcapCells[l]).toBeGreaterThanOrEqual(before.totals.redcapCells[l]);
          expect(t.nrCells[l]).toBeLessThanOrEqual(t.cells[l]);
          expect(t.nrPop[l]).toBeLessThanOrEqual(t.population[l]);
          expect(t.redcapPop[l]).toBeLessThanOrEqual(t.population[l]);
        }
        for (let i = 0; i < cov.grid.nr.length; i++)
          expect(cov.grid.nr[i]).toBeGreaterThanOrEqual(before.nr[i]);
        for (let a = 0; a < 2; a++) {
          const m = areaMetrics(cov.grid, t, a);
          expect(m.nr.areaPct).toBeLessThanOrEqual(100);
          expect(m.redcap.popPct).toBeLessThanOrEqual(100);
        }
        const fresh = createTotals(cov.grid, 2);
        recountCoverage(cov.grid, fresh);
        expect(Array.from(fresh.nrPop)).toEqual(Array.from(t.nrPop));
        expect(Array.from(fresh.redcapCells)).toEqual(Array.from(t.redcapCells));
      }),
      { numRuns: 60 },
    );
  });

  it('batch addSites equals one-by-one addSite in any order, and update = remove + add', () => {
    fc.assert(
      fc.property(fc.array(siteArb, { minLength: 1, maxLength: 10 }), siteArb, (raw, moved) => {
        const sites = toSites(raw);
        const a = populatedCoverage();
        addSites(a, sites);
        const b = populatedCoverage();
        for (const s of [...sites].reverse()) addSite(b, s);
        expect(snapshot(b)).toEqual(snapshot(a));
        const m = siteAt('s0', moved.x, moved.y, moved.nr, moved.redcap);
        updateSite(a, m);
        const c = populatedCoverage();
        addSites(c, [m, ...sites.slice(1)]);
        expect(snapshot(a)).toEqual(snapshot(c));
      }),
      { numRuns: 40 },
    );
  });

  it('batch stamping takes the difference-array path for dense overlap, same result', () => {
    // 40 sites on nearly one spot: span cells ≫ row extents, so addSites uses the
    // per-row difference arrays and prefix pass rather than stamping spans directly.
    const sites = Array.from({ length: 40 }, (_, i) =>
      siteAt(
        `d${i}`,
        (i % 7) * 30 - 90,
        (i % 5) * 40 - 80,
        [i % 2 ? disc(1200) : wedge(i * 9, 50, 1500)],
        [disc(800)],
      ),
    );
    const a = populatedCoverage();
    addSites(a, sites);
    const b = populatedCoverage();
    for (const s of sites) addSite(b, s);
    expect(snapshot(a)).toEqual(snapshot(b));
    let max = 0;
    for (const v of a.grid.nr) max = Math.max(max, v);
    expect(max).toBeGreaterThan(20);
  });

  it('rejects a duplicate add and a remove of an unknown site', () => {
    const cov = populatedCoverage();
    addSite(cov, siteAt('x', 0, 0, [disc(500)]));
    expect(() => addSite(cov, siteAt('x', 0, 0, [disc(500)]))).toThrow(/already/);
    expect(removeSite(cov, 'nope')).toBeNull();
  });
});
