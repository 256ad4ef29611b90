import type { Grid } from './grid';
import type { AreaTotals } from './metrics';
import { prefixPass, stampSite, type SiteFootprints } from './stamp';

/**
 * One-shot stamping for analyses that never edit (a national run, a county at a time):
 * the counts and totals `addSites` gives, bit for bit, without keeping each site's spans
 * for a later removal — no id set, no per-site map, nothing to collect afterwards. Every
 * span goes into a per-row difference array; one prefix pass per layer over the rows'
 * touched columns adds the counts and the newly covered cells' totals.
 */
export function stampSitesOnce(
  grid: Grid,
  totals: AreaTotals,
  sites: readonly SiteFootprints[],
): void {
  const { cols, rows } = grid;
  const w = cols + 1;
  const diffNr = new Int32Array(rows * w);
  const diffRc = new Int32Array(rows * w);
  const lo = [new Int32Array(rows).fill(w), new Int32Array(rows).fill(w)];
  const hi = [new Int32Array(rows).fill(-1), new Int32Array(rows).fill(-1)];
  for (const site of sites) {
    const s = stampSite(grid, site);
    addSpans(s.nr, diffNr, w, lo[0], hi[0]);
    addSpans(s.redcap, diffRc, w, lo[1], hi[1]);
  }
  prefixPass(grid, diffNr, lo[0], hi[0], grid.nr, totals.nrCells, totals.nrPop);
  prefixPass(grid, diffRc, lo[1], hi[1], grid.redcap, totals.redcapCells, totals.redcapPop);
}

function addSpans(spans: Int32Array, diff: Int32Array, w: number, lo: Int32Array, hi: Int32Array) {
  for (let k = 0; k < spans.length; k += 3) {
    const r = spans[k];
    const c0 = spans[k + 1];
    const c1 = spans[k + 2] + 1;
    diff[r * w + c0]++;
    diff[r * w + c1]--;
    if (c0 < lo[r]) lo[r] = c0;
    if (c1 > hi[r]) hi[r] = c1;
  }
}
