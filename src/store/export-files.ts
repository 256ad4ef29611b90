import type { Compliance } from '../core/analysis/compliance';
import { describeParams } from '../core/model/params';
import { areasCsv, areasXlsx } from '../io/export-areas';
import { gapsText, zonesText } from '../io/export-layers';
import type { ExportLang, ExportMeta } from '../io/export-meta';
import { coveragePngText, withPngText } from '../io/export-png-text';
import { WEB_MERCATOR_PRJ, worldFile } from '../io/export-raster';
import { isoLocal } from '../io/export-time';
import {
  buildReport,
  hasSyntheticSites,
  reportIssue,
  type Report,
  type ReportInput,
} from '../io/report';
import { reportHtml, type DataSource, type ReportHtmlRun } from '../io/report-html';
import type {
  AnalysisResults,
  CoverageImage,
  DatasetSummary,
  WorkspaceSnapshot,
} from '../worker/protocol';
import { complianceOf, rollupsOf } from './compliance-of-results';

/**
 * The app's exports as files, made from the results on screen with the same io functions
 * as `sailplan export` and `sailplan report`, so a file from the app and one from the CLI
 * over the same inputs agree. Pure apart from Blob: the actions download what this makes.
 */

export interface ExportFile {
  name: string;
  blob: Blob;
}

/** What every export is made of: the results, what was loaded, the language, the moment. */
export interface ExportContext {
  results: AnalysisResults;
  snapshot: WorkspaceSnapshot | null;
  lang: ExportLang;
  generated: Date;
  /** Region and date part of the file names, e.g. "青海省-2026-11-24". */
  stem: string;
}

const FORMATS: Record<string, string> = {
  csv: 'CSV',
  xlsx: 'XLSX',
  json: 'GeoJSON',
  geojson: 'GeoJSON',
  topojson: 'TopoJSON',
  kml: 'KML',
  kmz: 'KMZ',
  zip: 'Shapefile (zip)',
};

/** A dataset as the report's `inputs` lists it (what the CLI writes for a file it read). */
export function reportInputOf(d: DatasetSummary): ReportInput {
  const ext = /\.([a-z0-9]+)$/i.exec(d.fileName)?.[1].toLowerCase() ?? '';
  return {
    role: d.kind === 'boundaries' ? 'areas' : d.kind,
    file: d.fileName,
    format: FORMATS[ext] ?? (ext || d.kind),
    crs: d.crs,
    rows: d.rowCount,
    loaded: d.loadedCount,
    rejected_count: d.rejectedCount,
    rejected: d.rejected.map(reportIssue),
    warnings: d.warnings.map(reportIssue),
    synthetic: d.synthetic,
  };
}

/** Whether synthetic sites (the demo's stations) are part of results made from `snapshot`. */
export function snapshotSynthetic(snapshot: WorkspaceSnapshot | null): boolean {
  return hasSyntheticSites((snapshot?.datasets ?? []).map(reportInputOf));
}

/** The `sailplan.report/1` object of the results; null when nothing was analysed. */
export function reportOf(
  results: AnalysisResults,
  snapshot: WorkspaceSnapshot | null,
  generated: Date,
): Report | null {
  if (!results.totals) return null;
  const { counties, townships } = results;
  return buildReport({
    params: results.params,
    inputs: (snapshot?.datasets ?? []).map(reportInputOf),
    notes: results.notes,
    areas: [...counties, ...townships],
    totals: results.totals,
    rollups: rollupsOf(results),
    townships: {
      zones: townships.length > 0 && counties.length > 0,
      population: counties.length > 0 && townships.some((t) => t.population !== null),
    },
    population: results.population ?? [],
    generated,
  });
}

