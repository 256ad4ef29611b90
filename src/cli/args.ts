import { parseArgs } from 'node:util';
import { parseCrs, type CrsId } from '../core/crs';

/** Bad command line: the CLI prints the message and a pointer to the command's --help, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** A string option that may be given several times (e.g. raster tiles); see `strings`. */
  multiple?: boolean;
}
export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  positionals: string[];
  string(name: string): string | undefined;
  /** Every value of a repeatable option, in the order given ([] when absent). */
  strings(name: string): string[];
  flag(name: string): boolean;
  /** Every value of a `multiple` option, in order (empty when not given). */
  list(name: string): string[];
}

/**
 * node:util parseArgs, with messages a user can act on. parseArgs' own strict mode says
 * little more than "Unknown option", and silently lets a repeated option win, so it runs
 * non-strict with tokens and the checks happen here.
 */
export function parseCommandArgs(
  argv: readonly string[],
  specs: OptionSpecs,
  maxPositionals = 0,
): ParsedArgs {
  const { tokens } = parseArgs({
    args: [...argv],
    options: specs,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    if (t.kind === 'option-terminator') continue;
    const spec = Object.hasOwn(specs, t.name) ? specs[t.name] : undefined;
    if (!spec) throw new UsageError(unknownOption(t.rawName, specs));
    if (!spec.multiple && (strings.has(t.name) || flags.has(t.name))) {
      throw new UsageError(`option --${t.name} is given more than once`);
    }
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw new UsageError(`option --${t.name} takes no value`);
      flags.add(t.name);
    } else {
      // Non-strict parseArgs leaves the value empty when the next word is another option.
      if (t.value === undefined || t.value === '') {
        throw new UsageError(`option --${t.name} needs a value`);
      }
      if (!spec.multiple) strings.set(t.name, t.value);
      else lists.set(t.name, [...(lists.get(t.name) ?? []), t.value]);
    }
  }
  if (positionals.length > maxPositionals) {
    const extra = positionals[maxPositionals];
    throw new UsageError(
      maxPositionals === 0
        ? `unexpected argument "${extra}" (files are given with options such as --stations FILE)`
        : `unexpected argument "${extra}"`,
    );
  }
  return {
    positionals,
    // A repeatable option's `string` is its first value (so "was it given" reads alike).
    string: (name) => strings.get(name) ?? lists.get(name)?.[0],
    strings: (name) => [...(lists.get(name) ?? (strings.has(name) ? [strings.get(name)!] : []))],
    flag: (name) => flags.has(name),
    list: (name) => [...(lists.get(name) ?? [])],
  };
}

function unknownOption(raw: string, specs: OptionSpecs): string {
  const name = raw.replace(/^-+/, '');
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of Object.keys(specs)) {
    const d = editDistance(name, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best ? `unknown option ${raw} (did you mean --${best}?)` : `unknown option ${raw}`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** A CRS option: WGS84, GCJ02, BD09, CGCS2000 and the spellings parseCrs knows. */
export function crsOption(args: ParsedArgs, name: string): CrsId | undefined {
  const v = args.string(name);
  if (v === undefined) return undefined;
  const crs = parseCrs(v);
  if (crs === null) {
    throw new UsageError(`--${name} "${v}" is not a known CRS: use WGS84, GCJ02, BD09 or CGCS2000`);
  }
  return crs;
}

/** A whole number ≥ 0. */
export function countOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.string(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`--${name} "${v}" is not a whole number ≥ 0`);
  return Number(v.trim());
}
