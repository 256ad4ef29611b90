import { describe, expect, it } from 'vitest';
import { generateCandidates } from '../../src/core/planner/candidates';
import { plan, planToScenario, planWithCandidates } from '../../src/core/planner/plan';
import { applyEdits } from '../../src/core/scenario/apply';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { baselineSites, COUNTIES, exact, PARAMS } from './scenario-fixture';

const OPTS = { newSpacingM: 2000, maxNew: 200 };

describe('planner on a region', () => {
  it('generates the three candidate kinds with their costs, in id order', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const cands = generateCandidates(ev, OPTS);
    const ids = cands.map((c) => c.id);
    expect([...ids].sort()).toEqual(ids);
    const upgrades = cands.filter((c) => c.kind === 'upgrade').map((c) => c.siteId);
    expect(upgrades).toEqual(['A2', 'A3', 'B1']);
    expect(cands.filter((c) => c.kind === 'colocate').map((c) => c.siteId)).toEqual(['L1', 'L2']);
    const news = cands.filter((c) => c.kind === 'new');
    // New sites come from the gap units (their centres, settlements and frontiers), not
    // a lattice over the gaps: fewer, and each on a populated uncovered cell.
    expect(news.length).toBeGreaterThan(10);
    expect(news.length).toBeLessThanOrEqual(200);
    for (const c of news) expect(['gap-units', 'settlements']).toContain(c.source);
    expect(cands.find((c) => c.kind === 'upgrade')!.nr.length).toBe(0);
    expect(new Set(cands.map((c) => `${c.kind}:${c.cost}`))).toEqual(
      new Set(['upgrade:1', 'colocate:15', 'new:40']),
    );
    // A new site never sits on an NR-covered cell.
    const g = ev.region.grid;
    for (const c of news) {
      const [x, y] = g.projection.forward(c.lon, c.lat);
      const i = Math.floor((y - g.y0) / g.cellSize) * g.cols + Math.floor((x - g.x0) / g.cellSize);
      expect(g.nr[i]).toBe(0);
      expect(g.weight[i]).toBeGreaterThan(0);
    }
  });

  it('its cumulative figures are what the evaluator reports after applying the plan', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const p = plan(ev, {
      objective: 'nr-pop',
      budget: { kind: 'count', picks: 6 },
      candidates: OPTS,
    });
    expect(p.picks).toHaveLength(6);
    for (let k = 1; k < p.picks.length; k++)
      expect(p.picks[k].gain).toBeLessThanOrEqual(p.picks[k - 1].gain);
    const s = planToScenario(p, { name: 'plan', baseHash: null });
    expect(s.edits).toHaveLength(6);
    const after = createEvaluator(COUNTIES, applyEdits(base, s.edits).sites, PARAMS).results();
    const last = p.picks.at(-1)!.cumulative;
    // Fixed-point weights: the sums agree exactly.
    expect(last.nrPop).toBe(after.totals.coverage.nr.population);
    expect(last.redcapPop).toBe(after.totals.coverage.redcap.population);
    expect(last.nrPopPct).toBeCloseTo(after.totals.coverage.nr.popPct, 9);
    expect(last.nrPop - p.before.nrPop).toBe(last.objective);
  });

  it('upgrades first for RedCap population on a cost budget, within the budget', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const p = plan(ev, {
      objective: 'redcap-pop',
      budget: { kind: 'cost', total: 3 },
      candidates: OPTS,
    });
    expect(p.picks.map((x) => x.kind)).toEqual(['upgrade', 'upgrade', 'upgrade']);
    expect(p.picks.at(-1)!.cumulative.cost).toBe(3);
    expect(p.picks.every((x) => x.redcapPopGain > 0 && x.nrPopGain === 0)).toBe(true);
  });

  it('town continuity only values RedCap in the county-town zones', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const p = plan(ev, {
      objective: 'town-continuity',
      budget: { kind: 'count', picks: 50 },
      candidates: OPTS,
    });
    expect(p.unit).toBe('km2');
    expect(p.picks.length).toBeGreaterThan(0);
    // B1 sits on the east seat: its upgrade is the biggest zone gain there is.
    expect(p.picks[0].id).toBe('upgrade:B1');
    // Picks stop when the zones are covered or nothing reaches them.
    expect(p.picks.length).toBeLessThan(50);
  });

  it('per-10k counts new 5G sites up to each county shortfall', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), { ...PARAMS, targetPer10k: 1.5 });
    const need = ev.results().areas.map((a) => a.sitesNeeded);
    expect(need).toEqual([6, 4]);
    const p = plan(ev, {
      objective: 'per10k',
      budget: { kind: 'count', picks: 30 },
      candidates: OPTS,
    });
    expect(p.picks.map((x) => x.gain)).toEqual(Array(10).fill(1));
    expect(p.picks.every((x) => x.kind !== 'upgrade')).toBe(true);
    expect(p.picks.at(-1)!.cumulative.objective).toBe(10);
  });

  it('is deterministic, and independent of the candidate order given', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const opts = { objective: 'nr-pop' as const, budget: { kind: 'count' as const, picks: 10 } };
    const a = plan(ev, { ...opts, candidates: OPTS });
    const b = plan(ev, { ...opts, candidates: OPTS });
    expect(exact(a)).toBe(exact(b));
    const cands = generateCandidates(ev, OPTS);
    expect(exact(planWithCandidates(ev, cands, opts))).toBe(exact(a));
  });
});
