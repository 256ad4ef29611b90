import { validateModelParams, modelParams, DEFAULT_MODEL_PARAMS } from '../core/model/params';
import type { ModelParams } from '../core/model/params';
import { ENVS, NR_BANDS } from '../core/station';
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
import { CANONICAL_FIELDS } from './station-columns';
import { FIELD_PARSERS, limitProblem, type LimitedField } from './station-limits';
import { positionProblem } from './station-rows';
import {
  parseBand,
  parseCoordinate,
  parseEnv,
  parseOperator,
  parseRedcap,
  parseStatus,
  parseTech,
} from './station-values';
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

/** A scenario station takes every canonical column of the station table. */
const STATION_KEYS: readonly string[] = CANONICAL_FIELDS;
/** Columns an update may set: not `id` (the site it names) nor `site_id` (ids do not change). */
const SET_KEYS = STATION_KEYS.filter((k) => k !== 'id' && k !== 'site_id');

type Out = Record<string, unknown>;

/**
 * A number field with the station table's limits (station-limits.ts): a JSON number, or
 * text the table's parser reads ("30m", "20W", "120°"); null clears the field.
 */
function limited(
  c: Checker,
  v: Json,
  path: string,
  field: LimitedField,
): number | null | undefined {
  if (v === null) return null;
  const n = typeof v === 'string' ? FIELD_PARSERS[field](v) : typeof v === 'number' ? v : NaN;
  if (Number.isNaN(n)) return void c.bad(path, `must be a number (got ${kind(v)})`);
  // A radius of 0 is "not set", as in the station table.
  if (field === 'radius_m' && n === 0) return null;
  const problem = limitProblem(field, n);
  return problem ? void c.bad(path, problem.message) : n;
}

/** A coordinate: a JSON number, or text the table reads ("121.5", "121°30'E"). */
function coordinate(c: Checker, v: Json, path: string): number | undefined {
  const n = typeof v === 'string' ? parseCoordinate(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(n)) return void c.bad(path, `must be a number (got ${kind(v)})`);
  return n;
}

/** A word the table reads through `parse` (aliases such as 5G, 城区, 规划), else a problem. */
function word<T>(
  c: Checker,
  v: Json,
  path: string,
  parse: (s: string) => T | null,
  expected: string,
): T | undefined {
  const t = typeof v === 'string' ? parse(v) : null;
  if (t === null) return void c.bad(path, `must be ${expected} (got ${kind(v)})`);
  return t;
}

/**
 * The station fields of an add or an update, read by the station table's rules (one place:
 * station-values, station-limits, positionProblem). `id` and `site_id` are read by the caller.
 */
function stationFields(c: Checker, o: Record<string, Json>, path: string, out: SiteSet): void {
  const set = out as Out;
  const has = (k: string): boolean => k in o;
  const text = (k: 'name' | 'operator', max: number) => {
    if (!has(k)) return;
    const v = o[k];
    if (v === null) set[k] = null;
    else {
      const s = c.string(v, `${path}.${k}`, max, true);
      if (s !== undefined) set[k] = k === 'operator' ? parseOperator(s) : s.trim() || null;
    }
  };
  text('name', 200);
  text('operator', 100);
  if (has('lon')) out.lon = coordinate(c, o.lon, `${path}.lon`);
  if (has('lat')) out.lat = coordinate(c, o.lat, `${path}.lat`);
  if (out.lon !== undefined && out.lat !== undefined) {
    const p = positionProblem(out.lon, out.lat);
    if (p) {
      const at = p.field === 'lon/lat' ? path : `${path}.${p.field}`;
      c.bad(at, `lon ${out.lon}, lat ${out.lat}: ${p.message}`);
    }
  } else if (out.lon !== undefined && Math.abs(out.lon) > 180) {
    c.bad(`${path}.lon`, 'longitude is outside −180…180');
  } else if (out.lat !== undefined && Math.abs(out.lat) > 90) {
    c.bad(`${path}.lat`, 'latitude is outside −90…90');
  }
  if (has('tech')) {
    const t = word(c, o.tech, `${path}.tech`, parseTech, '"NR" or "LTE"');
    if (t === 'NR' || t === 'LTE') out.tech = t;
    else if (t !== undefined) c.bad(`${path}.tech`, `a scenario site is NR or LTE (got ${t})`);
  }
  if (has('band')) {
    const v = o.band;
    if (v === null) out.band = null;
    else if (typeof v !== 'string') c.bad(`${path}.band`, `must be a string (got ${kind(v)})`);
    else {
      const b = parseBand(v, out.tech ?? 'NR');
      if (b.kind === 'unknown') c.bad(`${path}.band`, `band not recognised (got ${kind(v)})`);
      else out.band = b.kind === 'empty' ? null : b.band;
    }
  }
  if (has('redcap')) {
    const v = o.redcap;
    const r = typeof v === 'boolean' ? v : typeof v === 'string' ? parseRedcap(v) : null;
    if (r === null) c.bad(`${path}.redcap`, `must be true or false (got ${kind(v)})`);
    else out.redcap = r;
  }
  if (has('azimuth')) {
    const a = o.azimuth;
    if (Array.isArray(a)) {
      if (a.length > 36) c.bad(`${path}.azimuth`, 'at most 36 sectors');
      else {
        const list = a.map((x, i) => limited(c, x, `${path}.azimuth[${i}]`, 'azimuth'));
        if (list.every((x) => typeof x === 'number')) out.azimuth = list as number[];
        else if (list.some((x) => x === null))
          c.bad(`${path}.azimuth`, 'a sector list must not hold null');
      }
    } else {
      const v = limited(c, a, `${path}.azimuth`, 'azimuth');
      if (v !== undefined) out.azimuth = v;
    }
  }
  for (const k of ['beamwidth', 'height_m', 'power_dbm', 'radius_m'] as const) {
    if (!has(k)) continue;
    const v = limited(c, o[k], `${path}.${k}`, k);
    if (v !== undefined) out[k] = v;
  }
  if (has('env')) {
    const e = word(c, o.env, `${path}.env`, parseEnv, `one of ${ENVS.join(', ')}`);
    if (e !== undefined) out.env = e;
  }
  if (has('status')) {
    const st = word(c, o.status, `${path}.status`, parseStatus, '"existing" or "planned"');
    if (st !== undefined) out.status = st;
  }
}

