import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeParams } from '../core/model/params';
import { pixelCells } from '../core/analysis/coverage-image';
import { areasCsv, areasXlsx } from '../io/export-areas';
import { gapUnitsText, gapsText, zonesText } from '../io/export-layers';
import { gapUnitFeatures } from '../core/analysis/gap-unit-features';
import type { ExportMeta } from '../io/export-meta';
import { coveragePngText, withPngText } from '../io/export-png-text';
import { WEB_MERCATOR_PRJ, coverageMapImage, worldFile, type Rgba } from '../io/export-raster';
import { reportStrings } from '../io/report-i18n';
import { langOption } from './analyze';
import { UsageError, parseCommandArgs, type OptionSpecs } from './args';
import { RUN_OPTIONS, runForReport } from './report-analysis';
import { encodePng } from './report-png';
import { cleanText } from './text';
import { EXIT_OK, type CommandIo } from './validate';

const OPTIONS: OptionSpecs = {
  ...RUN_OPTIONS,
  what: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Which formats each export offers; the first is the default. */
const FORMATS = {
  areas: ['csv', 'xlsx'],
  gaps: ['geojson', 'kml'],
  'gap-units': ['geojson', 'kml', 'csv'],
  zones: ['geojson', 'kml'],
  coverage: ['png'],
} as const;
type What = keyof typeof FORMATS;

export const EXPORT_USAGE = `Usage: sailplan export --what areas|gaps|gap-units|zones|coverage [--format F] --out FILE [inputs]

Runs the analysis of "sailplan analyze" and writes one export. Every export carries the
rules it was judged by (target per 10k, continuity thresholds, RSRP threshold, grid)
and says whether synthetic (demo) stations went into it.

  --what areas      area metrics (provinces, prefectures, counties, townships):
                    --format csv (UTF-8 with BOM, formula injection neutralised; the
                    rules as columns on every row) or xlsx (sheets "areas", "parameters");
                    people whole, % to 0.1, km² and per 10k to 0.01, blank when the
                    population is unknown
  --what gaps       the largest NR coverage gaps of each area, ranked by people:
                    --format geojson or kml (Google Earth, 奥维互动地图)
  --what gap-units  the largest populated gaps (gap units, 10 per area) with rank,
                    people, settlements and nearest site: --format geojson, kml or csv
  --what zones      the county-town zones with their RedCap continuity verdict:
                    --format geojson or kml
  --what coverage   the coverage raster as PNG (gap / NR only / NR+RedCap), with a world
                    file FILE.pgw and FILE.prj in Web Mercator (EPSG:3857)
  --lang zh-CN|en   language of headers, titles and descriptions (default zh-CN;
                    en: table headers are the report's field names)
  --out FILE        file to write (required)
  -h, --help        this help

Inputs and analysis: as for "sailplan analyze" (including --scenario FILE, --settlements,
--population-raster, --population-values, the --gap-… options and --dem FILE|FOLDER).
`;

const COVERAGE_PALETTE: [Rgba, Rgba, Rgba, Rgba] = [
  [0, 0, 0, 0],
  [229, 57, 53, 160],
  [144, 202, 249, 200],
  [46, 125, 50, 200],
];

/** `sailplan export`: one export of the analysis to a file. */
export async function exportCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(EXPORT_USAGE);
    return EXIT_OK;
  }
  const whatArg = args.string('what');
  if (whatArg === undefined)
    throw new UsageError('export needs --what areas|gaps|gap-units|zones|coverage');
  if (!Object.hasOwn(FORMATS, whatArg))
    throw new UsageError(
      `--what must be areas, gaps, gap-units, zones or coverage (got "${cleanText(whatArg, 20)}")`,
    );
  const what = whatArg as What;
  const formats: readonly string[] = FORMATS[what];
  const format = args.string('format') ?? formats[0];
  if (!formats.includes(format))
    throw new UsageError(
      `--what ${what} is exported as ${formats.join(' or ')} (got --format "${cleanText(format, 20)}")`,
    );
  const lang = langOption(args);
  const out = args.string('out');
  if (out === undefined) throw new UsageError('export needs --out FILE');
  const target = path.resolve(io.cwd, out);

  const run = await runForReport(args, io, 'export');
  if (typeof run === 'number') return run;
  const tr = reportStrings(lang);
  const written: string[] = [out];
  const meta: Omit<ExportMeta, 'title'> = {
    generated: run.report.generated,
    rules: run.compliance.rules,
    lang,
    synthetic: run.report.inputs.synthetic,
  };
  switch (what) {
    case 'areas': {
      const opts = { rules: run.compliance.rules, lang };
      if (format === 'csv') writeFileSync(target, areasCsv(run.report, opts));
      else {
        const blob = await areasXlsx(run.report, opts, describeParams(run.params.model));
        writeFileSync(target, new Uint8Array(await blob.arrayBuffer()));
      }
      break;
    }
    case 'gap-units': {
      const units = run.state.gapUnits;
      const features = units ? gapUnitFeatures(run.state.grid, units, run.topAreas) : [];
      writeFileSync(
        target,
        gapUnitsText(
          { type: 'FeatureCollection', features },
          meta,
          lang,
          format as 'geojson' | 'kml' | 'csv',
        ),
      );
      break;
    }
    case 'gaps':
    case 'zones': {
      const fmt = format === 'geojson' ? 'geojson' : 'kml';
      writeFileSync(
        target,
        what === 'gaps'
          ? gapsText({ type: 'FeatureCollection', features: run.gaps }, meta, lang, fmt)
          : zonesText({ type: 'FeatureCollection', features: run.townZones }, meta, lang, fmt),
      );
      break;
    }
    case 'coverage': {
      const img = coverageMapImage(
        run.state.grid,
        pixelCells(run.state.grid),
        COVERAGE_PALETTE,
        null,
      );
      // The rules travel inside the image too (iTXt), as with every other export.
      writeFileSync(
        target,
        withPngText(encodePng(img), coveragePngText({ ...meta, title: tr('exportCoverage') })),
      );
      const base = target.replace(/\.png$/i, '');
      writeFileSync(`${base}.pgw`, worldFile(img));
      writeFileSync(`${base}.prj`, WEB_MERCATOR_PRJ);
      const shown = out.replace(/\.png$/i, '');
      written.push(`${shown}.pgw`, `${shown}.prj`);
      break;
    }
  }
  io.stderr.write(`sailplan export: wrote ${written.join(', ')}\n`);
  return EXIT_OK;
}
