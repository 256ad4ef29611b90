import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { complianceRules } from '../../src/core/analysis/compliance';
import { analysisParams } from '../../src/core/analysis/params';
import { describeParams } from '../../src/core/model/params';
import {
  AREA_COLUMNS,
  areaHeader,
  areaTable,
  areasCsv,
  areasXlsx,
} from '../../src/io/export-areas';
import { importPopulation } from '../../src/io/population-csv';
import type { Report, ReportArea } from '../../src/io/report';
import { demoRun } from './export-demo';

const rules = complianceRules(analysisParams());
const zh = { rules, lang: 'zh-CN' as const };
const en = { rules, lang: 'en' as const };
const KEYS = AREA_COLUMNS.map((c) => c.key);
const at = (key: string) => KEYS.indexOf(key);

function area(name: string, i: number, population: number | null = 1000): ReportArea {
  return {
    code: String(632701 + i),
    name,
    level: 'county',
    parent: null,
    population,
    area_km2: 10.123456,
    sites_5g: 1,
    sites_redcap: 0,
    sites_per_10k: population === null ? null : 10,
    target_per_10k: 38,
    sites_needed: population === null ? null : 3,
    coverage: {
      nr: { area_pct: 1.234567, pop_pct: population === null ? 0 : 2.25 },
      redcap: { area_pct: 0, pop_pct: 0 },
    },
    gaps: { count: 1, total_km2: 9.9, largest_km2: 9.9, pop_uncovered: 979.6 },
    town_zone: null,
  };
}

/** A report of areas named `names` (the figures are plain, the names are the attack). */
function reportOf(areas: ReportArea[], synthetic = false): Report {
  return {
    schema: 'sailplan.report/1',
    generated: '2026-12-08T07:31:05.000+08:00',
    params: {},
    inputs: { files: [], notes: [], synthetic },
    areas,
    totals: { ...areas[0], areas: areas.length },
    rollups: [],
  };
}
const reportNamed = (names: string[]) => reportOf(names.map((n, i) => area(n, i)));

const parseCsv = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;

describe('area metrics as CSV', () => {
  it('starts with a UTF-8 BOM, uses CRLF, and has Chinese headers by default', () => {
    const csv = areasCsv(reportNamed(['玉树市']), zh);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const header = csv.split('\r\n')[0].slice(1).split(',');
    expect(header.slice(0, 11)).toEqual([
      '区划代码',
      '名称',
      '级别',
      '上级',
      '常住人口',
      '面积（km²）',
      '5G 基站',
      'RedCap 基站',
      '每万人 5G 基站',
      '目标（每万人）',
      '尚缺基站',
    ]);
    expect(header).toContain('NR 面积覆盖率（%）');
    expect(header.at(-1)).toBe('含合成数据');
    expect(csv.endsWith('\r\n')).toBe(true);
    // Levels and yes/no in words, as on screen.
    const row = parseCsv(csv)[1];
    expect(row[at('level')]).toBe('区县');
    expect(row[at('contains_synthetic_data')]).toBe('否');
  });

  it('has the report field names as headers in English', () => {
    const csv = areasCsv(reportNamed(['Yushu']), en);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${KEYS.join(',')}`);
    expect(KEYS).toContain('rule_continuity_min_area_pct');
    expect(KEYS.at(-1)).toBe('contains_synthetic_data');
    const row = parseCsv(csv)[1];
    expect(row[at('level')]).toBe('county');
    expect(row[at('contains_synthetic_data')]).toBe('false');
  });

  it('rounds as the screen does: people whole, % to 0.1, km² and per 10k to 0.01', () => {
    const row = parseCsv(areasCsv(reportNamed(['玉树市']), en))[1];
    expect(row[at('area_km2')]).toBe('10.12');
    expect(row[at('nr_area_pct')]).toBe('1.2');
    expect(row[at('nr_pop_pct')]).toBe('2.3');
    expect(row[at('gaps_pop_uncovered')]).toBe('980');
    expect(row[at('sites_per_10k')]).toBe('10');
  });

  it('leaves every figure made from an unknown population blank, not 0', () => {
    const csv = areasCsv(reportOf([area('玉树市', 0), area('杂多县', 1, null)]), zh);
    const [known, unknown] = parseCsv(csv).slice(1);
    for (const key of [
      'population',
      'sites_per_10k',
      'sites_needed',
      'nr_pop_pct',
      'redcap_pop_pct',
      'gaps_pop_uncovered',
    ]) {
      expect(unknown[at(key)], key).toBe('');
      expect(known[at(key)], key).not.toBe('');
    }
    // What does not need the population is still there.
    expect(unknown[at('area_km2')]).toBe('10.12');
    expect(unknown[at('nr_area_pct')]).toBe('1.2');
    expect(unknown[at('sites_5g')]).toBe('1');
    expect(AREA_COLUMNS.filter((c) => c.fromPopulation).map((c) => c.key)).toHaveLength(6);
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
    const rows = parseCsv(areasCsv(reportNamed(attacks), zh)).slice(1);
    const names = rows.map((r) => r[1]);
    // Each comes back as text with a leading apostrophe, which Excel shows as text.
    expect(names).toEqual(attacks.map((a) => `'${a}`));
    for (const n of names) expect(/^[=+\-@\t\r]/.test(n)).toBe(false);
    // Numbers are not touched: negative numbers stay numbers.
    expect(rows[0][at('rule_nr_threshold_dbm')]).toBe('-105');
  });

  it('re-imports with the report numbers rounded, rules and the synthetic flag on every row', async () => {
    const run = await demoRun();
    const csv = areasCsv(run.report, { rules: run.compliance.rules, lang: 'en' });
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const all = [...run.report.rollups, ...run.report.areas];
    expect(parsed).toHaveLength(all.length);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    all.forEach((a, i) => {
      const r = parsed[i];
      expect(r.code).toBe(a.code);
      expect(r.name).toBe(a.name);
      expect(Number(r.population)).toBe(a.population);
      expect(Number(r.sites_5g)).toBe(a.sites_5g);
      expect(Number(r.sites_per_10k)).toBe(r2(a.sites_per_10k!));
      expect(Number(r.sites_needed)).toBe(a.sites_needed);
      expect(Number(r.nr_pop_pct)).toBe(r1(a.coverage.nr.pop_pct));
      expect(Number(r.gaps_largest_km2)).toBe(r2(a.gaps.largest_km2));
      expect(Number(r.gaps_pop_uncovered)).toBe(Math.round(a.gaps.pop_uncovered));
      expect(r.town_zone_continuous).toBe(a.town_zone ? String(a.town_zone.continuous) : '');
      expect(Number(r.rule_continuity_min_area_pct)).toBe(95);
      expect(Number(r.rule_continuity_max_gap_km2)).toBe(0.25);
      expect(Number(r.target_per_10k)).toBe(38);
      // The demo's stations are generated: every row says so.
      expect(r.contains_synthetic_data).toBe('true');
    });
    expect(parsed.filter((r) => r.level === 'county')).toHaveLength(6);
    expect(parsed.some((r) => r.level === 'province')).toBe(true);
  });

  it('the Chinese table reads back through the population importer (区划代码, 常住人口)', async () => {
    const run = await demoRun();
    const csv = areasCsv(run.report, { rules: run.compliance.rules, lang: 'zh-CN' });
    const pop = await importPopulation(new Blob([csv]), 'areas.csv');
    const yushu = pop.rows.find((r) => r.code === '632701');
    expect(yushu?.total).toBe(141308);
    expect(pop.columns.total).toBe('常住人口');
  });
});

