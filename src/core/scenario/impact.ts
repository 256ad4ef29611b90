import { cellAreaKm2 } from '../grid/grid';
import { stampSite, type CellBox } from '../grid/stamp';
import type { Site } from '../station';
import type { ScenarioEvaluator } from './evaluator';

/**
 * What one edit did to the region, measured on the evaluator as it applies the edit:
 * people and km² newly covered (negative when coverage is lost), the people still
 * without coverage afterwards, NR gaps closed and opened, and the county towns whose
 * RedCap continuity verdict changed. Gaps count as compareResults counts them: a gap
 * closed is one of before that shares no cell with a gap of after, a gap opened the
 * reverse. Cost: the edit's own footprint boxes, never the whole grid.
 */
export interface EditImpact {
  nrPeople: number;
  nrKm2: number;
  redcapPeople: number;
  redcapKm2: number;
  /** People of every area outside NR (RedCap) coverage after the edit. */
  nrUncovered: number;
  redcapUncovered: number;
  gapsClosed: number;
  gapsOpened: number;
  /** Area codes whose county town became continuous / stopped being continuous. */
  townsGained: string[];
  townsLost: string[];
}

interface Sums {
  population: number;
  nrPop: number;
  nrCells: number;
  rcPop: number;
  rcCells: number;
}

function sums(ev: ScenarioEvaluator): Sums {
  const t = ev.coverage.totals;
  const out: Sums = { population: 0, nrPop: 0, nrCells: 0, rcPop: 0, rcCells: 0 };
  for (let l = 1; l < t.cells.length; l++) {
    out.population += t.population[l];
    out.nrPop += t.nrPop[l];
    out.nrCells += t.nrCells[l];
    out.rcPop += t.redcapPop[l];
    out.rcCells += t.redcapCells[l];
  }
  return out;
}

/** Bounding cell box of (row, c0, c1) spans, or null when there are none. */
function spanBox(spans: Int32Array): CellBox | null {
  if (spans.length === 0) return null;
  const b: CellBox = [Infinity, spans[0], -Infinity, spans[spans.length - 3]];
  for (let k = 0; k < spans.length; k += 3) {
    if (spans[k + 1] < b[0]) b[0] = spans[k + 1];
    if (spans[k + 2] > b[2]) b[2] = spans[k + 2];
  }
  return b;
}

const overlap = (a: CellBox, b: CellBox) =>
  a[0] <= b[2] + 1 && b[0] <= a[2] + 1 && a[1] <= b[3] + 1 && b[1] <= a[3] + 1;

/** The boxes whose cells an NR change can touch: one if they meet, else both. */
function changeBoxes(a: CellBox | null, b: CellBox | null): CellBox[] {
  if (!a) return b ? [b] : [];
  if (!b) return [a];
  if (!overlap(a, b)) return [a, b];
  return [[Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]];
}

/**
 * Sets site `id` to `site` (null: removes it) on the evaluator, as `setSite` does, and
 * returns what that did.
 */
