/**
 * Colours of the scenario layers, shared by the map, the legend and the e2e tests that
 * count their pixels: chosen apart from the coverage, station, town-zone, gap and
 * boundary colours (layer-specs.ts) so a screenshot tells them apart.
 */
export const FOOTPRINT_COLORS = {
  nr: '#0ca678',
  redcap: '#9c36b5',
  before: '#495057',
} as const;

export const FOOTPRINT_FILL_OPACITY = 0.1;

/** Scenario markers (scenarios.css draws them; the legend repeats the same classes). */
export const MARKER_COLORS = {
  added: '#2f9e44',
  updated: '#f08c00',
  removed: '#adb5bd',
  picked: '#1971c2',
  plan: '#7048e8',
} as const;
