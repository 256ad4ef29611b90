import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/core/area';
import type { AreaResult } from '../../src/core/analysis/analyze';
import { rollUpCounties } from '../../src/core/analysis/rollup';
import { adminNameLookup } from '../../src/io/admin-names';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importPopulation, type PopulationRow } from '../../src/io/population-csv';
import { joinPopulation, populationJoinNotes } from '../../src/io/population-join';

const SHARED = path.resolve(process.cwd(), '../shared/data');

const area = (code: string, name: string): Area => ({
  code,
  name,
  level: 'county',
  parent: null,
  kind: null,
  geometry: { type: 'Polygon', coordinates: [] },
  areaKm2: 1,
  seat: null,
  population: null,
});

const row = (code: string, name: string, total: number, n: number): PopulationRow => ({
  code,
  name,
  total,
  urban: null,
  rural: null,
  row: n,
});

describe('population join through county code changes', () => {
  const rows = [
    row('630106', '湟中区', 395_043, 1), // the census's new code, the boundary's old one
    row('632321', '同仁县', 101_519, 2), // an old code in the table, the new one on the map
    row('632722', '杂多县', 68_759, 3),
  ];

  it('joins old boundary codes to new rows and new boundary codes to old rows, with a note each', () => {
    const areas = [
      area('630122', '湟中县'),
      area('632301', '同仁市'),
      area('632722', '杂多县'),
      area('632825', '海西蒙古族藏族自治州直辖'),
    ];
    const j = joinPopulation(areas, rows, 'census.csv');
    expect(j.areas.map((a) => a.population?.total ?? null)).toEqual([
      395_043,
      101_519,
      68_759,
      null,
    ]);
    expect(j.matched).toBe(3);
    expect(j.unmatchedRows).toBe(0); // the two rows joined through a change are used
    expect(j.withoutPopulation).toEqual([{ code: '632825', name: '海西蒙古族藏族自治州直辖' }]);
    expect(j.areasWithoutPopulation).toBe(1);
    expect(j.codeChanges.map((c) => [c.areaCode, c.rowCode])).toEqual([
      ['630122', '630106'],
      ['632301', '632321'],
    ]);
    const notes = j.issues.filter((i) => i.code === 'population-code-change');
    expect(notes.map((i) => [i.value, i.row])).toEqual([
      ['630122', 1],
      ['632301', 2],
    ]);
    expect(notes[0].params).toMatchObject({
      code: '630122',
      rowCode: '630106',
      changes: '630122 湟中县 → 630106 湟中区 (2019, 国函〔2019〕106号)',
    });
    expect(notes[0].params?.source).toContain('民政部');
    expect(j.areas[0].population?.source).toContain('630122 湟中县 → 630106 湟中区');
    // The area keeps its own code and name: the join adds a population, nothing else.
    expect(j.areas[0]).toMatchObject({ code: '630122', name: '湟中县' });

    const report = populationJoinNotes(j, 'census.csv');
    expect(report).toHaveLength(3);
    expect(report[0]).toMatch(/^630122 湟中县: population of row 630106 湟中区 by the code change/);
    expect(report[2]).toBe(
      'census.csv: no population for 1 area (population unknown; roll-ups are over the others): 632825 海西蒙古族藏族自治州直辖',
    );
  });

  it('never takes a row that is another area’s own code or already taken', () => {
    // Both vintages of 湟中 as boundaries: the new one has the row; the old one stays unknown.
    const j = joinPopulation(
      [area('630122', '湟中县'), area('630106', '湟中区')],
      rows.slice(0, 1),
      'c.csv',
    );
    expect(j.areas.map((a) => a.population?.total ?? null)).toEqual([null, 395_043]);
    expect(j.codeChanges).toEqual([]);
    expect(j.withoutPopulation.map((a) => a.code)).toEqual(['630122']);
  });

  it('follows a chain of recodes: 632121 平安县 → 630221 平安县 → 630203 平安区', () => {
    const j = joinPopulation(
      [area('632121', '平安县')],
      [row('630203', '平安区', 117_883, 1)],
      'c',
    );
    expect(j.areas[0].population?.total).toBe(117_883);
    expect(j.codeChanges[0].changes.map((c) => c.old)).toEqual(['632121', '630221']);
  });

  it('does not join a merged county to its successor, and says why', () => {
    // 港闸区 merged with 崇川区 into the new 崇川区 (320613) in 2020.
    const j = joinPopulation([area('320611', '港闸区')], [row('320613', '崇川区', 1, 1)], 'c.csv');
    expect(j.matched).toBe(0);
    expect(j.unmatchedRows).toBe(1);
    const retired = j.issues.find((i) => i.code === 'area-code-retired');
    expect(retired?.params).toMatchObject({ code: '320611', kind: 'merge' });
    expect(String(retired?.params?.change)).toContain('320613 崇川区');
  });

  it('township codes are not renumbered with their county', () => {
    const t: Area = { ...area('630122101', '某镇'), level: 'township' };
    const j = joinPopulation([t], [row('630106101', '某镇', 10, 1)], 'c');
    expect(j.matched).toBe(0);
  });
});

