import type { CrsId } from '../core/crs';
import {
  kindOfCode,
  parseSettlementKind,
  type Settlement,
  type SettlementKind,
} from '../core/settlement';
import { haversineMetres } from '../core/sites';
import { codeDigits, isAdminCode, parseCount } from './admin-codes';
import type { ImportIssue } from './issues';
import type { IssueCode } from './issue-codes';
import type { SettlementField, SettlementLayout } from './settlement-columns';
import { checkLonLat, own } from './station-rows';
import { parseYesNo } from './station-values';

/** Two settlements of the same name closer than this are probably one place listed twice. */
export const DUPLICATE_SETTLEMENT_M = 100;

/** Where a record sits in its file, for messages. */
export type RecordPlace =
  { row: number; line: number; lineWord: 'line' | 'sheet row' } | { feature: number };

/** One record's text per field (trimmed; '' when absent). */
export type FieldText = (field: SettlementField) => string;

interface Tally {
  code: IssueCode;
  field: SettlementField;
  value?: string;
  message: string;
  count: number;
  first: number;
  place: RecordPlace;
}

/** Same argument order as the station reader's (the issue-code scan relies on it). */
class Rejection {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly code: IssueCode,
    readonly message: string,
    readonly params: Record<string, string | number> = {},
  ) {}
}

/** "1234", "1,234", "1234人", "0.8万" → people (× `unit` for a 万 column); NaN unreadable, −1 negative. */
export function parseCountText(raw: string, unit: number): number {
  let s = raw.trim().replace(/\s*(人|户|口|people|persons?|households?)$/i, '');
  let scale = unit;
  if (/万$/.test(s)) {
    s = s.slice(0, -1);
    scale = 10_000;
  }
  const negative = /^[-−]/.test(s);
  const v = parseCount(negative ? s.slice(1) : s);
  if (v === null) return NaN;
  return negative && v > 0 ? -1 : Math.round(v * scale * 1e6) / 1e6;
}

/** A 6-, 9- or 12-digit GB/T 2260 / NBS code as written (12 digits are kept: villages). */
export function settlementCode(raw: string): string | null {
  const d = codeDigits(raw);
  return d !== null && isAdminCode(d) ? d : null;
}

/**
 * Turns records (table rows or point features, as text per field) into settlements: one
 * rejection per bad record, warnings counted once per condition, duplicates (same name,
 * same spot) one warning each. The table and feature readers share it, so a village list
 * is checked the same whatever format it comes in.
 */
export class SettlementReader {
  readonly settlements: Settlement[] = [];
  readonly rejected: ImportIssue[] = [];
  private readonly notes: ImportIssue[] = [];
  count = 0;
  private readonly tallies = new Map<string, Tally>();
  private readonly firstOfId = new Map<string, number>();
  private readonly byName = new Map<string, Settlement[]>();
  private pending: Omit<Tally, 'count' | 'first' | 'place'>[] = [];

  constructor(
    private readonly file: string,
    private readonly crs: CrsId,
    private readonly layout: SettlementLayout,
  ) {}

  /** Reads one record; `reject` (a geometry problem found by the caller) rejects it outright. */
  add(
    text: FieldText,
    place: RecordPlace,
    reject?: {
      code: IssueCode;
      message: string;
      field?: string;
      value?: string;
      params?: Record<string, string | number>;
    },
  ): void {
    const n = ++this.count;
    this.pending = [];
    let s: Settlement | Rejection;
    try {
      s = reject
        ? new Rejection(
            reject.field ?? '',
            reject.value ?? '',
            reject.code,
            reject.message,
            reject.params,
          )
        : this.read(text, n, place);
    } catch (e) {
      // The parsers do not throw; this keeps a bug in one record from losing the file.
      s = new Rejection('', '', 'row-error', `the record could not be read (${String(e)})`);
    }
    if (s instanceof Rejection) {
      this.rejected.push(this.issue(s.code, place, s.message, s.field, s.value, s.params));
      return;
    }
    this.settlements.push(s);
    this.firstOfId.set(s.id, n);
    for (const w of this.pending) this.tally(w, n, place);
    this.checkDuplicate(s, place);
  }

  /** Counted warnings, then one warning per duplicate, in order of first occurrence. */
  warnings(): ImportIssue[] {
    const counted = [...this.tallies.values()].map((t) =>
      this.issue(
        t.code,
        t.place,
        t.count === 1 ? t.message : `${t.message} (${t.count} records; the first is shown)`,
        t.field,
        t.value ?? '',
        { count: t.count, ...('row' in t.place ? { firstRow: t.place.row } : {}) },
      ),
    );
    return [...counted, ...this.notes];
  }

  private issue(
    code: IssueCode,
    place: RecordPlace,
    message: string,
    field: string,
    value: string,
    params: Record<string, string | number> = {},
  ): ImportIssue {
    const table = 'row' in place;
    const where = table
      ? place.lineWord === 'line'
        ? ` (line ${place.line} of the file)`
        : ` (sheet row ${place.line})`
      : '';
    return {
      file: this.file,
      ...(table ? { row: place.row } : { feature: place.feature }),
      ...(field ? { field } : {}),
      ...(value !== '' ? { value } : {}),
      code,
      params: table ? { ...params, line: place.line } : params,
      message: message + where,
    };
  }

