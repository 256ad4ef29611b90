import type { TableRow } from './area-rows';
import type { MetricKind } from './metric-format';

/** Column ids double as the cells' `data-col` (tests and the page driver read them). */
export type ColumnId =
  | 'code'
  | 'name'
  | 'population'
  | 'areaKm2'
  | 'sites5g'
  | 'sitesRedcap'
  | 'per10k'
  | 'sitesNeeded'
  | 'nrAreaPct'
  | 'nrPopPct'
  | 'redcapAreaPct'
  | 'redcapPopPct'
  | 'gapsCount'
  | 'gapsLargestKm2'
  | 'gapsPopUncovered'
  | 'townZone';

export interface ColumnSpec {
  id: ColumnId;
  /** i18n key of the header. */
  header: string;
  /** How the value is formatted; 'text' for code and name, 'zone' for the verdict. */
  kind: MetricKind | 'people' | 'text' | 'zone';
  width: number;
  /** Sort key; undefined sorts last whatever the direction. */
  value: (r: TableRow) => string | number | undefined;
  /** Filled by the analysis only (unknown on a snapshot-only row). */
  analysed: boolean;
}

const num = (x: number | null) => x ?? undefined;

/**
 * The columns pinned at the left while the metrics scroll sideways: the name and the
 * headline metric (stations per 10k against the target). Their widths fit the longest
 * county names (9 characters) and "每万人 5G 基站（目标 38）" without clipping.
 */
export const PINNED_WIDTHS = { name: 124, per10k: 104 } as const;
export const PINNED_COLUMNS = ['name', 'per10k'] as const;

export const AREA_COLUMNS: readonly ColumnSpec[] = [
  {
    id: 'name',
    header: 'table.name',
    kind: 'text',
    width: PINNED_WIDTHS.name,
    value: (r) => r.name,
    analysed: false,
  },
  {
    id: 'per10k',
    header: 'table.per10k',
    kind: 'per10k',
    width: PINNED_WIDTHS.per10k,
    value: (r) => num(r.per10k),
    analysed: false,
  },
  {
    id: 'code',
    header: 'table.code',
    kind: 'text',
    width: 70,
    value: (r) => r.code,
    analysed: false,
  },
  {
    id: 'population',
    header: 'table.population',
    kind: 'count',
    width: 80,
    value: (r) => num(r.population),
    analysed: false,
  },
  {
    id: 'areaKm2',
    header: 'table.areaKm2',
    kind: 'area',
    width: 80,
    value: (r) => r.areaKm2,
    analysed: false,
  },
  {
    id: 'sites5g',
    header: 'table.sites5g',
    kind: 'count',
    width: 60,
    value: (r) => r.sites5g,
    analysed: false,
  },
  {
    id: 'sitesRedcap',
    header: 'table.sitesRedcap',
    kind: 'count',
    width: 70,
    value: (r) => r.sitesRedcap,
    analysed: false,
  },
  {
    id: 'sitesNeeded',
    header: 'panels.columns.sitesNeeded',
    kind: 'count',
    width: 66,
    value: (r) => num(r.sitesNeeded),
    analysed: false,
  },
  {
    id: 'nrAreaPct',
    header: 'panels.columns.nrAreaPct',
    kind: 'pct',
    width: 70,
    value: (r) => num(r.nrAreaPct),
    analysed: true,
  },
  {
    id: 'nrPopPct',
    header: 'panels.columns.nrPopPct',
    kind: 'pct',
    width: 70,
    value: (r) => num(r.nrPopPct),
    analysed: true,
  },
  {
    id: 'redcapAreaPct',
    header: 'panels.columns.redcapAreaPct',
    kind: 'pct',
    width: 76,
    value: (r) => num(r.redcapAreaPct),
    analysed: true,
  },
  {
    id: 'redcapPopPct',
    header: 'panels.columns.redcapPopPct',
    kind: 'pct',
    width: 76,
    value: (r) => num(r.redcapPopPct),
    analysed: true,
  },
  {
    id: 'gapsCount',
    header: 'panels.columns.gapsCount',
    kind: 'count',
    width: 56,
    value: (r) => num(r.gapsCount),
    analysed: true,
  },
  {
    id: 'gapsLargestKm2',
    header: 'panels.columns.gapsLargestKm2',
    kind: 'km2',
    width: 80,
    value: (r) => num(r.gapsLargestKm2),
    analysed: true,
  },
  {
    id: 'gapsPopUncovered',
    header: 'panels.columns.gapsPopUncovered',
    kind: 'people',
    width: 80,
    value: (r) => num(r.gapsPopUncovered),
    analysed: true,
  },
  {
    id: 'townZone',
    header: 'panels.columns.townZone',
    kind: 'zone',
    width: 96,
    value: (r) => r.townZone?.redcapAreaPct,
    analysed: true,
  },
];

export const TABLE_WIDTH = AREA_COLUMNS.reduce((a, c) => a + c.width, 0);
