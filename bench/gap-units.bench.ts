/**
 * Gap units (src/core/analysis/gap-units.ts) on the engine bench's seeded 玉树市 scene:
 * 3.7 M cells of 100 m, 2,000 sites, NR layer. Two population surfaces: today's two-zone
 * census model (rural people spread evenly, so nearly every uncovered cell is populated and
 * the dilation has the most seeds), and a clustered one (people only in 400 seeded blobs of
 * a few hundred metres, most land empty), as a raster or settlement surface gives.
 */
import { findGapUnits, DEFAULT_GAP_UNIT_PARAMS } from '../src/core/analysis/gap-units';
import { findGaps, summarizeGaps } from '../src/core/grid/gaps';
import { createGrid, type Grid } from '../src/core/grid/grid';
import { addSites, createCoverage } from '../src/core/grid/stamp';
import { labelAreas, maskDisc } from '../src/core/grid/rasterize';
import { setTwoZonePopulation } from '../src/core/grid/weights';
import { createRng } from '../src/core/random';
import { yushuCountyScene } from './engine.bench';
import { count, type BenchContext, type BenchSuite } from './suite';
import { time, type BenchRow } from './table';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('gap-units: 玉树市, 2,000 sites at 100 m…');
  const { f, props, spec, sites } = await yushuCountyScene();
  const grid: Grid = createGrid(spec, 1);
  labelAreas(grid, [f.geometry]);
  const zone = new Uint8Array(grid.label.length);
  maskDisc(spec, zone, props.seat[0], props.seat[1], 3000);
  setTwoZonePopulation(grid, [props.pop_urban], [props.pop_rural], zone);
  const cov = createCoverage(grid, 1);
  addSites(cov, sites);
  const points = sites.map((s) => ({ id: s.id, lon: s.lon, lat: s.lat }));
  const ctxUnits = { areaCount: 1, sites: points };
  const rows: BenchRow[] = [];
  const size = `${count(grid.cols * grid.rows)} cells, ${count(sites.length)} sites`;

  const measure = async (what: string, note: string): Promise<void> => {
    const want = summarizeGaps(grid, findGaps(grid, 'nr'), 1, cov.totals)[0].popUncovered;
    const idx = findGapUnits(grid, 'nr', DEFAULT_GAP_UNIT_PARAMS, ctxUnits);
    const a = idx.areas[0];
    check(Math.abs(a.uncoveredPeople - want) < 1e-6, `${what}: people identity`);
    const ms = await time(() => findGapUnits(grid, 'nr', DEFAULT_GAP_UNIT_PARAMS, ctxUnits), 3);
    rows.push({
      name: `gap units (${what})`,
      size,
      ms,
      target: '< 100 ms',
      note: `${note}; ${count(a.units.length)} units, ${count(a.remainder.units)} slivers, ${a.unpopulatedKm2.toFixed(0)} km² unpopulated`,
    });
  };
  await measure('two-zone population', 'rural people spread evenly');

  // Clustered: 400 blobs of 3–8 cells' radius, the county's people spread over them.
  const rng = createRng(12);
  grid.weight.fill(0);
  const { cols, rows: nRows } = grid;
  for (let b = 0; b < 400; b++) {
    const c0 = rng.int(0, cols - 1);
    const r0 = rng.int(0, nRows - 1);
    const rad = rng.int(3, 8);
    for (let r = Math.max(0, r0 - rad); r <= Math.min(nRows - 1, r0 + rad); r++)
      for (let c = Math.max(0, c0 - rad); c <= Math.min(cols - 1, c0 + rad); c++)
        if ((c - c0) ** 2 + (r - r0) ** 2 <= rad * rad && grid.label[r * cols + c] !== 0)
          grid.weight[r * cols + c] = 2;
  }
  grid.edge = null;
  grid.nr.fill(0);
  grid.redcap.fill(0);
  const cov2 = createCoverage(grid, 1);
  addSites(cov2, sites);
  cov.totals = cov2.totals;
  await measure('clustered population', '400 seeded blobs, 2 people per cell');
  return rows;
}

export const gapUnitsSuite: BenchSuite = { name: 'gap-units', run };
