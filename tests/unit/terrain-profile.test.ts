import { describe, expect, it } from 'vitest';
import { createLaea } from '../../src/core/grid/laea';
import { linkParams, rsrpDbm } from '../../src/core/model/link-budget';
import { effectiveEarthRadiusM, modelParams } from '../../src/core/model/params';
import { knifeEdgeLossDb, knifeEdgeNu, wavelengthM } from '../../src/core/terrain/diffraction';
import type { Elevation } from '../../src/core/terrain/elevation';
import {
  NoElevationError,
  pathProfile,
  type ProfileTransmitter,
} from '../../src/core/terrain/profile';
import { createTerrainCoverage } from '../../src/core/terrain/site-coverage';
import {
  LAT,
  LON,
  cellFromSite,
  cellSet,
  demWindow,
  gridAround,
  radio,
  site,
  threeSectors,
} from './terrain-fixtures';

const laea = createLaea(LON, LAT);
/** The WGS-84 point `east`, `north` metres from the transmitter. */
const at = (east: number, north: number) => laea.inverse(east, north);
const level: Elevation = { heightAt: () => 3000 };

const tx = (over: Partial<ProfileTransmitter> = {}): ProfileTransmitter => ({
  lon: LON,
  lat: LAT,
  heightM: 30,
  band: 'n78',
  scenario: 'rma',
  ...over,
});

describe('path profile over a smooth earth', () => {
  const p = modelParams();
  const ae = effectiveEarthRadiusM(p);

  it('sees the horizon at √(2kR·h_tx) + √(2kR·h_rx)', () => {
    const horizon = Math.sqrt(2 * ae * 30) + Math.sqrt(2 * ae * 1.5);
    expect(horizon).toBeCloseTo(27_624, -1);
    const los = (d: number) => pathProfile(tx(), at(0, d), level, p, { stepM: 20 }).lineOfSight;
    expect(los(horizon - 40)).toBe(true);
    expect(los(horizon + 40)).toBe(false);
  });

  it('gives the flat-earth link budget: no diffraction, the mast as h_BS', () => {
    for (const losCondition of ['nlos', 'los'] as const) {
      const q = modelParams({ losCondition });
      const pr = pathProfile(tx({ azimuthDeg: 40 }), at(1500, 2200), level, q);
      expect(pr.diffractionDb).toBe(0);
      expect(pr.effectiveHeightM).toBe(30);
      expect(pr.los).toBe(losCondition === 'los');
      const link = linkParams({ scenario: 'rma', band: q.bands.n78, beamwidthDeg: 65 }, 'nr', q);
      const expected = rsrpDbm(link, pr.distanceM, pr.bearingDeg - 40);
      expect(pr.rsrpDbm).toBeCloseTo(expected, 9);
      expect(pr.nr.thresholdDbm).toBe(-105);
      expect(pr.redcap.thresholdDbm).toBe(-99);
      expect(pr.obstacles).toEqual([]);
    }
  });

  it('the RedCap threshold follows the preset: +6 dB raw on TDD, +1 dB with coverage recovery', () => {
    const raw = pathProfile(tx(), at(0, 800), level, modelParams());
    const rec = pathProfile(
      tx(),
      at(0, 800),
      level,
      modelParams({ redcapPenaltyPreset: 'coverage-recovery' }),
    );
    expect(raw.redcap.thresholdDbm - raw.nr.thresholdDbm).toBe(6);
    expect(rec.redcap.thresholdDbm - rec.nr.thresholdDbm).toBe(1);
    expect(rec.rsrpDbm).toBe(raw.rsrpDbm);
  });

  it('a transmitter without elevation is an error that says so', () => {
    const none: Elevation = { heightAt: () => NaN };
    expect(() => pathProfile(tx(), at(0, 800), none, p)).toThrow(NoElevationError);
  });
});