describe('area metrics as XLSX', () => {
  it('re-reads with read-excel-file to the same cells, and a parameters sheet', async () => {
    const run = await demoRun();
    const opts = { rules: run.compliance.rules, lang: 'zh-CN' as const };
    const blob = await areasXlsx(run.report, opts, describeParams(run.params.model));
    const sheet = (await readSheet(blob, 'areas')) as unknown[][];
    const t = areaTable(run.report, opts);
    expect(sheet[0]).toEqual(areaHeader('zh-CN'));
    expect(sheet).toHaveLength(t.rows.length + 1);
    t.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        const got = sheet[i + 1][j];
        if (v === null || v === undefined) expect(got).toBeNull();
        else expect(got).toEqual(v);
      });
    });
    expect(sheet[1][at('contains_synthetic_data')]).toBe('是');
    const params = (await readSheet(blob, 'parameters')) as unknown[][];
    expect(params[0]).toEqual(['参数', '值', '单位', '来源']);
    const byKey = new Map(params.slice(1).map((r) => [r[0], r]));
    expect(byKey.get('target_per_10k')?.[1]).toBe(38);
    expect(byKey.get('continuity_min_area_pct')?.[1]).toBe(95);
    expect(byKey.get('continuity_max_gap_km2')?.[1]).toBe(0.25);
    expect(byKey.get('nr_threshold_dbm')?.[1]).toBe(-105);
    // The synthetic note, and the time people read beside the machine stamp.
    expect(byKey.get('contains_synthetic_data')?.[1]).toBe('是');
    expect(String(byKey.get('contains_synthetic_data')?.[3])).toContain('合成数据');
    expect(String(byKey.get('generated')?.[1])).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（UTC[+-]\d{2}:\d{2}）$/,
    );
    expect(byKey.get('generated')?.[3]).toBe(run.report.generated);
    const model = params.filter((r) => String(r[0]).startsWith('model.'));
    expect(model).toHaveLength(describeParams(run.params.model).length);
    expect(model.find((r) => r[0] === 'model.nrThresholdDbm')?.[1]).toBe(-105);
  });

  it('English headers, blank unknown population, no synthetic note for real inputs', async () => {
    const blob = await areasXlsx(reportOf([area('Yushu', 0, null)]), en, []);
    const sheet = (await readSheet(blob, 'areas')) as unknown[][];
    expect(sheet[0]).toEqual(KEYS);
    expect(sheet[1][at('population')]).toBeNull();
    expect(sheet[1][at('gaps_pop_uncovered')]).toBeNull();
    expect(sheet[1][at('contains_synthetic_data')]).toBe(false);
    const params = (await readSheet(blob, 'parameters')) as unknown[][];
    expect(params[0]).toEqual(['key', 'value', 'unit', 'source']);
    const row = params.find((r) => r[0] === 'contains_synthetic_data')!;
    expect(row[1]).toBe(false);
    expect(row[3]).toBeNull();
  });

  it('keeps formula-like names as text cells', async () => {
    const report = reportNamed(['=1+1', '@SUM(A1)']);
    const blob = await areasXlsx(report, zh, []);
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
