import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../src/core/crs';
import { BAND_PRESETS } from '../../src/core/model/bands';
import {
  createFootprintSolver,
  overrideFootprint,
  sectorRadii,
} from '../../src/core/model/cell-coverage';
import {
  FOOTPRINT_BINS,
  footprintBin,
  footprintMaxRadius,
  footprintRadiusAt,
  wedgeRadii,
} from '../../src/core/model/footprint';
import type { CellFootprint } from '../../src/core/model/footprint';
import { linkParams, rsrpDbm, solveCoverageDistance } from '../../src/core/model/link-budget';
import { modelParams } from '../../src/core/model/params';
import type { Cell } from '../../src/core/station';
import { metres } from '../../src/core/units';

function cell(over: Partial<Cell> = {}): Cell {
  return {
    id: 'c1',
    siteId: 's1',
    name: null,
    operator: '中国移动',
    position: wgs84(116.4, 39.9),
    tech: 'NR',
    band: 'n78',
    redcap: false,
    azimuthDeg: 120,
    beamwidthDeg: 65,
    heightM: null,
    powerDbm: null,
    env: 'auto',
    radiusM: null,
    status: 'existing',
    sourceRow: 1,
    ...over,
  };
}

function sector(fp: CellFootprint | null): Extract<CellFootprint, { kind: 'sector' }> {
  if (!fp || fp.kind !== 'sector') throw new Error(`expected a sector, got ${fp?.kind}`);
  return fp;
}

describe('footprint helpers', () => {
  it('bins are offsets from the boresight, rounded to the nearest degree', () => {
    expect(footprintBin(0)).toBe(0);
    expect(footprintBin(0.49)).toBe(0);
    expect(footprintBin(0.51)).toBe(1);
    expect(footprintBin(-1)).toBe(359);
    expect(footprintBin(359.6)).toBe(0);
    expect(footprintBin(-721)).toBe(359);
  });

  it('radius towards an absolute bearing and the maximum radius', () => {
    const radii = new Float32Array(FOOTPRINT_BINS);
    radii[0] = 500;
    radii[10] = 300;
    const fp: CellFootprint = { kind: 'sector', azimuthDeg: 90, beamwidthDeg: 65, radii };
    expect(footprintRadiusAt(fp, 90)).toBe(500);
    expect(footprintRadiusAt(fp, 100)).toBe(300);
    expect(footprintRadiusAt(fp, 270)).toBe(0);
    expect(footprintMaxRadius(fp)).toBe(500);
    const disc: CellFootprint = { kind: 'disc', radiusM: metres(750) };
    expect(footprintRadiusAt(disc, 123)).toBe(750);
    expect(footprintMaxRadius(disc)).toBe(750);
  });
});

describe('sector radii from the link budget', () => {
  const p = modelParams();
  const link = linkParams({ scenario: 'uma', band: BAND_PRESETS.n78 }, 'nr', p);
  const radii = sectorRadii(link);

  it('maximal at the boresight, symmetric, non-increasing towards the back', () => {
    expect(radii.length).toBe(360);
    expect(radii[0]).toBeCloseTo(solveCoverageDistance(link, 0), 2);
    for (let i = 1; i < 360; i++) expect(radii[i]).toBeLessThanOrEqual(radii[0]);
    for (let i = 1; i < 180; i++) expect(radii[360 - i]).toBe(radii[i]);
    for (let i = 1; i <= 180; i++) expect(radii[i]).toBeLessThanOrEqual(radii[i - 1]);
  });

  it('each bin is the solved distance at its angle; the back lobe sits at −30 dB', () => {
    expect(Math.abs(rsrpDbm(link, radii[30], 30) - link.thresholdDbm)).toBeLessThan(0.01);
    expect(radii[180]).toBeGreaterThan(0);
    expect(Math.abs(rsrpDbm(link, radii[180], 180) - link.thresholdDbm)).toBeLessThan(0.01);
    expect(rsrpDbm(link, radii[180], 180)).toBeCloseTo(rsrpDbm(link, radii[180], 0) - 30, 9);
    expect(radii[120]).toBe(radii[180]);
  });
});

describe('radius_m override', () => {
  it('without azimuth: a disc', () => {
    expect(overrideFootprint(metres(2000), null, 65)).toEqual({ kind: 'disc', radiusM: 2000 });
    expect(overrideFootprint(metres(2000), 30, 360)).toEqual({ kind: 'disc', radiusM: 2000 });
  });

  it('with azimuth: an exact wedge of ±beamwidth/2, zero outside', () => {
    const fp = overrideFootprint(metres(800), 45, 60);
    expect(fp).toEqual({ kind: 'wedge', azimuthDeg: 45, beamwidthDeg: 60, radiusM: 800 });
    expect(footprintRadiusAt(fp, 45 + 30)).toBe(800);
    expect(footprintRadiusAt(fp, 45 - 30)).toBe(800);
    expect(footprintRadiusAt(fp, 45 + 30.5)).toBe(0);
    expect(footprintRadiusAt(fp, 45 - 30.5)).toBe(0);
    expect(footprintRadiusAt(fp, 45 + 180)).toBe(0);
    expect(footprintRadiusAt(fp, 45 + 360 + 29)).toBe(800);
    expect(footprintMaxRadius(fp)).toBe(800);
  });

  it('as 1° bins for unions with model sectors: the bins whose centres are within ±beamwidth/2', () => {
    const radii = wedgeRadii(60, 800);
    for (let i = 0; i < 360; i++) {
      const offset = i <= 180 ? i : i - 360;
      expect(radii[i]).toBe(Math.abs(offset) <= 30 ? 800 : 0);
    }
  });
});

