import { validateModelParams, modelParams, DEFAULT_MODEL_PARAMS } from '../core/model/params';
import type { ModelParams } from '../core/model/params';
import { ENVS, NR_BANDS, type Env } from '../core/station';
import {
  SCENARIO_SCHEMA,
  SCENARIO_VERSION,
  type Scenario,
  type ScenarioEdit,
  type ScenarioParams,
  type ScenarioStation,
  type SiteSet,
} from '../core/scenario/types';
import { ScenarioProblem as P, type ScenarioProblemCode } from '../core/scenario/problems';
import { parseGroups } from './scenario-groups';

/**
 * `sailplan.scenario/1` files (DESIGN.md "Scenario file"): parsing with validation,
 * serialising, and the `#s=` URL form for small scenarios.
 *
 * Parsing builds new objects field by field from what it validated; keys named
 * `__proto__`, `constructor` or `prototype` are dropped by the JSON reviver, so a file
 * can neither reach an object's prototype nor smuggle fields past the checks.
 */

export type { ScenarioProblemCode };

export interface ScenarioProblem {
  code: ScenarioProblemCode;
  /** JSON path of the offending value, e.g. `$.edits[3].station.lat`. */
  path: string;
  message: string;
}

export class ScenarioFileError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(problems: ScenarioProblem[]) {
    super(
      problems
        .slice(0, 5)
        .map((p) => (p.path === '$' ? p.message : `${p.path}: ${p.message}`))
        .join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : ''),
    );
    this.name = 'ScenarioFileError';
    this.problems = problems;
  }
}

/** Files larger than this are not scenarios someone edited by hand or in the app. */
export const MAX_SCENARIO_BYTES = 50 * 1024 * 1024;
const MAX_EDITS = 1_000_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Upgrades of older versions, from version k to k + 1 (none yet: 1 is the first). */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  problems: ScenarioProblem[] = [];
  bad(path: string, message: string, code: ScenarioProblemCode = P.BadField): void {
    if (this.problems.length < 100) this.problems.push({ code, path, message });
  }
  known(obj: Record<string, Json>, path: string, keys: readonly string[]): void {
    for (const k of Object.keys(obj))
      if (!keys.includes(k) && !FORBIDDEN_KEYS.has(k))
        this.bad(`${path}.${k}`, `unknown field "${k}"`, P.UnknownField);
  }
  string(v: Json, path: string, max: number, allowEmpty = false): string | undefined {
    if (typeof v !== 'string') return void this.bad(path, `must be a string (got ${kind(v)})`);
    if (!allowEmpty && v.trim() === '') return void this.bad(path, 'must not be empty');
    if (v.length > max) return void this.bad(path, `must be at most ${max} characters`);
    return v;
  }
  number(v: Json, path: string, min: number, max: number): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v))
      return void this.bad(path, `must be a number (got ${kind(v)})`);
    if (v < min || v > max) return void this.bad(path, `must be from ${min} to ${max} (got ${v})`);
    return v;
  }
}

function kind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const STATION_KEYS = [
  'id',
  'name',
  'operator',
  'lon',
  'lat',
  'tech',
  'band',
  'redcap',
  'azimuth',
  'beamwidth',
  'height_m',
  'power_dbm',
  'env',
  'radius_m',
] as const;

/** The optional station fields; `id`, `lon`, `lat` are required in an add and checked apart. */
function stationFields(c: Checker, o: Record<string, Json>, path: string, out: SiteSet): void {
  const nullableNumber = (k: keyof SiteSet & string, min: number, max: number) => {
    if (!(k in o)) return;
    const v = o[k];
    if (v === null) (out as Record<string, unknown>)[k] = null;
    else {
      const n = c.number(v, `${path}.${k}`, min, max);
      if (n !== undefined) (out as Record<string, unknown>)[k] = n;
    }
  };
  const nullableString = (k: 'name' | 'operator' | 'band', max: number) => {
    if (!(k in o)) return;
    const v = o[k];
    if (v === null) out[k] = null;
    else {
      const s = c.string(v, `${path}.${k}`, max, true);
      if (s !== undefined) out[k] = s;
    }
  };
  nullableString('name', 200);
  nullableString('operator', 100);
  nullableString('band', 20);
  if ('lon' in o) out.lon = c.number(o.lon, `${path}.lon`, -180, 180);
  if ('lat' in o) out.lat = c.number(o.lat, `${path}.lat`, -90, 90);
  if ('tech' in o) {
    if (o.tech === 'NR' || o.tech === 'LTE') out.tech = o.tech;
    else c.bad(`${path}.tech`, `must be "NR" or "LTE" (got ${kind(o.tech)})`);
  }
  if ('redcap' in o) {
    if (typeof o.redcap === 'boolean') out.redcap = o.redcap;
    else c.bad(`${path}.redcap`, `must be true or false (got ${kind(o.redcap)})`);
  }
  if ('azimuth' in o) {
    const a = o.azimuth;
    if (a === null) out.azimuth = null;
    else if (Array.isArray(a)) {
      if (a.length > 36) c.bad(`${path}.azimuth`, 'at most 36 sectors');
      else {
        const list = a.map((x, i) => c.number(x, `${path}.azimuth[${i}]`, -360, 360));
        if (list.every((x) => x !== undefined)) out.azimuth = list as number[];
      }
    } else out.azimuth = c.number(a, `${path}.azimuth`, -360, 360);
  }
  nullableNumber('beamwidth', 1, 360);
  nullableNumber('height_m', 0, 1000);
  nullableNumber('power_dbm', -30, 90);
  nullableNumber('radius_m', 1, 100_000);
  if ('env' in o) {
    if ((ENVS as readonly Json[]).includes(o.env)) out.env = o.env as Env;
    else c.bad(`${path}.env`, `must be one of ${ENVS.join(', ')} (got ${kind(o.env)})`);
  }
}

