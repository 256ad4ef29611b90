import { pixelCells, type CoverageRaster } from '../core/analysis/coverage-image';
import type { AreaResult } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import type { Area } from '../core/area';
import { countyPopulationFromTownships } from '../core/analysis/rollup';
import { generateCandidates } from '../core/planner/candidates';
import { planOutcome } from '../core/planner/outcome';
import { planWithCandidates } from '../core/planner/plan';
import type { EditIssue } from '../core/scenario/apply';
import { editLog, editSiteId } from '../core/scenario/edit-log';
import { addEdit, stationsHash, upgradeAreaEdits } from '../core/scenario/edits';
import {
  createEvaluator,
  type ScenarioEvaluator,
  type ScenarioSnapshot,
} from '../core/scenario/evaluator';
import { noImpact, sumImpacts } from '../core/scenario/impact';
import { createSession, type ScenarioSession } from '../core/scenario/session';
import { placeNames, readableSiteId } from '../core/scenario/site-names';
import type { Scenario, ScenarioEdit, ScenarioStation } from '../core/scenario/types';
import type { Site } from '../core/station';
import { runComparison } from './scenario-compare-run';
import { FootprintCache, type Touched } from './scenario-footprints';
import type {
  CompareOutcome,
  CompareProgress,
  DeltaImage,
  PlannerOutcome,
  PlannerProgress,
  PlannerRequest,
  ScenarioSiteInfo,
  ScenarioView,
  SiteChangeKind,
} from './scenario-protocol';
import type { Dataset, Workspace } from './workspace';

/**
 * Scenarios over what the workspace has loaded: one incremental evaluator of the
 * baseline region (rebuilt when the data or the parameters change), one open scenario
 * edited through a session with undo/redo, comparisons and the planner. The worker's
 * Comlink API (scenario-api.ts) is a thin wrapper; tests drive this class directly.
 */

interface Baseline {
  datasets: readonly Dataset[];
  paramsKey: string;
  params: AnalysisParams;
  evaluator: ScenarioEvaluator;
  sites: Map<string, Site>;
  hash: string;
  /** Townships by code (areas an "upgrade every site in…" edit may name). */
  townships: Map<string, Area>;
  /** Totals of the baseline (comparisons count people newly covered against them). */
  totals: AreaResult;
  snapshot: ScenarioSnapshot | null;
  pixels: ReturnType<typeof pixelCells> | null;
  footprints: FootprintCache;
}

export interface ScenarioServiceOptions {
  /** Encodes a picture as an image URL (PNG blob: URLs in the browser worker). */
  encodeImage?: (r: CoverageRaster) => Promise<string | null>;
  revokeImage?: (url: string) => void;
}

export class NoAreasError extends Error {
  constructor() {
    super('no boundaries are loaded: a scenario needs areas to evaluate');
    this.name = 'NoAreasError';
  }
}

class Cancelled extends Error {}

const tick = () => new Promise((r) => setTimeout(r, 0));
/** Same sites: the edits decide the evaluator's state (a rename on the page changes nothing). */
const sameScenario = (a: Scenario, b: Scenario) =>
  JSON.stringify(a.edits) === JSON.stringify(b.edits);

/** The word in the ids of sites added without one (the page sends its language's). */
const DEFAULT_NEW_WORD = '新建';

