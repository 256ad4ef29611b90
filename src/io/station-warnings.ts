import type { CrsId } from '../core/crs';
import type { ImportIssue } from './issues';
import type { LayoutResolution } from './station-columns';

/** Cells of one site further apart than this are probably a wrong site id. */
export const SITE_SPREAD_WARN_M = 1000;

/** One warning for all sites whose cells lie far from the site's centre (a wrong site id?). */
export function siteSpreadWarning(
  file: string,
  spread: number,
  firstId: string,
  firstRow: number,
): ImportIssue {
  return {
    file,
    row: firstRow,
    field: 'site_id',
    value: firstId,
    code: 'site-cells-far-apart',
    params: { count: spread, km: SITE_SPREAD_WARN_M / 1000 },
    message: `${spread} site(s) have cells more than ${SITE_SPREAD_WARN_M / 1000} km from the site's centre — check their site ids (first: site "${firstId}")`,
  };
}

/** Notes about the header: title rows above it, duplicate columns, a CRS named in a header. */
export function layoutWarnings(
  file: string,
  layout: LayoutResolution,
  lines: readonly number[],
  k: 'csv' | 'xlsx',
  crs: CrsId,
  useRange: boolean,
): ImportIssue[] {
  const out: ImportIssue[] = [];
  const where = k === 'xlsx' ? 'sheet row' : 'line';
  if (layout.headerIndex > 0) {
    const line = lines[layout.headerIndex];
    out.push({
      file,
      code: 'header-not-first-row',
      params: { line, skipped: layout.headerIndex },
      message: `the header is on ${where} ${line}; the ${layout.headerIndex} row(s) above it were skipped`,
    });
  }
  const headers = layout.cols.headers;
  for (const col of layout.duplicates) {
    out.push({
      file,
      field: headers[col],
      code: 'duplicate-column',
      message: `column "${headers[col]}" names a field another column already provides; it is not used`,
    });
  }
  const { lon, lat } = layout.cols.index;
  for (const col of [lon, lat]) {
    if (col === undefined) continue;
    const hint = crsHint(headers[col]);
    const declared = crs === 'CGCS2000' ? 'WGS84' : crs;
    if (hint && hint !== declared) {
      out.push({
        file,
        field: headers[col],
        code: 'crs-hint',
        params: { hint, crs },
        message: `column "${headers[col]}" suggests ${hint} coordinates but the import declares ${crs}; a wrong CRS shifts positions by 100–700 m`,
      });
      break;
    }
  }
  if (layout.cols.layout === 'opencellid' && useRange && layout.cols.opencellid?.range === -1) {
    out.push({
      file,
      code: 'no-range-column',
      message: 'useOpenCellidRange is set but the file has no range column',
    });
  }
  return out;
}

/** The CRS a lon/lat header names ("经度(GCJ02)", "lng_baidu"), or null. */
export function crsHint(header: string): CrsId | null {
  const h = header.toLowerCase();
  if (/gcj|火星|高德|amap|gaode/.test(h)) return 'GCJ02';
  if (/bd-?09|baidu|百度/.test(h)) return 'BD09';
  if (/wgs|gps/.test(h)) return 'WGS84';
  return null;
}
