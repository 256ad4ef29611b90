/**
 * The terrain benchmark's seeded scene: a Yushu-like plateau DEM (3″ pixels, relief of
 * the Sanjiangyuan: valleys near 3,600 m, ridges to 4,900 m) over 玉树市, and 2,000 NR
 * sites laid out as bench/engine.bench.ts lays them (half within ~5 km of the seat, half
 * spread over the county), with the three operators' bands. Shared by the main thread and
 * the worker threads, which rebuild the same scene from the seed.
 */
import { wgs84 } from '../src/core/crs';
import { createFootprintSolver } from '../src/core/model/cell-coverage';
import type { ModelParams } from '../src/core/model/params';
import { createRng, type Rng } from '../src/core/random';
import type { Cell, NrBand, Site } from '../src/core/station';
import type { ElevationWindow } from '../src/core/terrain/elevation';
import { radioSiteOf, type RadioSite } from '../src/core/terrain/radio-site';
import { metres } from '../src/core/units';

export const SEED = 20_241_207;
/** 玉树市: bounding box and seat (geo/yushu-counties.geojson). */
export const BBOX = [95.68, 32.03, 97.73, 33.76] as const;
export const SEAT = [97.008346, 32.995246] as const;
/** The DEM reaches this far past the box (degrees): the farthest a site can reach. */
const MARGIN_DEG = 0.16;
const ARC_SEC = 3;

/** Value noise: a lattice of random values, smoothstep-interpolated. */
function octave(rng: Rng, cellsX: number, cellsY: number) {
  const w = cellsX + 2;
  const v = new Float32Array(w * (cellsY + 2));
  for (let i = 0; i < v.length; i++) v[i] = rng.uniform(-1, 1);
  return (u: number, t: number) => {
    const i = Math.floor(u);
    const j = Math.floor(t);
    const a = u - i;
    const b = t - j;
    const sa = a * a * (3 - 2 * a);
    const sb = b * b * (3 - 2 * b);
    const p = v[j * w + i] + sa * (v[j * w + i + 1] - v[j * w + i]);
    const q = v[(j + 1) * w + i] + sa * (v[(j + 1) * w + i + 1] - v[(j + 1) * w + i]);
    return p + sb * (q - p);
  };
}

/** The scene's DEM as a geographic window (what the io raster reader hands to core). */
export function benchDem(data?: Float32Array): ElevationWindow {
  const dx = ARC_SEC / 3600;
  const west = BBOX[0] - MARGIN_DEG;
  const north = BBOX[3] + MARGIN_DEG;
  const width = Math.ceil((BBOX[2] - BBOX[0] + 2 * MARGIN_DEG) / dx);
  const height = Math.ceil((BBOX[3] - BBOX[1] + 2 * MARGIN_DEG) / dx);
  const georef = { crs: 'EPSG:4326' as const, west, north, dx, dy: dx, width, height };
  if (data) return { georef, values: 'elevation', data };
  const rng = createRng(SEED);
  // Wavelengths from ~40 km (basins and ranges) down to ~600 m (spurs and gullies).
  const octaves = [40_000, 16_000, 6_000, 2_500, 1_200, 600].map((lambda, k) => ({
    f: octave(rng, Math.ceil((width * 80) / lambda) + 1, Math.ceil((height * 92) / lambda) + 1),
    lambda,
    amp: [520, 260, 140, 70, 32, 14][k],
  }));
  const out = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const yM = r * 92;
    for (let c = 0; c < width; c++) {
      const xM = c * 80;
      let h = 4200;
      for (const o of octaves) h += o.amp * o.f(xM / o.lambda, yM / o.lambda);
      // Valleys are flat-floored: the lowest ground is pressed together.
      out[r * width + c] = h < 3900 ? 3900 - (3900 - h) * 0.4 : h;
    }
  }
  return { georef, values: 'elevation', data: out };
}

const BANDS: [NrBand, number][] = [
  ['n41', 0.4],
  ['n78', 0.4],
  ['n28', 0.2],
];

function pick(rng: Rng): NrBand {
  let u = rng.uniform(0, 1);
  for (const [b, w] of BANDS) {
    if (u < w) return b;
    u -= w;
  }
  return 'n78';
}

/** The 2,000 sites of the scene, as the terrain model takes them. */
export function benchSites(params: ModelParams, count = 2000): RadioSite[] {
  const solve = createFootprintSolver(params);
  const out: RadioSite[] = [];
  for (const site of benchStationSites(count)) {
    const [lon, lat] = site.position;
    // The county town: within 3 km of the seat (auto → UMa there).
    const dKm = Math.hypot((lon - SEAT[0]) * 93.3, (lat - SEAT[1]) * 110.9);
    const r = radioSiteOf(site, solve, params, dKm < 3);
    if (r) out.push(r);
  }
  return out;
}

/** The scene's sites as a station table gives them (for the analysis and the evaluator). */
export function benchStationSites(count = 2000): Site[] {
  const rng = createRng(SEED + 1);
  const out: Site[] = [];
  for (let i = 0; i < count; i++) {
    const near = i % 2 === 0;
    const lon = near ? SEAT[0] + rng.normal() * 0.05 : rng.uniform(BBOX[0], BBOX[2]);
    const lat = near ? SEAT[1] + rng.normal() * 0.04 : rng.uniform(BBOX[1], BBOX[3]);
    const band = pick(rng);
    const height = Math.round(rng.uniform(25, 45));
    const redcap = rng.chance(0.3);
    const omni = band === 'n28' && rng.chance(0.5);
    const az0 = rng.uniform(0, 120);
    const cells: Cell[] = (omni ? [null] : [0, 120, 240]).map((d, k) => ({
      id: `t${i}-${k}`,
      siteId: `t${i}`,
      name: null,
      operator: null,
      position: wgs84(lon, lat),
      tech: 'NR',
      band,
      redcap,
      azimuthDeg: d === null ? null : az0 + d,
      beamwidthDeg: 65,
      heightM: metres(height),
      powerDbm: null,
      env: 'auto',
      radiusM: null,
      status: 'existing',
      sourceRow: i * 3 + k + 1,
    }));
    const site: Site = {
      id: `t${i}`,
      operator: null,
      name: null,
      position: wgs84(lon, lat),
      cells,
      is5g: true,
      isRedcap: redcap,
      hasLte: false,
      status: 'existing',
    };
    out.push(site);
  }
  return out;
}
