import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { complianceRules } from '../../src/core/analysis/compliance';
import { analysisParams } from '../../src/core/analysis/params';
import { describeParams } from '../../src/core/model/params';
import { AREA_COLUMNS, areaTable, areasCsv, areasXlsx } from '../../src/io/export-areas';
import type { Report, ReportArea } from '../../src/io/report';
import { demoRun } from './export-demo';

const rules = complianceRules(analysisParams());

/** A report of one area whose name is `name` (the figures are plain, the name is the attack). */
function reportNamed(names: string[]): Report {
  const area = (name: string, i: number): ReportArea => ({
    code: String(632701 + i),
    name,
    level: 'county',
    parent: null,
    population: 1000,
    area_km2: 10,
    sites_5g: 1,
    sites_redcap: 0,
    sites_per_10k: 10,
    target_per_10k: 38,
    sites_needed: 3,
    coverage: { nr: { area_pct: 1, pop_pct: 2 }, redcap: { area_pct: 0, pop_pct: 0 } },
    gaps: { count: 1, total_km2: 9.9, largest_km2: 9.9, pop_uncovered: 980 },
    town_zone: null,
  });
  const areas = names.map(area);
  return {
    schema: 'sailplan.report/1',
    generated: '2026-01-01T00:00:00.000Z',
    params: {},
    inputs: { files: [], notes: [] },
    areas,
    totals: { ...areas[0], areas: areas.length },
    rollups: [],
  };
}

describe('area metrics as CSV', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = areasCsv(reportNamed(['玉树市']), rules);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${AREA_COLUMNS.join(',')}`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('neutralises formula injection: = + - @ tab CR', () => {
    const attacks = [
      '=HYPERLINK("http://x","y")',
      '+1+cmd|" /C calc"!A0',
      '-2+3',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
    ];
    const csv = areasCsv(reportNamed(attacks), rules);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    const names = rows.map((r) => r[1]);
    // Each comes back as text with a leading apostrophe, which Excel shows as text.
    expect(names).toEqual(attacks.map((a) => `'${a}`));
    for (const n of names) expect(/^[=+\-@\t\r]/.test(n)).toBe(false);
    // Numbers are not touched: negative numbers stay numbers.
    expect(rows[0][AREA_COLUMNS.indexOf('rule_nr_threshold_dbm')]).toBe('-105');
  });

  it('re-imports with the same numbers as the report, rules on every row', async () => {
    const run = await demoRun();
    const csv = areasCsv(run.report, run.compliance.rules);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const all = [...run.report.rollups, ...run.report.areas];
    expect(parsed).toHaveLength(all.length);
    all.forEach((a, i) => {
      const r = parsed[i];
      expect(r.code).toBe(a.code);
      expect(r.name).toBe(a.name);
      expect(Number(r.population)).toBe(a.population);
      expect(Number(r.sites_5g)).toBe(a.sites_5g);
      expect(Number(r.sites_per_10k)).toBe(a.sites_per_10k);
      expect(Number(r.sites_needed)).toBe(a.sites_needed);
      expect(Number(r.nr_pop_pct)).toBe(a.coverage.nr.pop_pct);
      expect(Number(r.gaps_largest_km2)).toBe(a.gaps.largest_km2);
      expect(r.town_zone_continuous).toBe(a.town_zone ? String(a.town_zone.continuous) : '');
      expect(Number(r.rule_continuity_min_area_pct)).toBe(95);
      expect(Number(r.rule_continuity_max_gap_km2)).toBe(0.25);
      expect(Number(r.target_per_10k)).toBe(38);
    });
    expect(parsed.filter((r) => r.level === 'county')).toHaveLength(6);
    expect(parsed.some((r) => r.level === 'province')).toBe(true);
  });
});

describe('area metrics as XLSX', () => {
  it('re-reads with read-excel-file to the same numbers, and a parameters sheet', async () => {
    const run = await demoRun();
    const blob = await areasXlsx(
      run.report,
      run.compliance.rules,
      describeParams(run.params.model),
    );
    const sheet = (await readSheet(blob, 'areas')) as unknown[][];
    const t = areaTable(run.report, run.compliance.rules);
    expect(sheet[0]).toEqual([...t.header]);
    expect(sheet).toHaveLength(t.rows.length + 1);
    t.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        const got = sheet[i + 1][j];
        if (v === null || v === undefined) expect(got).toBeNull();
        else expect(got).toEqual(v);
      });
    });
    const params = (await readSheet(blob, 'parameters')) as unknown[][];
    expect(params[0]).toEqual(['key', 'value', 'unit', 'source']);
    const byKey = new Map(params.slice(1).map((r) => [r[0], r[1]]));
    expect(byKey.get('target_per_10k')).toBe(38);
    expect(byKey.get('continuity_min_area_pct')).toBe(95);
    expect(byKey.get('continuity_max_gap_km2')).toBe(0.25);
    expect(byKey.get('nr_threshold_dbm')).toBe(-105);
    const model = params.filter((r) => String(r[0]).startsWith('model.'));
    expect(model).toHaveLength(describeParams(run.params.model).length);
    expect(model.find((r) => r[0] === 'model.nrThresholdDbm')?.[1]).toBe(-105);
  });

  it('keeps formula-like names as text cells', async () => {
    const report = reportNamed(['=1+1', '@SUM(A1)']);
    const blob = await areasXlsx(report, rules, []);
    const sheet = (await readSheet(blob, 'areas')) as unknown[][];
    expect(sheet[1][1]).toBe('=1+1');
    expect(sheet[2][1]).toBe('@SUM(A1)');
    // Inside the zip the names are strings, never <f> formula elements.
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const xml = Object.entries(files)
      .filter(([k]) => k.startsWith('xl/worksheets/'))
      .map(([, v]) => strFromU8(v))
      .join('');
    expect(xml).not.toContain('<f>');
  });
});
