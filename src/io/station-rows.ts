import { lngLat, toWgs84 } from '../core/crs';
import type { CrsId, LngLatWgs84 } from '../core/crs';
import type { Cell, Env, StationStatus, Tech } from '../core/station';
import { metres } from '../core/units';
import type { ImportIssue } from './issues';
import type { CanonicalField, ResolvedColumns } from './station-columns';
import {
  FIELD_PARSERS,
  limitProblem,
  normaliseAzimuth,
  STATION_LIMITS,
  type LimitedField,
  type LimitProblem,
} from './station-limits';
import {
  operatorFromMccMnc,
  parseBand,
  parseCoordinate,
  parseEnv,
  parseMetres,
  parseOperator,
  parseRedcap,
  parseStatus,
  parseTech,
} from './station-values';
import type { IssueCode } from './issue-codes';

/**
 * China's extent, generously: lon 73–136, lat 3–54 (the mainland box 73.4–135.1,
 * 18.1–53.6 plus the South China Sea islands down to ~3.8°N). A point outside is
 * rejected; a point that is inside only with lon and lat exchanged is reported as swapped.
 */
export const CHINA_BOX = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

export function inChina(lon: number, lat: number): boolean {
  return (
    lon >= CHINA_BOX.minLon &&
    lon <= CHINA_BOX.maxLon &&
    lat >= CHINA_BOX.minLat &&
    lat <= CHINA_BOX.maxLat
  );
}

/**
 * Why a station position (degrees) cannot be used, or null: lat/lon exchanged (the swapped
 * pair lies in China), beyond ±90/±180, or outside China. The station table and scenario
 * files share this rule.
 */
export function positionProblem(
  lon: number,
  lat: number,
): { field: 'lon' | 'lat' | 'lon/lat'; code: IssueCode; message: string } | null {
  if (!inChina(lon, lat) && inChina(lat, lon)) {
    return {
      field: 'lon/lat',
      code: 'swapped-coordinates',
      message:
        'latitude and longitude appear swapped (the exchanged pair lies in China); fix the columns or their mapping',
    };
  }
  if (Math.abs(lat) > 90) {
    return { field: 'lat', code: 'coordinate-out-of-range', message: 'latitude is outside −90…90' };
  }
  if (Math.abs(lon) > 180) {
    return {
      field: 'lon',
      code: 'coordinate-out-of-range',
      message: 'longitude is outside −180…180',
    };
  }
  if (!inChina(lon, lat)) {
    return {
      field: 'lon/lat',
      code: 'outside-china',
      message: `position is outside China (lon ${CHINA_BOX.minLon}–${CHINA_BOX.maxLon}, lat ${CHINA_BOX.minLat}–${CHINA_BOX.maxLat})`,
    };
  }
  return null;
}

export const DEFAULT_BEAMWIDTH_DEG = 65;

/** A checked position, or why a row's longitude/latitude cannot be used. */
export type LonLatCheck =
  | { ok: true; position: LngLatWgs84; decimalComma: boolean }
  | { ok: false; field: string; value: string; code: IssueCode; message: string };

/**
 * Longitude and latitude as written in a table (decimal, decimal comma, DMS, 东经/北纬),
 * checked against China's extent in the declared CRS and converted to WGS-84. Station and
 * settlement readers share it so both reject the same rows for the same reasons.
 */
