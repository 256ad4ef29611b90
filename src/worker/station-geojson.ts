import { createFootprintSolver } from '../core/model/cell-coverage';
import { resolveEnv } from '../core/model/link-budget';
import { DEFAULT_MODEL_PARAMS } from '../core/model/params';
import type { Site } from '../core/station';
import type { StationLayerData } from './protocol';
import type { Dataset } from './workspace';

/**
 * Properties of one site feature (short keys: a million sites pass through this text).
 * `k` kind (SITE_KIND), `id` site id, `n` name, `c` cells as JSON [[tech, band, redcap]],
 * `r` / `rr` largest modelled NR / RedCap radius in metres at the DEFAULT model parameters,
 * 'auto' environments taken as rural (RMa): the popup's indication, not the analysis.
 */
export interface StationFeatureProps {
  k: number;
  id?: string;
  n?: string;
  c?: string;
  r?: number;
  rr?: number;
}

/** The sites of a station dataset, in the order of its StationLayerData. */
export function datasetSites(list: readonly Dataset[], id: string): readonly Site[] {
  const d = list.find((x) => x.id === id);
  return d?.kind === 'stations' ? d.sites : [];
}

/**
 * Sites as GeoJSON text. The map receives it as a blob: URL so maplibre's own worker
 * fetches and parses it: a million sites never pass through the page's main thread
 * as objects (building and cloning them there froze the page for over a second).
 * `sites` (same order as the layer) adds the popup's details.
 */
export function stationGeoJsonText(layer: StationLayerData, sites: readonly Site[] = []): string {
  const solve = createFootprintSolver(DEFAULT_MODEL_PARAMS);
  const parts: string[] = ['{"type":"FeatureCollection","features":['];
  for (let i = 0; i < layer.count; i++) {
    const props: StationFeatureProps = { k: layer.kind[i] };
    const s = sites.length === layer.count ? sites[i] : undefined;
    if (s) {
      props.id = s.id;
      if (s.name) props.n = s.name;
      props.c = JSON.stringify(s.cells.map((c) => [c.tech, c.band ?? '', c.redcap ? 1 : 0]));
      // A sector's boresight radius is its largest; 'auto' is taken as rural (no zones here).
      let r = -1;
      let rr = -1;
      for (const c of s.cells) {
        const cov = solve(c, resolveEnv(c.env, false));
        if (!cov) continue;
        r = Math.max(r, cov.nrRadiusM);
        if (cov.redcapRadiusM !== null) rr = Math.max(rr, cov.redcapRadiusM);
      }
      if (r >= 0) props.r = Math.round(r);
      if (rr >= 0) props.rr = Math.round(rr);
    }
    parts.push(
      `${i ? ',' : ''}{"type":"Feature","id":${i},"geometry":{"type":"Point","coordinates":[${layer.lonLat[2 * i]},${layer.lonLat[2 * i + 1]}]},"properties":${JSON.stringify(props)}}`,
    );
  }
  parts.push(']}');
  return parts.join('');
}
