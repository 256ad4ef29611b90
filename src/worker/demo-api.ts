import type { AnalysisParams } from '../core/analysis/params';
import type { DemoUrls } from '../store/demo-urls';
import { startEarlyAnalysis } from './analysis-api';
import type { WorkspaceSnapshot } from './protocol';
import { loadDemoInto } from './demo-load';
import { transferable, workspace } from './worker-state';

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

export const demoApi = {
  /**
   * Loads the demo; with `params`, its analysis starts here at once, for the page's first
   * analyze call (which comes only once the page has drawn the snapshot) to join.
   */
  async loadDemo(urls: DemoUrls, params?: AnalysisParams): Promise<WorkspaceSnapshot> {
    const [counties, population, stations, townships, settlements] = await Promise.all([
      fetchBlob(urls.counties),
      fetchBlob(urls.population),
      fetchBlob(urls.stations),
      fetchBlob(urls.townships),
      fetchBlob(urls.settlements),
    ]);
    await loadDemoInto(workspace, { counties, population, stations, townships, settlements });
    const snapshot = transferable(workspace.snapshot());
    // Its heavy part begins after a yield, so the snapshot goes out first.
    if (params) startEarlyAnalysis(params);
    return snapshot;
  },
};
