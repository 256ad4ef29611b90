import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { langOption } from './analyze';
import { parseCommandArgs, type OptionSpecs } from './args';
import { RUN_OPTIONS, runForReport } from './report-analysis';
import { reportHtml } from '../io/report-html';
import { reportMapDataUrl } from './report-png';
import { EXIT_OK, type CommandIo } from './validate';

const OPTIONS: OptionSpecs = {
  ...RUN_OPTIONS,
  lang: { type: 'string' },
  'no-map': { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const REPORT_USAGE = `Usage: sailplan report --areas FILE [--townships FILE] [--population FILE.csv]
                       --stations FILE [options] --out report.html
       sailplan report --demo [options] --out report.html

Runs the analysis of "sailplan analyze" and writes ONE self-contained HTML file a
regulator can hand on: a banner when synthetic (demo) stations went in, the rules and
parameters at the top, a summary, the compliance
checklist per province, prefecture and county (sites per 10k against the target, sites
missing, county-town RedCap continuity with the reason, townships without 5G), where
the most people are uncovered, charts, a coverage map, the area table and the data
sources with their dates. Print it to PDF from a browser (A4, headers repeat).

Inputs and analysis: as for "sailplan analyze" (--areas, --townships, --population,
--stations, --settlements, --population-raster, --population-values, --demo, --crs…,
--scenario, --cell-size, --target-per-10k,
--gap-min-density, --gap-merge-m, --gap-min-km2, --household-size, --dem).

Output:
  --lang zh-CN|en   report language (default zh-CN)
  --no-map          leave the coverage map image out (smaller file)
  --out FILE        the HTML file to write (default: standard output)
  -h, --help        this help
`;

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `sailplan report`: the analysis as a printable, self-contained HTML report. */
export async function reportCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(REPORT_USAGE);
    return EXIT_OK;
  }
  const lang = langOption(args);
  const run = await runForReport(args, io, 'report');
  if (typeof run === 'number') return run;
  const html = reportHtml({
    run,
    lang,
    mapDataUrl: args.flag('no-map') ? null : reportMapDataUrl(run.state),
    version: packageVersion(),
  });
  const out = args.string('out');
  if (out !== undefined) {
    writeFileSync(path.resolve(io.cwd, out), html);
    io.stderr.write(
      `sailplan report: wrote ${out} (${run.countyResults.length + run.townshipResults.length} areas, ${Math.round(html.length / 1024)} KiB)\n`,
    );
  } else io.stdout.write(html);
  return EXIT_OK;
}
