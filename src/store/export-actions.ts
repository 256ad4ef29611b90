import i18next from 'i18next';
import type { Position } from 'geojson';
import { version } from '../../package.json';
import { MAP_COLOURS } from '../io/report-html';
import type { ExportLang } from '../io/export-meta';
import type { AnalysisResults, CoverageImage, WorkspaceSnapshot } from '../worker/protocol';
import {
  areasFile,
  coverageFiles,
  exportStem,
  gapsFile,
  imageBounds,
  reportFile,
  zonesFile,
  type ExportContext,
  type ExportFile,
} from './export-files';
import { scopeResults, type ComplianceScope } from './compliance-of-results';
import { useAppStore } from './store';

/**
 * Export actions: build a file from the results on screen (export-files.ts) and hand it
 * to the browser as a download (a Blob URL on an <a download>). Nothing leaves the machine.
 */

export type ExportKind =
  | 'areas-csv'
  | 'areas-xlsx'
  | 'gaps-geojson'
  | 'gaps-kml'
  | 'zones-geojson'
  | 'zones-kml'
  | 'coverage-nr'
  | 'coverage-redcap'
  | 'report-html';

/** What to export: the results on screen inside the scope the user has drilled into. */
function context(scope: (ComplianceScope & { name: string }) | null): ExportContext | null {
  const { results: all, snapshot, language } = useAppStore.getState();
  if (!all) return null;
  const results = scopeResults(all, scope);
  if (!results.totals) return null;
  const generated = new Date();
  return {
    results,
    snapshot,
    lang: language === 'en' ? 'en' : ('zh-CN' as ExportLang),
    generated,
    stem: exportStem(results, generated, scope && scope.name !== scope.code ? scope.name : null),
  };
}

/** Saves a file through the browser's download (the file name is the <a>'s `download`). */
export function downloadFile(f: ExportFile): void {
  const url = URL.createObjectURL(f.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = f.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click's task is over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function pngBytes(img: CoverageImage): Promise<Uint8Array> {
  if (!img.url) throw new Error('the coverage image is not available');
  return new Uint8Array(await (await fetch(img.url)).arrayBuffer());
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const im = new Image();
    im.onload = () => resolve(im);
    im.onerror = () => reject(new Error('coverage image could not be decoded'));
    im.src = url;
  });
}

const mercY = (lat: number): number => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/**
 * The report's map from what the app has: the loaded areas filled as gaps, the NR and
 * RedCap coverage images over them in the report's colours, the borders on top. The
 * images are Web-Mercator-aligned, so the outlines are projected the same way.
 */
async function reportMap(
  results: AnalysisResults,
  snapshot: WorkspaceSnapshot | null,
): Promise<string | null> {
  const nr = results.coverage.find((c) => c.layer === 'nr');
  const rc = results.coverage.find((c) => c.layer === 'redcap');
  if (!nr?.url || !rc?.url) return null;
  const [w, s, e, n] = imageBounds(nr);
  const { width, height } = nr;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = MAP_COLOURS.outside;
  ctx.fillRect(0, 0, width, height);
  const features = snapshot?.boundaries?.features ?? [];
  const top = features.some((f) => f.properties.level === 'county')
    ? features.filter((f) => f.properties.level === 'county')
    : features;
  const ny = mercY(n);
  const sy = mercY(s);
  const path = new Path2D();
  const ring = (r: Position[]) =>
    r.forEach(([lon, lat], i) => {
      const x = ((lon - w) / (e - w)) * width;
      const y = ((ny - mercY(lat)) / (ny - sy)) * height;
      if (i === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
    });
  for (const f of top) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) ring(r);
  }
  ctx.fillStyle = MAP_COLOURS.gap;
  ctx.fill(path, 'evenodd');
  for (const [img, colour] of [
    [nr, MAP_COLOURS.nr],
    [rc, MAP_COLOURS.redcap],
  ] as const) {
    // Recolour: keep the image's coverage mask, paint it in the report's colour.
    const layer = document.createElement('canvas');
    layer.width = width;
    layer.height = height;
    const lc = layer.getContext('2d');
    if (!lc || !img.url) continue;
    lc.drawImage(await loadImage(img.url), 0, 0, width, height);
    lc.globalCompositeOperation = 'source-in';
    lc.fillStyle = colour;
    lc.fillRect(0, 0, width, height);
    ctx.drawImage(layer, 0, 0);
  }
  ctx.strokeStyle = MAP_COLOURS.border;
  ctx.lineWidth = Math.max(1, Math.round(Math.max(width, height) / 1500));
  ctx.stroke(path);
  return canvas.toDataURL('image/png');
}

/** Builds one export of the results on screen and downloads it. */
export async function exportResults(
  kind: ExportKind,
  scope: (ComplianceScope & { name: string }) | null = null,
): Promise<void> {
  const ctx = context(scope);
  if (!ctx) throw new Error('no analysis results to export');
  const files: ExportFile[] = [];
  switch (kind) {
    case 'areas-csv':
      files.push(await areasFile(ctx, 'csv'));
      break;
    case 'areas-xlsx':
      files.push(await areasFile(ctx, 'xlsx'));
      break;
    case 'gaps-geojson':
      files.push(gapsFile(ctx, 'geojson'));
      break;
    case 'gaps-kml':
      files.push(gapsFile(ctx, 'kml'));
      break;
    case 'zones-geojson':
      files.push(zonesFile(ctx, 'geojson'));
      break;
    case 'zones-kml':
      files.push(zonesFile(ctx, 'kml'));
      break;
    case 'coverage-nr':
    case 'coverage-redcap': {
      const layer = kind === 'coverage-nr' ? 'nr' : 'redcap';
      const img = ctx.results.coverage.find((c) => c.layer === layer);
      if (!img) throw new Error('no coverage image');
      const title = i18next.t(`compliance.export.coverageTitle.${layer}`, { lng: ctx.lang });
      files.push(...coverageFiles(ctx, img, await pngBytes(img), title));
      break;
    }
    case 'report-html': {
      // A report without its map is still the report; the tables carry the verdicts.
      const map = await reportMap(ctx.results, ctx.snapshot).catch(() => null);
      files.push(reportFile(ctx, version, map));
      break;
    }
  }
  for (const f of files) downloadFile(f);
}
