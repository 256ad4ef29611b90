import type { AreaResult } from '../analysis/analyze';
import type { GridSpec } from '../grid/grid';
import type { ScenarioSnapshot } from './evaluator';

/**
 * Two evaluated scenarios (or the baseline and one) side by side: per-area deltas
 * (b − a) and a delta raster of the cells each layer gains and loses. Both snapshots
 * must come from the same region grid (same areas, same cell size).
 */
export interface AreaDelta {
  code: string;
  name: string;
  level: AreaResult['level'];
  /** null when either side has no population. */
  per10k: number | null;
  sitesNeeded: number | null;
  sites5g: number;
  sitesRedcap: number;
  nrAreaPct: number;
  nrPopPct: number;
  redcapAreaPct: number;
  redcapPopPct: number;
  /** NR gaps of `a` that share no cell with a gap of `b`: filled entirely. */
  gapsClosed: number;
  /** NR gaps of `b` that share no cell with a gap of `a`: newly uncovered places. */
  gapsOpened: number;
  /** County-town continuity verdict: 'gained' (not → continuous), 'lost', 'same', or null (no zone). */
  townZone: 'gained' | 'lost' | 'same' | null;
}

/** Per cell, per layer: 1 newly covered in b, -1 covered in a but not in b, 0 unchanged. */
export interface DeltaRaster {
  /** The cells' projection and origin (row 0 is the southern edge, as in grid.ts). */
  spec: GridSpec;
  cols: number;
  rows: number;
  cellSizeM: number;
  nr: Int8Array;
  redcap: Int8Array;
  nrGained: number;
  nrLost: number;
  redcapGained: number;
  redcapLost: number;
  /** Inclusive cell box [c0, r0, c1, r1] of every cell whose coverage differs, or null. */
  changedBox: [number, number, number, number] | null;
}

export interface Comparison {
  areas: AreaDelta[];
  totals: AreaDelta;
  raster: DeltaRaster;
}

const dNull = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : b - a;

function areaDelta(a: AreaResult, b: AreaResult, closed: number, opened: number): AreaDelta {
  const za = a.townZone;
  const zb = b.townZone;
  return {
    code: b.code,
    name: b.name,
    level: b.level,
    per10k: dNull(a.sitesPer10k, b.sitesPer10k),
    sitesNeeded: dNull(a.sitesNeeded, b.sitesNeeded),
    sites5g: b.sites5g - a.sites5g,
    sitesRedcap: b.sitesRedcap - a.sitesRedcap,
    nrAreaPct: b.coverage.nr.areaPct - a.coverage.nr.areaPct,
    nrPopPct: b.coverage.nr.popPct - a.coverage.nr.popPct,
    redcapAreaPct: b.coverage.redcap.areaPct - a.coverage.redcap.areaPct,
    redcapPopPct: b.coverage.redcap.popPct - a.coverage.redcap.popPct,
    gapsClosed: closed,
    gapsOpened: opened,
    townZone:
      za && zb
        ? za.continuous === zb.continuous
          ? 'same'
          : zb.continuous
            ? 'gained'
            : 'lost'
        : null,
  };
}

export function compareResults(a: ScenarioSnapshot, b: ScenarioSnapshot): Comparison {
  if (
    a.grid.cols !== b.grid.cols ||
    a.grid.rows !== b.grid.rows ||
    a.grid.cellSizeM !== b.grid.cellSizeM ||
    a.areas.length !== b.areas.length ||
    a.areas.some((x, i) => x.code !== b.areas[i].code)
  )
    throw new Error('compareResults: the scenarios were evaluated on different regions or grids');
  const n = a.grid.cols * a.grid.rows;
  const nr = new Int8Array(n);
  const redcap = new Int8Array(n);
  let nrGained = 0;
  let nrLost = 0;
  let redcapGained = 0;
  let redcapLost = 0;
  // Gap ids that overlap a gap of the other side, per side.
  const aHit = new Set<number>();
  const bHit = new Set<number>();
  const aGaps = new Map<number, number>();
  const bGaps = new Map<number, number>();
  const label = a.label;
  const cols = a.grid.cols;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const dn = b.nr[i] - a.nr[i];
    const dr = b.redcap[i] - a.redcap[i];
    nr[i] = dn;
    redcap[i] = dr;
    if ((dn !== 0 || dr !== 0) && label[i] !== 0) {
      const r = (i / cols) | 0;
      const c = i - r * cols;
      if (c < box[0]) box[0] = c;
      if (r < box[1]) box[1] = r;
      if (c > box[2]) box[2] = c;
      if (r > box[3]) box[3] = r;
    }
    if (dn > 0) nrGained++;
    else if (dn < 0) nrLost++;
    if (dr > 0) redcapGained++;
    else if (dr < 0) redcapLost++;
    const ga = a.nrGapComp[i];
    const gb = b.nrGapComp[i];
    if (ga >= 0) aGaps.set(ga, label[i]);
    if (gb >= 0) bGaps.set(gb, label[i]);
    if (ga >= 0 && gb >= 0) {
      aHit.add(ga);
      bHit.add(gb);
    }
  }
  const closed = new Int32Array(a.areas.length + 1);
  const opened = new Int32Array(a.areas.length + 1);
  for (const [id, l] of aGaps) if (!aHit.has(id)) closed[l]++;
  for (const [id, l] of bGaps) if (!bHit.has(id)) opened[l]++;
  const areas = b.areas.map((x, i) => areaDelta(a.areas[i], x, closed[i + 1], opened[i + 1]));
  const sum = (f: Int32Array) => f.reduce((s, v, l) => (l > 0 ? s + v : s), 0);
  return {
    areas,
    totals: areaDelta(a.totals, b.totals, sum(closed), sum(opened)),
    raster: {
      spec: b.spec,
      cols: a.grid.cols,
      rows: a.grid.rows,
      cellSizeM: a.grid.cellSizeM,
      nr,
      redcap,
      nrGained,
      nrLost,
      redcapGained,
      redcapLost,
      changedBox: box[0] <= box[2] ? box : null,
    },
  };
}
