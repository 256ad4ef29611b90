import { describe, expect, it } from 'vitest';
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import type { AreaResult } from '../../src/core/analysis/analyze';
import {
  NO_DATA_COLOR,
  choroplethClasses,
  choroplethColorExpression,
  classColor,
  metricValue,
} from '../../src/map/choropleth';
import { NR_COVERAGE_COLOR, REDCAP_COVERAGE_COLOR } from '../../src/map/coverage-colors';
import { COVERAGE_RGB } from '../../src/worker/run-analysis';

function area(code: string, over: Partial<AreaResult> = {}): AreaResult {
  const layer = { areaKm2: 10, areaPct: 50, popPct: 60 };
  return {
    code,
    name: code,
    level: 'county',
    parent: null,
    population: 10_000,
    areaKm2: 20,
    sites5g: 10,
    sitesRedcap: 2,
    sitesPer10k: 10,
    targetPer10k: 38,
    sitesNeeded: 28,
    coverage: { nr: layer, redcap: { ...layer, areaPct: 20, popPct: 30 } },
    gaps: { count: 1, totalKm2: 1, largestKm2: 1, popUncovered: 5 },
    townZone: null,
    ...over,
  } as AreaResult;
}

/** Evaluates a fill-color expression for a feature, as maplibre does. */
function colorFor(expr: unknown, code: string): string {
  const parsed = createExpression(expr, {
    type: 'color',
    'property-type': 'data-driven',
    expression: { interpolated: false, parameters: ['zoom', 'feature'] },
  } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 8 }, {
    type: 'Polygon',
    properties: { code },
  } as never) as { r: number; g: number; b: number };
  const hex = (v: number) =>
    Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
}

describe('choropleth', () => {
  it('per-10k classes break exactly at the target: below is red, from the target on blue', () => {
    const classes = choroplethClasses('per10k', 38);
    expect(classes.some((c) => c.from === 38)).toBe(true);
    const below = classColor(classes, 37.9);
    const at = classColor(classes, 38);
    expect(below).not.toBe(at);
    const red = (hex: string) => parseInt(hex.slice(1, 3), 16) > parseInt(hex.slice(5, 7), 16);
    expect(red(below)).toBe(true);
    expect(red(at)).toBe(false);
    expect(red(classColor(classes, 0))).toBe(true);
    expect(red(classColor(classes, 200))).toBe(false);
    // A different target moves the break.
    expect(classColor(choroplethClasses('per10k', 20), 21)).toBe(at);
  });

  it('joins each area value into a match on the feature code that maplibre evaluates', () => {
    const areas = [
      area('632701', { sitesPer10k: 5 }),
      area('632722', { sitesPer10k: 50 }),
      area('632723', { sitesPer10k: null, population: null }),
    ];
    const expr = choroplethColorExpression(areas, 'per10k', 38);
    const classes = choroplethClasses('per10k', 38);
    expect(colorFor(expr, '632701')).toBe(classColor(classes, 5));
    expect(colorFor(expr, '632722')).toBe(classColor(classes, 50));
    expect(colorFor(expr, '632723')).toBe(NO_DATA_COLOR);
    expect(colorFor(expr, '999999')).toBe(NO_DATA_COLOR);
    expect(colorFor(expr, '632701')).not.toBe(colorFor(expr, '632722'));
  });

  it('reads every metric from the results; population shares are undefined without population', () => {
    const a = area('1');
    expect(metricValue(a, 'nrAreaPct')).toBe(50);
    expect(metricValue(a, 'nrPopPct')).toBe(60);
    expect(metricValue(a, 'redcapAreaPct')).toBe(20);
    expect(metricValue(a, 'redcapPopPct')).toBe(30);
    expect(metricValue(a, 'sitesNeeded')).toBe(28);
    expect(metricValue(a, 'per10k')).toBe(10);
    expect(metricValue(area('2', { population: null }), 'nrPopPct')).toBeNull();
    const expr = choroplethColorExpression([a], 'sitesNeeded', 38);
    expect(colorFor(expr, '1')).toBe(classColor(choroplethClasses('sitesNeeded', 38), 28));
  });

  it('with no results every area is "no data", and duplicate codes do not break the match', () => {
    expect(choroplethColorExpression([], 'per10k', 38)).toBe(NO_DATA_COLOR);
    const expr = choroplethColorExpression(
      [area('1'), area('1', { sitesPer10k: 99 })],
      'per10k',
      38,
    );
    expect(colorFor(expr, '1')).toBe(classColor(choroplethClasses('per10k', 38), 10));
  });

  it('the legend colours of the coverage images are the ones the worker paints', () => {
    const hex = (rgb: readonly number[]) =>
      `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(NR_COVERAGE_COLOR).toBe(hex(COVERAGE_RGB.nr));
    expect(REDCAP_COVERAGE_COLOR).toBe(hex(COVERAGE_RGB.redcap));
  });
});