function parseStation(c: Checker, v: Json, path: string): ScenarioStation | undefined {
  if (!isObject(v)) return void c.bad(path, `must be an object (got ${kind(v)})`);
  c.known(v, path, STATION_KEYS);
  const id = c.string(v.id, `${path}.id`, 200);
  if (!('lon' in v)) c.bad(`${path}.lon`, 'is required');
  if (!('lat' in v)) c.bad(`${path}.lat`, 'is required');
  const set: SiteSet = {};
  stationFields(c, v, path, set);
  if (id === undefined || set.lon === undefined || set.lat === undefined) return undefined;
  return { ...set, id, lon: set.lon, lat: set.lat };
}

function parseEdit(c: Checker, v: Json, path: string): ScenarioEdit | undefined {
  if (!isObject(v)) return void c.bad(path, `must be an object (got ${kind(v)})`);
  switch (v.op) {
    case 'add': {
      c.known(v, path, ['op', 'station']);
      const station = parseStation(c, v.station, `${path}.station`);
      return station && { op: 'add', station };
    }
    case 'remove': {
      c.known(v, path, ['op', 'id']);
      const id = c.string(v.id, `${path}.id`, 200);
      return id === undefined ? undefined : { op: 'remove', id };
    }
    case 'update': {
      c.known(v, path, ['op', 'id', 'set']);
      const id = c.string(v.id, `${path}.id`, 200);
      if (!isObject(v.set))
        return void c.bad(`${path}.set`, `must be an object (got ${kind(v.set)})`);
      c.known(
        v.set,
        `${path}.set`,
        STATION_KEYS.filter((k) => k !== 'id'),
      );
      const before = c.problems.length;
      const set: SiteSet = {};
      stationFields(c, v.set, `${path}.set`, set);
      if (id === undefined || c.problems.length > before) return undefined;
      return { op: 'update', id, set };
    }
    default:
      c.bad(`${path}.op`, `must be "add", "remove" or "update" (got ${kind(v.op)})`);
      return undefined;
  }
}

const PARAM_RANGES: Record<Exclude<keyof ScenarioParams, 'model'>, [number, number]> = {
  cellSizeM: [10, 5000],
  townCellSizeM: [5, 1000],
  townZoneRadiusM: [100, 50_000],
  targetPer10k: [0, 1000],
  continuityMinAreaPct: [0, 100],
  continuityMaxGapKm2: [0, 10_000],
};

function parseParams(c: Checker, v: Json, path: string): ScenarioParams {
  const out: ScenarioParams = {};
  if (v === undefined) return out;
  if (!isObject(v)) {
    c.bad(path, `must be an object (got ${kind(v)})`);
    return out;
  }
  c.known(v, path, [...Object.keys(PARAM_RANGES), 'model']);
  for (const [k, [min, max]] of Object.entries(PARAM_RANGES)) {
    if (!(k in v)) continue;
    const n = c.number(v[k], `${path}.${k}`, min, max);
    if (n !== undefined) out[k as keyof typeof PARAM_RANGES] = n;
  }
  if ('model' in v) {
    const m = v.model;
    const before = c.problems.length;
    if (!isObject(m)) c.bad(`${path}.model`, `must be an object (got ${kind(m)})`);
    else {
      // Top-level fields replace the defaults whole (modelParams), so each must have the
      // default's complete shape; then the model's own range checks run.
      c.known(m, `${path}.model`, Object.keys(DEFAULT_MODEL_PARAMS));
      const defaults = DEFAULT_MODEL_PARAMS as unknown as Record<string, Json>;
      for (const k of Object.keys(m))
        if (k in defaults) sameShape(c, m[k], defaults[k], `${path}.model.${k}`);
      if (c.problems.length === before) {
        const merged = modelParams(m as Partial<ModelParams>);
        for (const msg of validateModelParams(merged)) c.bad(`${path}.model`, msg);
      }
      if (c.problems.length === before) out.model = JSON.parse(JSON.stringify(m));
    }
  }
  return out;
}

