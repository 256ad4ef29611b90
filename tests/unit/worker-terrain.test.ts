// A DEM loaded in the worker's workspace reaches the analysis: the same numbers as the CLI's
// `--dem`, sites off the DEM listed, a file the raster reader refuses named.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/worker/load-dataset';
import { guessKind } from '../../src/worker/preview-kind';
import { profileOver } from '../../src/worker/profile-api';
import { runAnalysis } from '../../src/worker/run-analysis';
import { summarize } from '../../src/worker/workspace';
import { ImportError } from '../../src/io/issues';
import { PARAMS, exact, fixtureWorkspace } from './scenario-fixture';

/** A 3″ .hgt tile of constant height (the fixture's counties lie in N29E106). */
function flatTile(h: number): Blob {
  const n = 1201;
  const buf = new Uint8Array(n * n * 2);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < n * n; i++) view.setInt16(i * 2, h, false);
  return new Blob([buf]);
}

const numbers = (r: Awaited<ReturnType<typeof runAnalysis>>) =>
  exact({ counties: r.counties, totals: r.totals });

describe('a DEM in the worker', () => {
  it('guesses .hgt, .hgt.zip and .tif as DEMs', async () => {
    for (const name of ['N29E106.hgt', 'N29E106.hgt.zip', 'dem.tif', 'DEM.TIFF'])
      expect(await guessKind(new Blob(['x']), name)).toBe('dem');
  });

  it('a flat DEM under the region gives the flat numbers; one elsewhere lists every site', async () => {
    const ws = await fixtureWorkspace();
    const flat = await runAnalysis(ws, 1, PARAMS);
    expect(flat.terrain).toBeUndefined();

    const under = await loadDataset(ws, 'dem', flatTile(400), 'N29E106.hgt', {});
    expect(summarize(under)).toMatchObject({ kind: 'dem', itemCount: 1, crs: 'WGS84' });
    ws.add(under);
    const t = await runAnalysis(ws, 2, PARAMS);
    expect(numbers(t)).toBe(numbers(flat));
    expect(t.terrain).toMatchObject({ sitesWithoutDem: [], terrainSites: 0 });
    expect(t.terrain!.model).toMatch(/P\.1812/);

    ws.remove(under.id);
    ws.add(await loadDataset(ws, 'dem', flatTile(3000), 'N33E097.hgt', {}));
    const off = await runAnalysis(ws, 3, PARAMS);
    expect(numbers(off)).toBe(numbers(flat));
    expect(off.terrain!.sitesWithoutDem).toEqual(['A1', 'A2', 'A3', 'B1']);
  });

  it('the results carry the DEM’s hillshade picture over the region', async () => {
    const ws = await fixtureWorkspace();
    const n = 1201;
    const buf = new Uint8Array(n * n * 2);
    const view = new DataView(buf.buffer);
    // Hills: 400 m ± 200 m waves, so the picture is not blank.
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++)
        view.setInt16(
          (r * n + c) * 2,
          Math.round(400 + 200 * Math.sin(c / 20) * Math.cos(r / 25)),
          false,
        );
    ws.add(await loadDataset(ws, 'dem', new Blob([buf]), 'N29E106.hgt', {}));
    const pictures: { width: number; height: number; rgba: Uint8ClampedArray }[] = [];
    const r = await runAnalysis(ws, 1, PARAMS, {
      encodeImage: async (raster) => {
        pictures.push(raster);
        return `blob:test-${pictures.length}`;
      },
    });
    expect(r.hillshade).toBeDefined();
    const h = r.hillshade!;
    const shade = pictures.find((p) => p.width === h.width && p.height === h.height)!;
    expect(h.url).toBe(`blob:test-${pictures.indexOf(shade) + 1}`);
    // The window covers the counties and the model's reach around them, inside the tile.
    const [[w, n0], , [e, s]] = h.coordinates;
    expect(w).toBeGreaterThanOrEqual(106 - 1 / 2400);
    expect(e).toBeLessThanOrEqual(107 + 1 / 2400);
    expect(s).toBeLessThan(29.4);
    expect(n0).toBeGreaterThan(29.6);
    let lit = 0;
    for (let i = 3; i < shade.rgba.length; i += 4) if (shade.rgba[i] > 0) lit++;
    expect(lit).toBeGreaterThan(shade.width * shade.height * 0.5);
  });

  it('a file that is no DEM is an import error naming the reason', async () => {
    const ws = await fixtureWorkspace();
    const e = await loadDataset(
      ws,
      'dem',
      new Blob([new Uint8Array(1000)]),
      'N29E106.hgt',
      {},
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).code).toBe('raster-unreadable');
    expect((e as ImportError).message).toMatch(/^N29E106\.hgt: /);
  });
});

describe('the path profile over the workspace DEMs', () => {
  /** N33E097, 3,500 m with a 150 m ridge at 97.55°E (as tests/unit/terrain-cli-profile). */
  function ridgeTile(): Blob {
    const n = 1201;
    const buf = new Uint8Array(n * n * 2);
    const view = new DataView(buf.buffer);
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) {
        const lon = 97 + c / (n - 1);
        view.setInt16((r * n + c) * 2, Math.abs(lon - 97.55) < 0.004 ? 3650 : 3500, false);
      }
    return new Blob([buf]);
  }
  const tx = {
    lon: 97.5,
    lat: 33.5,
    heightM: 30,
    band: 'n28' as const,
    scenario: 'rma' as const,
  };

  it('says when no DEM is loaded or the path is off it; else the ridge blocks the path', async () => {
    const ws = await fixtureWorkspace();
    expect((await profileOver(ws, tx, [97.58, 33.5], PARAMS)).status).toBe('no-dem');
    ws.add(await loadDataset(ws, 'dem', ridgeTile(), 'N33E097.hgt', {}));
    const off = await profileOver(ws, { ...tx, lon: 99.5 }, [99.58, 33.5], PARAMS);
    expect(off.status).toBe('no-elevation');
    const r = await profileOver(ws, tx, [97.58, 33.5], PARAMS);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.profile.distanceM).toBeGreaterThan(7400);
    expect(r.profile.distanceM).toBeLessThan(7460);
    expect(r.profile.los).toBe(false);
    expect(r.profile.diffractionDb).toBeGreaterThan(20);
    expect(r.profile.nr.thresholdDbm).toBe(-105);
    // Along the path and beside it, the clear path carries no diffraction.
    const clear = await profileOver(ws, tx, [97.53, 33.5], PARAMS);
    expect(clear.status === 'ok' && clear.profile.diffractionDb).toBe(0);
  });
});