export function applyMeasured(ev: ScenarioEvaluator, id: string, site: Site | null): EditImpact {
  const grid = ev.region.grid;
  const { cols } = grid;
  const old = ev.sites.get(id) ?? null;
  const oldFp = old ? ev.footprintsOf(old) : null;
  const newFp = site ? ev.footprintsOf(site) : null;
  // NR gaps change only where NR coverage does: inside the old and new NR footprints.
  const oldNr = ev.coverage.sites.get(id)?.nr ?? null;
  const newNr = newFp ? stampSite(grid, newFp).nr : null;
  const boxes = changeBoxes(oldNr && spanBox(oldNr), newNr && spanBox(newNr)).map((b): CellBox => [
    Math.max(0, b[0]),
    Math.max(0, b[1]),
    Math.min(cols - 1, b[2]),
    Math.min(grid.rows - 1, b[3]),
  ]);
  const comp = ev.nrGaps.comp;
  const oldIn = new Map<number, number>();
  const oldComp = boxes.map((b) => {
    const w = b[2] - b[0] + 1;
    const copy = new Int32Array(w * (b[3] - b[1] + 1));
    for (let r = b[1], j = 0; r <= b[3]; r++) {
      const row = r * cols;
      for (let c = b[0]; c <= b[2]; c++, j++) {
        const id0 = comp[row + c];
        copy[j] = id0;
        if (id0 >= 0) oldIn.set(id0, (oldIn.get(id0) ?? 0) + 1);
      }
    }
    return copy;
  });
  const oldCells = new Map<number, number>();
  for (const g of oldIn.keys()) oldCells.set(g, ev.nrGaps.gaps.get(g)?.cells ?? -1);

  const zones = new Set<number>();
  for (const fp of [oldFp, newFp]) if (fp) for (const z of ev.zonesReached(fp)) zones.add(z);
  const verdicts = new Map<number, boolean | null>();
  for (const z of zones) verdicts.set(z, ev.townContinuous(z));
  const s0 = sums(ev);

  ev.setSite(id, site);

  const s1 = sums(ev);
  const newIn = new Map<number, number>();
  const oldHit = new Set<number>();
  const newHit = new Set<number>();
  boxes.forEach((b, k) => {
    const copy = oldComp[k];
    for (let r = b[1], j = 0; r <= b[3]; r++) {
      const row = r * cols;
      for (let c = b[0]; c <= b[2]; c++, j++) {
        const now = comp[row + c];
        if (now < 0) continue;
        newIn.set(now, (newIn.get(now) ?? 0) + 1);
        const was = copy[j];
        if (was >= 0) {
          oldHit.add(was);
          newHit.add(now);
        }
      }
    }
  });
  // A gap wholly inside the boxes with none of its cells a gap cell on the other side;
  // a gap reaching outside keeps its outside cells, which the edit did not change.
  let gapsClosed = 0;
  for (const [g, n] of oldIn) if (n === oldCells.get(g) && !oldHit.has(g)) gapsClosed++;
  let gapsOpened = 0;
  for (const [g, n] of newIn)
    if (n === ev.nrGaps.gaps.get(g)?.cells && !newHit.has(g)) gapsOpened++;

  const townsGained: string[] = [];
  const townsLost: string[] = [];
  for (const [z, before] of verdicts) {
    const after = ev.townContinuous(z);
    if (before === after || before === null || after === null) continue;
    (after ? townsGained : townsLost).push(ev.areas[z].code);
  }
  const km2 = cellAreaKm2(grid);
  return {
    nrPeople: s1.nrPop - s0.nrPop,
    nrKm2: (s1.nrCells - s0.nrCells) * km2,
    redcapPeople: s1.rcPop - s0.rcPop,
    redcapKm2: (s1.rcCells - s0.rcCells) * km2,
    nrUncovered: Math.max(0, s1.population - s1.nrPop),
    redcapUncovered: Math.max(0, s1.population - s1.rcPop),
    gapsClosed,
    gapsOpened,
    townsGained,
    townsLost,
  };
}

/** No change, with the uncovered people of the evaluator's current state. */
export function noImpact(ev: ScenarioEvaluator): EditImpact {
  const s = sums(ev);
  return {
    nrPeople: 0,
    nrKm2: 0,
    redcapPeople: 0,
    redcapKm2: 0,
    nrUncovered: Math.max(0, s.population - s.nrPop),
    redcapUncovered: Math.max(0, s.population - s.rcPop),
    gapsClosed: 0,
    gapsOpened: 0,
    townsGained: [],
    townsLost: [],
  };
}

/**
 * Impacts of consecutive edits as one: changes add up, uncovered people are the last
 * edit's, and a county town that became continuous and then stopped again (or the
 * reverse) counts as unchanged. Null for an empty list.
 */
export function sumImpacts(list: readonly EditImpact[]): EditImpact | null {
  if (list.length === 0) return null;
  const net = new Map<string, number>();
  const out: EditImpact = { ...list[list.length - 1], townsGained: [], townsLost: [] };
  out.nrPeople = out.nrKm2 = out.redcapPeople = out.redcapKm2 = 0;
  out.gapsClosed = out.gapsOpened = 0;
  for (const x of list) {
    out.nrPeople += x.nrPeople;
    out.nrKm2 += x.nrKm2;
    out.redcapPeople += x.redcapPeople;
    out.redcapKm2 += x.redcapKm2;
    out.gapsClosed += x.gapsClosed;
    out.gapsOpened += x.gapsOpened;
    for (const c of x.townsGained) net.set(c, (net.get(c) ?? 0) + 1);
    for (const c of x.townsLost) net.set(c, (net.get(c) ?? 0) - 1);
  }
  for (const [c, n] of net) {
    if (n > 0) out.townsGained.push(c);
    else if (n < 0) out.townsLost.push(c);
  }
  return out;
}
