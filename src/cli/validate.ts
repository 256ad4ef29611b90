import type { CrsId } from '../core/crs';
import type { Site } from '../core/station';
import type { BoundaryImportResult } from '../io/import-boundaries';
import { formatIssue, type ImportIssue } from '../io/issues';
import { SETTLEMENT_KINDS, type SettlementKind } from '../core/settlement';
import type { SettlementImportResult } from '../io/import-settlements';
import type { PopulationImportResult } from '../io/population-csv';
import { CODE_CHANGES_SOURCE, describeCodeChange } from '../io/admin-code-changes';
import { joinPopulation, type PopulationJoinResult } from '../io/population-join';
import {
  UsageError,
  countOption,
  crsOption,
  parseCommandArgs,
  type OptionSpecs,
  type ParsedArgs,
} from './args';
import {
  ANALYSIS_ROLES,
  DEMO_FILES,
  INPUT_ROLES,
  displayPath,
  loadInput,
  type InputRequest,
  type InputRole,
  type LoadedInput,
} from './inputs';
import type { OutStream } from './progress';
import { cleanText } from './text';

export const VALIDATE_SCHEMA = 'sailplan.validate/1';
const DEFAULT_MAX_ISSUES = 20;

export const EXIT_OK = 0;
export const EXIT_UNREADABLE = 1;
export const EXIT_USAGE = 2;

/** The input options shared by every command that reads the input files. */
export const INPUT_OPTIONS: OptionSpecs = {
  areas: { type: 'string' },
  townships: { type: 'string' },
  population: { type: 'string' },
  stations: { type: 'string' },
  settlements: { type: 'string' },
  'settlements-crs': { type: 'string' },
  demo: { type: 'boolean' },
  crs: { type: 'string' },
  'stations-crs': { type: 'string' },
  'areas-crs': { type: 'string' },
  'townships-crs': { type: 'string' },
  'code-field': { type: 'string' },
  'name-field': { type: 'string' },
  'pop-field': { type: 'string' },
};

/** The settlement options (part of INPUT_OPTIONS; kept for the commands that list them). */
export const SETTLEMENT_OPTIONS: OptionSpecs = {
  settlements: { type: 'string' },
  'settlements-crs': { type: 'string' },
};

const OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  json: { type: 'boolean' },
  'max-issues': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const VALIDATE_USAGE = `Usage: sailplan validate [inputs] [options]

Reads each input file the way \`sailplan analyze\` does and reports what was read
and every problem, one line each: file, row or feature, field, reason.

Inputs (at least one, or --demo):
  --areas FILE          county boundaries: GeoJSON, TopoJSON, KML/KMZ or zipped Shapefile
  --townships FILE      township boundaries, same formats
  --population FILE     population table, CSV (UTF-8 or GBK): code, total[, urban, rural]
  --stations FILE       stations or cells: CSV (UTF-8 or GBK), XLSX, OpenCelliD CSV
  --settlements FILE    settlement points: CSV/XLSX with lon/lat (name, population,
                        kind such as 乡镇驻地/行政村/自然村/牧业点, code), or points
                        in GeoJSON, KML/KMZ, TopoJSON or a zipped Shapefile
  --demo                the Yushu demo region (geo/yushu-counties.geojson,
                        geo/yushu-population.csv, geo/yushu-stations.csv, and the
                        synthetic geo/yushu-settlements.csv); an input option
                        given as well replaces that demo file

Reading:
  --crs CRS             CRS of every input: WGS84 | GCJ02 | BD09 | CGCS2000
                        (default: stations WGS84; boundaries as the file declares, else WGS84)
  --stations-crs CRS    CRS of --stations only (overrides --crs)
  --areas-crs CRS       CRS of --areas only
  --townships-crs CRS   CRS of --townships only
  --settlements-crs CRS CRS of --settlements only
  --code-field NAME     boundary property holding the GB/T 2260 code (default: detected)
  --name-field NAME     boundary property holding the name (default: detected)
  --pop-field NAME      boundary property holding the population (default: detected)

Output:
  --json                a JSON summary (schema "${VALIDATE_SCHEMA}") instead of text
  --max-issues N        problems listed per file and kind (default ${DEFAULT_MAX_ISSUES});
                        the counts always cover all of them
  -h, --help            this help

Exit status: 0 every file was read (rows may have been rejected), 1 a file could not
be read at all, 2 usage error, 3 internal error (a bug: please report it).

Examples:
  sailplan validate --demo
  sailplan validate --areas counties.geojson --population census.csv \\
                    --stations sites.xlsx --stations-crs GCJ02
`;

