import { cellCentre } from '../grid/grid';
import { stampSite } from '../grid/stamp';
import { stationToSite, updateSite } from '../scenario/apply';
import { addEdit, setEdit, upgradable } from '../scenario/edits';
import type { ScenarioEvaluator } from '../scenario/evaluator';
import type { ScenarioEdit, ScenarioStation, SiteSet } from '../scenario/types';
import type { Site } from '../station';
import { DEFAULT_UNIT_COSTS } from './costs';
import type { GreedyCandidate } from './greedy';
import { gapSitePoints, type CandidateSource, type SitePoint } from './gap-candidates';

/**
 * What the planner may do (issue 5): upgrade an NR site to RedCap (cheap), put NR on an
 * LTE-only site (co-location), or build a new site where uncovered people are: at the gap
 * units and the settlements in them (issue 12), a lattice over the gaps only without any.
 * Each candidate carries the cells it would cover on each layer (stampSite spans), so a
 * marginal gain is one pass over its footprint.
 */
export const CANDIDATE_KINDS = ['upgrade', 'colocate', 'new'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export interface Candidate extends GreedyCandidate {
  id: string;
  kind: CandidateKind;
  /** The existing site edited, or the new site's id. */
  siteId: string;
  lon: number;
  lat: number;
  edit: ScenarioEdit;
  /** New sites: where the point came from (gap units, settlements, or the lattice fallback). */
  source?: CandidateSource;
}

export interface CandidateOptions {
  kinds: readonly CandidateKind[];
  /** Cost of each kind, 万元 per site (costs.ts). */
  costs: Record<CandidateKind, number>;
  /** NR band of co-located and new sites (null: the model's choice by operator/default). */
  band: string | null;
  /** Whether co-located and new sites are RedCap-capable (RedCap is a gNB software feature). */
  redcap: boolean;
  /** New sites: sector azimuths, antenna height (null: the band preset's). */
  newAzimuths: number[];
  newHeightM: number | null;
  /**
   * New sites stand at gap units and settlements (gap-candidates.ts), frontier points of
   * large units this far apart (m); only without gap units on a lattice of this spacing,
   * grown until at most maxNew remain.
   */
  newSpacingM: number;
  maxNew: number;
}

export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = {
  kinds: ['upgrade', 'colocate', 'new'],
  costs: {
    upgrade: DEFAULT_UNIT_COSTS.upgrade,
    colocate: DEFAULT_UNIT_COSTS.colocate,
    new: DEFAULT_UNIT_COSTS.new,
  },
  band: null,
  redcap: true,
  newAzimuths: [0, 120, 240],
  newHeightM: null,
  newSpacingM: 1000,
  maxNew: 2000,
};

const EMPTY = new Int32Array(0);

export function generateCandidates(
  ev: ScenarioEvaluator,
  options: Partial<CandidateOptions> = {},
): Candidate[] {
  const o = { ...DEFAULT_CANDIDATE_OPTIONS, ...options };
  const grid = ev.region.grid;
  const out: Candidate[] = [];
  const areaOf = (lon: number, lat: number): number => {
    const [x, y] = grid.projection.forward(lon, lat);
    const c = Math.floor((x - grid.x0) / grid.cellSize);
    const r = Math.floor((y - grid.y0) / grid.cellSize);
    if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows) return -1;
    return grid.label[r * grid.cols + c] - 1;
  };
  const push = (
    kind: CandidateKind,
    id: string,
    site: Site,
    edit: ScenarioEdit,
    nrToo: boolean,
    source?: CandidateSource,
  ) => {
    const fp = ev.footprintsOf(site);
    if (!fp) return;
    const spans = stampSite(grid, fp);
    const [lon, lat] = site.position;
    out.push({
      id,
      kind,
      siteId: site.id,
      lon,
      lat,
      edit,
      nr: nrToo ? spans.nr : EMPTY,
      redcap: spans.redcap,
      cost: o.costs[kind],
      area: areaOf(lon, lat),
      new5g: nrToo,
      ...(source ? { source } : {}),
    });
  };
  const radio: SiteSet = { band: o.band, redcap: o.redcap };
  if (o.band === null) delete radio.band;
  for (const s of ev.sites.values()) {
    if (o.kinds.includes('upgrade') && upgradable(s)) {
      const set: SiteSet = { redcap: true };
      push('upgrade', `upgrade:${s.id}`, updateSite(s, set), setEdit(s.id, set), false);
    } else if (o.kinds.includes('colocate') && s.hasLte && !s.is5g) {
      const set: SiteSet = { tech: 'NR', ...radio };
      push('colocate', `colocate:${s.id}`, updateSite(s, set), setEdit(s.id, set), true);
    }
  }
  if (o.kinds.includes('new')) for (const c of newSiteCandidates(ev, o)) out.push(c);
  // Candidate order is id order: the greedy breaks ties by index.
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;

  function newSiteCandidates(e: ScenarioEvaluator, opt: CandidateOptions): Candidate[] {
    const { cols, rows, label, nr } = grid;
    let pts: SitePoint[] = gapSitePoints(
      grid,
      e.gapUnits(),
      e.settlements,
      opt.newSpacingM,
      opt.maxNew,
    );
    if (pts.length === 0) {
      // No populated gap: the regular lattice over the uncovered cells, as the fallback.
      let step = Math.max(1, Math.round(opt.newSpacingM / grid.cellSize));
      const points = (k: number): SitePoint[] => {
        const p: SitePoint[] = [];
        const off = k >> 1;
        for (let r = off; r < rows; r += k)
          for (let c = off; c < cols; c += k) {
            const i = r * cols + c;
            if (label[i] !== 0 && nr[i] === 0) p.push({ cell: i, source: 'lattice' });
          }
        return p;
      };
      pts = points(step);
      while (pts.length > opt.maxNew) {
        step = Math.ceil(step * Math.sqrt(pts.length / opt.maxNew) + 0.001);
        pts = points(step);
      }
    }
    const before = out.length;
    const width = String(Math.max(rows, cols)).length;
    for (const { cell: i, source } of pts) {
      const r = Math.floor(i / cols);
      const c = i - r * cols;
      const [lon, lat] = grid.projection.inverse(...cellCentre(grid, c, r));
      let id = `new-${String(r).padStart(width, '0')}-${String(c).padStart(width, '0')}`;
      while (e.sites.has(id)) id += '_';
      const st: ScenarioStation = {
        id,
        lon: round7(lon),
        lat: round7(lat),
        tech: 'NR',
        redcap: opt.redcap,
        azimuth: opt.newAzimuths.length ? opt.newAzimuths : null,
        ...(opt.band !== null ? { band: opt.band } : {}),
        ...(opt.newHeightM !== null ? { height_m: opt.newHeightM } : {}),
      };
      push('new', `new:${id}`, stationToSite(st), addEdit(st), true, source);
    }
    return out.splice(before);
  }
}

// Seven decimals (~1 cm): the scenario file and the evaluator see the same position.
const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;
