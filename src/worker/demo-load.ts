import type { DemoUrls } from '../store/demo-urls';
import { importSettlements } from '../io/import-settlements';
import { loadDataset } from './load-dataset';
import { parseTownshipRegister } from './township-register';
import type { Workspace } from './workspace';

/**
 * The demo region's files, as fetched from the build's static assets (the settlements
 * optional: without them the demo keeps the census model).
 */
export type DemoFiles = Record<Exclude<keyof DemoUrls, 'settlements'>, Blob> & {
  settlements?: Blob;
};

/**
 * Loads the Yushu demo into `ws`: county boundaries (with the township list that belongs to
 * them), the 2020 census and the synthetic stations, each marked demo (the stations also
 * synthetic) so an import of the user's own data can offer to replace them.
 */
export async function loadDemoInto(ws: Workspace, files: DemoFiles): Promise<void> {
  const register = parseTownshipRegister(await files.townships.text());
  const demo = { demo: true, crs: 'WGS84' as const };
  const counties = ws.add(
    await loadDataset(ws, 'boundaries', files.counties, 'yushu-counties.geojson', demo),
  );
  ws.setTownshipRegister(register, counties.id);
  ws.add(await loadDataset(ws, 'population', files.population, 'yushu-population.csv', demo));
  ws.add(
    await loadDataset(ws, 'stations', files.stations, 'yushu-stations.csv', {
      ...demo,
      synthetic: true,
    }),
  );
  if (files.settlements) await loadDemoSettlements(ws, files.settlements);
}

/**
 * The demo's synthetic settlements (geo/yushu-settlements.csv, labelled 合成): the
 * population surface of the demo, as `sailplan analyze --demo` uses it.
 */
export async function loadDemoSettlements(ws: Workspace, file: Blob): Promise<void> {
  const r = await importSettlements(file, 'yushu-settlements.csv', { crs: 'WGS84' });
  ws.setSettlements(r.settlements, true);
}
