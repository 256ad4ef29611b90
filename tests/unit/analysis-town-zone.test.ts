// The county-town check stamps sites one at a time and stops early (analyze.ts
// stampZone): its result must be that of stamping every site that reaches the zone.
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/core/area';
import { townZone, townZoneGrid, type TownZoneResult } from '../../src/core/analysis/analyze';
import { analysisParams, type AnalysisParams } from '../../src/core/analysis/params';
import { wgs84 } from '../../src/core/crs';
import { findGaps, summarizeGaps } from '../../src/core/grid/gaps';
import { areaMetrics } from '../../src/core/grid/metrics';
import { addSites, createCoverage, type SiteFootprints } from '../../src/core/grid/stamp';
import { overrideFootprint } from '../../src/core/model/cell-coverage';
import { footprintMaxRadius, type CellFootprint } from '../../src/core/model/footprint';
import { createRng, type Rng } from '../../src/core/random';
import { createLaea } from '../../src/core/grid/laea';
import { metres } from '../../src/core/units';

/** The check as it was before: every site that reaches the zone's box, stamped by addSites. */
function reference(
  area: Area,
  footprints: readonly SiteFootprints[],
  params: AnalysisParams,
  zone: readonly (Polygon | MultiPolygon)[] | null = null,
): TownZoneResult {
  // The zone grid is shared with the fast path; what differs is which sites get stamped.
  const { grid, box } = townZoneGrid(area, params, zone);
  const spec = grid;
  const near = footprints.filter((f) => {
    if (f.redcap.length === 0) return false;
    const [x, y] = spec.projection.forward(f.lon, f.lat);
    const reach = Math.max(0, ...f.redcap.map(footprintMaxRadius));
    const dx = Math.max(box[0] - x, 0, x - box[2]);
    const dy = Math.max(box[1] - y, 0, y - box[3]);
    return Math.hypot(dx, dy) <= reach;
  });
  const cov = createCoverage(grid, 1);
  addSites(
    cov,
    near.map((f) => ({ ...f, nr: [] })),
  );
  const m = areaMetrics(grid, cov.totals, 0);
  const largestGapKm2 = summarizeGaps(grid, findGaps(grid, 'redcap'), 1)[0].largestKm2;
  return {
    areaKm2: m.areaKm2,
    redcapAreaPct: m.redcap.areaPct,
    largestGapKm2,
    continuous:
      m.cells > 0 &&
      m.redcap.areaPct >= params.continuityMinAreaPct &&
      largestGapKm2 <= params.continuityMaxGapKm2,
  };
}

const SEAT = wgs84(97.0, 33.0);
const projection = createLaea(SEAT[0], SEAT[1]);

/** A county polygon around the seat, cut so the seat disc is partly outside it. */
function county(): Area {
  const ring = [
    [-20_000, -20_000],
    [1_800, -20_000],
    [1_800, -500],
    [20_000, -500],
    [20_000, 20_000],
    [-20_000, 20_000],
    [-20_000, -20_000],
  ].map(([x, y]) => projection.inverse(x, y));
  const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
  return {
    code: '630000',
    name: 'test',
    level: 'county',
    parent: null,
    kind: null,
    geometry,
    areaKm2: 1600,
    seat: SEAT,
    population: null,
  };
}

function sites(rng: Rng, n: number, spreadM: number, radii: [number, number]): SiteFootprints[] {
  const out: SiteFootprints[] = [];
  for (let i = 0; i < n; i++) {
    const [lon, lat] = projection.inverse(rng.normal() * spreadM, rng.normal() * spreadM);
    const r = metres(rng.uniform(radii[0], radii[1]));
    const az = rng.uniform(0, 120);
    const fps: CellFootprint[] = rng.chance(0.3)
      ? [overrideFootprint(r, null, 360)]
      : [0, 120, 240].map((d) => overrideFootprint(r, az + d, 65));
    const redcap = rng.chance(0.7) ? fps.map((f) => ({ ...f })) : [];
    out.push({ id: `s${i}`, lon, lat, nr: fps, redcap });
  }
  return out;
}

describe('county-town check', () => {
  const params = analysisParams();
  const area = county();

  it('equals stamping every site, from an empty zone to a fully covered one', () => {
    const rng = createRng(31);
    let full = 0;
    let partial = 0;
    for (const [n, spread, radii] of [
      [0, 3000, [500, 900]],
      [3, 3000, [500, 900]],
      [20, 3000, [300, 1200]],
      [60, 2500, [400, 1500]],
      [200, 3000, [500, 1500]],
      [400, 2000, [800, 2500]],
      [40, 6000, [2000, 4000]],
    ] as const) {
      for (let k = 0; k < 3; k++) {
        const list = sites(rng, n, spread, [radii[0], radii[1]]);
        const got = townZone(area, list, params);
        expect(got).toEqual(reference(area, list, params));
        if (got.redcapAreaPct === 100) full++;
        else if (got.redcapAreaPct > 0) partial++;
      }
    }
    expect(full).toBeGreaterThan(0);
    expect(partial).toBeGreaterThan(0);
  });

  it('equals stamping every site for a zone of township polygons', () => {
    const rng = createRng(32);
    const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ].map(([x, y]) => projection.inverse(x, y)),
      ],
    });
    const zone = [square(-2000, -2000, 2000, 1500), square(1000, 1000, 4000, 3500)];
    for (const n of [5, 50, 300]) {
      const list = sites(rng, n, 2500, [400, 1800]);
      expect(townZone(area, list, params, zone)).toEqual(reference(area, list, params, zone));
    }
  });
});
