import type { DemoUrls } from '../store/demo-urls';
import type { WorkspaceSnapshot } from './protocol';
import { loadDataset } from './load-dataset';
import { parseTownshipRegister } from './township-register';
import { transferable, workspace } from './worker-state';

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

export const demoApi = {
  async loadDemo(urls: DemoUrls): Promise<WorkspaceSnapshot> {
    const [counties, population, stations, townships] = await Promise.all([
      fetchBlob(urls.counties),
      fetchBlob(urls.population),
      fetchBlob(urls.stations),
      fetchBlob(urls.townships),
    ]);
    workspace.setTownshipRegister(parseTownshipRegister(await townships.text()));
    const demo = { demo: true, crs: 'WGS84' as const };
    workspace.add(
      await loadDataset(workspace, 'boundaries', counties, 'yushu-counties.geojson', demo),
    );
    workspace.add(
      await loadDataset(workspace, 'population', population, 'yushu-population.csv', demo),
    );
    workspace.add(
      await loadDataset(workspace, 'stations', stations, 'yushu-stations.csv', {
        ...demo,
        synthetic: true,
      }),
    );
    return transferable(workspace.snapshot());
  },
};