export function checkLonLat(lonText: string, latText: string, crs: CrsId): LonLatCheck {
  // Code first, as the issue-code scan (tests/unit/issue-codes.test.ts) reads `fail(code, …)`.
  const fail = (code: IssueCode, field: string, value: string, message: string): LonLatCheck => ({
    ok: false,
    field,
    value,
    code,
    message,
  });
  if (lonText === '') return fail('missing-coordinate', 'lon', '', 'longitude is missing');
  if (latText === '') return fail('missing-coordinate', 'lat', '', 'latitude is missing');
  const lon = parseCoordinate(lonText);
  // 1e309 parses as Infinity: not a number either.
  if (!Number.isFinite(lon)) {
    return fail('unparseable-coordinate', 'lon', lonText, 'longitude is not a number');
  }
  const lat = parseCoordinate(latText);
  if (!Number.isFinite(lat)) {
    return fail('unparseable-coordinate', 'lat', latText, 'latitude is not a number');
  }
  const problem = positionProblem(lon, lat);
  if (problem) {
    const value =
      problem.field === 'lon'
        ? lonText
        : problem.field === 'lat'
          ? latText
          : `${lonText}, ${latText}`;
    return fail(problem.code, problem.field, value, problem.message);
  }
  return {
    ok: true,
    position: toWgs84(lngLat(lon, lat, crs), crs),
    decimalComma: lonText.includes(',') || latText.includes(','),
  };
}

export interface RowReaderOptions {
  file: string;
  crs: CrsId;
  /** Tech for rows when the table has no tech column, or the cell is empty. */
  defaultTech: Tech;
  /** OpenCelliD `range` (a crowd-sourced spread of measurements) as radius_m. */
  useOpenCellidRange: boolean;
  /** How messages name the physical place of a row: a text line or a spreadsheet row. */
  lineWord: 'line' | 'sheet row';
  /**
   * Where accepted cells go (default: `cells`). A columnar sink copies the cell into typed
   * arrays and drops the object, so no object per row outlives its row.
   */
  sink?: CellSink;
}

/** Receives each accepted cell; `claimId` is the duplicate-id check (see StationRowReader). */
export interface CellSink {
  /** The row that already uses `id`, or −1 after registering it for `row`. */
  claimId(id: string, row: number): number;
  accept(cell: Cell): void;
}

/** Parsed values of the low-cardinality columns, per distinct text (the parsers are pure). */
const MEMO_MAX = 4096;
function memo<T>(f: (s: string) => T): (s: string) => T {
  const m = new Map<string, T>();
  return (s) => {
    const v = m.get(s);
    if (v !== undefined || m.has(s)) return v as T;
    let r = f(s);
    if (typeof r === 'string') r = own(r) as T;
    if (m.size >= MEMO_MAX) m.clear();
    // `own`: a key sliced from a decoded chunk would keep the whole chunk alive.
    m.set(own(s), r);
    return r;
  };
}

/** A warning seen on many rows is reported once, with a count and the first row. */
export interface WarningTally {
  code: IssueCode;
  field?: string;
  value?: string;
  message: string;
  count: number;
  firstRow: number;
  firstLine: number;
}

class Rejection {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly code: IssueCode,
    readonly message: string,
    readonly params: Record<string, string | number> = {},
  ) {}
}

function whereText(lineWord: 'line' | 'sheet row', line: number): string {
  return lineWord === 'line' ? `line ${line} of the file` : `sheet row ${line}`;
}

/** Warnings from tallies, as `StationRowReader.warnings()` gives them. */
export function formatTallies(
  file: string,
  lineWord: 'line' | 'sheet row',
  tallies: readonly WarningTally[],
): ImportIssue[] {
  return tallies.map((t) => ({
    file,
    row: t.firstRow,
    ...(t.field ? { field: t.field } : {}),
    ...(t.value !== undefined ? { value: t.value } : {}),
    code: t.code,
    params: { count: t.count, firstRow: t.firstRow, line: t.firstLine },
    message:
      t.count === 1
        ? `${t.message} (${whereText(lineWord, t.firstLine)})`
        : `${t.message} (${t.count} rows; first: row ${t.firstRow}, ${whereText(lineWord, t.firstLine)})`,
  }));
}

/**
 * Tallies of consecutive parts of one CSV merged as one reader would have counted them;
 * each part's rows and lines are shifted by its offsets.
 */