export interface CommandIo {
  stdout: OutStream;
  stderr: OutStream;
  cwd: string;
}

interface ValidateOptions {
  requests: InputRequest[];
  json: boolean;
  maxIssues: number;
}

const ROLE_CRS: Record<InputRole, string | null> = {
  areas: 'areas-crs',
  townships: 'townships-crs',
  population: null,
  stations: 'stations-crs',
  settlements: 'settlements-crs',
};
const FIELD_OPTIONS = ['code-field', 'name-field', 'pop-field'] as const;

function readOptions(args: ParsedArgs, cwd: string): ValidateOptions {
  return {
    requests: inputRequests(args, cwd, INPUT_ROLES),
    json: args.flag('json'),
    maxIssues: countOption(args, 'max-issues', DEFAULT_MAX_ISSUES),
  };
}

/**
 * The files to read, from --areas/--townships/--population/--stations(/--settlements)/--demo
 * and their CRS/field options; `roles` are the inputs the command reads.
 */
export function inputRequests(
  args: ParsedArgs,
  cwd: string,
  roles: readonly InputRole[] = ANALYSIS_ROLES,
): InputRequest[] {
  const demo = args.flag('demo');
  const present = (role: InputRole) =>
    roles.includes(role) && (args.string(role) !== undefined || (demo && role in DEMO_FILES));
  // Every value is checked, and an option for a file that is not given is an error rather
  // than silently ignored (a typo in the option for the file that is given, most likely).
  const crs = crsOption(args, 'crs');
  const roleCrs = new Map<InputRole, CrsId | undefined>();
  for (const role of roles) {
    const name = ROLE_CRS[role];
    if (name === null) continue;
    const value = crsOption(args, name);
    if (value !== undefined && !present(role)) {
      throw new UsageError(`--${name} is given but --${role} is not`);
    }
    roleCrs.set(role, value);
  }
  for (const name of FIELD_OPTIONS) {
    if (args.string(name) !== undefined && !present('areas') && !present('townships')) {
      throw new UsageError(`--${name} applies to --areas and --townships, and neither is given`);
    }
  }
  const requests: InputRequest[] = [];
  for (const role of roles) {
    const given = args.string(role);
    const filePath = given ?? (demo ? DEMO_FILES[role] : undefined);
    if (filePath === undefined) continue;
    const req: InputRequest = {
      role,
      path: filePath,
      name: given ?? displayPath(filePath, cwd),
      demo: given === undefined,
      crs: role === 'population' ? undefined : (roleCrs.get(role) ?? crs),
    };
    if (role === 'areas' || role === 'townships') {
      req.codeField = args.string('code-field');
      req.nameField = args.string('name-field');
      req.popField = args.string('pop-field');
    }
    requests.push(req);
  }
  // The demo's settlements are made up to go with its made-up stations: with stations of
  // one's own they would place people where nobody said anyone lives.
  const stations = requests.find((r) => r.role === 'stations');
  const demoSettlements = requests.findIndex((r) => r.role === 'settlements' && r.demo);
  if (demoSettlements >= 0 && stations && !stations.demo && roles !== INPUT_ROLES)
    requests.splice(demoSettlements, 1);
  if (requests.length === 0) {
    throw new UsageError(
      `no input: give at least one of ${roles.map((r) => `--${r}`).join(', ')}, or --demo`,
    );
  }
  return requests;
}

