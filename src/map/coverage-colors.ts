// Colours the worker paints covered cells with (COVERAGE_RGB in src/worker/run-analysis.ts;
// a unit test keeps the two equal). Duplicated so the legend does not pull the analysis
// worker's code into the page bundle.
export const NR_COVERAGE_COLOR = '#1971c2';
export const REDCAP_COVERAGE_COLOR = '#c2255c';