export function mergeTallies(
  parts: readonly { tallies: [string, WarningTally][]; rowOffset: number; lineOffset: number }[],
): WarningTally[] {
  const out = new Map<string, WarningTally>();
  for (const p of parts)
    for (const [key, t] of p.tallies) {
      const have = out.get(key);
      if (have) have.count += t.count;
      else
        out.set(key, {
          ...t,
          firstRow: t.firstRow + p.rowOffset,
          firstLine: t.firstLine + p.lineOffset,
        });
    }
  return [...out.values()];
}

/**
 * A rejection of a CSV's later part renumbered to whole-file rows and lines, with the
 * message the whole-file reader writes (location suffix; a duplicate's first row).
 */
export function shiftRejection(i: ImportIssue, rowOffset: number, lineOffset: number): ImportIssue {
  const params: Record<string, string | number> = { ...i.params };
  const line = Number(params.line) + lineOffset;
  params.line = line;
  let message = i.message.replace(/ \(line \d+ of the file\)$/, ` (line ${line} of the file)`);
  if (i.code === 'duplicate-id' && typeof params.firstRow === 'number') {
    params.firstRow += rowOffset;
    message = message.replace(/first used in row \d+/, `first used in row ${params.firstRow}`);
  }
  return { ...i, row: (i.row ?? 0) + rowOffset, params, message };
}

/**
 * A copy of a string kept in a cell. Parsed fields are substrings of a ~1 MB decoded
 * chunk, and V8 represents substrings of 13+ characters as views that keep the whole
 * chunk alive — over a large file, one stored id per chunk would pin the entire text.
 * Concatenating and slicing forces a flat copy of just this string.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function ownOrNull(s: string | null): string | null {
  return s === null ? null : own(s);
}

function text(rec: readonly string[], i: number | undefined): string {
  if (i === undefined || i < 0 || i >= rec.length) return '';
  const v = rec[i];
  return v === undefined || v === null ? '' : v.trim();
}

/**
 * Turns raw rows (strings) into cells, one rejection per bad row and counted warnings.
 * Shared by the CSV and XLSX readers so both validate identically.
 */
export class StationRowReader {
  readonly cells: Cell[] = [];
  readonly rejected: ImportIssue[] = [];
  rowCount = 0;
  /** Cells accepted (= `cells.length` without a sink). */
  accepted = 0;
  private readonly sink: CellSink;
  private readonly parseTech = memo(parseTech);
  private readonly parseEnv = memo(parseEnv);
  private readonly parseStatus = memo(parseStatus);
  private readonly parseRedcap = memo(parseRedcap);
  private readonly parseOperator = memo(parseOperator);
  private readonly parseMetres = memo(parseMetres);
  private readonly fieldParsers: Record<LimitedField, (s: string) => number> = {
    azimuth: memo(FIELD_PARSERS.azimuth),
    beamwidth: memo(FIELD_PARSERS.beamwidth),
    height_m: memo(FIELD_PARSERS.height_m),
    power_dbm: memo(FIELD_PARSERS.power_dbm),
    radius_m: memo(FIELD_PARSERS.radius_m),
  };
  private readonly bandParsers = new Map<Tech, (s: string) => ReturnType<typeof parseBand>>();
  private readonly tallies = new Map<string, WarningTally>();
  private readonly idx: Partial<Record<CanonicalField, number>>;
  // Warnings found while reading a row are held until the row is known to load.
  private readonly pending: Omit<WarningTally, 'count' | 'firstRow' | 'firstLine'>[] = [];

  constructor(
    private readonly cols: ResolvedColumns,
    private readonly opts: RowReaderOptions,
  ) {
    this.idx = cols.index;
    const firstRowOfId = new Map<string, number>();
    this.sink = opts.sink ?? {
      claimId: (id, row) => {
        const first = firstRowOfId.get(id);
        if (first !== undefined) return first;
        firstRowOfId.set(id, row);
        return -1;
      },
      accept: (cell) => this.cells.push(cell),
    };
  }

  private band(text: string, tech: Tech) {
    let f = this.bandParsers.get(tech);
    if (!f) {
      f = memo((s: string) => parseBand(s, tech));
      this.bandParsers.set(tech, f);
    }
    return f(text);
  }

