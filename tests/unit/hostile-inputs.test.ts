import { readFileSync, readdirSync } from 'node:fs';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueText } from '../../src/components/issue-text';
import { initI18n } from '../../src/i18n/index';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importStations } from '../../src/io/import-stations';
import { ISSUE_CODES } from '../../src/io/issue-codes';
import { ImportError, type ImportIssue } from '../../src/io/issues';
import { importPopulation } from '../../src/io/population-csv';
import { parseScenario, ScenarioFileError } from '../../src/io/scenario-file';
import { HOSTILE_CASES, HOSTILE_DIR, type HostileCase, type Rejected } from './hostile-cases';

/** What no message may ever show: internals instead of a reason. */
const INTERNALS =
  /Maximum call stack|RangeError|TypeError|ReferenceError|SyntaxError:|Cannot read propert|\bat \S+:\d+:\d+|\[object Object\]/;

type Loaded = { count: number; rejected: ImportIssue[]; warnings: ImportIssue[] };
type Outcome = Loaded | ImportError | ScenarioFileError;

/** Runs one case through its importer: the load, or the file-level error. */
async function run(k: HostileCase, bytes: Uint8Array): Promise<Outcome> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  try {
    switch (k.kind) {
      case 'stations': {
        const r = await importStations(blob, k.file);
        return { count: r.cells.length, rejected: r.rejected, warnings: r.warnings };
      }
      case 'boundaries': {
        const r = await importBoundaries(blob, k.file);
        return { count: r.areas.length, rejected: r.rejected, warnings: r.warnings };
      }
      case 'population': {
        const r = await importPopulation(blob, k.file);
        return { count: r.rows.length, rejected: r.rejected, warnings: r.warnings };
      }
      case 'scenario': {
        const s = parseScenario(new TextDecoder().decode(bytes));
        return { count: s.edits.length, rejected: [], warnings: [] };
      }
    }
  } catch (e) {
    if (e instanceof ImportError || e instanceof ScenarioFileError) return e;
    throw e;
  }
}

const at = (i: ImportIssue): number | undefined => i.row ?? i.feature;

function expectClean(text: string, label: string): void {
  expect(text, label).not.toMatch(INTERNALS);
  expect(text.length, label).toBeLessThan(2000);
}

/** Each issue reads as a reason in both languages, with no placeholder left over. */
function expectTranslated(issues: readonly ImportIssue[]): void {
  for (const lng of ['zh-CN', 'en']) {
    const t = i18next.getFixedT(lng);
    for (const i of issues) {
      const { where, reason } = issueText(t, i);
      const label = `${lng} ${i.code}: ${where} ${reason}`;
      expect(i18next.exists(`import.issue.${i.code}`, { lng }), label).toBe(true);
      expect(`${where} ${reason}`, label).not.toMatch(/\{\{|\}\}|\$t\(|undefined/);
      if (lng === 'zh-CN') expect(reason, label).toMatch(/[\u4e00-\u9fff]/);
    }
  }
}

function expectRejected(got: readonly ImportIssue[], want: readonly Rejected[], file: string) {
  expect(got.map((i) => [at(i), i.field, i.code])).toEqual(
    want.map((w) => [w.at, w.field, w.code]),
  );
  got.forEach((i, n) => {
    expect(i.file).toBe(file);
    expect(at(i), `${file}: ${i.message}`).toBeGreaterThan(0);
    const reason = want[n].reason;
    if (reason) expect(i.message).toMatch(reason);
  });
}

beforeAll(() => {
  initI18n('zh-CN');
});

describe('hostile inputs: every case ends in a clear message or a correct load', () => {
  it('has at least 40 files and a case for every committed one', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(40);
    const names = HOSTILE_CASES.map((k) => k.file);
    expect(new Set(names).size).toBe(names.length);
    const committed = readdirSync(HOSTILE_DIR).filter((f) => !/\.(md|mjs)$/.test(f));
    expect(committed.filter((f) => !names.includes(f))).toEqual([]);
    const readme = readFileSync(HOSTILE_DIR + 'README.md', 'utf8');
    expect(names.filter((f) => !readme.includes(`| \`${f}\``))).toEqual([]);
  });

  for (const k of HOSTILE_CASES) {
    const budget = k.budgetMs ?? 5000;
    it(`${k.file}: ${k.what}`, { timeout: budget * 4 + 30_000 }, async () => {
      const bytes = await k.bytes();
      const t0 = performance.now();
      const r = await run(k, bytes);
      const ms = performance.now() - t0;
      expect(ms, `${k.file} took ${Math.round(ms)} ms`).toBeLessThan(budget);
      if ('error' in k.expect) {
        expect(r, `${k.file} loaded instead of failing`).toBeInstanceOf(Error);
        const e = r as ImportError | ScenarioFileError;
        expectClean(e.message, k.file);
        if (k.expect.reason) expect(e.message).toMatch(k.expect.reason);
        if (e instanceof ScenarioFileError) {
          // A scenario: every problem names its JSON path; the expected one is among them.
          expect(e.problems.map((p) => p.code)).toContain(k.expect.error);
          for (const p of e.problems) expect(p.path).toMatch(/^\$/);
          return;
        }
        expect(e.file).toBe(k.file);
        expect(e.message.startsWith(`${k.file}: `)).toBe(true);
        expect(e.code).toBe(k.expect.error);
        expect(e.code in ISSUE_CODES).toBe(true);
        expectTranslated([{ file: e.file, code: e.code, params: e.params, message: e.message }]);
        return;
      }
      expect(r, r instanceof Error ? r.message : '').not.toBeInstanceOf(Error);
      const loaded = r as Loaded;
      expect(loaded.count).toBe(k.expect.loaded);
      expectRejected(loaded.rejected, k.expect.rejected ?? [], k.file);
      const warningCodes = loaded.warnings.map((w) => w.code);
      expect(warningCodes).toEqual(expect.arrayContaining(k.expect.warnings ?? []));
      for (const i of [...loaded.rejected, ...loaded.warnings]) expectClean(i.message, k.file);
      expectTranslated([...loaded.rejected, ...loaded.warnings]);
    });
  }
});