  private warn(
    code: IssueCode,
    field: SettlementField,
    value: string | undefined,
    message: string,
  ) {
    this.pending.push({ code, field, ...(value !== undefined ? { value } : {}), message });
  }

  private tally(w: Omit<Tally, 'count' | 'first' | 'place'>, n: number, place: RecordPlace) {
    const key = `${w.code}\u0000${w.field}\u0000${w.value ?? ''}`;
    const t = this.tallies.get(key);
    if (t) t.count++;
    else this.tallies.set(key, { ...w, count: 1, first: n, place });
  }

  /**
   * Same name within DUPLICATE_SETTLEMENT_M of an earlier record. Records are bucketed by
   * name and a 0.01° cell (≥ 900 m), so only the 3 × 3 cells around a point are compared:
   * a national list with thousands of 新村 stays linear.
   */
  private checkDuplicate(s: Settlement, place: RecordPlace): void {
    const name = s.name.trim().toLowerCase();
    const cx = Math.floor(s.position[0] * 100);
    const cy = Math.floor(s.position[1] * 100);
    let near: Settlement | undefined;
    for (let dx = -1; dx <= 1 && !near; dx++) {
      for (let dy = -1; dy <= 1 && !near; dy++) {
        near = this.byName
          .get(`${name}\u0000${cx + dx},${cy + dy}`)
          ?.find((o) => haversineMetres(o.position, s.position) < DUPLICATE_SETTLEMENT_M);
      }
    }
    if (near) {
      const metres = Math.round(haversineMetres(near.position, s.position));
      this.notes.push(
        this.issue(
          'duplicate-settlement',
          place,
          `"${s.name}" is listed twice at the same spot (${metres} m from record ${near.sourceRow}); both are loaded — check for a double count`,
          'name',
          s.name,
          { first: near.sourceRow, metres },
        ),
      );
    }
    const key = `${name}\u0000${cx},${cy}`;
    const bucket = this.byName.get(key);
    if (bucket) bucket.push(s);
    else this.byName.set(key, [s]);
  }

  private readCount(
    text: FieldText,
    field: 'population' | 'households',
  ): number | null | Rejection {
    const raw = text(field);
    if (raw === '') return null;
    const v = parseCountText(raw, this.layout.units[field]);
    if (Number.isNaN(v)) {
      return new Rejection(field, raw, 'unparseable-number', `${field} is not a number`);
    }
    if (v < 0) return new Rejection(field, raw, 'negative-value', `${field} is negative`);
    return v;
  }

  private read(text: FieldText, n: number, place: RecordPlace): Settlement | Rejection {
    const pos = checkLonLat(text('lon'), text('lat'), this.crs);
    if (!pos.ok) return new Rejection(pos.field, pos.value, pos.code, pos.message);
    if (pos.decimalComma) {
      this.warn(
        'decimal-comma',
        'lon',
        undefined,
        'coordinates written with a decimal comma were read as decimals',
      );
    }
    const population = this.readCount(text, 'population');
    if (population instanceof Rejection) return population;
    const households = this.readCount(text, 'households');
    if (households instanceof Rejection) return households;

    const codeText = text('code');
    const code = codeText === '' ? null : settlementCode(codeText);
    if (codeText !== '' && code === null) {
      this.warn(
        'invalid-settlement-code',
        'code',
        undefined,
        'not a 6-, 9- or 12-digit GB/T 2260 code; left empty',
      );
    }
    const kindText = text('kind');
    let kind: SettlementKind = kindOfCode(code);
    if (kindText !== '') {
      const k = parseSettlementKind(kindText);
      if (k === null) {
        this.warn(
          'unknown-settlement-kind',
          'kind',
          kindText,
          'unknown settlement kind; read as other (expected e.g. 乡镇驻地, 行政村, 自然村, 牧业点, 县城)',
        );
        kind = 'other';
      } else kind = k;
    }
    const syntheticText = text('synthetic');
    let synthetic = parseYesNo(syntheticText);
    if (synthetic === null) {
      this.warn(
        'bad-synthetic-flag',
        'synthetic',
        syntheticText,
        'the synthetic flag is not a yes/no value; read as not synthetic',
      );
      synthetic = false;
    }
    let name = text('name');
    if (name === '') {
      this.warn(
        'settlement-unnamed',
        'name',
        undefined,
        'no name: the code or the record number is used',
      );
      name = code ?? `#${n}`;
    }
    const idText = text('id');
    const id =
      idText !== '' ? idText : 'row' in place ? `row:${place.row}` : `feature:${place.feature}`;
    const first = this.firstOfId.get(id);
    if (first !== undefined) {
      return new Rejection(
        'id',
        id,
        'duplicate-settlement-id',
        `duplicate id; first used by record ${first}`,
        {
          first,
        },
      );
    }
    // Copies, so a kept name or id does not pin the whole decoded chunk (see `own`).
    return {
      id: own(id),
      name: own(name),
      position: pos.position,
      population,
      households,
      kind,
      code,
      synthetic,
      sourceRow: n,
    };
  }
}