/** Characters no file system accepts, and spaces, out of a name part. */
export function fileNamePart(s: string): string {
  return (
    s
      .replace(/[\\/:*?"<>|]+/g, '')
      // Control characters too (a regex range of them reads as a mistake to the linter).
      .replace(/\p{Cc}+/gu, '')
      .replace(/\s+/g, '_')
      .slice(0, 60) || 'sailplan'
  );
}

/** Local date as YYYY-MM-DD (the day the user exported, not UTC's). */
export function fileDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The region the results are about, for file names and titles: the one prefecture or
 * province named, else the one county, else the first top-level area.
 */
export function regionName(c: Compliance): string {
  const named = (level: string) =>
    c.rows.filter((r) => r.level === level && r.name !== r.code).map((r) => r.name);
  for (const level of ['prefecture', 'province', 'county', 'township']) {
    const names = named(level);
    if (names.length === 1) return names[0];
    if (names.length > 1 && (level === 'province' || level === 'county')) return names[0];
  }
  return c.rows[0]?.name ?? 'sailplan';
}

/** "<region>-<date>": the scope's name when given, else the region the results are about. */
export function exportStem(
  results: AnalysisResults,
  generated: Date,
  name: string | null = null,
): string {
  return `${fileNamePart(name ?? regionName(complianceOf(results)))}-${fileDate(generated)}`;
}

function meta(ctx: ExportContext, title: string): ExportMeta {
  return {
    title,
    generated: isoLocal(ctx.generated),
    rules: complianceOf(ctx.results).rules,
    lang: ctx.lang,
    synthetic: snapshotSynthetic(ctx.snapshot),
  };
}

const TEXT = {
  csv: 'text/csv;charset=utf-8',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  html: 'text/html;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Area metrics of provinces, prefectures, counties and townships as CSV or XLSX. */
export async function areasFile(ctx: ExportContext, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  const report = reportOf(ctx.results, ctx.snapshot, ctx.generated);
  if (!report) throw new Error('no analysed areas to export');
  const opts = { rules: complianceOf(ctx.results).rules, lang: ctx.lang };
  const name = `${ctx.stem}-areas.${format}`;
  if (format === 'csv')
    return { name, blob: new Blob([areasCsv(report, opts)], { type: TEXT.csv }) };
  const xlsx = await areasXlsx(report, opts, describeParams(ctx.results.params.model));
  return { name, blob: new Blob([xlsx], { type: TEXT.xlsx }) };
}

/** The largest NR gaps of each area, ranked by people, as GeoJSON or KML. */
export function gapsFile(ctx: ExportContext, format: 'geojson' | 'kml'): ExportFile {
  const { title: _title, ...m } = meta(ctx, '');
  return {
    name: `${ctx.stem}-gaps.${format}`,
    blob: new Blob([gapsText(ctx.results.gaps, m, ctx.lang, format)], { type: TEXT[format] }),
  };
}

/** The county-town zones with their RedCap continuity verdicts, as GeoJSON or KML. */
export function zonesFile(ctx: ExportContext, format: 'geojson' | 'kml'): ExportFile {
  const { title: _title, ...m } = meta(ctx, '');
  return {
    name: `${ctx.stem}-town-zones.${format}`,
    blob: new Blob([zonesText(ctx.results.townZones, m, ctx.lang, format)], {
      type: TEXT[format],
    }),
  };
}

/** WGS-84 [west, south, east, north] of a coverage image from its four corners. */
export function imageBounds(img: CoverageImage): [number, number, number, number] {
  const [[w, n], , [e, s]] = img.coordinates;
  return [w, s, e, n];
}

/**
 * A coverage layer's PNG (the map's own pixels, with the rules as PNG text), its world
 * file and .prj: the image is Web-Mercator-aligned, so EPSG:3857 describes it exactly.
 */
export function coverageFiles(
  ctx: ExportContext,
  img: CoverageImage,
  png: Uint8Array,
  title: string,
): ExportFile[] {
  const base = `${ctx.stem}-coverage-${img.layer}`;
  const tagged = withPngText(png, coveragePngText(meta(ctx, title)));
  const wf = worldFile({ width: img.width, height: img.height, bounds: imageBounds(img) });
  return [
    { name: `${base}.png`, blob: new Blob([tagged], { type: 'image/png' }) },
    { name: `${base}.pgw`, blob: new Blob([wf], { type: 'text/plain' }) },
    { name: `${base}.prj`, blob: new Blob([WEB_MERCATOR_PRJ], { type: 'text/plain' }) },
  ];
}

/** The self-contained HTML report of `sailplan report`, for the results on screen. */
export function reportFile(
  ctx: ExportContext,
  version: string,
  mapDataUrl: string | null,
): ExportFile {
  const report = reportOf(ctx.results, ctx.snapshot, ctx.generated);
  if (!report) throw new Error('no analysed areas to report');
  const sources: DataSource[] = report.inputs.files.map((f) => ({
    role: f.role,
    file: f.file,
    format: f.format,
    crs: f.crs,
    rows: f.rows,
    loaded: f.loaded,
    rejected: f.rejected_count,
    // A file picked in the browser keeps no date the app could trust.
    modified: null,
    synthetic: f.synthetic === true,
  }));
  const run: ReportHtmlRun = {
    report,
    params: ctx.results.params,
    countyResults: ctx.results.counties,
    townshipResults: ctx.results.townships,
    gaps: ctx.results.gaps.features,
    compliance: complianceOf(ctx.results),
    sources,
    notes: ctx.results.notes,
  };
  const html = reportHtml({ run, lang: ctx.lang, mapDataUrl, version });
  return { name: `${ctx.stem}-report.html`, blob: new Blob([html], { type: TEXT.html }) };
}