/** `sailplan validate`: read every input, report, exit 0 (all read) or 1 (one unreadable). */
export async function validateCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(VALIDATE_USAGE);
    return EXIT_OK;
  }
  const opts = readOptions(args, io.cwd);
  const loaded: LoadedInput[] = [];
  for (const req of opts.requests) loaded.push(await loadInput(req, io));
  const join = populationJoin(loaded);
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(summary(loaded, join, opts.maxIssues), null, 2)}\n`);
  } else {
    io.stdout.write(textReport(loaded, join, opts.maxIssues));
  }
  const unreadable = loaded.filter((l) => !l.ok);
  for (const l of unreadable) {
    if (!l.ok) {
      io.stderr.write(
        `sailplan validate: cannot read ${l.request.role} file ${l.request.name}: ${l.error.message}\n`,
      );
    }
  }
  return unreadable.length > 0 ? EXIT_UNREADABLE : EXIT_OK;
}

// ---------------------------------------------------------------------------------------
// Population join

export interface JoinReport {
  population: string;
  areas: string;
  level: string;
  areaCount: number;
  result: PopulationJoinResult;
  unmatchedRows: { code: string; name: string; row: number }[];
  areasWithoutPopulation: { code: string; name: string }[];
  /** Areas joined to the row of another code of the same unit (admin-code-changes.ts). */
  codeChanges: { code: string; name: string; row: string; change: string }[];
}

/**
 * Join the population to the boundaries it describes: the areas, or the townships when
 * only they are given or when the table's codes are mostly township codes.
 */
export function populationJoin(loaded: readonly LoadedInput[]): JoinReport | null {
  const find = (role: InputRole) => loaded.find((l) => l.ok && l.request.role === role);
  const pop = find('population');
  if (!pop || !pop.ok || pop.kind !== 'population') return null;
  const boundaries = [find('areas'), find('townships')].filter(
    (l): l is Extract<LoadedInput, { kind: 'boundaries' }> =>
      l !== undefined && l.ok && l.kind === 'boundaries' && l.result.areas.length > 0,
  );
  if (boundaries.length === 0) return null;
  const township = pop.result.rows.filter((r) => r.code.length === 9).length;
  const mostlyTownship = township > pop.result.rows.length / 2;
  const target =
    boundaries.find((b) => (b.result.level === 'township') === mostlyTownship) ?? boundaries[0];
  const result = joinPopulation(target.result.areas, pop.result.rows, pop.request.name);
  const rowByCode = new Map(pop.result.rows.map((r) => [r.code, r]));
  const unmatchedRows = result.issues
    .filter((i) => i.code === 'population-row-unmatched' && i.value !== undefined)
    .map((i) => {
      const r = rowByCode.get(i.value as string);
      return { code: i.value as string, name: r?.name ?? '', row: r?.row ?? i.row ?? 0 };
    });
  const areasWithoutPopulation = result.withoutPopulation;
  const codeChanges = result.codeChanges.map((c) => ({
    code: c.areaCode,
    name: c.areaName,
    row: c.rowCode,
    change: c.changes.map(describeCodeChange).join('; '),
  }));
  return {
    population: pop.request.name,
    areas: target.request.name,
    level: target.result.level,
    areaCount: target.result.areas.length,
    result,
    unmatchedRows,
    areasWithoutPopulation,
    codeChanges,
  };
}

// ---------------------------------------------------------------------------------------
// Shared figures

export interface SiteCounts {
  total: number;
  nr: number;
  redcap: number;
  lteOnly: number;
  /** Neither NR nor LTE (GSM/UMTS only). */
  other: number;
}

export function countSites(sites: readonly Site[]): SiteCounts {
  const c: SiteCounts = { total: sites.length, nr: 0, redcap: 0, lteOnly: 0, other: 0 };
  for (const s of sites) {
    if (s.is5g) c.nr++;
    if (s.isRedcap) c.redcap++;
    if (!s.is5g && s.hasLte) c.lteOnly++;
    if (!s.is5g && !s.hasLte) c.other++;
  }
  return c;
}

function populationRows(r: PopulationImportResult) {
  const withoutCode = r.warnings.filter((w) => w.code === 'population-no-code').length;
  const loaded = r.rows.length;
  const rejected = r.rejected.length;
  const national = r.nationalTotal !== null ? 1 : 0;
  return { read: loaded + rejected + withoutCode + national, loaded, rejected, withoutCode };
}

function boundaryFigures(r: BoundaryImportResult) {
  let km2 = 0;
  let withPopulation = 0;
  for (const a of r.areas) {
    km2 += a.areaKm2;
    if (a.population) withPopulation++;
  }
  return { count: r.areas.length, withPopulation, areaKm2: Math.round(km2 * 10) / 10 };
}

/** A CLI-level note: a township file whose codes read as counties. */
function roleNotes(l: LoadedInput): ImportIssue[] {
  if (!l.ok || l.kind !== 'boundaries' || l.request.role !== 'townships') return [];
  if (l.result.level !== 'county') return [];
  return [
    {
      file: l.request.name,
      code: 'townships-read-as-counties',
      message:
        'given as --townships, but most codes have 6 digits and the file was read as county level',
    },
  ];
}

// ---------------------------------------------------------------------------------------
// JSON

const issueList = (items: readonly ImportIssue[], max: number) => ({
  count: items.length,
  items: items.slice(0, max),
});

function summary(loaded: readonly LoadedInput[], join: JoinReport | null, max: number) {
  const inputs = loaded.map((l) => {
    const base = {
      role: l.request.role,
      file: l.request.name,
      demo: l.request.demo,
      bytes: l.bytes,
      ok: l.ok,
    };
    if (!l.ok) return { ...base, error: l.error };
    switch (l.kind) {
      case 'stations': {
        const r = l.result;
        return {
          ...base,
          format: r.format,
          encoding: r.encoding,
          delimiter: r.delimiter,
          crs: r.crs,
          rows: { read: r.rowCount, loaded: r.cells.length, rejected: r.rejected.length },
          sites: countSites(r.sites),
          columns: {
            layout: r.columns.layout,
            mapping: r.columns.mapping,
            unmapped: r.columns.unmapped,
          },
          rejected: issueList(r.rejected, max),
          warnings: issueList(r.warnings, max),
        };
      }
      case 'boundaries': {
        const r = l.result;
        return {
          ...base,
          format: r.format,
          encoding: r.encoding,
          crs: r.crs,
          crsSource: r.crsSource,
          level: r.level,
          layer: r.layer,
          fields: { code: r.fields.code, name: r.fields.name, pop: r.fields.pop },
          features: { read: r.featureCount, loaded: r.areas.length, rejected: r.rejected.length },
          areas: boundaryFigures(r),
          rejected: issueList(r.rejected, max),
          warnings: issueList([...roleNotes(l), ...r.warnings], max),
        };
      }
      case 'population': {
        const r = l.result;
        return {
          ...base,
          format: 'csv',
          encoding: r.encoding,
          columns: r.columns,
          rows: populationRows(r),
          nationalTotal: r.nationalTotal,
          rejected: issueList(r.rejected, max),
          warnings: issueList(r.warnings, max),
        };
      }
      case 'settlements': {
        const r = l.result;
        return {
          ...base,
          format: r.format,
          encoding: r.encoding,
          delimiter: r.delimiter,
          crs: r.crs,
          crsSource: r.crsSource,
          rows: { read: r.recordCount, loaded: r.settlements.length, rejected: r.rejected.length },
          columns: { mapping: r.columns.mapping, unmapped: r.columns.unmapped },
          settlements: r.summary,
          rejected: issueList(r.rejected, max),
          warnings: issueList(r.warnings, max),
        };
      }
    }
  });
  return {
    schema: VALIDATE_SCHEMA,
    generated: new Date().toISOString(),
    ok: loaded.every((l) => l.ok),
    inputs,
    join: join && {
      population: join.population,
      areas: join.areas,
      level: join.level,
      areaCount: join.areaCount,
      matched: join.result.matched,
      areasWithoutPopulation: join.areasWithoutPopulation,
      codeChanges: join.codeChanges,
      unmatchedRows: join.unmatchedRows,
      aggregateRows: join.result.aggregateRows,
      issues: issueList(join.result.issues, max),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Text

const n = (x: number): string => x.toLocaleString('en-US');
const plural = (k: number, one: string, many = `${one}s`) => `${n(k)} ${k === 1 ? one : many}`;

const ENCODING: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  gbk: 'GBK',
};
const encodingText = (e: string | null): string | null =>
  e === null ? null : (ENCODING[e.toLowerCase()] ?? e);

const FORMAT: Record<string, string> = {
  csv: 'CSV',
  xlsx: 'XLSX',
  opencellid: 'OpenCelliD CSV',
  geojson: 'GeoJSON',
  topojson: 'TopoJSON',
  kml: 'KML',
  kmz: 'KMZ',
  shapefile: 'zipped Shapefile',
};

const CRS_SOURCE = {
  option: 'given',
  file: 'declared by the file',
  default: 'default: the file declares none',
} as const;

function fieldList(entries: [string, string | null][]): string {
  return entries
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => (k === v ? k : `${k} "${cleanText(v, 60)}"`))
    .join(', ');
}

function headerList(headers: readonly string[], max: number): string {
  const shown = headers.slice(0, max).map((h) => (h === '' ? '(unnamed)' : cleanText(h, 60)));
  const more = headers.length > max ? `, … ${n(headers.length - max)} more` : '';
  return shown.join(', ') + more;
}

const KIND_TEXT: Record<SettlementKind, [string, string]> = {
  town: ['county town', 'county towns'],
  'township-seat': ['township seat', 'township seats'],
  'admin-village': ['administrative village', 'administrative villages'],
  'natural-village': ['natural village', 'natural villages'],
  'herding-site': ['herding site', 'herding sites'],
  other: ['other', 'other'],
};

function settlementLines(
  r: SettlementImportResult,
  line: (label: string, text: string) => void,
  max: number,
): void {
  const fmt = [FORMAT[r.format] ?? r.format, encodingText(r.encoding)];
  if (r.delimiter !== null) fmt.push(`delimiter ${JSON.stringify(r.delimiter)}`);
  line('format', fmt.filter(Boolean).join(', '));
  line('CRS', `${r.crs} (${CRS_SOURCE[r.crsSource]})`);
  const unit = r.format === 'csv' || r.format === 'xlsx' ? 'rows' : 'features';
  line(
    unit,
    `${n(r.recordCount)} read, ${n(r.settlements.length)} loaded, ${n(r.rejected.length)} rejected`,
  );
  line('columns', fieldList(Object.entries(r.columns.mapping)) || '(none)');
  if (r.columns.unmapped.length > 0) line('unused', headerList(r.columns.unmapped, max));
  const s = r.summary;
  const kinds = SETTLEMENT_KINDS.filter((k) => s.byKind[k] > 0).map((k) => {
    const [one, many] = KIND_TEXT[k];
    return plural(s.byKind[k], one, many);
  });
  line('kinds', kinds.join(', ') || '(none loaded)');
  line(
    'people',
    `${n(Math.round(s.population))} in ${n(s.withPopulation)} of ${plural(r.settlements.length, 'settlement')}; households for ${n(s.withHouseholds)}`,
  );
  if (s.synthetic > 0) {
    line(
      'synthetic',
      `${s.synthetic === r.settlements.length ? 'all' : n(s.synthetic)} (made up by a generator, labelled 合成: not facts)`,
    );
  }
}

function textReport(loaded: readonly LoadedInput[], join: JoinReport | null, max: number): string {
  const out: string[] = [];
  const line = (label: string, text: string) => out.push(`  ${label.padEnd(10)}  ${text}`);
  const issues = (title: string, items: readonly ImportIssue[]) => {
    if (items.length === 0) return;
    out.push(`  ${title} (${n(items.length)}):`);
    for (const i of items.slice(0, max)) out.push(`    ${cleanText(formatIssue(i), 600)}`);
    if (items.length > max) {
      out.push(`    … ${n(items.length - max)} more (raise --max-issues, or use --json)`);
    }
  };

  for (const l of loaded) {
    const demo = l.request.demo ? '  (demo)' : '';
    out.push(`${l.request.role}: ${l.request.name}${demo}`);
    if (!l.ok) {
      line('error', `cannot be read: ${l.error.message}`);
      out.push('');
      continue;
    }
    switch (l.kind) {
      case 'stations': {
        const r = l.result;
        const fmt = [FORMAT[r.format], encodingText(r.encoding)];
        if (r.delimiter !== null) fmt.push(`delimiter ${JSON.stringify(r.delimiter)}`);
        line('format', fmt.filter(Boolean).join(', '));
        line('CRS', `${r.crs} (${l.request.crs ? 'given' : 'default'})`);
        line(
          'rows',
          `${n(r.rowCount)} read, ${n(r.cells.length)} loaded, ${n(r.rejected.length)} rejected`,
        );
        const cols = r.columns.mapping as Record<string, string>;
        line('columns', fieldList(Object.entries(cols)) || '(none)');
        if (r.columns.unmapped.length > 0) {
          line('unused', headerList(r.columns.unmapped, max));
        }
        const s = countSites(r.sites);
        const other = s.other > 0 ? `, ${n(s.other)} 2G/3G only` : '';
        line(
          'sites',
          `${n(s.total)}: ${n(s.nr)} 5G (${n(s.redcap)} RedCap), ${n(s.lteOnly)} LTE-only${other}`,
        );
        issues('rejected', r.rejected);
        issues('warnings', r.warnings);
        break;
      }
      case 'boundaries': {
        const r = l.result;
        line(
          'format',
          [FORMAT[r.format] ?? r.format, encodingText(r.encoding)].filter(Boolean).join(', '),
        );
        line('CRS', `${r.crs} (${CRS_SOURCE[r.crsSource]})`);
        if (r.layers.length > 1) line('layer', `${r.layer} of ${headerList(r.layers, max)}`);
        line(
          'features',
          `${n(r.featureCount)} read, ${n(r.areas.length)} loaded, ${n(r.rejected.length)} rejected`,
        );
        line(
          'fields',
          fieldList([
            ['code', r.fields.code],
            ['name', r.fields.name],
            ['population', r.fields.pop],
          ]) || '(none detected)',
        );
        const f = boundaryFigures(r);
        line(
          'areas',
          `${n(f.count)} ${r.level}-level, ${n(Math.round(f.areaKm2))} km², population for ${n(f.withPopulation)}`,
        );
        issues('rejected', r.rejected);
        issues('warnings', [...roleNotes(l), ...r.warnings]);
        break;
      }
      case 'population': {
        const r = l.result;
        const rows = populationRows(r);
        line('format', ['CSV', encodingText(r.encoding)].filter(Boolean).join(', '));
        const c = r.columns;
        line(
          'columns',
          fieldList([
            ['code', c.code],
            ['name', c.name],
            ['total', c.total],
            ['urban', c.urban],
            ['rural', c.rural],
          ]),
        );
        const noCode = rows.withoutCode > 0 ? `, ${n(rows.withoutCode)} without a code` : '';
        line(
          'rows',
          `${n(rows.read)} read, ${n(rows.loaded)} loaded, ${n(rows.rejected)} rejected${noCode}`,
        );
        if (r.nationalTotal !== null) line('national', n(r.nationalTotal));
        issues('rejected', r.rejected);
        issues('warnings', r.warnings);
        break;
      }
      case 'settlements':
        settlementLines(l.result, line, max);
        issues('rejected', l.result.rejected);
        issues('warnings', l.result.warnings);
        break;
    }
    out.push('');
  }

  if (join) {
    const j = join.result;
    out.push(`population join: ${join.population} → ${join.areas}`);
    line(
      'matched',
      `${n(j.matched)} of ${plural(join.areaCount, 'area')}; ${n(j.areasWithoutPopulation)} without a population row`,
    );
    line(
      'rows',
      `${n(j.unmatchedRows)} match no area, ${n(j.aggregateRows)} province/prefecture totals ignored`,
    );
    const codes = (xs: { code: string; name: string }[]) => {
      const shown = xs.slice(0, max).map((x) => cleanText(`${x.code} ${x.name}`.trim(), 80));
      return xs.length > max
        ? `${shown.join(', ')}, … ${n(xs.length - max)} more`
        : shown.join(', ');
    };
    if (join.unmatchedRows.length > 0) line('unmatched', codes(join.unmatchedRows));
    if (join.areasWithoutPopulation.length > 0) line('no row', codes(join.areasWithoutPopulation));
    for (const c of join.codeChanges.slice(0, max))
      line('recoded', cleanText(`${c.code} ${c.name} joined row ${c.row}: ${c.change}`, 200));
    if (join.codeChanges.length > max)
      line('recoded', `… ${n(join.codeChanges.length - max)} more`);
    if (join.codeChanges.length > 0) line('source', CODE_CHANGES_SOURCE);
    out.push('');
  }

  const bad = loaded.filter((l) => !l.ok);
  let rejected = 0;
  let warnings = 0;
  for (const l of loaded) {
    if (!l.ok) continue;
    rejected += l.result.rejected.length;
    warnings += l.result.warnings.length + roleNotes(l).length;
  }
  const counts = `${plural(rejected, 'row/feature', 'rows/features')} rejected, ${plural(warnings, 'warning')}`;
  out.push(
    bad.length === 0
      ? `OK: ${plural(loaded.length, 'file')} read; ${counts}.`
      : `FAILED: ${n(bad.length)} of ${plural(loaded.length, 'file')} could not be read (${bad.map((b) => b.request.name).join(', ')}); ${counts}.`,
  );
  return `${out.join('\n')}\n`;
}
