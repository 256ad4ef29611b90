/**
 * Planner and scenario benchmarks (issue 5): the lazy-greedy planner on one county at
 * 100 m with 2,000 candidates (every RedCap upgrade and NR co-location of the county,
 * new-site grid points in its gaps making up the rest) and 50 picks, per objective; and
 * one scenario edit through the incremental evaluator. The county is 玉树市 (632701,
 * ~15,000 km², large for a county) of the committed demo region, with its seeded
 * synthetic stations, read through the same importers as the app. Every run checks its
 * result, so a fast wrong answer fails.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analysisParams } from '../src/core/analysis/params';
import { generateCandidates } from '../src/core/planner/candidates';
import { OBJECTIVES, planWithCandidates, type Objective } from '../src/core/planner/plan';
import { createRng } from '../src/core/random';
import { applyEdits } from '../src/core/scenario/apply';
import { moveEdit } from '../src/core/scenario/edits';
import { createEvaluator, type ScenarioEvaluator } from '../src/core/scenario/evaluator';
import { createSession } from '../src/core/scenario/session';
import { emptyScenario } from '../src/core/scenario/types';
import { importBoundaries } from '../src/io/import-boundaries';
import { importStations } from '../src/io/import-stations';
import { importPopulation } from '../src/io/population-csv';
import { joinPopulation } from '../src/io/population-join';
import { collectGarbage, count, type BenchContext, type BenchSuite } from './suite';
import { formatMs, time, type BenchRow } from './table';

const SEED = 20_261_124;
const COUNTY = '632701';
const CANDIDATES = 2000;
const PICKS = 50;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

async function blob(file: string): Promise<Blob> {
  return new Blob([await readFile(path.resolve(import.meta.dirname, '../geo', file))]);
}

async function county(): Promise<ScenarioEvaluator> {
  const b = await importBoundaries(await blob('yushu-counties.geojson'), 'yushu-counties.geojson');
  const p = await importPopulation(await blob('yushu-population.csv'), 'yushu-population.csv');
  const areas = joinPopulation(
    b.areas.filter((a) => a.code === COUNTY),
    p.rows,
    'yushu-population.csv',
  ).areas;
  const st = await importStations(await blob('yushu-stations.csv'), 'yushu-stations.csv');
  const sites = st.sites.filter((s) => s.id.startsWith(`SYN-${COUNTY}-`));
  check(areas.length === 1 && sites.length > 100, 'demo county and its stations');
  return createEvaluator(areas, sites, analysisParams({ cellSizeM: 100 }));
}

async function plannerRows(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log(`planner: ${COUNTY} at 100 m`);
  let ev: ScenarioEvaluator | null = null;
  const buildMs = await time(async () => {
    ev = await county();
  }, 1);
  const e = ev!;
  const g = e.region.grid;
  // Every upgrade and co-location of the county; new-site grid points (evenly thinned)
  // make up the rest of the 2,000.
  const options = { maxNew: 2 * CANDIDATES, newSpacingM: 300 };
  const pick = (all: ReturnType<typeof generateCandidates>) => {
    const fixed = all.filter((c) => c.kind !== 'new').length;
    const news = all.filter((c) => c.kind === 'new');
    const want = CANDIDATES - fixed;
    const keep = new Set(
      Array.from({ length: want }, (_, k) => news[Math.floor((k * news.length) / want)].id),
    );
    return all.filter((c) => c.kind !== 'new' || keep.has(c.id));
  };
  const size = `${count(g.cols * g.rows)} cells, ${count(CANDIDATES)} candidates, ${PICKS} picks`;
  const rows: BenchRow[] = [
    {
      name: 'scenario evaluator: build (county, 100 m)',
      size: `${count(g.cols * g.rows)} cells, ${count(e.sites.size)} sites`,
      ms: buildMs,
      target: '—',
    },
  ];
  const candMs = await time(() => pick(generateCandidates(e, options)));
  const cands = pick(generateCandidates(e, options));
  check(cands.length === CANDIDATES, `${cands.length} candidates, not ${CANDIDATES}`);
  rows.push({
    name: 'planner: candidates (stamp 2,000 footprints)',
    size,
    ms: candMs,
    target: '—',
  });
  for (const objective of OBJECTIVES as readonly Objective[]) {
    collectGarbage();
    const opts = { objective, budget: { kind: 'count' as const, picks: PICKS } };
    const ms = await time(() => planWithCandidates(e, cands, opts));
    const p = planWithCandidates(e, cands, opts);
    check(p.picks.length > 0, `${objective}: no picks`);
    for (let k = 1; k < p.picks.length; k++)
      check(p.picks[k].gain <= p.picks[k - 1].gain + 1e-9, `${objective}: gains not decreasing`);
    rows.push({
      name: `planner: ${objective}, 2,000 candidates → 50 picks`,
      size,
      ms: ms + candMs,
      target: '< 2 s',
      note: `${count(p.picks.length)} picks; ${count(p.evaluations)} gain evaluations (plain greedy: ${count(cands.length * p.picks.length)}); incl. candidates`,
    });
  }
  // The plan, applied, is what the evaluator reports (checks the cumulative figures).
  const p = planWithCandidates(e, cands, {
    objective: 'nr-pop',
    budget: { kind: 'count', picks: PICKS },
  });
  const after = createEvaluator(
    e.areas,
    applyEdits(
      [...e.sites.values()],
      p.picks.map((x) => x.edit),
    ).sites,
    e.params,
  ).results();
  check(
    after.totals.coverage.nr.population === p.picks.at(-1)!.cumulative.nrPop,
    'plan cumulative NR population ≠ evaluator after applying it',
  );
  return rows;
}

async function editRow(): Promise<BenchRow> {
  const ev = await county();
  const session = createSession(ev, emptyScenario('bench', null));
  const before = JSON.stringify(ev.results());
  const rng = createRng(SEED);
  const ids = [...ev.sites.values()].filter((s) => s.is5g).map((s) => s.id);
  const p = ev.region.grid.projection;
  const times: number[] = [];
  for (let k = 0; k < 101; k++) {
    const s = ev.sites.get(ids[rng.int(0, ids.length - 1)])!;
    const [x, y] = p.forward(s.position[0], s.position[1]);
    const [lon, lat] = p.inverse(x + rng.uniform(-500, 500), y + rng.uniform(-500, 500));
    const t0 = performance.now();
    session.apply([moveEdit(s.id, lon, lat)]);
    ev.results();
    times.push(performance.now() - t0);
  }
  while (session.undo());
  check(JSON.stringify(ev.results()) === before, 'undoing every edit does not restore the results');
  times.sort((a, b) => a - b);
  return {
    name: 'scenario edit: move one site, all metrics',
    size: `${count(ev.region.grid.cols * ev.region.grid.rows)} cells, ${count(ev.sites.size)} sites`,
    ms: times[50],
    target: '< 5 ms',
    note: `median of 101; p95 ${formatMs(times[95])}; undo restores every number`,
  };
}

export const plannerSuite: BenchSuite = {
  name: 'planner',
  async run(ctx) {
    const rows = await plannerRows(ctx);
    collectGarbage();
    rows.push(await editRow());
    return rows;
  },
};
