import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args';
import { ANALYZE_USAGE, analyzeCommand } from './analyze';
import { PLAN_USAGE, planCommand } from './plan';
import { PROFILE_USAGE, profileCommand } from './profile';
import { EXPORT_USAGE, exportCommand } from './export';
import type { OutStream } from './progress';
import { REPORT_USAGE, reportCommand } from './report';
import { RasterFileError } from '../io/raster-errors';
import { EXIT_OK, EXIT_USAGE, VALIDATE_USAGE, validateCommand, type CommandIo } from './validate';

/** A bug, not bad input: the message says so instead of printing a stack trace. */
export const EXIT_INTERNAL = 3;

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Directory relative paths are resolved against; default process.cwd(). */
  cwd?: string;
}

interface Command {
  summary: string;
  usage: string;
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  analyze: {
    summary: 'coverage, sites per 10k and county-town continuity per area (sailplan.report/1)',
    usage: ANALYZE_USAGE,
    run: analyzeCommand,
  },
  plan: {
    summary: 'greedy planner: RedCap upgrades, NR co-location and new sites under a budget',
    usage: PLAN_USAGE,
    run: planCommand,
  },
  validate: {
    summary: 'read input files and report every problem (file, row, field, reason)',
    usage: VALIDATE_USAGE,
    run: validateCommand,
  },
  report: {
    summary: 'the analysis as one self-contained, printable HTML report (zh-CN or en)',
    usage: REPORT_USAGE,
    run: reportCommand,
  },
  export: {
    summary: 'area metrics (CSV, XLSX), gaps and county-town zones (GeoJSON, KML), coverage PNG',
    usage: EXPORT_USAGE,
    run: exportCommand,
  },
  profile: {
    summary: 'terrain path profile: line of sight, Fresnel clearance, diffraction, RSRP at a point',
    usage: PROFILE_USAGE,
    run: (argv, io) => profileCommand(argv, io),
  },
};

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((c) => c.length));
  const list = names.map((c) => `  ${c.padEnd(width)}  ${COMMANDS[c].summary}`).join('\n');
  return `Usage: sailplan <command> [options]

SailPlan (扬帆覆盖规划): 5G and RedCap coverage planning for China's counties and townships.

Commands:
${list}

Run "sailplan <command> --help" for a command's options.
  -h, --help     this help
  --version      the version
`;
}

/**
 * A usage error prints one line and where to read more: the whole usage text would push
 * the line that says what went wrong off the screen.
 */
const TOP_HELP_HINT = 'see "sailplan --help" for the commands';
export const commandHelpHint = (command: string): string =>
  `see "sailplan ${command} --help" for its options`;

function version(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The whole CLI as a function, so tests run it in-process: returns the exit code and
 * never throws, never calls process.exit.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const cio: CommandIo = { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd ?? process.cwd() };
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(
      `sailplan: no command given (one of ${Object.keys(COMMANDS).join(', ')})\n${TOP_HELP_HINT}\n`,
    );
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout.write(usage());
    return EXIT_OK;
  }
  if (first === '--version') {
    io.stdout.write(`sailplan ${version()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const cmd = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    io.stdout.write(cmd ? cmd.usage : usage());
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    const what = first.startsWith('-')
      ? `expected a command before ${first} (e.g. "sailplan validate ${first}")`
      : `unknown command "${first}"`;
    io.stderr.write(`sailplan: ${what}\n${TOP_HELP_HINT}\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, cio);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`sailplan ${first}: ${e.message}\n${commandHelpHint(first)}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof RasterFileError) {
      // A raster window that cannot be read mid-run (a damaged strip): bad input, exit 1.
      io.stderr.write(`sailplan ${first}: cannot read raster ${e.message}\n`);
      return 1;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr.write(`sailplan ${first}: internal error: ${detail}\n`);
    if (process.env.SAILPLAN_DEBUG && e instanceof Error && e.stack)
      io.stderr.write(`${e.stack}\n`);
    else io.stderr.write('(this is a bug; run with SAILPLAN_DEBUG=1 for details and report it)\n');
    return EXIT_INTERNAL;
  }
}

/** Entry point for `tsx src/cli/main.ts` and bin/sailplan.mjs. */
export async function main(): Promise<void> {
  // `sailplan validate … | head` closes the pipe early: stop quietly, not with EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // `npm run cli` runs in the package root; paths the user typed are relative to where
  // they typed them, which npm passes as INIT_CWD.
  const viaNpm = process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD;
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: viaNpm ? (process.env.INIT_CWD as string) : process.cwd(),
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
