import { analysisParams, type AnalysisParams } from '../core/analysis/params';
import { DEFAULT_MODEL_PARAMS, describeParams } from '../core/model/params';
import { NR_BANDS, type NrBand } from '../core/station';

/** An editable parameter: where it sits in AnalysisParams, its control and sane range. */
export interface ParamSpec {
  /** Dotted path into AnalysisParams, e.g. `model.bands.n78.powerDbm`. */
  path: string;
  /** i18n key of the label (panels.params.fields.*). */
  label: string;
  kind: 'number' | 'bool' | 'los';
  min?: number;
  max?: number;
  step?: number;
  /** Where the default comes from: the model's own source text, or an i18n key (`i18n:`). */
  source: string;
}

const MODEL_SOURCES = new Map(describeParams().map((d) => [d.key, d.source]));
const modelSource = (key: string) => MODEL_SOURCES.get(key) ?? '';

export const BAND_FIELDS = [
  { field: 'powerDbm', min: 20, max: 70, step: 0.5 },
  { field: 'bandwidthMHz', min: 5, max: 100, step: 5 },
  { field: 'antennaGainDbi', min: 0, max: 40, step: 0.5 },
  { field: 'heightM', min: 1, max: 300, step: 1 },
  { field: 'redcapPenaltyDb', min: 0, max: 20, step: 0.5 },
] as const;

export function bandSpecs(band: NrBand): ParamSpec[] {
  return BAND_FIELDS.map((f) => ({
    path: `model.bands.${band}.${f.field}`,
    label: `panels.params.fields.${f.field}`,
    kind: 'number',
    min: f.min,
    max: f.max,
    step: f.step,
    source: DEFAULT_MODEL_PARAMS.bands[band].source,
  }));
}

export const GENERAL_SPECS: ParamSpec[] = [
  {
    path: 'model.nrThresholdDbm',
    label: 'panels.params.fields.nrThresholdDbm',
    kind: 'number',
    min: -140,
    max: -60,
    step: 1,
    source: modelSource('nrThresholdDbm'),
  },
  {
    path: 'model.cellEdgeProbability',
    label: 'panels.params.fields.cellEdgeProbability',
    kind: 'number',
    min: 0.5,
    max: 0.999,
    step: 0.01,
    source: modelSource('cellEdgeProbability'),
  },
  {
    path: 'model.indoor',
    label: 'panels.params.fields.indoor',
    kind: 'bool',
    source: modelSource('indoor'),
  },
  {
    path: 'model.losCondition',
    label: 'panels.params.fields.losCondition',
    kind: 'los',
    source: modelSource('losCondition'),
  },
];

// The grid's cost grows with 1/cell²: below 50 m a province no longer fits in memory.
export const GRID_SPECS: ParamSpec[] = [
  {
    path: 'cellSizeM',
    label: 'panels.params.fields.cellSizeM',
    kind: 'number',
    min: 50,
    max: 1000,
    step: 10,
    source: 'i18n:panels.params.sources.cellSizeM',
  },
  {
    path: 'targetPer10k',
    label: 'panels.params.fields.targetPer10k',
    kind: 'number',
    min: 0,
    max: 1000,
    step: 1,
    source: 'i18n:panels.params.sources.targetPer10k',
  },
];

export const CONTINUITY_SPECS: ParamSpec[] = [
  {
    path: 'continuityMinAreaPct',
    label: 'panels.params.fields.continuityMinAreaPct',
    kind: 'number',
    min: 0,
    max: 100,
    step: 1,
    source: 'i18n:panels.params.sources.continuityMinAreaPct',
  },
  {
    path: 'continuityMaxGapKm2',
    label: 'panels.params.fields.continuityMaxGapKm2',
    kind: 'number',
    min: 0,
    max: 1000,
    step: 0.05,
    source: 'i18n:panels.params.sources.continuityMaxGapKm2',
  },
  {
    path: 'townZoneRadiusM',
    label: 'panels.params.fields.townZoneRadiusM',
    kind: 'number',
    min: 100,
    max: 50_000,
    step: 100,
    source: 'i18n:panels.params.sources.townZoneRadiusM',
  },
];

export const ALL_SPECS: ParamSpec[] = [
  ...NR_BANDS.flatMap(bandSpecs),
  ...GENERAL_SPECS,
  ...GRID_SPECS,
  ...CONTINUITY_SPECS,
];

export const DEFAULTS: AnalysisParams = analysisParams();

export function getPath(o: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
}

/** A copy of `o` with `path` set (parameters are plain JSON data). */
export function setPath<T>(o: T, path: string, value: unknown): T {
  const copy = JSON.parse(JSON.stringify(o)) as T;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Record<string, unknown>>(
    (x, k) => x[k] as Record<string, unknown>,
    copy as Record<string, unknown>,
  );
  parent[last] = value;
  return copy;
}

export type FieldError = { key: 'number' } | { key: 'range'; min: number; max: number };

/** The value typed into a number field, or why it cannot be used. */
export function parseField(spec: ParamSpec, text: string): number | FieldError {
  const x = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(x)) return { key: 'number' };
  if ((spec.min !== undefined && x < spec.min) || (spec.max !== undefined && x > spec.max)) {
    return { key: 'range', min: spec.min ?? -Infinity, max: spec.max ?? Infinity };
  }
  return x;
}

export type Draft = Record<string, string | boolean>;

/** The form's values for a parameter set: numbers as the text the user edits. */
export function draftFromParams(p: AnalysisParams): Draft {
  const d: Draft = {};
  for (const s of ALL_SPECS) {
    const v = getPath(p, s.path);
    d[s.path] = s.kind === 'bool' ? v === true : String(v);
  }
  return d;
}

export interface DraftCheck {
  /** The parameters the form describes, when every field parses and is in range. */
  params: AnalysisParams | null;
  /** Messages by field path; `''` holds model messages no single field owns. */
  errors: Map<string, string[]>;
}

/**
 * Parses the form over `base` (which keeps parameters the form does not show) and checks
 * the ranges here plus the model's own rules (validateModelParams). `t` renders messages.
 */
export function checkDraft(
  draft: Draft,
  base: AnalysisParams,
  validateModel: (m: AnalysisParams['model']) => string[],
  t: (key: string, o?: Record<string, unknown>) => string,
): DraftCheck {
  const errors = new Map<string, string[]>();
  const add = (k: string, m: string) => errors.set(k, [...(errors.get(k) ?? []), m]);
  let params = base;
  for (const s of ALL_SPECS) {
    const v = draft[s.path];
    if (s.kind === 'number') {
      const x = parseField(s, String(v));
      if (typeof x === 'number') params = setPath(params, s.path, x);
      else if (x.key === 'range')
        add(s.path, t('panels.params.errors.range', { min: x.min, max: x.max }));
      else add(s.path, t('panels.params.errors.number'));
    } else params = setPath(params, s.path, v);
  }
  for (const m of validateModel(params.model)) {
    // Core messages start with the field's path inside ModelParams.
    const owner = ALL_SPECS.find((s) => m.startsWith(s.path.replace(/^model\./, '') + ' '));
    add(owner?.path ?? '', t('panels.params.errors.model', { message: m }));
  }
  return { params: errors.size === 0 ? params : null, errors };
}
