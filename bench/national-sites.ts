/**
 * Seeded synthetic sites for all of China, written straight into a SiteTable on shared
 * memory (4.1 million `Site` objects would take gigabytes): each county gets sites in
 * proportion to its population, 70% clustered around its seat (the county town), 30%
 * spread over the county. Every site is a typical 3-sector n41/n78/n28 site whose
 * footprints come from the real footprint solver, solved once per kind and shared.
 */
import type { Area } from '../src/core/area';
import { pointInGeometry } from '../src/core/analysis/by-county';
import type { AnalysisParams } from '../src/core/analysis/params';
import {
  SITE_5G,
  SITE_REDCAP,
  allocSiteTable,
  siteKind,
  type SiteKind,
  type SiteTable,
} from '../src/core/analysis/site-table';
import { wgs84 } from '../src/core/crs';
import { createFootprintSolver } from '../src/core/model/cell-coverage';
import type { CellFootprint } from '../src/core/model/footprint';
import type { Scenario } from '../src/core/model/pathloss-38901';
import { createRng, deriveSeed } from '../src/core/random';
import type { Cell, NrBand } from '../src/core/station';

const BANDS: readonly (readonly [NrBand, number])[] = [
  ['n41', 0.45],
  ['n78', 0.35],
  ['n28', 0.2],
];
const SCENARIOS: readonly Scenario[] = ['uma', 'rma'];
/** Sector layouts: 0/120/240° turned by 0, 10, …, 110°. */
const AZIMUTH_STEPS = 12;
const REDCAP_SHARE = 0.35;
const CLUSTER_SHARE = 0.7;
/** Spread (standard deviation) of the clustered sites around the seat, metres. */
const CLUSTER_SD_M = 3000;

export interface NationalSites {
  table: SiteTable;
  /** Sites per area (all are 5G). */
  perArea: Int32Array;
  redcap: number;
}

/** The kind table: band × scenario × RedCap × sector layout, footprints from the model. */
function kinds(params: AnalysisParams): SiteKind[] {
  const solve = createFootprintSolver(params.model);
  const out: SiteKind[] = [];
  for (const [band] of BANDS)
    for (const scenario of SCENARIOS)
      for (const redcap of [false, true])
        for (let a = 0; a < AZIMUTH_STEPS; a++) {
          const nr: CellFootprint[] = [];
          const rc: CellFootprint[] = [];
          for (const d of [0, 120, 240]) {
            const cell: Cell = {
              id: 'x',
              siteId: 'x',
              name: null,
              operator: null,
              position: wgs84(0, 0),
              tech: 'NR',
              band,
              redcap,
              azimuthDeg: a * 10 + d,
              beamwidthDeg: 65,
              heightM: null,
              powerDbm: null,
              env: scenario,
              radiusM: null,
              status: 'existing',
              sourceRow: 0,
            };
            const c = solve(cell, scenario)!;
            nr.push(c.nr);
            if (c.redcap) rc.push(c.redcap);
          }
          out.push(siteKind(nr, rc));
        }
  return out;
}
const kindIndex = (band: number, scenario: number, redcap: boolean, az: number): number =>
  ((band * SCENARIOS.length + scenario) * 2 + (redcap ? 1 : 0)) * AZIMUTH_STEPS + az;

function bbox(a: Area): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
  for (const p of polys)
    for (const [x, y] of p[0]) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  return [w, s, e, n];
}

/** About `total` sites over `areas` (each with a population and a seat inside it). */
export function nationalSites(
  areas: readonly Area[],
  total: number,
  seed: number,
  params: AnalysisParams,
): NationalSites {
  let pop = 0;
  for (const a of areas) pop += a.population?.total ?? 0;
  const perArea = Int32Array.from(areas, (a) =>
    Math.round((total * (a.population?.total ?? 0)) / pop),
  );
  const count = perArea.reduce((x, y) => x + y, 0);
  const table = allocSiteTable(count, kinds(params), SharedArrayBuffer);
  let i = 0;
  let redcap = 0;
  areas.forEach((a, k) => {
    // One stream per county: a county's sites do not depend on the others.
    const rng = createRng(deriveSeed(seed, a.code));
    const [w, s, e, n] = bbox(a);
    const [sx, sy] = a.seat!;
    const dLat = CLUSTER_SD_M / 111_320;
    const dLon = dLat / Math.cos((sy * Math.PI) / 180);
    for (let j = 0; j < perArea[k]; j++) {
      const clustered = rng.chance(CLUSTER_SHARE);
      let lon = sx;
      let lat = sy;
      // Rejection sampling inside the polygon; the seat itself after 100 misses.
      for (let t = 0; t < 100; t++) {
        const x = clustered ? sx + rng.normal() * dLon : rng.uniform(w, e);
        const y = clustered ? sy + rng.normal() * dLat : rng.uniform(s, n);
        if (pointInGeometry(x, y, a.geometry)) {
          lon = x;
          lat = y;
          break;
        }
      }
      const u = rng.next();
      const band = u < BANDS[0][1] ? 0 : u < BANDS[0][1] + BANDS[1][1] ? 1 : 2;
      const rc = rng.chance(REDCAP_SHARE);
      table.lon[i] = lon;
      table.lat[i] = lat;
      table.kind[i] = kindIndex(band, clustered ? 0 : 1, rc, rng.int(0, AZIMUTH_STEPS - 1));
      table.flags[i] = SITE_5G | (rc ? SITE_REDCAP : 0);
      if (rc) redcap++;
      i++;
    }
  });
  return { table, perArea, redcap };
}
