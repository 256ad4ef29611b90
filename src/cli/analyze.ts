import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeAreas, bboxOf, type AreaResult, type RegionResult } from '../core/analysis/analyze';
import type { PopulationModel } from '../core/analysis/population';
import { analysisParams, type AnalysisParams } from '../core/analysis/params';
import { complianceRules } from '../core/analysis/compliance';
import { rollUpCounties } from '../core/analysis/rollup';
import { areasCsv } from '../io/export-areas';
import type { ExportLang } from '../io/export-meta';
import { parseReportLang } from '../io/report-i18n';
import type { ImportIssue } from '../io/issues';
import { buildReport, reportIssue, type Report, type ReportInput } from '../io/report';
import { siteTableFromStationTable } from '../core/analysis/site-table-stations';
import type { Site } from '../core/station';
import { analyzeByCountyThreaded, analyzeCountiesThreaded, countyThreads } from './analyze-threads';
import { phaseLog } from './progress';
import {
  UsageError,
  countOption,
  parseCommandArgs,
  type OptionSpecs,
  type ParsedArgs,
} from './args';
import type { LoadedInput } from './inputs';
import {
  POPULATION_OPTIONS,
  POPULATION_USAGE,
  openPopulationSources,
  populationFor,
} from './population-input';
import { DEM_OPTIONS, DEM_USAGE, readDemOption } from './dem-input';
import { cleanText } from './text';
import * as scenarioInput from './scenario-input';
import { GAP_UNIT_OPTIONS, GAP_UNIT_USAGE, gapUnitOptions } from './gap-options';
import { EXIT_OK, EXIT_UNREADABLE, INPUT_OPTIONS, inputRequests, type CommandIo } from './validate';

const OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  ...POPULATION_OPTIONS,
  ...DEM_OPTIONS,
  'cell-size': { type: 'string' },
  'target-per-10k': { type: 'string' },
  ...GAP_UNIT_OPTIONS,
  threads: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * Demo inputs that are generated, not real: the stations (geo/README.md: China publishes
 * no station database). The demo's boundaries and census population are real.
 */
const SYNTHETIC_DEMO_ROLES: ReadonlySet<string> = new Set(['stations', 'settlements']);

/** Issues per file and kind written into the report; the counts always cover all of them. */
const REPORT_ISSUES = 1000;

export const ANALYZE_USAGE = `Usage: sailplan analyze --areas FILE [--townships FILE] [--population FILE.csv]
                        --stations FILE [options]
       sailplan analyze --demo [options]

Models every 5G site's NR and RedCap coverage on an equal-area grid and reports, per
area: 5G sites per 10,000 people and sites needed for the target, NR and RedCap area
and population coverage, coverage gaps, and the county-town RedCap continuity verdict.

Inputs: as for "sailplan validate" (--areas, --townships, --population, --stations,
--demo, --crs, --stations-crs, --areas-crs, --townships-crs, --code-field,
--name-field, --pop-field, --settlements, --settlements-crs). Settlement points also
name and flag the gap units (areas[i].gap_units); --demo reads the synthetic ones.

${POPULATION_USAGE}

Analysis:
  --cell-size METRES     grid cell size (default 100; 250 for province overviews)
  --target-per-10k N     5G sites per 10,000 people to reach (default 38)
${GAP_UNIT_USAGE}
${scenarioInput.SCENARIO_USAGE}
  --threads N            analyse the counties one at a time, each on its own grid, over
                         N worker threads (default: 2 threads for more than 50 counties
                         without --townships, else one grid for all; not with
                         --townships or --dem)
${DEM_USAGE}

Output:
  --format json|csv      report format (default json: schema "sailplan.report/1";
                         csv: one row per province, prefecture, county and township,
                         UTF-8 with BOM, safe for Excel; the same table as
                         "sailplan export --what areas" and the app's CSV)
  --lang zh-CN|en        CSV headers and words (default zh-CN; en: the report's
                         field names); CSV figures are rounded as on screen (people
                         whole, % to 0.1, km² and per 10k to 0.01), blank when the
                         population they need is unknown; JSON is not affected
  --out FILE             write the report to FILE instead of standard output
  --progress             a line per phase on stderr (read + parse, sites, analyse,
                         write) with its time and memory; on by default on a terminal
  -h, --help             this help

Exit status: 0 the analysis ran (rows may have been rejected: see "inputs"), 1 an
input file could not be read at all, 2 usage error, 3 internal error.
`;

