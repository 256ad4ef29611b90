import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ComparePanel } from '../../src/components/ComparePanel';
import { CompareTable } from '../../src/components/CompareTable';
import { per10kChart, populationChart } from '../../src/components/compare-chart-data';
import { cellAreaKm2 } from '../../src/core/grid/grid';
import { compareResults } from '../../src/core/scenario/compare';
import { addEdit, removeEdit } from '../../src/core/scenario/edits';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { createSession } from '../../src/core/scenario/session';
import { emptyScenario } from '../../src/core/scenario/types';
import { formatNumber, initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import type { ComparisonView } from '../../src/worker/scenario-protocol';
import { at, baselineSites, COUNTIES, PARAMS } from '../unit/scenario-fixture';

/**
 * A real comparison from the engine: county A loses its RedCap site A1, county B gains an
 * NR site; assembled as the worker's scenario API assembles it.
 */
async function comparison(): Promise<ComparisonView> {
  const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
  const before = ev.snapshot();
  const session = createSession(ev, emptyScenario('t', null));
  const [lon, lat] = at(9, 3);
  session.apply([
    removeEdit('A1'),
    addEdit({ id: 'N1', lon, lat, band: 'n41', radius_m: 2500, redcap: false }),
  ]);
  const after = ev.snapshot();
  const c = compareResults(before, after);
  return {
    areas: c.areas,
    totals: c.totals,
    before: before.areas,
    after: after.areas,
    targetPer10k: PARAMS.targetPer10k,
    cells: {
      nrGained: c.raster.nrGained,
      nrLost: c.raster.nrLost,
      redcapGained: c.raster.redcapGained,
      redcapLost: c.raster.redcapLost,
      cellKm2: cellAreaKm2(ev.region.grid),
    },
    images: [],
    sideImages: { a: [], b: [] },
    elapsedMs: 3,
  };
}

const cell = (code: string, col: string) =>
  screen.getByTestId('compare-table').querySelector(`tr[data-code="${code}"] [data-col="${col}"]`)!
    .textContent;

describe('comparison table and charts', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('has a row per county and a total, with B − A signed and the site counts', async () => {
    const cmp = await comparison();
    render(<CompareTable comparison={cmp} />);
    const rows = [...screen.getByTestId('compare-table').querySelectorAll('tbody tr')].map((r) =>
      r.getAttribute('data-code'),
    );
    expect(rows).toEqual(['500101', '500102', 'total']);
    expect(cell('500101', 'sites5g')).toBe('-1');
    expect(cell('500102', 'sites5g')).toBe('+1');
    expect(cell('total', 'sites5g')).toBe('0');
    // County B: 30,000 people, one more site = +1/3 per 10k and one fewer needed.
    expect(cell('500102', 'per10k')).toBe('+0.33');
    expect(cell('500102', 'sitesNeeded')).toBe('-1');
    expect(cell('500101', 'redcapPopPct').startsWith('-')).toBe(true);
    expect(cell('500102', 'nrAreaPct').startsWith('+')).toBe(true);
    expect(cell('500101', 'nrAreaPct')).toMatch(/^-/);
    // Verdicts and gaps come from the engine's comparison as they are.
    const a = cmp.areas[0];
    expect(cell('500101', 'gaps')).toBe(`${a.gapsClosed} / ${a.gapsOpened}`);
    const verdict = { gained: '变为连续', lost: '不再连续', same: '不变' }[a.townZone!];
    expect(cell('500101', 'townZone')).toBe(verdict);
  });

  it('feeds the charts the per-10k values of both sides, the target and population covered', async () => {
    const cmp = await comparison();
    const per10k = per10kChart(cmp, { a: 'A', b: 'B', target: 'T' });
    expect(per10k.labels).toEqual(['county 500101', 'county 500102']);
    expect(per10k.series.map((s) => s.label)).toEqual(['A', 'B', 'T']);
    expect(per10k.series[0].data).toEqual(cmp.before.map((a) => a.sitesPer10k));
    expect(per10k.series[1].data).toEqual(cmp.after.map((a) => a.sitesPer10k));
    expect(per10k.series[1].data[1]! - per10k.series[0].data[1]!).toBeCloseTo(1 / 3, 9);
    expect(per10k.series[2]).toMatchObject({ data: [38, 38], line: true });
    const pop = populationChart(cmp, { nrA: 'a', nrB: 'b', redcapA: 'c', redcapB: 'd' });
    expect(pop.series.map((s) => s.data)).toEqual([
      cmp.before.map((a) => a.coverage.nr.popPct),
      cmp.after.map((a) => a.coverage.nr.popPct),
      cmp.before.map((a) => a.coverage.redcap.popPct),
      cmp.after.map((a) => a.coverage.redcap.popPct),
    ]);
  });

  it('shows the comparison with its gained and lost km² and a canvas per chart', async () => {
    const cmp = await comparison();
    useAppStore.setState({ comparison: cmp, compareSides: { a: 'baseline', b: 'x' } });
    render(<ComparePanel />);
    const km2 = (n: number) => formatNumber(n * cmp.cells.cellKm2, 'zh-CN', 2);
    const text = screen.getByTestId('compare-cells').textContent!;
    expect(text).toContain(`NR 新增覆盖 ${km2(cmp.cells.nrGained)} km²`);
    expect(text).toContain(`失去 ${km2(cmp.cells.nrLost)} km²`);
    expect(cmp.cells.nrGained).toBeGreaterThan(0);
    expect(screen.getByTestId('compare-chart-per10k').tagName).toBe('CANVAS');
    expect(screen.getByTestId('compare-chart-pop').tagName).toBe('CANVAS');
  });
});
