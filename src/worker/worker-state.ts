import * as Comlink from 'comlink';
import type { WorkspaceSnapshot } from './protocol';
import { Workspace } from './workspace';
import { datasetSites, stationGeoJsonText } from './station-geojson';

// The worker's state, shared by its API modules (demo, import, analysis): the workspace
// that owns every loaded row, and the running jobs by id (for cancel).

export const workspace = new Workspace();
export const jobs = new Map<string, AbortController>();

const geojsonUrls = new Map<string, string>();

export function transferable(s: WorkspaceSnapshot): WorkspaceSnapshot {
  // Datasets are immutable once loaded, so each gets its GeoJSON URL once.
  for (const l of s.stationLayers) {
    let url = geojsonUrls.get(l.datasetId);
    if (!url) {
      const text = stationGeoJsonText(l, datasetSites(workspace.list(), l.datasetId));
      const blob = new Blob([text], { type: 'application/geo+json' });
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
