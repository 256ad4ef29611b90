import type { DemoUrls } from '../store/demo-urls';
import type { WorkspaceSnapshot } from './protocol';
import { loadDemoInto } from './demo-load';
import { transferable, workspace } from './worker-state';

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

export const demoApi = {
  async loadDemo(urls: DemoUrls): Promise<WorkspaceSnapshot> {
    const [counties, population, stations, townships, settlements] = await Promise.all([
      fetchBlob(urls.counties),
      fetchBlob(urls.population),
      fetchBlob(urls.stations),
      fetchBlob(urls.townships),
      fetchBlob(urls.settlements),
    ]);
    await loadDemoInto(workspace, { counties, population, stations, townships, settlements });
    return transferable(workspace.snapshot());
  },
};