/** Enumerated strings of the model parameters: anything else breaks the model. */
const MODEL_ENUMS: Record<string, readonly string[]> = {
  defaultBand: NR_BANDS,
  losCondition: ['los', 'nlos'],
  duplex: ['FDD', 'TDD'],
  band: NR_BANDS,
};

/** `v` has the JSON shape of `ref`: same keys (recursively), same value types. */
function sameShape(c: Checker, v: Json, ref: Json, path: string): void {
  if (typeof ref === 'number') c.number(v, path, -1e6, 1e6);
  else if (typeof ref === 'boolean') {
    if (typeof v !== 'boolean') c.bad(path, `must be true or false (got ${kind(v)})`);
  } else if (typeof ref === 'string') {
    const key = path.slice(path.lastIndexOf('.') + 1);
    const allowed = MODEL_ENUMS[key];
    if (allowed && !allowed.includes(v as string))
      c.bad(path, `must be one of ${allowed.join(', ')} (got ${kind(v)})`);
    else if (!allowed) c.string(v, path, 2000, true);
  } else if (isObject(ref)) {
    if (!isObject(v)) return void c.bad(path, `must be an object (got ${kind(v)})`);
    c.known(v, path, Object.keys(ref));
    for (const k of Object.keys(ref)) {
      if (!(k in v)) c.bad(`${path}.${k}`, 'is required');
      else sameShape(c, v[k], ref[k], `${path}.${k}`);
    }
  } else if (v !== ref) c.bad(path, `must be ${kind(ref)} (got ${kind(v)})`);
}

function schemaVersion(c: Checker, schema: Json): number | undefined {
  if (typeof schema !== 'string') {
    c.bad(
      '$.schema',
      `not a SailPlan scenario: "schema" must be "${SCENARIO_SCHEMA}"`,
      P.NotScenario,
    );
    return undefined;
  }
  const m = /^sailplan\.scenario\/(\d+)$/.exec(schema);
  if (!m) {
    c.bad(
      '$.schema',
      `not a SailPlan scenario: schema is "${schema.slice(0, 60)}", expected "${SCENARIO_SCHEMA}"`,
      P.WrongSchema,
    );
    return undefined;
  }
  const version = Number(m[1]);
  if (version > SCENARIO_VERSION) {
    c.bad(
      '$.schema',
      `made by a newer SailPlan (schema ${schema}); this version reads up to ${SCENARIO_SCHEMA}: update SailPlan to open it`,
      P.NewerSchema,
    );
    return undefined;
  }
  if (version < 1) {
    c.bad('$.schema', `unknown scenario version ${schema}`, P.WrongSchema);
    return undefined;
  }
  return version;
}

/** A JSON value as a scenario; throws ScenarioFileError listing every problem. */
export function scenarioFromJson(doc: Json): Scenario {
  const c = new Checker();
  if (!isObject(doc)) {
    c.bad('$', `not a SailPlan scenario: expected a JSON object (got ${kind(doc)})`, P.NotScenario);
    throw new ScenarioFileError(c.problems);
  }
  const version = schemaVersion(c, doc.schema);
  if (version === undefined) throw new ScenarioFileError(c.problems);
  let d = doc;
  for (let v = version; v < SCENARIO_VERSION; v++) d = MIGRATIONS[v](d);
  c.known(d, '$', ['schema', 'name', 'created', 'base', 'params', 'edits', 'groups']);
  const name = 'name' in d ? (c.string(d.name, '$.name', 200, true) ?? '') : '';
  let created = new Date(0).toISOString();
  if ('created' in d) {
    const s = c.string(d.created, '$.created', 40);
    if (s !== undefined && Number.isNaN(Date.parse(s)))
      c.bad('$.created', `must be an ISO-8601 date (got ${kind(s)})`);
    else if (s !== undefined) created = s;
  }
  let baseHash: string | null = null;
  if ('base' in d) {
    if (!isObject(d.base)) c.bad('$.base', `must be an object (got ${kind(d.base)})`);
    else {
      c.known(d.base, '$.base', ['stations']);
      const h = d.base.stations;
      if (h !== null && h !== undefined) baseHash = c.string(h, '$.base.stations', 128) ?? null;
    }
  }
  const params = parseParams(c, d.params, '$.params');
  const edits: ScenarioEdit[] = [];
  if (!Array.isArray(d.edits)) c.bad('$.edits', `must be an array (got ${kind(d.edits)})`);
  else if (d.edits.length > MAX_EDITS)
    c.bad('$.edits', `more than ${MAX_EDITS.toLocaleString('en-US')} edits`, P.TooLarge);
  else
    d.edits.forEach((e, i) => {
      const edit = parseEdit(c, e, `$.edits[${i}]`);
      if (edit) edits.push(edit);
    });
  const groups = 'groups' in d ? parseGroups(d.groups, edits.length) : null;
  for (const p of groups?.problems ?? [])
    c.bad(p.path, p.message, p.unknownField ? P.UnknownField : P.BadField);
  if (c.problems.length > 0) throw new ScenarioFileError(c.problems);
  return {
    schema: SCENARIO_SCHEMA,
    name,
    created,
    base: { stations: baseHash },
    params,
    edits,
    ...(groups?.groups.length ? { groups: groups.groups } : {}),
  };
}