export class ScenarioService {
  private base: Baseline | null = null;
  private session: ScenarioSession | null = null;
  private key: string | null = null;
  /** Undo steps done in the session, and how many of them opened the scenario (not undoable). */
  private depth = 0;
  private floor = 0;
  private openIssues: EditIssue[] = [];
  private imageUrls: string[] = [];
  /** Sites of the workspace by id (the map's popup asks for positions), per data version. */
  private loaded: { version: number; sites: Map<string, Site> } | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly opts: ScenarioServiceOptions = {},
  ) {}

  /** The evaluator of the loaded data under `params`, rebuilt only when either changed. */
  private baseline(params: AnalysisParams): Baseline {
    const datasets = this.ws.list();
    const paramsKey = JSON.stringify(params);
    const b = this.base;
    if (
      b &&
      b.paramsKey === paramsKey &&
      b.datasets.length === datasets.length &&
      b.datasets.every((d, i) => d === datasets[i])
    )
      return b;
    this.session = null;
    this.key = null;
    this.depth = this.floor = 0;
    const townships = this.ws.activeTownships();
    const counties = countyPopulationFromTownships(this.ws.activeAreas(), townships);
    const areas = counties.length > 0 ? counties : townships;
    if (areas.length === 0) throw new NoAreasError();
    const sites = this.ws.allSites();
    const evaluator = createEvaluator(areas, sites, params, {
      townships: counties.length > 0 ? townships : [],
    });
    this.base = {
      datasets: [...datasets],
      paramsKey,
      params,
      evaluator,
      sites: new Map(sites.map((s) => [s.id, s])),
      hash: stationsHash(sites),
      townships: new Map(townships.map((t) => [t.code, t])),
      totals: evaluator.results().totals,
      snapshot: null,
      pixels: null,
      footprints: new FootprintCache(evaluator),
    };
    return this.base;
  }

  private requireOpen(): { base: Baseline; session: ScenarioSession } {
    if (!this.base || !this.session) throw new Error('no scenario is open');
    return { base: this.base, session: this.session };
  }

  /**
   * Opens `scenario`; `key` names it (the page's record id): the same key with the same
   * edits keeps the open session and its undo history (new results re-open the scenario).
   */
  open(scenario: Scenario, params: AnalysisParams, key: string | null = null): ScenarioView {
    const base = this.baseline(params);
    // Engine time of the scenario's edits, not of building the baseline grid.
    const t0 = performance.now();
    if (
      this.session &&
      key !== null &&
      key === this.key &&
      sameScenario(this.session.scenario(), scenario)
    )
      return this.view(performance.now() - t0, this.openIssues);
    this.rewind();
    this.key = key;
    this.session = createSession(base.evaluator, scenario);
    this.depth = this.floor = this.session.canUndo() ? 1 : 0;
    this.openIssues = this.session.startIssues;
    return this.view(performance.now() - t0, this.openIssues);
  }

  /** Back to the baseline: the open scenario's edits are undone (it stays saved on the page). */
  close(): void {
    this.rewind();
    this.session = null;
    this.key = null;
  }

  private rewind(): void {
    if (this.session) while (this.session.undo());
    this.depth = this.floor = 0;
  }

  apply(edits: readonly ScenarioEdit[], group?: Parameters<ScenarioSession['apply']>[1]) {
    const { session } = this.requireOpen();
    const t0 = performance.now();
    const before = session.scenario().edits.length;
    const issues = session.apply(edits, group);
    if (session.scenario().edits.length > before) this.depth++;
    return this.view(performance.now() - t0, issues);
  }

  /**
   * Adds a new site under a readable fresh id: the place it stands in and a number,
   * e.g. 玉树市-新建-1 (`word` is the page language's word for "new").
   */
  add(station: Omit<ScenarioStation, 'id'>, word = DEFAULT_NEW_WORD): ScenarioView {
    const { base } = this.requireOpen();
    const ev = base.evaluator;
    const [place] = placeNames(ev, [station.lon], [station.lat]);
    const id = readableSiteId(ev.sites, place, word);
    return this.apply([addEdit({ ...station, id })]);
  }

  /** RedCap on every NR site inside the area (county or township) `code`: one named step. */
  upgradeArea(code: string): ScenarioView {
    const { base } = this.requireOpen();
    const area =
      base.evaluator.areas.find((a) => a.code === code) ?? base.townships.get(code) ?? null;
    if (!area) throw new Error(`no area with code ${code}`);
    return this.apply(upgradeAreaEdits(base.evaluator.sites.values(), area.geometry), {
      kind: 'upgrade-area',
      code: area.code,
      name: area.name,
    });
  }

  undo(): ScenarioView {
    const { session } = this.requireOpen();
    const t0 = performance.now();
    if (this.depth > this.floor && session.undo()) this.depth--;
    return this.view(performance.now() - t0, []);
  }

  redo(): ScenarioView {
    const { session } = this.requireOpen();
    const t0 = performance.now();
    if (session.redo()) this.depth++;
    return this.view(performance.now() - t0, []);
  }

  /** A site as the open scenario (or the baseline) has it, or null. */
  site(id: string): ScenarioSiteInfo | null {
    const base = this.base;
    if (!base) {
      const s = this.loadedSites().get(id);
      return s ? siteInfo(s, null) : null;
    }
    const cur = base.evaluator.sites.get(id) ?? null;
    const touched = this.session ? touchedIds(this.session.scenario()) : new Set<string>();
    const was = base.sites.get(id) ?? null;
    const s = cur ?? was;
    if (!s) return null;
    return siteInfo(s, touched.has(id) ? changeOf(cur, was) : null);
  }

  /** WGS-84 position of a loaded site (as imported, before any scenario), or null. */
  stationPosition(id: string): [number, number] | null {
    const s = this.base?.sites.get(id) ?? this.loadedSites().get(id);
    return s ? [s.position[0], s.position[1]] : null;
  }

  private loadedSites(): Map<string, Site> {
    if (this.loaded?.version !== this.ws.version)
      this.loaded = {
        version: this.ws.version,
        sites: new Map(this.ws.allSites().map((s) => [s.id, s])),
      };
    return this.loaded.sites;
  }

  private view(engineMs: number, issues: EditIssue[]): ScenarioView {
    const { base, session } = this.requireOpen();
    const t0 = performance.now();
    const ev = base.evaluator;
    const r = ev.results();
    const scenario = session.scenario();
    const engine = engineMs + (performance.now() - t0);
    const sites: ScenarioSiteInfo[] = [];
    const touched: Touched[] = [];
    for (const id of touchedIds(scenario)) {
      const cur = ev.sites.get(id) ?? null;
      const was = base.sites.get(id) ?? null;
      const change = changeOf(cur, was);
      if (!change) continue;
      sites.push(siteInfo((cur ?? was)!, change));
      touched.push({ id, now: cur, was, change });
    }
    const impacts = session.impacts();
    const now = noImpact(ev);
    const fp = base.footprints.collection(touched);
    return {
      scenario,
      areas: r.areas,
      totals: r.totals,
      canUndo: this.depth > this.floor && session.canUndo(),
      canRedo: session.canRedo(),
      issues,
      engineMs: engine,
      baseHash: base.hash,
      sites,
      log: editLog(scenario, impacts),
      total: sumImpacts(impacts),
      uncovered: { nr: now.nrUncovered, redcap: now.redcapUncovered },
      footprints: fp.fc.features.length > 0 ? fp.fc : null,
      footprintsUrl: null,
      footprintSites: fp.sites,
    };
  }

  /** Runs `fn` with the evaluator holding scenario `s` (null: the baseline), then restores it. */
  private atState<T>(s: Scenario | null, fn: () => T): T {
    const ev = this.base!.evaluator;
    const active = this.session;
    if (s && active && sameScenario(active.scenario(), s)) return fn();
    if (!s && (!active || active.scenario().edits.length === 0)) return fn();
    let k = 0;
    if (active) while (active.undo()) k++;
    try {
      if (!s || s.edits.length === 0) return fn();
      const tmp = createSession(ev, s, { impacts: false });
      try {
        return fn();
      } finally {
        while (tmp.undo());
      }
    } finally {
      for (let i = 0; i < k; i++) active!.redo();
    }
  }

  /**
   * b − a per area and per cell (null: the baseline), with the delta and side pictures,
   * each side's changes and every place they differ. Runs in stages with a yield between
   * them, where progress goes out and a cancel comes in.
   */
  async compare(
    a: Scenario | null,
    b: Scenario | null,
    params: AnalysisParams,
    jobId = 'compare',
    onProgress: (p: CompareProgress) => void = () => {},
    signal: AbortSignal = new AbortController().signal,
  ): Promise<CompareOutcome> {
    const t0 = performance.now();
    const urls: string[] = [];
    try {
      const base = this.baseline(params);
      const pixels = (base.pixels ??= pixelCells(base.evaluator.region.grid));
      const view = await runComparison(
        {
          evaluator: base.evaluator,
          baseline: base.sites,
          baseTotals: base.totals,
          pixels,
          targetPer10k: params.targetPer10k,
          atState: (s, fn) => this.atState(s, fn),
          baseSnapshot: () =>
            (base.snapshot ??= this.atState(null, () => base.evaluator.snapshot())),
          image: (layer, r) => this.image(layer, r, urls),
          step: async (stage, fraction) => {
            onProgress({ jobId, stage, fraction });
            await tick();
            // New data or parameters rebuilt the evaluator: this comparison is moot.
            if (signal.aborted || this.base !== base) throw new Cancelled();
          },
        },
        a,
        b,
      );
      if (signal.aborted) throw new Cancelled();
      // The page shows one comparison at a time: the previous pictures go.
      this.imageUrls.forEach((u) => this.opts.revokeImage?.(u));
      this.imageUrls = urls;
      return { status: 'ok', comparison: { ...view, elapsedMs: performance.now() - t0 } };
    } catch (e) {
      urls.forEach((u) => this.opts.revokeImage?.(u));
      if (e instanceof Cancelled || signal.aborted) return { status: 'cancelled' };
      return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** A raster as a map image over its WGS-84 corners; its URL is noted in `urls`. */
  private async image(
    layer: 'nr' | 'redcap',
    raster: CoverageRaster,
    urls: string[],
  ): Promise<DeltaImage> {
    const url = this.opts.encodeImage ? await this.opts.encodeImage(raster) : null;
    if (url) urls.push(url);
    const [w, s, e, n] = raster.bounds;
    return {
      layer,
      url,
      coordinates: [
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
      width: raster.width,
      height: raster.height,
    };
  }

  /**
   * The planner on the open scenario (the baseline when none is open). Candidates and the
   * greedy run as two stages with a yield between them, where progress goes out and a
   * cancel comes in; then the plan's outcome is read from the evaluator with the picks.
   */
  async plan(
    req: PlannerRequest,
    params: AnalysisParams,
    onProgress: (p: PlannerProgress) => void,
    signal: AbortSignal,
  ): Promise<PlannerOutcome> {
    const t0 = performance.now();
    const step = async (stage: PlannerProgress['stage'], fraction: number) => {
      onProgress({ jobId: req.jobId, stage, fraction });
      await tick();
      if (signal.aborted) throw new Cancelled();
    };
    try {
      await step('prepare', 0);
      const ev = this.baseline(params).evaluator;
      await step('candidates', 0.1);
      const options = { kinds: req.kinds, costs: req.costs };
      const cands = generateCandidates(ev, options);
      await step('greedy', 0.5);
      const plan = planWithCandidates(ev, cands, {
        objective: req.objective,
        budget: req.budget,
        candidates: options,
        newIdWord: req.newIdWord,
      });
      await step('outcome', 0.9);
      const outcome = planOutcome(ev, plan);
      if (signal.aborted) return { status: 'cancelled' };
      return { status: 'ok', plan, outcome, elapsedMs: performance.now() - t0 };
    } catch (e) {
      if (e instanceof Cancelled || signal.aborted) return { status: 'cancelled' };
      return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  }
}

function touchedIds(s: Scenario): Set<string> {
  return new Set(s.edits.map(editSiteId));
}

function changeOf(cur: Site | null, was: Site | null): SiteChangeKind | null {
  if (cur && was) return 'updated';
  if (cur) return 'added';
  return was ? 'removed' : null;
}

function siteInfo(s: Site, change: SiteChangeKind | null): ScenarioSiteInfo {
  const nr = s.cells.filter((c) => c.tech === 'NR');
  const first = nr[0] ?? s.cells[0];
  return {
    id: s.id,
    lon: s.position[0],
    lat: s.position[1],
    is5g: s.is5g,
    isRedcap: s.isRedcap,
    hasLte: s.hasLte,
    band: first?.band ?? null,
    heightM: first?.heightM ?? null,
    powerDbm: first?.powerDbm ?? null,
    azimuths: nr.map((c) => c.azimuthDeg),
    change,
  };
}
