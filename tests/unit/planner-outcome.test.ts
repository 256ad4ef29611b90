import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/core/area';
import { planOutcome } from '../../src/core/planner/outcome';
import { plan } from '../../src/core/planner/plan';
import { applyEdits } from '../../src/core/scenario/apply';
import { addEdit } from '../../src/core/scenario/edits';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { placeNames, readableSiteId } from '../../src/core/scenario/site-names';
import { at, baselineSites, COUNTIES, exact, KM_LAT, KM_LON, PARAMS } from './scenario-fixture';

/** County A's western and eastern halves as townships. */
function townships(): Area[] {
  const [lon, lat] = at(-6, 0);
  const half = (code: string, name: string, x0: number, x1: number): Area => ({
    code,
    name,
    level: 'township',
    parent: '500101',
    kind: name.endsWith('街道') ? 'subdistrict' : 'town',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon + x0 * KM_LON, lat - 6 * KM_LAT],
          [lon + x1 * KM_LON, lat - 6 * KM_LAT],
          [lon + x1 * KM_LON, lat + 6 * KM_LAT],
          [lon + x0 * KM_LON, lat + 6 * KM_LAT],
          [lon + x0 * KM_LON, lat - 6 * KM_LAT],
        ],
      ],
    },
    areaKm2: 72,
    seat: null,
    population: null,
  });
  return [half('500101001', '城关街道', -6, 0), half('500101002', '香达镇', 0, 6)];
}

describe('readable site ids', () => {
  it('names a point by its township after its county, else by its county', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS, {
      townships: townships(),
    });
    const pts = [at(-9, 0), at(-3, 0), at(6, 0), at(40, 0)];
    expect(
      placeNames(
        ev,
        pts.map((p) => p[0]),
        pts.map((p) => p[1]),
      ),
    ).toEqual(['county 500101城关街道', 'county 500101香达镇', 'county 500102', '']);
    const taken = new Set(['county 500102-新建-1']);
    expect(readableSiteId(taken, 'county 500102', '新建')).toBe('county 500102-新建-2');
    expect(readableSiteId(taken, '', 'new')).toBe('new-1');
  });

  it('gives the planner’s new sites place names numbered in rank order', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const p = plan(ev, {
      objective: 'nr-pop',
      budget: { kind: 'count', picks: 6 },
      candidates: { kinds: ['new'], newSpacingM: 2000, maxNew: 200 },
    });
    expect(p.picks).toHaveLength(6);
    const ids = p.picks.map((x) => x.siteId);
    for (const [i, x] of p.picks.entries()) {
      expect(x.edit.op).toBe('add');
      if (x.edit.op === 'add') expect(x.edit.station.id).toBe(x.siteId);
      expect(x.siteId).toMatch(/^county 50010[12]-新建-\d+$/);
      expect(x.id).toBe(`new:${x.siteId}`);
      // Numbered 1, 2, … per county, in rank order.
      const county = x.siteId.replace(/-新建-\d+$/, '');
      const n = ids.slice(0, i + 1).filter((id) => id.startsWith(`${county}-`)).length;
      expect(x.siteId).toBe(`${county}-新建-${n}`);
    }
  });
});

describe('plan outcome', () => {
  it('reports the towns that become continuous and the targets met, as the evaluator does', async () => {
    const base = await baselineSites();
    // A target county B (30,000 people, one 5G site) misses by one site.
    const params = { ...PARAMS, targetPer10k: 0.5 };
    const ev = createEvaluator(COUNTIES, base, params);
    const r0 = exact(ev.results());
    const p = plan(ev, {
      objective: 'nr-pop',
      // Six picks: candidates at gap units put the first five in county A (most people),
      // the sixth in B, which then meets its target.
      budget: { kind: 'count', picks: 6 },
      candidates: { kinds: ['new'], newSpacingM: 2000, maxNew: 200 },
    });
    // The first pick replaced by a big RedCap site on county A's seat: its town becomes
    // continuous whatever the greedy chose.
    const [sx, sy] = at(-6, 0);
    p.picks[0] = {
      ...p.picks[0],
      edit: addEdit({ id: 'T', lon: sx, lat: sy, radius_m: 3500, redcap: true }),
    };
    const o = planOutcome(ev, p);
    // The evaluator is back where it was.
    expect(exact(ev.results())).toBe(r0);
    const before = ev.results();
    const after = createEvaluator(
      COUNTIES,
      applyEdits(
        base,
        p.picks.map((x) => x.edit),
      ).sites,
      params,
    ).results();
    expect(o.towns).toEqual([{ code: '500101', name: 'county 500101', continuous: true }]);
    expect(o.continuous).toEqual({ before: 0, after: 1, zones: 2 });
    expect(before.areas[1].sitesNeeded).toBe(1);
    expect(o.targetsMet.map((t) => t.code)).toEqual(
      after.areas.filter((a) => a.sitesNeeded === 0 && a.code === '500102').map((a) => a.code),
    );
    expect(o.targetsMet.map((t) => t.code)).toContain('500102');
    expect(o.targetsMet[0].after).toBe(after.areas[1].sitesPer10k);
    expect(o.belowTarget).toEqual({ before: 1, after: 0 });
    expect(o.nrPopPct).toEqual({
      before: before.totals.coverage.nr.popPct,
      after: after.totals.coverage.nr.popPct,
    });
    expect(o.sitesNeeded).toEqual({ before: 1, after: 0 });
  });
});
