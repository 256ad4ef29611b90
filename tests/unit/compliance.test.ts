import { describe, expect, it } from 'vitest';
import type { AreaResult, TownZoneResult } from '../../src/core/analysis/analyze';
import {
  buildCompliance,
  childrenOf,
  failuresOnly,
  rankRows,
  townshipsMostUncovered,
  townsMostUncovered,
  type ComplianceRow,
} from '../../src/core/analysis/compliance';
import { analysisParams } from '../../src/core/analysis/params';
import { createLaea } from '../../src/core/grid/laea';
import { sitesNeeded, sitesPer10k } from '../../src/core/per10k';
import { demoRun } from './export-demo';

const params = analysisParams();

function result(
  code: string,
  name: string,
  population: number | null,
  sites5g: number,
  townZone: TownZoneResult | null = null,
  popUncovered = 0,
): AreaResult {
  const township = code.length === 9;
  return {
    code,
    name,
    level: township ? 'township' : 'county',
    parent: township ? code.slice(0, 6) : null,
    population,
    areaKm2: 100,
    sites5g,
    sitesRedcap: 0,
    sitesPer10k: sitesPer10k(sites5g, population),
    targetPer10k: 38,
    sitesNeeded: sitesNeeded(sites5g, population, 38),
    coverage: {
      nr: { areaKm2: 50, areaPct: 50, popPct: 60, population: 0 },
      redcap: { areaKm2: 10, areaPct: 10, popPct: 20, population: 0 },
    },
    gaps: { count: 1, totalKm2: 50, largestKm2: 40, popUncovered },
    townZone,
    gridKm2: 100,
    gridPopulation: population ?? 0,
  };
}

const zone = (pct: number, gap: number): TownZoneResult => ({
  areaKm2: 20,
  redcapAreaPct: pct,
  largestGapKm2: gap,
  continuous: pct >= 95 && gap <= 0.25,
});

// A: meets per-10k, continuous town, but one township has no 5G site.
// B: 5 sites short, town covered 90% only. C: unknown population, town with a 0.5 km² gap.
// D: meets per-10k, no town zone.
const counties = [
  result('632701', 'A县', 10_000, 38, zone(99, 0.1), 1000),
  result('632702', 'B县', 10_000, 33, zone(90, 0.1), 3000),
  result('632801', 'C县', null, 5, zone(97, 0.5), 200),
  result('632802', 'D县', 1_000, 10, null, 50),
];
const townships = [
  result('632701001', '甲乡', 4_000, 0, null, 500),
  result('632701002', '乙街道', 6_000, 38, null, 10),
];
const towns = new Map([
  ['632702', { largestGapAt: [97.1, 33.2] as [number, number], uncoveredPopulation: 1200 }],
  ['632801', { largestGapAt: [96.5, 32.9] as [number, number], uncoveredPopulation: 300 }],
]);

