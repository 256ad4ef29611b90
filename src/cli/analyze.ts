import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Area } from '../core/area';
import { analyzeAreas, type AreaResult } from '../core/analysis/analyze';
import { analysisParams } from '../core/analysis/params';
import { countyPopulationFromTownships, rollUpCounties } from '../core/analysis/rollup';
import { toExcelCsv } from '../io/csv-export';
import { AREA_METRIC_COLUMNS, areaMetricCells } from '../io/export-areas';
import { joinPopulation } from '../io/population-join';
import type { ImportIssue } from '../io/issues';
import { buildReport, reportIssue, type Report, type ReportInput } from '../io/report';
import { analyzeCountiesThreaded, countyThreads } from './analyze-threads';
import {
  UsageError,
  countOption,
  parseCommandArgs,
  type OptionSpecs,
  type ParsedArgs,
} from './args';
import { loadInput, type LoadedInput } from './inputs';
import { cleanText } from './text';
import * as scenarioInput from './scenario-input';
import { EXIT_OK, EXIT_UNREADABLE, INPUT_OPTIONS, inputRequests, type CommandIo } from './validate';

const OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  'cell-size': { type: 'string' },
  'target-per-10k': { type: 'string' },
  threads: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

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
--name-field, --pop-field).

Analysis:
  --cell-size METRES     grid cell size (default 100; 250 for province overviews)
  --target-per-10k N     5G sites per 10,000 people to reach (default 38)
${scenarioInput.SCENARIO_USAGE}
  --threads N            analyse the counties one at a time, each on its own grid, over
                         N worker threads (default: 2 threads for more than 50 counties
                         without --townships, else one grid for all; not with
                         --townships)

Output:
  --format json|csv      report format (default json: schema "sailplan.report/1";
                         csv: one row per area, UTF-8 with BOM, safe for Excel)
  --out FILE             write the report to FILE instead of standard output
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
  });
  switch (l.kind) {
    case 'stations': {
      const r = l.result;
      return {
        ...issues(r),
        format: r.format,
        crs: r.crs,
        rows: r.rowCount,
        loaded: r.cells.length,
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
      return {
        ...issues(r),
        format: r.format,
        crs: r.crs,
        rows: r.recordCount,
        loaded: r.settlements.length,
      };
    }
  }
}

export function reportCsv(report: Report): string {
  return toExcelCsv(AREA_METRIC_COLUMNS, report.areas.map(areaMetricCells));
}

/** `sailplan analyze`: read the inputs, run the coverage analysis, write sailplan.report/1. */
export async function analyzeCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(ANALYZE_USAGE);
    return EXIT_OK;
  }
  const requests = inputRequests(args, io.cwd);
  const roles = new Set(requests.map((r) => r.role));
  if (!roles.has('areas') && !roles.has('townships'))
    throw new UsageError('analyze needs --areas (or --townships), or --demo');
  if (!roles.has('stations')) throw new UsageError('analyze needs --stations, or --demo');
  const format = args.string('format') ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new UsageError(`--format must be json or csv (got "${cleanText(format, 20)}")`);
  const baseParams = analysisParams({
    cellSizeM: positiveNumber(args, 'cell-size', 100, 10, 5000),
    targetPer10k: positiveNumber(args, 'target-per-10k', 38, 0, 1000),
  });
  const threadsArg = args.string('threads');
  if (threadsArg !== undefined && args.string('townships') !== undefined)
    throw new UsageError('--threads does not combine with --townships yet');
  const threadsOpt =
    threadsArg === undefined ? undefined : countOption(args, 'threads', 1) || undefined;
  if (threadsArg !== undefined && (threadsOpt === undefined || threadsOpt > 64))
    throw new UsageError(
      `--threads must be a whole number from 1 to 64 (got "${cleanText(threadsArg, 20)}")`,
    );

  const scenario = await scenarioInput.readScenarioOption(args, io, 'analyze');
  if (scenario === 'failed') return EXIT_UNREADABLE;
  const params = scenarioInput.withScenarioParams(baseParams, scenario, args);

  const loaded: LoadedInput[] = [];
  for (const req of requests) loaded.push(await loadInput(req, io));
  const failed = loaded.filter((l) => !l.ok);
  if (failed.length) {
    for (const l of failed) {
      if (!l.ok)
        io.stderr.write(
          `sailplan analyze: cannot read ${l.request.role} file ${l.request.name}: ${l.error.message}\n`,
        );
    }
    return EXIT_UNREADABLE;
  }
  const ok = loaded.filter((l): l is Extract<LoadedInput, { ok: true }> => l.ok);
  const boundaries = (role: string): Area[] => {
    const l = ok.find((x) => x.request.role === role && x.kind === 'boundaries');
    return l && l.kind === 'boundaries' ? l.result.areas : [];
  };
  const pop = ok.find((l) => l.kind === 'population');
  const withPopulation = (areas: Area[]): Area[] => {
    if (!pop || pop.kind !== 'population' || areas.length === 0) return areas;
    return joinPopulation(areas, pop.result.rows, pop.request.name).areas;
  };
  const stations = ok.find((l) => l.kind === 'stations');
  const sites = scenarioInput.applyScenario(
    stations && stations.kind === 'stations' ? stations.result.sites : [],
    scenario,
  );
  const townships = withPopulation(boundaries('townships'));
  const counties = countyPopulationFromTownships(withPopulation(boundaries('areas')), townships);

  const results: AreaResult[] = [];
  const notes = new Set<string>();
  let totals: AreaResult | null = null;
  for (const set of [counties, townships]) {
    if (set.length === 0) continue;
    const threads = set === counties ? countyThreads(set, townships.length > 0, threadsOpt) : null;
    const r =
      threads !== null
        ? await analyzeCountiesThreaded(set, sites, params, threads)
        : analyzeAreas(set, sites, params, set === counties ? { townships } : {});
    results.push(...r.areas);
    r.notes.forEach((n) => notes.add(n));
    // Totals are over the top level: counties when given, else townships.
    totals ??= r.totals;
  }
  const aggregateNames = new Map(
    pop && pop.kind === 'population' ? pop.result.aggregates.map((a) => [a.code, a.name]) : [],
  );
  const report = buildReport({
    params,
    inputs: [...ok.map(reportInput), ...scenarioInput.scenarioReportInputs(scenario)],
    notes: [...notes],
    areas: results,
    totals: totals!,
    rollups: rollUpCounties(results, params.targetPer10k, aggregateNames),
    townships: {
      zones: townships.length > 0 && counties.length > 0,
      population: counties.length > 0 && townships.some((t) => t.population !== null),
    },
  });
  const text = format === 'csv' ? reportCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  const out = args.string('out');
  if (out !== undefined) {
    writeFileSync(path.resolve(io.cwd, out), text);
    io.stderr.write(`sailplan analyze: wrote ${out} (${results.length} areas)\n`);
  } else {
    io.stdout.write(text);
  }
  return EXIT_OK;
}
