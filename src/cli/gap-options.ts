import { DEFAULT_GAP_UNIT_PARAMS, type GapUnitParams } from '../core/analysis/gap-units';
import { UsageError, type OptionSpecs, type ParsedArgs } from './args';
import { cleanText } from './text';

/** The gap-unit options of analyze, report, plan and export (issue 12 "Gaps an operator can act on"). */
export const GAP_UNIT_OPTIONS: OptionSpecs = {
  'gap-min-density': { type: 'string' },
  'gap-merge-m': { type: 'string' },
  'gap-min-km2': { type: 'string' },
  'household-size': { type: 'string' },
};

const d = DEFAULT_GAP_UNIT_PARAMS;
export const GAP_UNIT_USAGE = `  --gap-min-density N    people per km² for an uncovered cell to be in a gap unit
                         (default ${d.minDensity}); emptier land is unpopulated_km2
  --gap-merge-m M        populated cells at most M metres apart form one unit
                         (default ${d.mergeM})
  --gap-min-km2 A        units under A km² without a flag go into the remainder
                         (default ${d.minKm2})
  --household-size N     people per household for the 20-household rule (default ${d.householdSize})`;

function numberIn(args: ParsedArgs, name: string, fallback: number, min: number, max: number) {
  const v = args.string(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(
      `--${name} must be a number from ${min} to ${max} (got "${cleanText(v, 40)}")`,
    );
  return n;
}

/** The gap-unit parameters given on the command line (defaults for the rest). */
export function gapUnitOptions(args: ParsedArgs): GapUnitParams {
  return {
    minDensity: numberIn(args, 'gap-min-density', d.minDensity, 0, 1e6),
    mergeM: numberIn(args, 'gap-merge-m', d.mergeM, 0, 100_000),
    minKm2: numberIn(args, 'gap-min-km2', d.minKm2, 0, 1e6),
    householdSize: numberIn(args, 'household-size', d.householdSize, 0.5, 100),
  };
}