  /** Reads one data row; `line` is its 1-based line in the file, for messages. */
  add(rec: readonly string[], line: number): void {
    const row = ++this.rowCount;
    this.pending.length = 0;
    let cell: Cell | Rejection;
    try {
      cell =
        this.cols.layout === 'opencellid'
          ? this.readOpenCellid(rec, row)
          : this.readCanonical(rec, row);
    } catch (e) {
      // Parsers do not throw; this keeps a bug in one row from losing the whole file.
      cell = new Rejection('', '', 'row-error', `the row could not be read (${String(e)})`);
    }
    if (!(cell instanceof Rejection)) {
      const first = this.sink.claimId(cell.id, row);
      if (first >= 0) {
        cell = new Rejection(
          'id',
          cell.id,
          'duplicate-id',
          `duplicate cell id; first used in row ${first}`,
          {
            firstRow: first,
          },
        );
      }
    }
    if (cell instanceof Rejection) {
      this.rejected.push({
        file: this.opts.file,
        row,
        ...(cell.field ? { field: cell.field } : {}),
        ...(cell.value !== '' ? { value: cell.value } : {}),
        code: cell.code,
        params: { ...cell.params, line },
        message: `${cell.message} (${this.where(line)})`,
      });
      return;
    }
    this.accepted++;
    this.sink.accept(cell);
    for (const w of this.pending) this.tally(w, row, line);
  }

  /** A row the CSV layer could not split into fields (a quote that never closes). */
  addUnreadable(line: number, code: IssueCode, message: string): void {
    const row = ++this.rowCount;
    this.rejected.push({
      file: this.opts.file,
      row,
      code,
      params: { line },
      message: `${message} (${this.where(line)})`,
    });
  }

  private where(line: number): string {
    return whereText(this.opts.lineWord, line);
  }

  /** Count a condition that affects many rows (e.g. missing tech column) once. */
  warnAll(code: IssueCode, message: string, field?: string): void {
    this.pending.push({ code, message, ...(field ? { field } : {}) });
  }

  private tally(
    w: Omit<WarningTally, 'count' | 'firstRow' | 'firstLine'>,
    row: number,
    line: number,
  ) {
    const key = `${w.code}\u0000${w.field ?? ''}\u0000${w.value ?? ''}`;
    const t = this.tallies.get(key);
    if (t) t.count++;
    else this.tallies.set(key, { ...w, count: 1, firstRow: row, firstLine: line });
  }

  private warn(code: IssueCode, field: string, value: string | undefined, message: string) {
    this.pending.push({ code, field, ...(value !== undefined ? { value } : {}), message });
  }

  /** Aggregated warnings, one per (code, field, value), in order of first occurrence. */
  warnings(): ImportIssue[] {
    return formatTallies(this.opts.file, this.opts.lineWord, [...this.tallies.values()]);
  }

  /** The warning tallies by key, in order of first occurrence (to merge parts of a file). */
  tallyEntries(): [string, WarningTally][] {
    return [...this.tallies.entries()];
  }

  private readPosition(lonText: string, latText: string): LngLatWgs84 | Rejection {
    const p = checkLonLat(lonText, latText, this.opts.crs);
    if (!p.ok) return new Rejection(p.field, p.value, p.code, p.message);
    if (p.decimalComma) {
      this.warn(
        'decimal-comma',
        'lon/lat',
        undefined,
        'coordinates written with a decimal comma were read as decimals',
      );
    }
    return p.position;
  }

  /** An optional number: null when empty, Rejection when unreadable. */
  private readNumber(
    rec: readonly string[],
    field: CanonicalField,
    parse: (s: string) => number,
  ): number | null | Rejection {
    const s = text(rec, this.idx[field]);
    if (s === '') return null;
    const v = parse(s);
    if (!Number.isFinite(v)) {
      return new Rejection(
        field,
        s,
        'unparseable-number',
        `${field in STATION_LIMITS ? STATION_LIMITS[field as LimitedField].label : field} is not a number`,
      );
    }
    if (s.includes(','))
      this.warn(
        'decimal-comma',
        field,
        undefined,
        'a number written with a decimal comma was read as a decimal',
      );
    return v;
  }

