import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../src/core/crs';
import { recountAreas, recountCoverage } from '../../src/core/grid/metrics';
import { generateCandidates } from '../../src/core/planner/candidates';
import { CoverageState } from '../../src/core/planner/greedy';
import { plan, planningProblem } from '../../src/core/planner/plan';
import type { ScenarioEvaluator } from '../../src/core/scenario/evaluator';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import type { Settlement } from '../../src/core/settlement';
import { baselineSites, COUNTIES, PARAMS } from './scenario-fixture';

const village = (name: string, lon: number, lat: number, population: number): Settlement => ({
  id: name,
  name,
  position: wgs84(lon, lat),
  population,
  households: null,
  kind: 'admin-village',
  code: null,
  synthetic: false,
  sourceRow: 1,
});

/**
 * The fixture region with its people moved into one uncovered 5 × 5-cell cluster of
 * county B (20 per cell), every other cell empty; the totals recounted to match.
 */
async function clusteredRegion(withPeople = true): Promise<{
  ev: ScenarioEvaluator;
  centre: [number, number];
  cells: Set<number>;
}> {
  const probe = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
  const g = probe.region.grid;
  // The first cell of county B whose 7 × 7 neighbourhood is in B and uncovered.
  let seed = -1;
  for (let r = 3; r < g.rows - 3 && seed < 0; r++)
    for (let c = 3; c < g.cols - 3 && seed < 0; c++) {
      let ok = true;
      for (let dr = -3; dr <= 3 && ok; dr++)
        for (let dc = -3; dc <= 3 && ok; dc++) {
          const i = (r + dr) * g.cols + c + dc;
          ok = g.label[i] === 2 && g.nr[i] === 0;
        }
      if (ok) seed = r * g.cols + c;
    }
  expect(seed).toBeGreaterThanOrEqual(0);
  const sr = Math.floor(seed / g.cols);
  const sc = seed - sr * g.cols;
  const centre = g.projection.inverse(
    g.x0 + (sc + 0.5) * g.cellSize,
    g.y0 + (sr + 0.5) * g.cellSize,
  );
  const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS, {
    settlements: [village('测试村', centre[0], centre[1], 500), village('空地村', 0, 0, 10)],
  });
  const grid = ev.region.grid;
  grid.weight.fill(0);
  grid.edge = null;
  const cells = new Set<number>();
  if (withPeople)
    for (let dr = -2; dr <= 2; dr++)
      for (let dc = -2; dc <= 2; dc++) {
        const i = (sr + dr) * grid.cols + sc + dc;
        grid.weight[i] = 20;
        cells.add(i);
      }
  recountAreas(grid, ev.coverage.totals);
  recountCoverage(grid, ev.coverage.totals);
  return { ev, centre, cells };
}

describe('planner on gap units', () => {
  it('puts new sites at the populated gap, not in empty land, and names its settlement', async () => {
    const { ev, cells } = await clusteredRegion();
    const units = ev.gapUnits();
    expect(units.areas[0].units).toEqual([]);
    expect(units.areas[1].units).toHaveLength(1);
    expect(units.areas[1].units[0]).toMatchObject({ people: 500, settlements: ['测试村'] });
    const g = ev.region.grid;
    const news = generateCandidates(ev, { kinds: ['new'] });
    expect(news.length).toBeGreaterThan(0);
    for (const c of news) {
      const [x, y] = g.projection.forward(c.lon, c.lat);
      const i = Math.floor((y - g.y0) / g.cellSize) * g.cols + Math.floor((x - g.x0) / g.cellSize);
      expect(cells.has(i)).toBe(true);
      expect(['gap-units', 'settlements']).toContain(c.source);
    }
    const p = plan(ev, { objective: 'nr-pop', budget: { kind: 'count', picks: 3 } });
    const first = p.picks[0];
    expect(first.kind).toBe('new');
    expect(first.nrPopGain).toBe(500);
    expect(first.settlements).toEqual(['测试村']);
    // The readable id is the first covered settlement's name.
    expect(first.siteId).toBe('测试村-新建-1');
    expect(p.candidates.bySource.lattice).toBe(0);
    // Nobody is left to cover: no further pick is worth anything.
    expect(p.picks).toHaveLength(1);
  });

  it('falls back to the lattice when no gap holds anyone', async () => {
    const { ev } = await clusteredRegion(false);
    const news = generateCandidates(ev, { kinds: ['new'], newSpacingM: 2000, maxNew: 200 });
    expect(news.length).toBeGreaterThan(0);
    expect(new Set(news.map((c) => c.source))).toEqual(new Set(['lattice']));
  });

  it('a minimum gain per pick drops picks below it', async () => {
    const { ev } = await clusteredRegion();
    const p = plan(ev, {
      objective: 'nr-pop',
      budget: { kind: 'count', picks: 3 },
      minGainPeople: 501,
    });
    expect(p.picks).toEqual([]);
    const q = plan(ev, {
      objective: 'nr-pop',
      budget: { kind: 'count', picks: 3 },
      minGainPeople: 500,
    });
    expect(q.picks).toHaveLength(1);
  });

  it('people-per-cost picks the best people per 万元 first, under a count budget', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const cands = generateCandidates(ev, { newSpacingM: 2000, maxNew: 200 });
    const st = new CoverageState(planningProblem(ev, 'nr-pop'));
    const best = Math.max(...cands.map((c) => st.gain(c) / c.cost));
    const p = plan(ev, {
      objective: 'people-per-cost',
      budget: { kind: 'count', picks: 2 },
      candidates: { newSpacingM: 2000, maxNew: 200 },
    });
    expect(p.unit).toBe('people');
    expect(p.picks[0].gain / p.picks[0].cost).toBeCloseTo(best, 9);
    // nr-pop instead takes the largest gain, whatever it costs.
    const q = plan(ev, {
      objective: 'nr-pop',
      budget: { kind: 'count', picks: 1 },
      candidates: { newSpacingM: 2000, maxNew: 200 },
    });
    expect(q.picks[0].gain).toBe(Math.max(...cands.map((c) => st.gain(c))));
  });
});
