import { DIGITS, type MetricKind } from './metric-format';

/** A change for display: an explicit sign (+ or −) unless zero, a dash when unknown. */
export function formatDelta(x: number | null | undefined, kind: MetricKind, lang: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  // −0.04 shown at one digit is "−0.0": round first so a tiny change reads as 0.
  const d = DIGITS[kind];
  const r = Math.round(x * 10 ** d) / 10 ** d;
  return new Intl.NumberFormat(lang, {
    maximumFractionDigits: d,
    signDisplay: 'exceptZero',
  }).format(r === 0 ? 0 : r);
}
