import { parseCommandArgs } from '../../src/cli/args';
import { RUN_OPTIONS, runForReport, type ReportRun } from '../../src/cli/report-analysis';

let demo: Promise<ReportRun> | null = null;

/** The Yushu demo analysed once per test file, as `sailplan report --demo` does. */
export function demoRun(): Promise<ReportRun> {
  demo ??= (async () => {
    const run = await runForReport(
      parseCommandArgs(['--demo'], RUN_OPTIONS),
      {
        stdout: { write: () => true },
        stderr: { write: () => true },
        cwd: process.cwd(),
      },
      'test',
    );
    if (typeof run === 'number') throw new Error(`demo analysis failed: exit ${run}`);
    return run;
  })();
  return demo;
}