  /** A number with physical limits (station-limits.ts): null when empty. */
  private readLimited(rec: readonly string[], field: LimitedField): number | null | Rejection {
    const v = this.readNumber(rec, field, this.fieldParsers[field]);
    if (v === null || v instanceof Rejection) return v;
    const problem = limitProblem(field, v);
    return problem ? this.limitRejection(rec, field, problem) : v;
  }

  private limitRejection(rec: readonly string[], field: LimitedField, p: LimitProblem): Rejection {
    return new Rejection(field, text(rec, this.idx[field]), p.code, p.message, p.params);
  }

  private readCanonical(rec: readonly string[], row: number): Cell | Rejection {
    const idx = this.idx;
    const pos = this.readPosition(text(rec, idx.lon), text(rec, idx.lat));
    if (pos instanceof Rejection) return pos;

    const techText = text(rec, idx.tech);
    let tech: Tech;
    if (techText === '') {
      tech = this.opts.defaultTech;
      if (idx.tech === undefined) {
        this.warnAll(
          'default-tech',
          `the table has no tech column: rows are read as ${tech}`,
          'tech',
        );
      } else this.warn('missing-tech', 'tech', undefined, `tech is empty: read as ${tech}`);
    } else {
      const t = this.parseTech(techText);
      if (!t) {
        return new Rejection(
          'tech',
          techText,
          'unknown-tech',
          'unknown technology; expected NR/5G, LTE/4G, UMTS/WCDMA/3G or GSM/2G',
        );
      }
      tech = t;
    }

    const azimuth = this.readLimited(rec, 'azimuth');
    if (azimuth instanceof Rejection) return azimuth;
    const beam = this.readLimited(rec, 'beamwidth');
    if (beam instanceof Rejection) return beam;
    const height = this.readLimited(rec, 'height_m');
    if (height instanceof Rejection) return height;
    const power = this.readLimited(rec, 'power_dbm');
    if (power instanceof Rejection) return power;
    let radius = this.readNumber(rec, 'radius_m', this.parseMetres);
    if (radius instanceof Rejection) return radius;
    if (radius === 0) {
      // Exports write 0 for "not set"; a zero disc would silently cover nothing.
      this.warn(
        'zero-radius',
        'radius_m',
        undefined,
        'radius 0 is read as "not set": the propagation model applies',
      );
      radius = null;
    }
    const radiusProblem = radius === null ? null : limitProblem('radius_m', radius);
    if (radiusProblem) return this.limitRejection(rec, 'radius_m', radiusProblem);

    const redcapText = text(rec, idx.redcap);
    let redcap = this.parseRedcap(redcapText);
    if (redcap === null) {
      return new Rejection(
        'redcap',
        redcapText,
        'bad-redcap',
        'RedCap must be true/false, 1/0, yes/no or 是/否',
      );
    }
    if (redcap && tech !== 'NR') {
      this.warn(
        'redcap-not-nr',
        'redcap',
        undefined,
        'RedCap is set on a non-NR cell and is ignored',
      );
      redcap = false;
    }

    const bandText = text(rec, idx.band);
    let band: string | null = null;
    const b = this.band(bandText, tech);
    if (b.kind === 'preset') band = b.band;
    else if (b.kind === 'other') {
      band = b.band;
      if (tech === 'NR') {
        this.warn(
          'nr-band-no-preset',
          'band',
          band,
          `NR band ${band} has no coverage-model preset (presets: n28, n1, n41, n78, n79)`,
        );
      }
    } else if (b.kind === 'unknown') {
      this.warn('unknown-band', 'band', bandText, `band not recognised for ${tech}; left empty`);
    }

    const envText = text(rec, idx.env);
    let env: Env | null = this.parseEnv(envText);
    if (env === null) {
      this.warn(
        'unknown-env',
        'env',
        envText,
        'unknown environment; expected rma, uma, umi or auto — read as auto',
      );
      env = 'auto';
    }
    const statusText = text(rec, idx.status);
    let status: StationStatus | null = this.parseStatus(statusText);
    if (status === null) {
      this.warn(
        'unknown-status',
        'status',
        statusText,
        'unknown status; expected existing or planned — read as existing',
      );
      status = 'existing';
    }

    const idText = text(rec, idx.id);
    return {
      id: idText === '' ? `row:${row}` : own(idText),
      siteId: own(text(rec, idx.site_id)),
      name: own(text(rec, idx.name)) || null,
      operator: ownOrNull(this.parseOperator(text(rec, idx.operator))),
      position: pos,
      tech,
      band,
      redcap,
      azimuthDeg: azimuth === null ? null : normaliseAzimuth(azimuth),
      beamwidthDeg: beam ?? DEFAULT_BEAMWIDTH_DEG,
      heightM: height === null ? null : metres(height),
      powerDbm: power,
      env,
      radiusM: radius === null ? null : metres(radius),
      status,
      sourceRow: row,
    };
  }