export function positiveNumber(
  args: ParsedArgs,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = args.string(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a number from ${min} to ${max} (got "${cleanText(v, 40)}")`,
    );
  }
  return n;
}

export function reportInput(l: Extract<LoadedInput, { ok: true }>): ReportInput {
  const issues = (r: { rejected: ImportIssue[]; warnings: ImportIssue[] }) => ({
    role: l.request.role,
    file: l.request.name,
    rejected_count: r.rejected.length,
    rejected: r.rejected.slice(0, REPORT_ISSUES).map(reportIssue),
    warnings: r.warnings.slice(0, REPORT_ISSUES).map(reportIssue),
    synthetic:
      (l.request.demo && SYNTHETIC_DEMO_ROLES.has(l.request.role)) ||
      (l.kind === 'settlements' && l.result.summary.synthetic > 0),
  });
  switch (l.kind) {
    case 'stations':
    case 'station-table': {
      const r = l.result;
      return {
        ...issues(r),
        format: r.format,
        crs: r.crs,
        rows: r.rowCount,
        loaded: l.kind === 'station-table' ? l.result.table.count : l.result.cells.length,
      };
    }
    case 'boundaries': {
      const r = l.result;
      return {
        ...issues(r),
        format: r.format,
        crs: r.crs,
        rows: r.featureCount,
        loaded: r.areas.length,
      };
    }
    case 'population': {
      const r = l.result;
      const rows = r.rows.length + r.rejected.length;
      return { ...issues(r), format: 'csv', crs: null, rows, loaded: r.rows.length };
    }
    case 'settlements': {
      const r = l.result;
      const base = issues(r);
      return {
        ...base,
        // Generated points (the demo's 合成 ones, or a file's synthetic column) say so.
        synthetic: base.synthetic || r.settlements.some((x) => x.synthetic),
        format: r.format,
        crs: r.crs,
        rows: r.recordCount,
        loaded: r.settlements.length,
      };
    }
  }
}

/** The CSV of `analyze --format csv`: the area table of every export (export-areas.ts). */
export function reportCsv(report: Report, params: AnalysisParams, lang: ExportLang): string {
  return areasCsv(report, { rules: complianceRules(params), lang });
}

/** --lang, zh-CN by default. */
export function langOption(args: ParsedArgs): ExportLang {
  const lang = parseReportLang(args.string('lang'));
  if (lang === null)
    throw new UsageError(
      `--lang must be zh-CN or en (got "${cleanText(args.string('lang') ?? '', 20)}")`,
    );
  return lang;
}

/** `sailplan analyze`: read the inputs, run the coverage analysis, write sailplan.report/1. */
export async function analyzeCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(ANALYZE_USAGE);
    return EXIT_OK;
  }
  const scenarioArg = args.string('scenario') !== undefined;
  const townshipsArg = args.string('townships') !== undefined;
  // Stations go into a columnar table unless a scenario (edits on Site objects) or the
  // one-grid township analysis needs objects anyway.
  const requests = inputRequests(args, io.cwd).map((r) =>
    r.role === 'stations' && !scenarioArg && !townshipsArg ? { ...r, columnar: true } : r,
  );
  const log = phaseLog(
    io.stderr,
    'analyze',
    args.flag('progress') || io.stderr.isTTY === true,
    () => process.memoryUsage().rss,
  );
  const roles = new Set(requests.map((r) => r.role));
  if (!roles.has('areas') && !roles.has('townships'))
    throw new UsageError('analyze needs --areas (or --townships), or --demo');
  if (!roles.has('stations')) throw new UsageError('analyze needs --stations, or --demo');
  const format = args.string('format') ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new UsageError(`--format must be json or csv (got "${cleanText(format, 20)}")`);
  const lang = langOption(args);
  const baseParams = analysisParams({
    cellSizeM: positiveNumber(args, 'cell-size', 100, 10, 5000),
    targetPer10k: positiveNumber(args, 'target-per-10k', 38, 0, 1000),
    gapUnits: gapUnitOptions(args),
  });
  const threadsArg = args.string('threads');
  if (threadsArg !== undefined && args.string('townships') !== undefined)
    throw new UsageError('--threads does not combine with --townships yet');
  if (threadsArg !== undefined && args.list('dem').length > 0)
    throw new UsageError(
      '--threads does not combine with --dem yet (terrain runs on one grid per level)',
    );
  const threadsOpt =
    threadsArg === undefined ? undefined : countOption(args, 'threads', 1) || undefined;
  if (threadsArg !== undefined && (threadsOpt === undefined || threadsOpt > 64))
    throw new UsageError(
      `--threads must be a whole number from 1 to 64 (got "${cleanText(threadsArg, 20)}")`,
    );

  const scenario = await scenarioInput.readScenarioOption(args, io, 'analyze');
  if (scenario === 'failed') return EXIT_UNREADABLE;
  const params = scenarioInput.withScenarioParams(baseParams, scenario, args);

  const region = await scenarioInput.loadRegion(requests, io, 'analyze');
  if (region === null) return EXIT_UNREADABLE;
  const { ok, counties, townships } = region;
  const pop = await openPopulationSources(args, io, 'analyze', region.settlements);
  if (pop === 'failed') return EXIT_UNREADABLE;
  const st = region.stationTable;
  log.phase(
    'read + parse',
    st
      ? `${st.rowCount.toLocaleString('en-US')} station rows, ${st.table.count.toLocaleString('en-US')} cells, ${st.rejected.length.toLocaleString('en-US')} rejected; ${counties.length + townships.length} areas`
      : `${ok.length} files`,
  );
  // Site objects only when the analysis below needs them (see `sites`).
  let objectSites: Site[] | null = null;
  const sitesOf = () => (objectSites ??= scenarioInput.applyScenario(region.sites, scenario));
  const demRun = await readDemOption(
    args,
    io,
    'analyze',
    counties.length ? counties : townships,
    params,
  );
  if (demRun === 'failed') return EXIT_UNREADABLE;
  const terrain = demRun ? { terrain: demRun.terrain } : {};

  const results: AreaResult[] = [];
  const populations: PopulationModel[] = [];
  const notes = new Set<string>();
  let top: RegionResult | null = null;
  for (const set of [counties, townships]) {
    if (set.length === 0) continue;
    // Terrain runs on one grid per level (the threaded path has no DEM window per county).
    const threads =
      set === counties && !demRun ? countyThreads(set, townships.length > 0, threadsOpt) : null;
    let r;
    const threadPopulation = {
      settlements: pop.settlements,
      rasterInfo: pop.rasterInfo,
      raster: pop.raster,
    };
    if (threads !== null && st && scenario === null) {
      const table = siteTableFromStationTable(st.table, st.sites, params, set, {
        buffer: SharedArrayBuffer,
      });
      // The cells are not needed any more: the site table holds what the analysis reads.
      st.table.release();
      log.phase(
        'sites',
        `${table.count.toLocaleString('en-US')} sites, ${table.kinds.length} footprint kinds`,
      );
      const raster = pop.raster;
      r = await analyzeByCountyThreaded(set, table, params, {
        threads,
        population: { settlements: pop.settlements, rasterInfo: pop.rasterInfo },
        // Each county's window of the raster, read when the county is handed out.
        ...(raster ? { rasterFor: (k: number) => raster.readWindow(bboxOf([set[k]])) } : {}),
        onProgress: (done, total) => {
          if (done % Math.max(1, Math.ceil(total / 10)) === 0 && done < total)
            log.phase('analyse', `${done}/${total} counties`);
        },
      });
    } else {
      const sites = sitesOf();
      log.phase('sites', `${sites.length.toLocaleString('en-US')} sites`);
      r =
        threads !== null
          ? await analyzeCountiesThreaded(set, sites, params, threads, threadPopulation)
          : analyzeAreas(set, sites, params, {
              ...(set === counties ? { townships } : {}),
              population: await populationFor(pop, set),
              settlements: region.settlements,
              ...terrain,
            });
    }
    log.phase('analyse', `${r.areas.length} areas`);
    results.push(...r.areas);
    populations.push(r.population);
    r.notes.forEach((n) => notes.add(n));
    // Totals are over the top level: counties when given, else townships.
    top ??= r;
  }
  const totals = top!.totals;
  const report = buildReport({
    params,
    inputs: [
      ...ok.map(reportInput),
      ...pop.reportInputs,
      ...scenarioInput.scenarioReportInputs(scenario),
    ],
    notes: [...region.populationNotes, ...notes],
    population: populations,
    areas: results,
    totals,
    ...(demRun && top?.terrain ? { terrain: { summary: top.terrain, dem: demRun.dem } } : {}),
    rollups: rollUpCounties(results, params.targetPer10k, region.names),
    townships: {
      zones: townships.length > 0 && counties.length > 0,
      population: counties.length > 0 && townships.some((t) => t.population !== null),
    },
  });
  const text =
    format === 'csv' ? reportCsv(report, params, lang) : `${JSON.stringify(report, null, 2)}\n`;
  const out = args.string('out');
  if (out !== undefined) {
    writeFileSync(path.resolve(io.cwd, out), text);
    io.stderr.write(`sailplan analyze: wrote ${out} (${results.length} areas)\n`);
  } else {
    io.stdout.write(text);
  }
  log.phase('write', `${(text.length / 2 ** 20).toFixed(1)} MiB of ${format}`);
  return EXIT_OK;
}