describe.skipIf(!existsSync(SHARED))(
  'the real Qinghai files (DataV boundaries, 2020 census)',
  () => {
    it('after the code changes only 632825 海西州直辖 lacks a population; roll-ups say so', async () => {
      const read = async (f: string) => new Blob([await readFile(path.join(SHARED, f))]);
      const boundaries = await importBoundaries(
        await read('qinghai-counties-gcj02.geojson'),
        'qinghai-counties-gcj02.geojson',
        { crs: 'GCJ02' },
      );
      const census = await importPopulation(
        await read('cn-county-census-2020.csv'),
        'cn-county-census-2020.csv',
      );
      expect(boundaries.areas).toHaveLength(45);
      const j = joinPopulation(boundaries.areas, census.rows, 'cn-county-census-2020.csv');
      expect(j.withoutPopulation.map((a) => a.code)).toEqual(['632825']);
      expect(j.matched).toBe(44);
      expect(
        j.codeChanges.map((c) => `${c.areaCode} ${c.areaName} → ${c.rowCode} ${c.rowName}`),
      ).toEqual(['630122 湟中县 → 630106 湟中区', '632321 同仁县 → 632301 同仁县']);
      // The census's own row for 大柴旦 (632857) has no boundary of that code in DataV.
      expect(
        j.issues
          .filter((i) => i.code === 'population-row-unmatched' && String(i.value).startsWith('63'))
          .map((i) => i.value),
      ).toEqual(['632857']);

      // Roll-ups of the joined counties (no analysis needed for the population figures).
      const results: AreaResult[] = j.areas.map((a) => ({
        code: a.code,
        name: a.name,
        level: 'county',
        parent: null,
        population: a.population?.total ?? null,
        areaKm2: a.areaKm2,
        sites5g: 1,
        sitesRedcap: 0,
        sitesPer10k: null,
        targetPer10k: 38,
        sitesNeeded: a.population
          ? Math.max(0, Math.ceil((38 * a.population.total) / 1e4) - 1)
          : null,
        coverage: {
          nr: { areaKm2: 0, areaPct: 0, popPct: 0 },
          redcap: { areaKm2: 0, areaPct: 0, popPct: 0 },
        },
        gaps: { count: 0, totalKm2: 0, largestKm2: 0, popUncovered: 0 },
        townZone: null,
      }));
      const names = adminNameLookup(census.aggregates.map((x) => [x.code, x.name]));
      const up = new Map(rollUpCounties(results, 38, names).map((r) => [r.code, r]));
      const qh = up.get('630000')!;
      expect(qh.name).toBe('青海省');
      // The province total less 大柴旦's 16,287, whose area DataV calls 海西州直辖 (632825).
      expect(qh.population).toBe(5_923_957 - 16_287);
      expect(qh.sitesPer10k).toBeCloseTo((10_000 * 44) / 5_907_670, 12);
      expect(qh.populationUnknown).toEqual({ counties: 1, codes: ['632825'], sites5g: 1 });
      const hx = up.get('632800')!;
      expect(hx.name).toBe('海西蒙古族藏族自治州');
      expect(hx.population).toBe(468_216 - 16_287);
      expect(hx.populationUnknown.codes).toEqual(['632825']);
      // 西宁 and 黄南 are whole again through 湟中 and 同仁.
      expect(up.get('630100')).toMatchObject({ population: 2_467_965, name: '西宁市' });
      expect(up.get('632300')).toMatchObject({ population: 276_215, name: '黄南藏族自治州' });
      expect(up.get('632300')!.populationUnknown.counties).toBe(0);
    });
  },
);