/**
 * An added site. A scenario station is a whole site: when the row carries the table's
 * `site_id`, that is the site's id (the one later edits name, as in the station table);
 * its cells are named `<site>/<k>` by the scenario, so a cell `id` beside it is not kept.
 */
function parseStation(c: Checker, v: Json, path: string): ScenarioStation | undefined {
  if (!isObject(v)) return void c.bad(path, `must be an object (got ${kind(v)})`);
  c.known(v, path, STATION_KEYS);
  const hasSite = 'site_id' in v;
  const siteId = hasSite ? c.string(v.site_id, `${path}.site_id`, 200) : undefined;
  const cellId = 'id' in v || !hasSite ? c.string(v.id, `${path}.id`, 200) : undefined;
  const id = hasSite ? siteId : cellId;
  if (!('lon' in v)) c.bad(`${path}.lon`, 'is required');
  if (!('lat' in v)) c.bad(`${path}.lat`, 'is required');
  const set: SiteSet = {};
  stationFields(c, v, path, set);
  if (id === undefined || set.lon === undefined || set.lat === undefined) return undefined;
  return { ...set, id: id.trim(), lon: set.lon, lat: set.lat };
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
      if ('site_id' in v.set)
        c.bad(`${path}.set.site_id`, "a site's id cannot be changed; remove it and add a new one");
      c.known(v.set, `${path}.set`, [...SET_KEYS, 'site_id']);
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

/** Deeper than any scenario (edits → edit → station → azimuth list is 4 levels). */
const MAX_JSON_DEPTH = 64;

class TooDeep extends Error {}

/**
 * JSON.parse, then prototype-related keys dropped at every depth and nesting refused past
 * MAX_JSON_DEPTH — without a reviver or recursion: V8 runs a reviver recursively, and a
 * 10,000-deep array already overflows the stack there.
 */
export function parseJsonSafely(text: string): Json {
  const doc = JSON.parse(text) as Json;
  const stack: [Json, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [Json, number];
    if (v === null || typeof v !== 'object') continue;
    if (d >= MAX_JSON_DEPTH) throw new TooDeep();
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
      continue;
    }
    const o = v as Record<string, Json>;
    for (const k of Object.keys(o)) {
      if (FORBIDDEN_KEYS.has(k)) delete o[k];
      else if (o[k] !== null && typeof o[k] === 'object') stack.push([o[k], d + 1]);
    }
  }
  return doc;
}

/** Scenario file text → Scenario; throws ScenarioFileError (syntax, schema, fields). */
export function parseScenario(text: string): Scenario {
  if (text.length > MAX_SCENARIO_BYTES)
    throw new ScenarioFileError([
      { code: P.TooLarge, path: '$', message: 'the file is too large for a scenario' },
    ]);
  const body = text.replace(/^\ufeff/, '');
  const unreadable = (message: string) =>
    new ScenarioFileError([{ code: P.JsonSyntax, path: '$', message }]);
  if (body.trim() === '') throw unreadable('the file is empty');
  // NUL or U+FFFD (bytes that were not UTF-8) in the head: not a text file at all.
  const head = body.slice(0, 1024);
  if (head.includes('\u0000') || head.includes('\ufffd'))
    throw unreadable('binary data, not a scenario (JSON text)');
  let doc: Json;
  try {
    doc = parseJsonSafely(body);
  } catch (e) {
    if (e instanceof TooDeep)
      throw new ScenarioFileError([
        {
          code: P.TooLarge,
          path: '$',
          message: `values are nested deeper than ${MAX_JSON_DEPTH} levels; a scenario has at most 5`,
        },
      ]);
    const detail = e instanceof Error ? e.message : String(e);
    throw new ScenarioFileError([
      { code: P.JsonSyntax, path: '$', message: `not valid JSON (${detail.slice(0, 200)})` },
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
