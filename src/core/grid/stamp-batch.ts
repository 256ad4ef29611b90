import type { Grid } from './grid';
import { syncCoverageEdges, type AreaTotals } from './metrics';
import { prefixPass, siteSpans, type LayerSpanSink, type StampInput } from './stamp';

/**
 * One-shot stamping for analyses that never edit (a national run, a county at a time):
 * the counts and totals `addSites` gives, bit for bit, without keeping each site's spans
 * for a later removal — no id set, no per-site map, nothing to collect afterwards. Every
 * span goes straight from the span buffer into a per-row difference array; one prefix
 * pass per layer over the rows' touched columns adds the counts and the newly covered
 * cells' totals.
 */
export function stampSitesOnce(grid: Grid, totals: AreaTotals, sites: readonly StampInput[]): void {
  const { cols, rows } = grid;
  const w = cols + 1;
  const s = scratch(rows * w, rows);
  const { diffNr, diffRc, loNr, hiNr, loRc, hiRc } = s;
  loNr.fill(w, 0, rows);
  loRc.fill(w, 0, rows);
  hiNr.fill(-1, 0, rows);
  hiRc.fill(-1, 0, rows);
  const sink: LayerSpanSink = (spans, length, layer) => {
    if (layer === 'nr') addSpans(spans, length, diffNr, w, loNr, hiNr);
    else addSpans(spans, length, diffRc, w, loRc, hiRc);
  };
  // The scratch arrays are left all zero by the prefix passes; if anything throws on the
  // way, they are dropped rather than reused dirty.
  pool = null;
  for (const site of sites) siteSpans(grid, site, sink);
  prefixPass(grid, diffNr, loNr, hiNr, grid.nr, totals.nrCells, totals.nrPop);
  prefixPass(grid, diffRc, loRc, hiRc, grid.redcap, totals.redcapCells, totals.redcapPop);
  syncCoverageEdges(grid, totals);
  pool = s;
}

interface Scratch {
  diffNr: Int32Array;
  diffRc: Int32Array;
  loNr: Int32Array;
  hiNr: Int32Array;
  loRc: Int32Array;
  hiRc: Int32Array;
}

/**
 * Difference arrays and row extents, kept between calls (all zero between calls): a
 * national run stamps thousands of county grids, and fresh arrays cost page faults and
 * garbage collection on every one.
 */
let pool: Scratch | null = null;

function scratch(cells: number, rows: number): Scratch {
  const p = pool;
  if (p && p.diffNr.length >= cells && p.loNr.length >= rows) return p;
  const c = Math.max(cells, p?.diffNr.length ?? 0);
  const r = Math.max(rows, p?.loNr.length ?? 0);
  return {
    diffNr: new Int32Array(c),
    diffRc: new Int32Array(c),
    loNr: new Int32Array(r),
    hiNr: new Int32Array(r),
    loRc: new Int32Array(r),
    hiRc: new Int32Array(r),
  };
}

function addSpans(
  spans: Int32Array,
  length: number,
  diff: Int32Array,
  w: number,
  lo: Int32Array,
  hi: Int32Array,
): void {
  for (let k = 0; k < length; k += 3) {
    const r = spans[k];
    const c0 = spans[k + 1];
    const c1 = spans[k + 2] + 1;
    diff[r * w + c0]++;
    diff[r * w + c1]--;
    if (c0 < lo[r]) lo[r] = c0;
    if (c1 > hi[r]) hi[r] = c1;
  }
}