  /**
   * OpenCelliD: the site is derived from the cell identity. LTE ECI = eNB id (20 bits) ·
   * 256 + cell; NR NCI is 36 bits with a gNB id of 22–32 bits — SailPlan assumes the
   * common 24-bit gNB id, so gNB = NCI / 4096. Division, not `>>`: an NCI exceeds 32 bits.
   * GSM and UMTS cell ids do not encode the site, so those cells group by position.
   */
  private readOpenCellid(rec: readonly string[], row: number): Cell | Rejection {
    const o = this.cols.opencellid;
    if (!o) throw new Error('OpenCelliD columns missing');
    const pos = this.readPosition(text(rec, o.lon), text(rec, o.lat));
    if (pos instanceof Rejection) return pos;
    const radio = text(rec, o.radio);
    const tech = parseTech(radio);
    if (!tech) {
      return new Rejection(
        'radio',
        radio,
        'unknown-tech',
        'unsupported radio; expected NR, LTE, UMTS or GSM',
      );
    }
    const cellText = text(rec, o.cell);
    const cellId = Number(cellText);
    if (cellText === '' || !Number.isSafeInteger(cellId) || cellId < 0) {
      return new Rejection('cell', cellText, 'unparseable-number', 'cell id is not a whole number');
    }
    const mccText = text(rec, o.mcc);
    const netText = text(rec, o.net);
    const mcc = Number(mccText);
    const net = Number(netText);
    const plmn = `${mccText}-${netText}`;
    let siteId = '';
    if (tech === 'LTE') siteId = `${plmn}-enb${Math.floor(cellId / 256)}`;
    else if (tech === 'NR') siteId = `${plmn}-gnb${Math.floor(cellId / 4096)}`;
    let radius: number | null = null;
    if (this.opts.useOpenCellidRange) {
      const r = parseMetres(text(rec, o.range));
      if (Number.isFinite(r) && r > 0) radius = r;
      const problem = radius === null ? null : limitProblem('radius_m', radius);
      if (problem)
        return new Rejection(
          'range',
          text(rec, o.range),
          problem.code,
          problem.message,
          problem.params,
        );
    }
    return {
      id: `${radio.toUpperCase()}-${plmn}-${text(rec, o.area)}-${cellText}`,
      siteId,
      name: null,
      operator:
        Number.isInteger(mcc) && Number.isInteger(net) ? operatorFromMccMnc(mcc, net) : null,
      position: pos,
      tech,
      band: null,
      redcap: false,
      azimuthDeg: null,
      beamwidthDeg: DEFAULT_BEAMWIDTH_DEG,
      heightM: null,
      powerDbm: null,
      env: 'auto',
      radiusM: radius === null ? null : metres(radius),
      status: 'existing',
      sourceRow: row,
    };
  }
}
