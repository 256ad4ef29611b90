import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-run';

/** A 3″ SRTM tile N33E097: 3,500 m, or with a 600 m N–S ridge at 97.55°E (≈ 0.6 km wide). */
function hgtTile(ridge: boolean): Buffer {
  const n = 1201;
  const buf = Buffer.alloc(n * n * 2);
  for (let c = 0; c < n; c++) {
    const lon = 97 + c / (n - 1);
    const dKm = (lon - 97.55) * 93.3;
    const h = ridge ? Math.round(3500 + 600 * Math.exp(-((dKm / 0.3) ** 2))) : 3500;
    for (let r = 0; r < n; r++) buf.writeInt16BE(h, (r * n + c) * 2);
  }
  return buf;
}

const square = (code: string, w: number, e: number) => ({
  type: 'Feature',
  properties: { code, name: `county ${code}` },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, 33.45],
        [e, 33.45],
        [e, 33.55],
        [w, 33.55],
        [w, 33.45],
      ],
    ],
  },
});

// County A lies east of the ridge, B off the tile (98°E and beyond has no DEM here).
const AREAS = {
  type: 'FeatureCollection',
  features: [square('632701', 97.553, 97.65), square('632702', 98.0, 98.1)],
};
const STATIONS = [
  'id,site_id,operator,lon,lat,tech,band,redcap,azimuth,beamwidth,height_m',
  ...['W1,97.542,33.50', 'W2,97.542,33.47'].flatMap((s) => {
    const [id, lon, lat] = s.split(',');
    return [0, 120, 240].map(
      (az, i) => `${id}-${i},${id},中国移动,${lon},${lat},NR,n28,true,${az},65,40`,
    );
  }),
  'X-0,X,中国移动,98.05,33.5,NR,n28,true,,,40',
].join('\n');

const cli = runCli;

describe('sailplan analyze --dem', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-terrain-'));
    await mkdir(path.join(dir, 'ridge'));
    await mkdir(path.join(dir, 'flat'));
    await writeFile(path.join(dir, 'ridge', 'N33E097.hgt'), hgtTile(true));
    await writeFile(path.join(dir, 'flat', 'N33E097.hgt'), hgtTile(false));
    await writeFile(path.join(dir, 'areas.geojson'), JSON.stringify(AREAS));
    await writeFile(path.join(dir, 'stations.csv'), STATIONS);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const base = [
    'analyze',
    '--areas',
    'areas.geojson',
    '--stations',
    'stations.csv',
    '--cell-size',
    '200',
  ];
  const analyze = async (...more: string[]) => {
    const r = await cli([...base, ...more], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('a ridge lowers the coverage behind it; the report records the DEM and the sites without it', async () => {
    const flat = await analyze();
    const t = await analyze('--dem', 'ridge');
    const nr = (j: { areas: { coverage: { nr: { area_pct: number } } }[] }) =>
      j.areas[0].coverage.nr.area_pct;
    expect(nr(flat)).toBeGreaterThan(5);
    expect(nr(t)).toBeLessThan(nr(flat) / 2);
    expect(flat.params.terrain).toBeUndefined();
    expect(flat.inputs.sites_without_dem).toBeUndefined();
    expect(t.params.terrain.model).toMatch(/P\.1812 delta-Bullington/);
    expect(t.params.terrain.k_factor).toBeCloseTo(4 / 3, 12);
    expect(t.params.terrain.dem.files).toEqual([path.join('ridge', 'N33E097.hgt')]);
    expect(t.params.terrain.dem.format).toMatch(/hgt/);
    expect(t.params.terrain.dem.resolution_m).toBeGreaterThan(70);
    expect(t.params.terrain.dem.resolution_m).toBeLessThan(95);
    const [w, s, e, n] = t.params.terrain.dem.extent;
    expect(w).toBeCloseTo(97, 3);
    expect(s).toBeCloseTo(33, 3);
    expect(e).toBeCloseTo(98, 3);
    expect(n).toBeCloseTo(34, 3);
    expect(t.inputs.sites_without_dem).toEqual({ count: 1, ids: ['X'] });
    // County B's only site is off the DEM: flat earth, the same numbers.
    expect(t.areas[1]).toEqual(flat.areas[1]);
  });

  it('a flat DEM gives the numbers of no DEM', async () => {
    const flat = await analyze();
    const t = await analyze('--dem', path.join('flat', 'N33E097.hgt'));
    expect(t.areas).toEqual(flat.areas);
    expect(t.totals).toEqual(flat.totals);
    expect(t.rollups).toEqual(flat.rollups);
    expect(t.inputs.sites_without_dem.ids).toEqual(['X']);
  });

  it('refuses --threads with --dem, and names an unreadable DEM', async () => {
    const a = await cli([...base, '--dem', 'ridge', '--threads', '2'], dir);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--threads does not combine with --dem/);
    await writeFile(path.join(dir, 'N33E097.hgt'), Buffer.alloc(100));
    const b = await cli([...base, '--dem', 'N33E097.hgt'], dir);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/cannot use --dem: N33E097\.hgt/);
    expect(b.stderr).not.toMatch(/at .*\.ts/);
  });

  it('report --dem writes the DEM line into the HTML data sources', async () => {
    const argv = ['report', ...base.slice(1), '--dem', 'ridge', '--lang', 'en', '--out', 'r.html'];
    const r = await cli(argv, dir);
    expect(r.code).toBe(0);
    const html = await readFile(path.join(dir, 'r.html'), 'utf8');
    expect(html).toMatch(/Terrain: ridge.N33E097\.hgt/);
    expect(html).toMatch(/1 sites have no elevation under them/);
  });
});
