import { describe, expect, it } from 'vitest';
import {
  BAND_PRESETS,
  bandForOperator,
  isPresetBand,
  nPrbFor,
  presetNPrb,
} from '../../src/core/model/bands';
import {
  DEFAULT_MODEL_PARAMS,
  describeParams,
  modelParams,
  validateModelParams,
} from '../../src/core/model/params';
import { NR_BANDS } from '../../src/core/station';

describe('band presets', () => {
  it('N_RB from TS 38.101-1 Table 5.3.2-1', () => {
    expect(nPrbFor(100, 30)).toBe(273);
    expect(nPrbFor(20, 15)).toBe(106);
    expect(nPrbFor(30, 15)).toBe(160);
    expect(nPrbFor(40, 30)).toBe(106);
    expect(nPrbFor(100, 15)).toBeNull();
    expect(presetNPrb(BAND_PRESETS.n78)).toEqual({ nPrb: 273, tabulated: true });
    expect(presetNPrb(BAND_PRESETS.n28)).toEqual({ nPrb: 160, tabulated: true });
    // 100 MHz at 15 kHz is not tabulated: 90% of 100 MHz / 180 kHz = 500 RBs.
    expect(presetNPrb({ bandwidthMHz: 100, scsKHz: 15 })).toEqual({ nPrb: 500, tabulated: false });
  });

  it('duplex and RedCap penalty: 6 dB on TDD, 3 dB on FDD', () => {
    for (const b of NR_BANDS) {
      const p = BAND_PRESETS[b];
      expect(p.band).toBe(b);
      expect(p.redcapPenaltyDb).toBe(p.duplex === 'TDD' ? 6 : 3);
      expect(p.source).toMatch(/38\.101-1/);
      expect(p.source).toMatch(/engineering assumption/);
    }
    expect(BAND_PRESETS.n41.duplex).toBe('TDD');
    expect(BAND_PRESETS.n1.duplex).toBe('FDD');
  });

  it('band assumed from the operator', () => {
    expect(bandForOperator('中国移动')).toBe('n41');
    expect(bandForOperator('China Mobile')).toBe('n41');
    expect(bandForOperator('中国联通')).toBe('n78');
    expect(bandForOperator('CT')).toBe('n78');
    expect(bandForOperator('中国广电')).toBe('n28');
    expect(bandForOperator('某公司')).toBeNull();
    expect(bandForOperator(null)).toBeNull();
    expect(isPresetBand('n78')).toBe(true);
    expect(isPresetBand('n77')).toBe(false);
    expect(isPresetBand('toString')).toBe(false);
    expect(isPresetBand(null)).toBe(false);
  });
});

describe('model parameters', () => {
  it('defaults follow DESIGN.md', () => {
    expect(DEFAULT_MODEL_PARAMS.nrThresholdDbm).toBe(-105);
    expect(DEFAULT_MODEL_PARAMS.cellEdgeProbability).toBe(0.9);
    expect(DEFAULT_MODEL_PARAMS.shadowingSigmaDb.rma.nlos).toBe(8);
    expect(DEFAULT_MODEL_PARAMS.shadowingSigmaDb.uma.nlos).toBe(6);
    expect(DEFAULT_MODEL_PARAMS.shadowingSigmaDb.umi.nlos).toBe(7.82);
    expect(validateModelParams(modelParams())).toEqual([]);
  });

  it('the defaults are frozen; modelParams gives an editable deep copy', () => {
    expect(Object.isFrozen(DEFAULT_MODEL_PARAMS.bands.n78)).toBe(true);
    const p = modelParams({ indoor: true });
    p.bands.n78.powerDbm = 40;
    p.shadowingSigmaDb.uma.nlos = 7;
    expect(p.indoor).toBe(true);
    expect(DEFAULT_MODEL_PARAMS.bands.n78.powerDbm).toBe(53);
    expect(DEFAULT_MODEL_PARAMS.shadowingSigmaDb.uma.nlos).toBe(6);
  });

  it('describeParams lists every parameter with a unit and a source', () => {
    const rows = describeParams();
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of Object.keys(DEFAULT_MODEL_PARAMS)) {
      expect(keys.some((x) => x === k || x.startsWith(`${k}.`))).toBe(true);
    }
    for (const r of rows) expect(r.source.length).toBeGreaterThan(10);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('nrThresholdDbm')).toMatchObject({ value: -105, unit: 'dBm' });
    expect(byKey.get('bands.n78.nPrb')).toMatchObject({ value: 273, unit: 'RB' });
    expect(byKey.get('bands.n41.redcapPenaltyDb')).toMatchObject({ value: 6, unit: 'dB' });
    expect(byKey.get('shadowingSigmaDb.umi.nlos')).toMatchObject({ value: 7.82, unit: 'dB' });
    const edited = modelParams({ nrThresholdDbm: -110 });
    expect(describeParams(edited).find((r) => r.key === 'nrThresholdDbm')!.value).toBe(-110);
  });

  it('validateModelParams names each bad parameter', () => {
    const p = modelParams({ cellEdgeProbability: 1, maxRadiusM: 0 });
    p.bands.n1.scsKHz = 20;
    p.shadowingSigmaDb.rma.nlos = -1;
    const errors = validateModelParams(p);
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/cellEdgeProbability/);
    expect(errors.join('\n')).toMatch(/maxRadiusM/);
    expect(errors.join('\n')).toMatch(/bands\.n1\.scsKHz/);
    expect(errors.join('\n')).toMatch(/shadowingSigmaDb\.rma\.nlos/);
  });
});
