import * as Comlink from 'comlink';
import { ImportCancelled, ImportError } from '../io/issues';
import type { DemoUrls } from '../store/demo-urls';
import type { ImportOutcome, ImportRequest, ProgressReport, WorkspaceSnapshot } from './protocol';
import { Workspace } from './workspace';
import { loadDataset } from './load-dataset';
import { stationGeoJsonText } from './station-geojson';
import { parseTownshipRegister } from './township-register';

// The analysis worker owns every loaded row. The page receives snapshots: summaries
// and flat typed arrays, transferred rather than copied.

const workspace = new Workspace();
const jobs = new Map<string, AbortController>();

const geojsonUrls = new Map<string, string>();

function transferable(s: WorkspaceSnapshot): WorkspaceSnapshot {
  // Datasets are immutable once loaded, so each gets its GeoJSON URL once.
  for (const l of s.stationLayers) {
    let url = geojsonUrls.get(l.datasetId);
    if (!url) {
      const blob = new Blob([stationGeoJsonText(l)], { type: 'application/geo+json' });
      url = URL.createObjectURL(blob);
      geojsonUrls.set(l.datasetId, url);
    }
    l.geojsonUrl = url;
  }
  for (const [id, url] of geojsonUrls) {
    if (!s.stationLayers.some((l) => l.datasetId === id)) {
      URL.revokeObjectURL(url);
      geojsonUrls.delete(id);
    }
  }
  const buffers = s.stationLayers.flatMap((l) => [l.lonLat.buffer, l.kind.buffer]) as ArrayBuffer[];
  return Comlink.transfer(s, buffers);
}

async function fetchBlob(url: string): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

const api = {
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

  async importFile(
    req: ImportRequest,
    onProgress: (p: ProgressReport) => void,
  ): Promise<ImportOutcome> {
    const controller = new AbortController();
    jobs.set(req.jobId, controller);
    try {
      const dataset = await loadDataset(workspace, req.kind, req.file, req.fileName, {
        crs: req.crs,
        signal: controller.signal,
        onProgress,
      });
      const summary = workspace.add(dataset);
      return { status: 'ok', dataset: summary, snapshot: transferable(workspace.snapshot()) };
    } catch (e) {
      if (e instanceof ImportCancelled || controller.signal.aborted) {
        return { status: 'cancelled', fileName: req.fileName };
      }
      if (e instanceof ImportError) {
        // The notice names the file itself: pass the reason without the "file: " prefix.
        const message = e.message.slice(e.file.length + 2);
        return {
          status: 'failed',
          fileName: req.fileName,
          code: e.code,
          message,
          params: e.params,
        };
      }
      const message = e instanceof Error ? e.message : String(e);
      return {
        status: 'failed',
        fileName: req.fileName,
        code: 'internal',
        message,
        params: { detail: message },
      };
    } finally {
      jobs.delete(req.jobId);
    }
  },

  cancel(jobId: string): void {
    jobs.get(jobId)?.abort();
  },

  async removeDataset(id: string): Promise<WorkspaceSnapshot> {
    workspace.remove(id);
    return transferable(workspace.snapshot());
  },
};

export type WorkerApi = typeof api;

Comlink.expose(api);