describe('path profile over a ridge', () => {
  const p = modelParams({ losCondition: 'los' });
  const ae = effectiveEarthRadiusM(p);
  // A 30 m wall 100 m thick, 1950–2050 m east of a 60 m mast on level ground.
  const wall: Elevation = {
    heightAt(lon, lat) {
      const [x] = laea.forward(lon, lat);
      return x >= 1950 && x <= 2050 ? 3030 : 3000;
    },
  };
  const t = tx({ heightM: 60 });

  it('is dark in the geometric shadow and lit past it', () => {
    // The line from the antenna over the far corner reaches 1.5 m above ground at D:
    // 1.5 − D²/2a = 60 + s·D with s the slope to the corner, in the flat frame.
    const s = (30 - (2050 * 2050) / (2 * ae) - 60) / 2050;
    const A = 1 / (2 * ae);
    const D = (-s - Math.sqrt(s * s - 4 * A * 58.5)) / (2 * A);
    expect(D).toBeGreaterThan(4000);
    const los = (d: number) => pathProfile(t, at(d, 0), wall, p, { stepM: 5 }).lineOfSight;
    expect(los(1900)).toBe(true);
    expect(los(2200)).toBe(false);
    expect(los(D - 25)).toBe(false);
    expect(los(D + 25)).toBe(true);
  });

  it('names the wall as the dominant obstacle, with its knife-edge ν and J', () => {
    const d = 3000;
    const pr = pathProfile(t, at(d, 0), wall, p, { stepM: 5 });
    expect(pr.lineOfSight).toBe(false);
    expect(pr.los).toBe(false);
    const o = pr.obstacles[0];
    expect(o.distanceM).toBeGreaterThan(2040);
    expect(o.distanceM).toBeLessThanOrEqual(2050);
    // Height of that corner above the line between the antennas, with the earth bulge.
    const x = o.distanceM;
    const line = 3060 + ((3001.5 - 3060) * x) / d;
    const above = 3030 + (x * (d - x)) / (2 * ae) - line;
    expect(o.aboveLosM).toBeCloseTo(above, 6);
    const nu = knifeEdgeNu(above, x, d - x, wavelengthM(3.5));
    expect(o.nu).toBeCloseTo(nu, 9);
    expect(o.knifeEdgeDb).toBeCloseTo(knifeEdgeLossDb(nu), 9);
    // One edge: the Bullington edge is that corner, the diffraction J(ν) + its correction.
    expect(pr.nu).toBeCloseTo(nu, 6);
    expect(pr.bullingtonDb).toBeCloseTo(
      knifeEdgeLossDb(nu) + (1 - Math.exp(-knifeEdgeLossDb(nu) / 6)) * (10 + 0.06),
      5,
    );
    expect(pr.diffractionDb).toBeCloseTo(pr.bullingtonDb - pr.bullingtonSmoothDb, 9);
    expect(pr.diffractionDb).toBeGreaterThan(10);
  });
});

describe('the profile tool and the coverage map agree', () => {
  it('on cells whose margin is clear of the threshold', () => {
    const p = modelParams();
    const spec = gridAround(100, 0.06);
    const r = radio(site(threeSectors(20, { band: 'n28' })), p);
    const hills = demWindow(
      (e, n) =>
        3600 + 80 * Math.sin(e / 1100) * Math.cos(n / 1500) + 35 * Math.sin((e + 2 * n) / 600),
    );
    const cov = createTerrainCoverage(p, hills).site(spec, r);
    const covered = cellSet(spec, cov.nr);
    let compared = 0;
    let agreed = 0;
    for (let i = 0; i < spec.cols * spec.rows; i += 37) {
      const c = cellFromSite(spec, i);
      if (c.d < 200 || c.d > cov.reachM) continue;
      const [lon, lat] = spec.projection.inverse(
        spec.x0 + ((i % spec.cols) + 0.5) * spec.cellSize,
        spec.y0 + (Math.floor(i / spec.cols) + 0.5) * spec.cellSize,
      );
      // The best of the three sectors at this point.
      let best = -Infinity;
      for (const az of [20, 140, 260]) {
        const pr = pathProfile(
          tx({ band: 'n28', heightM: null, azimuthDeg: az }),
          [lon, lat],
          hills,
          p,
        );
        best = Math.max(best, pr.nr.marginDb);
      }
      if (Math.abs(best) < 3) continue;
      compared++;
      if (best >= 0 === covered.has(i)) agreed++;
    }
    expect(compared).toBeGreaterThan(100);
    expect(agreed / compared).toBeGreaterThan(0.97);
  });
});
