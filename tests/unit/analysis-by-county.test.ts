import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { area as turfArea } from '@turf/turf';
import type { Area } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { analyzeAreas, type AreaResult } from '../../src/core/analysis/analyze';
import { analyzeByCounty } from '../../src/core/analysis/by-county';
import { analysisParams } from '../../src/core/analysis/params';
import { siteTableFromSites, SITE_5G } from '../../src/core/analysis/site-table';
import type { Site } from '../../src/core/station';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importPopulation } from '../../src/io/population-csv';
import { joinPopulation } from '../../src/io/population-join';
import { importStations } from '../../src/io/import-stations';
import { analyzeByCountyThreaded } from '../../src/cli/analyze-threads';
import { run } from '../../src/cli/main';
import { createLaea } from '../../src/core/grid/laea';
import { createGrid, gridSpecForBox } from '../../src/core/grid/grid';
import { setUniformPopulation } from '../../src/core/grid/weights';
import { createTotals } from '../../src/core/grid/metrics';
import { addSites, createCoverage, type SiteFootprints } from '../../src/core/grid/stamp';
import { stampSitesOnce } from '../../src/core/grid/stamp-batch';
import { overrideFootprint } from '../../src/core/model/cell-coverage';
import { createRng } from '../../src/core/random';
import { metres } from '../../src/core/units';

const geo = (name: string) =>
  new Blob([readFileSync(new URL(`../../geo/${name}`, import.meta.url))]);

async function demo(): Promise<{ areas: Area[]; sites: Site[] }> {
  const b = await importBoundaries(geo('yushu-counties.geojson'), 'yushu-counties.geojson');
  const pop = await importPopulation(geo('yushu-population.csv'), 'yushu-population.csv');
  const s = await importStations(geo('yushu-stations.csv'), 'yushu-stations.csv');
  return { areas: joinPopulation(b.areas, pop.rows, 'yushu-population.csv').areas, sites: s.sites };
}

/** The rows without the per-county timings (which differ from run to run). */
const rowsOf = (r: { counties: { result: AreaResult; totals: unknown }[] }) =>
  JSON.stringify(r.counties.map((c) => [c.result, c.totals]));

describe('analyzeByCounty', () => {
  let areas: Area[];
  let sites: Site[];
  beforeAll(async () => {
    ({ areas, sites } = await demo());
  });

  // Each county's grid has its own projection centre and origin, so the cells along its
  // border are not those of the shared grid of analyzeAreas: a border strip of about
  // half a cell (50 m) changes sides. Over the demo's counties (12,000–80,000 km²) that
  // moves area percentages by < 1% of their value and population percentages (the
  // population sits in the small seat discs, where the strip weighs most) by < 0.3
  // points; gap areas by < 0.05%, gap counts by two (slivers along the border). Counts,
  // populations, polygon areas, notes and the county-town checks (their own grids,
  // centred on the seat in both) are exact.
  it('equals analyzeAreas on the Yushu demo at 100 m', () => {
    const params = analysisParams({ cellSizeM: 100 });
    const one = analyzeAreas(areas, sites, params);
    const table = siteTableFromSites(sites, params, areas);
    const by = analyzeByCounty(areas, table, params);
    expect(by.areas).toHaveLength(one.areas.length);
    expect(by.notes).toEqual(one.notes);
    const pct = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.01 * b + 1e-3);
    one.areas.forEach((a, i) => {
      const b = by.areas[i];
      for (const k of [
        'code',
        'name',
        'level',
        'parent',
        'population',
        'areaKm2',
        'sites5g',
        'sitesRedcap',
        'sitesPer10k',
        'sitesNeeded',
        'townZone',
      ] as const)
        expect(b[k], `${a.name} ${k}`).toEqual(a[k]);
      for (const layer of ['nr', 'redcap'] as const) {
        pct(b.coverage[layer].areaPct, a.coverage[layer].areaPct);
        expect(Math.abs(b.coverage[layer].popPct - a.coverage[layer].popPct)).toBeLessThan(0.3);
      }
      expect(Math.abs(b.gaps.totalKm2 - a.gaps.totalKm2)).toBeLessThan(5e-4 * a.gaps.totalKm2);
      expect(Math.abs(b.gaps.count - a.gaps.count)).toBeLessThanOrEqual(2);
      expect(Math.abs(b.gaps.popUncovered - a.gaps.popUncovered)).toBeLessThan(
        0.01 * (a.population ?? 0),
      );
    });
    expect(by.totals.sites5g).toBe(one.totals.sites5g);
    expect(by.totals.sitesNeeded).toBe(one.totals.sitesNeeded);
    pct(by.totals.coverage.nr.areaPct, one.totals.coverage.nr.areaPct);
  });

  it('gives the same rows over 2 threads as on this thread, every time', async () => {
    const params = analysisParams({ cellSizeM: 250 });
    const table = siteTableFromSites(sites, params, areas);
    const single = analyzeByCounty(areas, table, params);
    const a = await analyzeByCountyThreaded(areas, table, params, { threads: 2 });
    const b = await analyzeByCountyThreaded(areas, table, params, { threads: 2 });
    expect(rowsOf(a)).toBe(rowsOf(single));
    expect(rowsOf(b)).toBe(rowsOf(a));
    expect(JSON.stringify(a.totals)).toBe(JSON.stringify(single.totals));
    expect(a.notes).toEqual(single.notes);
  });

  it('counts a site on a shared border once, and a site outside every county nowhere', () => {
    const square = (code: string, lon0: number): Area => {
      const geometry: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [lon0, 30],
            [lon0 + 0.1, 30],
            [lon0 + 0.1, 30.1],
            [lon0, 30.1],
            [lon0, 30],
          ],
        ],
      };
      return {
        code,
        name: code,
        level: 'county',
        parent: null,
        kind: null,
        geometry,
        areaKm2: turfArea(geometry) / 1e6,
        seat: wgs84(lon0 + 0.05, 30.05),
        population: { total: 10_000, urban: null, rural: null, source: 'test' },
      };
    };
    const two = [square('500101', 100), square('500102', 100.1)];
    const params = analysisParams({ cellSizeM: 250 });
    const table = siteTableFromSites([], params, two);
    const t = { ...table, count: 3 };
    t.lon = Float64Array.of(100.1, 100.05, 101);
    t.lat = Float64Array.of(30.05, 30.05, 30.05);
    t.kind = Int32Array.of(-1, -1, -1);
    t.flags = Uint8Array.of(SITE_5G, SITE_5G, SITE_5G);
    const r = analyzeByCounty(two, t, params);
    expect(r.areas.map((a) => a.sites5g)).toEqual([1, 1]);
    expect(r.totals.sites5g).toBe(2);
  });
});

