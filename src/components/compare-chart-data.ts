import type { ComparisonView } from '../worker/scenario-protocol';

/** What the comparison charts draw: plain arrays, so tests check them without a canvas. */
export interface BarSeries {
  label: string;
  data: (number | null)[];
  color: string;
  /** Drawn as a line over the bars (the per-10k target). */
  line?: boolean;
}

export interface BarChartData {
  labels: string[];
  series: BarSeries[];
}

export const CHART_COLORS = {
  a: '#adb5bd',
  b: '#1971c2',
  target: '#e03131',
  redcapA: '#e599b1',
  redcapB: '#c2255c',
};

/** Per area: 5G sites per 10k on side A and side B, and the target as a line. */
export function per10kChart(
  cmp: ComparisonView,
  names: { a: string; b: string; target: string },
): BarChartData {
  return {
    labels: cmp.after.map((a) => a.name),
    series: [
      { label: names.a, data: cmp.before.map((a) => a.sitesPer10k), color: CHART_COLORS.a },
      { label: names.b, data: cmp.after.map((a) => a.sitesPer10k), color: CHART_COLORS.b },
      {
        label: names.target,
        data: cmp.after.map(() => cmp.targetPer10k),
        color: CHART_COLORS.target,
        line: true,
      },
    ],
  };
}

/** Per area: population covered (%) by NR and by RedCap on each side. */
export function populationChart(
  cmp: ComparisonView,
  names: { nrA: string; nrB: string; redcapA: string; redcapB: string },
): BarChartData {
  return {
    labels: cmp.after.map((a) => a.name),
    series: [
      {
        label: names.nrA,
        data: cmp.before.map((a) => a.coverage.nr.popPct),
        color: CHART_COLORS.a,
      },
      { label: names.nrB, data: cmp.after.map((a) => a.coverage.nr.popPct), color: CHART_COLORS.b },
      {
        label: names.redcapA,
        data: cmp.before.map((a) => a.coverage.redcap.popPct),
        color: CHART_COLORS.redcapA,
      },
      {
        label: names.redcapB,
        data: cmp.after.map((a) => a.coverage.redcap.popPct),
        color: CHART_COLORS.redcapB,
      },
    ],
  };
}
