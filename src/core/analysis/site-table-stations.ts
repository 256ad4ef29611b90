import type { Area } from '../area';
import { wgs84 } from '../crs';
import { resolveEnv } from '../model/link-budget';
import type { CellFootprint } from '../model/footprint';
import type { Cell } from '../station';
import type { StationTable } from '../station-table';
import { TABLE_SITE_5G, TABLE_SITE_REDCAP, type TableSites } from '../station-table-sites';
import { metres } from '../units';
import type { AnalysisParams } from './params';
import {
  SITE_5G,
  SITE_REDCAP,
  buildSiteTable,
  type SiteTable,
  type SiteTableOptions,
} from './site-table';

/**
 * The analysis site table straight from a columnar station table and its sites
 * (station-table-sites.ts): the same kinds and flags as `siteTableFromSites` over the
 * equivalent `Site` objects, with one reused `Cell` for the footprint solver instead of
 * an object per row.
 */
export function siteTableFromStationTable(
  t: StationTable,
  sites: TableSites,
  params: AnalysisParams,
  areas: readonly Area[],
  options: SiteTableOptions = {},
): SiteTable {
  const cell: Cell = {
    id: '',
    siteId: '',
    name: null,
    operator: null,
    position: wgs84(0, 0),
    tech: 'NR',
    band: null,
    redcap: false,
    azimuthDeg: null,
    beamwidthDeg: 0,
    heightM: null,
    powerDbm: null,
    env: 'auto',
    radiusM: null,
    status: 'existing',
    sourceRow: 0,
  };
  const num = (a: Float64Array, i: number): number | null => (Number.isNaN(a[i]) ? null : a[i]);
  // Operators and bands are a handful of strings: decode each once, not once per cell.
  const labels = Array.from({ length: t.labels.size }, (_, k) => t.labels.get(k));
  return buildSiteTable(
    sites.count,
    {
      lon: (s) => sites.lon[s],
      lat: (s) => sites.lat[s],
      flags: (s) =>
        (sites.flags[s] & TABLE_SITE_5G ? SITE_5G : 0) |
        (sites.flags[s] & TABLE_SITE_REDCAP ? SITE_REDCAP : 0),
      footprints: (s, solve, inZone, notes) => {
        if (!(sites.flags[s] & TABLE_SITE_5G)) return null;
        const inTown = inZone(sites.lon[s], sites.lat[s]);
        const nr: CellFootprint[] = [];
        const redcap: CellFootprint[] = [];
        for (let k = sites.start[s]; k < sites.start[s + 1]; k++) {
          const i = sites.members[k];
          if (t.techOf(i) !== 'NR') continue;
          // Only what the solver reads (cell-coverage.ts): band, operator, geometry, power.
          cell.band = t.band[i] < 0 ? null : labels[t.band[i]];
          cell.operator = t.operator[i] < 0 ? null : labels[t.operator[i]];
          cell.redcap = t.isRedcap(i);
          cell.azimuthDeg = num(t.azimuth, i);
          cell.beamwidthDeg = t.beamwidth[i];
          const h = num(t.height, i);
          cell.heightM = h === null ? null : metres(h);
          cell.powerDbm = num(t.power, i);
          const r = num(t.radius, i);
          cell.radiusM = r === null ? null : metres(r);
          cell.env = t.envOf(i);
          const cov = solve(cell, resolveEnv(cell.env, inTown));
          if (!cov) continue;
          for (const n of cov.notes) notes.add(n);
          nr.push(cov.nr);
          if (cov.redcap) redcap.push(cov.redcap);
        }
        return nr.length ? { nr, redcap } : null;
      },
    },
    params,
    areas,
    options,
  );
}
