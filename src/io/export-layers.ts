import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GapFeatureProps, TownZoneFeatureProps } from '../core/analysis/result-features';
import type { GapUnitFeatureProps } from '../core/analysis/gap-unit-features';
import { toExcelCsv } from './csv-export';
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

/** The settlement names of a unit for a description: the first five, then how many more. */
const someNames = (list: readonly string[]): string =>
  list.length <= 5 ? list.join('、') : `${list.slice(0, 5).join('、')} … (+${list.length - 5})`;

/**
 * The largest populated gaps (gap units) of each area, ranked by people, as GeoJSON, KML
 * or a CSV table (one row per unit, its centre as lon/lat).
 */
export function gapUnitsText(
  fc: Layer<GapUnitFeatureProps>,
  meta: Omit<ExportMeta, 'title'>,
  lang: ReportLang,
  format: 'geojson' | 'kml' | 'csv',
): string {
  const tr = reportStrings(lang);
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const m = { ...meta, title: `SailPlan — ${tr('exportGapUnits')}` };
  if (format === 'csv') {
    const head = [
      'area_code',
      'area_name',
      'rank',
      'people',
      'area_km2',
      'lon',
      'lat',
      'settlements',
      'nearest_site_m',
      'nearest_site_id',
      'township',
      'households20',
      'township_seat',
      'village_far',
      'synthetic_stations',
    ];
    return toExcelCsv(
      head,
      fc.features.map(({ properties: p }) => [
        p.areaCode,
        p.areaName,
        p.rank,
        Math.round(p.people),
        Math.round(p.areaKm2 * 100) / 100,
        Math.round(p.centre[0] * 1e6) / 1e6,
        Math.round(p.centre[1] * 1e6) / 1e6,
        p.settlements.join('; '),
        p.nearestSiteM === null ? null : Math.round(p.nearestSiteM),
        p.nearestSiteId,
        p.township,
        p.households20,
        p.townshipSeat,
        p.villageFar,
        meta.synthetic,
      ]),
    );
  }
  if (format === 'geojson') return geoJsonExport(fc, m);
  return kmlExport(fc, m, {
    styles: GAP_KML_STYLES,
    style: () => 'gap',
    name: (p) => `${p.areaName} #${p.rank}`,
    description: (p) =>
      tr('gapUnitDescription', {
        area: p.areaName,
        rank: p.rank,
        km2: nf.format(p.areaKm2),
        pop: nf.format(Math.round(p.people)),
        settlements: someNames(p.settlements) || '—',
        site:
          p.nearestSiteM === null
            ? '—'
            : `${nf.format(Math.round(p.nearestSiteM))} m (${p.nearestSiteId})`,
      }),
  });
}