/** JSON.parse that drops prototype-related keys at every depth. */
export function parseJsonSafely(text: string): Json {
  return JSON.parse(text, (key, value) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
}

/** Scenario file text → Scenario; throws ScenarioFileError (syntax, schema, fields). */
export function parseScenario(text: string): Scenario {
  if (text.length > MAX_SCENARIO_BYTES)
    throw new ScenarioFileError([
      { code: P.TooLarge, path: '$', message: 'the file is too large for a scenario' },
    ]);
  let doc: Json;
  try {
    doc = parseJsonSafely(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new ScenarioFileError([
      { code: P.JsonSyntax, path: '$', message: `not valid JSON (${detail})` },
    ]);
  }
  return scenarioFromJson(doc);
}

/** The file text: keys in the documented order, two-space indent, trailing newline. */
export function serializeScenario(s: Scenario): string {
  return `${JSON.stringify(scenarioJson(s), null, 2)}\n`;
}

function scenarioJson(s: Scenario): Scenario {
  return {
    schema: SCENARIO_SCHEMA,
    name: s.name,
    created: s.created,
    base: { stations: s.base.stations },
    params: s.params,
    edits: s.edits,
    ...(s.groups?.length ? { groups: s.groups } : {}),
  };
}

// ---------------------------------------------------------------------------------
// URL form: '#s=' + base64url(deflate-raw(compact JSON)), for sharing small scenarios.

export const URL_PREFIX = '#s=';
/** Longest fragment produced: links beyond ~8k characters break in chat apps and mail. */
export const MAX_URL_CHARS = 8000;
/** Decompressed size accepted from a URL (a deflate bomb stops here). */
const MAX_URL_JSON_BYTES = 1024 * 1024;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pump(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; the write promises are not awaited on purpose.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const ch of chunks) {
    out.set(ch, o);
    o += ch.length;
  }
  return out;
}

/** The `#s=…` fragment of a scenario, or null when it is too large for a link. */
export async function scenarioToUrlFragment(s: Scenario): Promise<string | null> {
  const json = new TextEncoder().encode(JSON.stringify(scenarioJson(s)));
  // Scenario JSON compresses well, but not 100-fold: skip compressing what cannot fit.
  if (json.length > 100 * MAX_URL_CHARS) return null;
  let packed: Uint8Array;
  try {
    packed = await pump(json, new CompressionStream('deflate-raw'), MAX_URL_CHARS);
  } catch {
    return null;
  }
  const frag = URL_PREFIX + toBase64Url(packed);
  return frag.length <= MAX_URL_CHARS ? frag : null;
}

/**
 * The scenario in a URL or fragment (`…#s=…`), null when there is none; throws
 * ScenarioFileError when the fragment is damaged or not a valid scenario.
 */
export async function scenarioFromUrl(url: string): Promise<Scenario | null> {
  const at = url.indexOf(URL_PREFIX);
  if (at < 0) return null;
  const payload = url.slice(at + URL_PREFIX.length).split('&')[0];
  let text: string;
  try {
    if (payload.length > MAX_URL_CHARS || !/^[A-Za-z0-9_-]*$/.test(payload))
      throw new Error('bad characters');
    const bytes = await pump(
      fromBase64Url(payload),
      new DecompressionStream('deflate-raw'),
      MAX_URL_JSON_BYTES,
    );
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ScenarioFileError([
      { code: P.JsonSyntax, path: '$', message: 'the scenario link is damaged or incomplete' },
    ]);
  }
  return parseScenario(text);
}
