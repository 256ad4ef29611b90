import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GapFeatureProps, TownZoneFeatureProps } from '../core/analysis/result-features';
import { GAP_KML_STYLES, ZONE_KML_STYLES, geoJsonExport, kmlExport } from '../io/export-geo';
import type { ExportMeta } from '../io/export-meta';
import { reportStrings, type ReportLang } from './report-i18n';

// The gap and county-town zone files, as the CLI's `export` and the app's export menu both
// write them (pure: no Node built-ins, so the app can import it).

type Layer<P> = FeatureCollection<Polygon | MultiPolygon, P>;

/** The largest NR gaps of each area, ranked by people, as GeoJSON or KML text. */
export function gapsText(
  fc: Layer<GapFeatureProps>,
  meta: Omit<ExportMeta, 'title'>,
  lang: ReportLang,
  format: 'geojson' | 'kml',
): string {
  const tr = reportStrings(lang);
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const m = { ...meta, title: `SailPlan — ${tr('exportGaps')}` };
  if (format === 'geojson') return geoJsonExport(fc, m);
  return kmlExport(fc, m, {
    styles: GAP_KML_STYLES,
    style: () => 'gap',
    name: (p) => `${p.areaName} #${p.rank}`,
    description: (p) =>
      tr('gapDescription', {
        area: p.areaName,
        rank: p.rank,
        km2: nf.format(p.areaKm2),
        pop: nf.format(Math.round(p.population)),
      }),
  });
}

/** The county-town zones with their RedCap continuity verdicts, as GeoJSON or KML text. */
export function zonesText(
  fc: Layer<TownZoneFeatureProps>,
  meta: Omit<ExportMeta, 'title'>,
  lang: ReportLang,
  format: 'geojson' | 'kml',
): string {
  const tr = reportStrings(lang);
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const m = { ...meta, title: `SailPlan — ${tr('exportZones')}` };
  if (format === 'geojson') return geoJsonExport(fc, m);
  return kmlExport(fc, m, {
    styles: ZONE_KML_STYLES,
    style: (p) => (p.continuous ? 'pass' : 'fail'),
    name: (p) => p.name,
    description: (p) =>
      tr('zoneDescription', {
        verdict: tr(p.continuous ? 'pass' : 'fail'),
        pct: nf.format(p.redcapAreaPct),
        km2: nf.format(p.largestGapKm2),
      }),
  });
}
