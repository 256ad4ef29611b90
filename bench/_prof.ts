import { findGapUnits } from '../src/core/analysis/gap-units';
import { createGrid } from '../src/core/grid/grid';
import { addSites, createCoverage } from '../src/core/grid/stamp';
import { labelAreas, maskDisc } from '../src/core/grid/rasterize';
import { setTwoZonePopulation } from '../src/core/grid/weights';
import { yushuCountyScene } from './engine.bench';
const { f, props, spec, sites } = await yushuCountyScene();
const grid = createGrid(spec, 1);
labelAreas(grid, [f.geometry]);
const zone = new Uint8Array(grid.label.length);
maskDisc(spec, zone, props.seat[0], props.seat[1], 3000);
setTwoZonePopulation(grid, [props.pop_urban], [props.pop_rural], zone);
addSites(createCoverage(grid, 1), sites);
const pts = sites.map((s) => ({ id: s.id, lon: s.lon, lat: s.lat }));
for (let k = 0; k < 4; k++) {
  findGapUnits(grid, 'nr', undefined, { areaCount: 1, sites: pts });
  const t = performance.now(); const g = globalThis as any;
  console.log([g.T0-g.TS, g.T1-g.T0, g.T2-g.T1, g.T3-g.T2, g.T4-g.T3, t-g.T4].map(x=>x.toFixed(1)).join(' '));
}