describe('compliance checklist', () => {
  const c = buildCompliance({ params, counties, townships, towns });
  const row = (code: string): ComplianceRow => c.rows.find((r) => r.code === code)!;

  it('lists provinces, prefectures, counties and their townships in tree order', () => {
    expect(c.rows.map((r) => `${r.level}:${r.code}`)).toEqual([
      'province:630000',
      'prefecture:632700',
      'county:632701',
      'township:632701001',
      'township:632701002',
      'county:632702',
      'prefecture:632800',
      'county:632801',
      'county:632802',
    ]);
    expect(childrenOf(c.rows, '632700').map((r) => r.code)).toEqual(['632701', '632702']);
    expect(childrenOf(c.rows, '632701').map((r) => r.code)).toEqual(['632701001', '632701002']);
    expect(c.rules).toMatchObject({
      targetPer10k: 38,
      continuityMinAreaPct: 95,
      continuityMaxGapKm2: 0.25,
      nrThresholdDbm: -105,
    });
  });

  it('gives each county its verdicts with the reason', () => {
    const a = row('632701');
    expect(a.per10kPass).toBe(true);
    expect(a.continuity.status).toBe('pass');
    expect(a.townships.without5g.map((t) => t.code)).toEqual(['632701001']);
    expect(a.failures).toEqual(['township-no-5g']);
    expect(a.status).toBe('fail');

    const b = row('632702');
    expect(b.sitesMissing).toBe(5);
    expect(b.failures).toEqual(['per10k', 'continuity']);
    expect(b.continuity).toMatchObject({
      status: 'fail',
      reasons: ['coverage'],
      redcapAreaPct: 90,
      largestGapAt: [97.1, 33.2],
      uncoveredPopulation: 1200,
    });

    const cc = row('632801');
    expect(cc.per10kPass).toBeNull();
    expect(cc.continuity).toMatchObject({ status: 'fail', reasons: ['gap'], largestGapKm2: 0.5 });
    expect(cc.status).toBe('fail');

    const d = row('632802');
    expect(d.continuity.status).toBe('unchecked');
    expect(d.status).toBe('pass');
  });

  it('rolls counties up without letting a surplus fill a shortfall', () => {
    const pref = row('632700');
    expect(pref.sitesMissing).toBe(5);
    expect(pref.per10kPass).toBe(false);
    expect(pref.towns).toEqual({ checked: 2, passed: 1, failed: 1 });
    expect(pref.townships.total).toBe(2);
    expect(pref.townships.without5g).toHaveLength(1);
    expect(pref.failures).toEqual(['per10k', 'continuity', 'township-no-5g']);
    const prov = row('630000');
    expect(prov.towns).toEqual({ checked: 3, passed: 1, failed: 2 });
    // Population unknown in 632801: a region is judged on its other counties — the province
    // fails on 632702's shortfall, 海西 (whose other county passes) cannot pass — and names it.
    expect(prov.per10kPass).toBe(false);
    expect(prov.populationUnknown.map((t) => t.code)).toEqual(['632801']);
    expect(row('632800').per10kPass).toBeNull();
    expect(row('632800').status).toBe('fail'); // 632801's county town fails
    expect(row('632800').populationUnknown.map((t) => t.code)).toEqual(['632801']);
    expect(pref.populationUnknown).toEqual([]);
  });

  it('filters to failures and ranks worst first', () => {
    expect(failuresOnly(c.rows).map((r) => r.code)).toEqual([
      '630000',
      '632700',
      '632701',
      '632701001',
      '632702',
      '632800',
      '632801',
    ]);
    const counties = c.rows.filter((r) => r.level === 'county');
    expect(rankRows(counties, 'sitesMissing').map((r) => r.code)).toEqual([
      '632702',
      '632701',
      '632802',
      '632801',
    ]);
    expect(rankRows(counties, 'popUncovered')[0].code).toBe('632702');
    expect(rankRows(counties, 'per10k').map((r) => r.code)[0]).toBe('632702');
  });

  it('names the townships and county towns with the most people uncovered', () => {
    expect(townshipsMostUncovered(townships, 5).map((e) => [e.code, e.population])).toEqual([
      ['632701001', 500],
      ['632701002', 10],
    ]);
    expect(townsMostUncovered(c, 5).map((e) => [e.code, e.population])).toEqual([
      ['632702', 1200],
      ['632801', 300],
    ]);
  });

  it('agrees with the analysis of the demo region', async () => {
    const run = await demoRun();
    const rows = run.compliance.rows.filter((r) => r.level === 'county');
    expect(rows).toHaveLength(run.countyResults.length);
    for (const r of rows) {
      const a = run.countyResults.find((x) => x.code === r.code)!;
      expect(r.per10kPass).toBe(a.sitesNeeded === null ? null : a.sitesNeeded === 0);
      expect(r.continuity.status).toBe(
        a.townZone ? (a.townZone.continuous ? 'pass' : 'fail') : 'unchecked',
      );
      if (r.continuity.status !== 'unchecked' && r.continuity.largestGapAt) {
        // The demo's zones are discs around the seat (convex), so the centroid of the
        // largest gap's cells lies inside the disc.
        const seat = run.counties.find((c) => c.code === r.code)!.seat!;
        const [x, y] = createLaea(seat[0], seat[1]).forward(...r.continuity.largestGapAt);
        expect(Math.hypot(x, y)).toBeLessThanOrEqual(run.params.townZoneRadiusM);
        expect(r.continuity.uncoveredPopulation).toBeGreaterThan(0);
      }
      if (r.continuity.status === 'fail') {
        expect(r.continuity.reasons.length).toBeGreaterThan(0);
        expect(r.continuity.reasons.includes('coverage')).toBe(
          r.continuity.redcapAreaPct < run.params.continuityMinAreaPct,
        );
      }
    }
  });
});