describe('stampSitesOnce', () => {
  it('gives the counts and totals of addSites, bit for bit', () => {
    const projection = createLaea(100, 30);
    const spec = gridSpecForBox(projection, [-20_000, -15_000, 20_000, 15_000], metres(250));
    const make = () => {
      const grid = createGrid(spec, 2);
      for (let i = 0; i < grid.label.length; i++)
        grid.label[i] = (i % spec.cols) * 2 < spec.cols ? 1 : 2;
      setUniformPopulation(grid, [123_456, 7_890]);
      return grid;
    };
    const rng = createRng(7);
    const sites: SiteFootprints[] = [];
    for (let i = 0; i < 500; i++) {
      const [lon, lat] = projection.inverse(
        rng.uniform(-22_000, 22_000),
        rng.uniform(-17_000, 17_000),
      );
      const r = metres(rng.uniform(300, 3000));
      const az = rng.uniform(0, 120);
      const nr = rng.chance(0.5)
        ? [overrideFootprint(r, null, 360)]
        : [0, 120, 240].map((d) => overrideFootprint(r, az + d, 65));
      sites.push({ id: `s${i}`, lon, lat, nr, redcap: rng.chance(0.4) ? nr : [] });
    }
    const a = make();
    const cov = createCoverage(a, 2);
    addSites(cov, sites);
    const b = make();
    const t = createTotals(b, 2);
    stampSitesOnce(b, t, sites);
    expect(b.nr).toEqual(a.nr);
    expect(b.redcap).toEqual(a.redcap);
    expect(t).toEqual(cov.totals);
  });
});

describe('sailplan analyze --threads', () => {
  const cli = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      cwd: process.cwd(),
    });
    return { code, stdout, stderr };
  };
  const body = (json: string) => ({ ...JSON.parse(json), generated: null });

  it('reports the same over 1 and 2 threads', async () => {
    const one = await cli(['analyze', '--demo', '--cell-size', '250', '--threads', '1']);
    const two = await cli(['analyze', '--demo', '--cell-size', '250', '--threads', '2']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(body(two.stdout)).toEqual(body(one.stdout));
    expect(body(two.stdout).areas.map((a: { sites_5g: number }) => a.sites_5g)).toEqual([
      179, 91, 89, 33, 125, 47,
    ]);
  });

  it('rejects a bad thread count', async () => {
    const r = await cli(['analyze', '--demo', '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threads must be a whole number from 1 to 64');
  });
});