describe('createFootprintSolver', () => {
  const p = modelParams();

  it('non-NR cells have no NR coverage', () => {
    const solve = createFootprintSolver(p);
    expect(solve(cell({ tech: 'LTE', band: 'B3' }), 'uma')).toBeNull();
    expect(solve(cell({ tech: 'GSM', band: null }), 'rma')).toBeNull();
  });

  it('a sector cell: NR sector, RedCap only when enabled and smaller', () => {
    const solve = createFootprintSolver(p);
    const plain = solve(cell(), 'uma');
    expect(plain).not.toBeNull();
    expect(sector(plain!.nr).azimuthDeg).toBe(120);
    expect(plain!.redcap).toBeNull();
    expect(plain!.redcapRadiusM).toBeNull();
    const rc = solve(cell({ redcap: true }), 'uma')!;
    const nrRadii = sector(rc.nr).radii;
    const rcRadii = sector(rc.redcap).radii;
    for (let i = 0; i < 360; i++) expect(rcRadii[i]).toBeLessThan(nrRadii[i]);
    expect(rc.redcapRadiusM!).toBeLessThan(rc.nrRadiusM);
    expect(rc.nrRadiusM).toBeCloseTo(nrRadii[0], 6);
    expect(rc.overridden).toBe(false);
    expect(rc.bandAssumed).toBe(false);
  });

  it('an omni cell (no azimuth) is a disc of the boresight radius', () => {
    const solve = createFootprintSolver(p);
    const omni = solve(cell({ azimuthDeg: null }), 'uma')!;
    const sec = solve(cell(), 'uma')!;
    expect(omni.nr.kind).toBe('disc');
    expect(omni.nrRadiusM).toBeCloseTo(sec.nrRadiusM, 2);
  });

  it('cells with the same parameters share one solution; different ones do not', () => {
    const solve = createFootprintSolver(p);
    const a = sector(solve(cell({ id: 'a', azimuthDeg: 0 }), 'uma')!.nr);
    const b = sector(solve(cell({ id: 'b', azimuthDeg: 240 }), 'uma')!.nr);
    expect(a.radii).toBe(b.radii);
    expect(a.azimuthDeg).toBe(0);
    expect(b.azimuthDeg).toBe(240);
    const tall = sector(solve(cell({ heightM: metres(45) }), 'uma')!.nr);
    expect(tall.radii).not.toBe(a.radii);
    const rural = solve(cell(), 'rma')!;
    expect(rural.nrRadiusM).toBeGreaterThan(solve(cell(), 'uma')!.nrRadiusM);
  });

  it('a missing band is assumed from the operator, else the default band', () => {
    const solve = createFootprintSolver(p);
    expect(solve(cell({ band: null, operator: '中国移动' }), 'uma')!.band).toBe('n41');
    expect(solve(cell({ band: 'n77', operator: '中国电信' }), 'uma')!.band).toBe('n78');
    expect(solve(cell({ band: null, operator: '中国广电' }), 'uma')!.band).toBe('n28');
    const unknown = solve(cell({ band: null, operator: null }), 'uma')!;
    expect(unknown.band).toBe('n78');
    expect(unknown.bandAssumed).toBe(true);
    expect(unknown.notes.join()).toMatch(/no preset: n78 assumed/);
  });

  it('radius_m overrides the model, for NR and RedCap alike', () => {
    const solve = createFootprintSolver(p);
    const disc = solve(cell({ radiusM: metres(2000), azimuthDeg: null, redcap: true }), 'uma')!;
    expect(disc.nr).toEqual({ kind: 'disc', radiusM: 2000 });
    expect(disc.redcap).toEqual({ kind: 'disc', radiusM: 2000 });
    expect(disc.overridden).toBe(true);
    const wedge = solve(cell({ radiusM: metres(500), azimuthDeg: 90, beamwidthDeg: 90 }), 'rma')!;
    expect(wedge.nr).toEqual({ kind: 'wedge', azimuthDeg: 90, beamwidthDeg: 90, radiusM: 500 });
    expect(wedge.redcap).toBeNull();
  });

  it('reports validity notes: UMa at 30 m is off the nominal 25 m', () => {
    const solve = createFootprintSolver(p);
    const c = solve(cell(), 'uma')!;
    expect(c.valid).toBe(true);
    expect(c.notes.join()).toMatch(/nominal 25 m/);
  });

  it('radii beyond the validity range are flagged', () => {
    const solve = createFootprintSolver(p);
    const c = solve(cell({ band: 'n28', powerDbm: 80 }), 'uma')!;
    expect(c.nrRadiusM).toBeGreaterThan(5000);
    expect(c.valid).toBe(false);
    expect(c.notes.join()).toMatch(/extrapolated/);
  });
});
