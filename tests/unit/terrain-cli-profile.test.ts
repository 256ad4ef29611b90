import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileCommand } from '../../src/cli/profile';
import { loadDemWindow } from '../../src/cli/raster-files';
import type { ElevationWindow } from '../../src/core/terrain/elevation';
import { runCli } from './support/cli-run';

/** A 3″ SRTM tile N33E097 in memory: level 3500 m with a 150 m N–S ridge at 97.55°E. */
function hgtTile(): Buffer {
  const n = 1201;
  const buf = Buffer.alloc(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const lon = 97 + c / (n - 1);
      const void_ = r === 600 && c === 700;
      buf.writeInt16BE(
        void_ ? -32768 : Math.abs(lon - 97.55) < 0.004 ? 3650 : 3500,
        (r * n + c) * 2,
      );
    }
  }
  return buf;
}

const cli = runCli;

describe('sailplan profile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-profile-'));
    await writeFile(path.join(dir, 'N33E097.hgt'), hgtTile());
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const across = ['--from', '97.5,33.5', '--height', '30', '--to', '97.58,33.5'];

  it('prints the profile numbers as JSON: a ridge blocks the path', async () => {
    const r = await cli(['profile', '--dem', 'N33E097.hgt', ...across, '--band', 'n28'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe('sailplan.profile/1');
    expect(j.distance_m).toBeGreaterThan(7400);
    expect(j.distance_m).toBeLessThan(7460);
    expect(j.los).toBe(false);
    expect(j.line_of_sight).toBe(false);
    expect(j.diffraction_db).toBeGreaterThan(20);
    expect(j.path_loss_db).toBeGreaterThan(150);
    expect(typeof j.rsrp_dbm).toBe('number');
    expect(j.nr_threshold_dbm).toBe(-105);
    expect(j.redcap_threshold_dbm).toBe(-102);
    expect(j.nr_covered).toBe(j.rsrp_dbm >= -105);
    expect(j.obstacles.length).toBeGreaterThan(0);
    // The ridge (97.546–97.554°E) is the dominant obstacle.
    expect(j.obstacles[0].lon).toBeGreaterThan(97.545);
    expect(j.obstacles[0].lon).toBeLessThan(97.555);
    expect(j.obstacles[0].ground_m).toBe(3650);
    expect(j.dem.format).toBe('SRTM .hgt');
    expect(j.dem.resolutionArcSec).toBeCloseTo(3, 9);
    expect(j.samples).toBeUndefined();
  });

  it('a clear path, with samples', async () => {
    const r = await cli(
      [
        'profile',
        '--dem',
        'N33E097.hgt',
        '--from',
        '97.5,33.5',
        '--height',
        '30',
        '--to',
        '97.52,33.49',
        '--samples',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.line_of_sight).toBe(true);
    expect(j.diffraction_db).toBe(0);
    expect(j.effective_height_m).toBe(30);
    expect(j.samples.length).toBeGreaterThan(15);
    expect(j.samples[0]).toMatchObject({ distance_m: 0, ground_m: 3500 });
  });

  it('reads the DEM through its loader: an in-memory DEM gives the same numbers', async () => {
    const bbox = [97.49, 33.49, 97.59, 33.51] as const;
    const fromFile = await loadDemWindow('N33E097.hgt', dir, bbox);
    const window: ElevationWindow = fromFile.window;
    let stdout = '';
    const code = await profileCommand(
      ['--dem', 'memory', ...across, '--band', 'n28'],
      { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: dir },
      { loadDem: async () => ({ window, description: fromFile.description }) },
    );
    expect(code).toBe(0);
    const viaFile = JSON.parse(
      (await cli(['profile', '--dem', 'N33E097.hgt', ...across, '--band', 'n28'], dir)).stdout,
    );
    expect(JSON.parse(stdout)).toEqual(viaFile);
  });

  it('reads only the rows a path needs, voids as no data', async () => {
    const w = (await loadDemWindow('N33E097.hgt', dir, [97.57, 33.49, 97.6, 33.51])).window;
    expect(w.georef.height).toBeLessThan(40);
    expect(w.georef.width).toBeLessThan(45);
    const r0 = Math.round((33 + 1 + 1 / 2400 - w.georef.north) * 1200);
    const c0 = Math.round((w.georef.west - (97 - 1 / 2400)) * 1200);
    expect(Number.isNaN(w.data[(600 - r0) * w.georef.width + (700 - c0)])).toBe(true);
  });

  it('bad input: a usage message, or the file and the reason', async () => {
    const noHeight = await cli(
      ['profile', '--dem', 'N33E097.hgt', '--from', '97.5,33.5', '--to', '97.6,33.5'],
      dir,
    );
    expect(noHeight.code).toBe(2);
    expect(noHeight.stderr).toMatch(/--height M is required/);
    const badLonLat = await cli(
      [
        'profile',
        '--dem',
        'N33E097.hgt',
        '--from',
        '97.5;33.5',
        '--height',
        '30',
        '--to',
        '97.6,33.5',
      ],
      dir,
    );
    expect(badLonLat.code).toBe(2);
    expect(badLonLat.stderr).toMatch(/--from "97.5;33.5" is not LON,LAT/);
    const badBand = await cli(['profile', '--dem', 'N33E097.hgt', ...across, '--band', 'n77'], dir);
    expect(badBand.code).toBe(2);
    expect(badBand.stderr).toMatch(/--band "n77" has no preset/);
    const missing = await cli(['profile', '--dem', 'N34E097.hgt', ...across], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/N34E097\.hgt: file not found/);
    const elsewhere = await cli(
      [
        'profile',
        '--dem',
        'N33E097.hgt',
        '--from',
        '99.5,33.5',
        '--height',
        '30',
        '--to',
        '99.6,33.5',
      ],
      dir,
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/does not cover the path/);
    const help = await cli(['profile', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: sailplan profile --dem PATH/);
  });
});
