import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { distance } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area } from '../../src/core/area';
import { importBoundaries, type BoundaryImportResult } from '../../src/io/import-boundaries';
import { importPopulation } from '../../src/io/population-csv';
import { joinPopulation } from '../../src/io/population-join';

// Third-party data lives outside the repository (see ../shared/data/README.md).
const DATA = path.resolve(process.cwd(), '../shared/data');
const present = existsSync(path.join(DATA, 'cn-counties-2021.geojson'));
if (!present)
  console.warn(`io-boundaries-real: skipped, ${DATA} is absent (real-data tests run in CI only)`);

const load = (name: string): Blob => new Blob([readFileSync(path.join(DATA, name))]);

/** Area-weighted centroid (shoelace, longitude scaled by cos φ): robust to vertex density. */
function centroid(a: Area): [number, number] {
  const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
  const c = Math.cos((polys[0][0][0][1] * Math.PI) / 180);
  let s = 0;
  let x = 0;
  let y = 0;
  for (const p of polys) {
    for (const r of p) {
      for (let i = 0; i < r.length - 1; i++) {
        const x0 = r[i][0] * c;
        const y0 = r[i][1];
        const x1 = r[i + 1][0] * c;
        const y1 = r[i + 1][1];
        const f = x0 * y1 - x1 * y0;
        s += f;
        x += (x0 + x1) * f;
        y += (y0 + y1) * f;
      }
    }
  }
  return [x / (3 * s) / c, y / (3 * s)];
}

/** East/north offset of p from q in metres. */
function offset(p: [number, number], q: [number, number]): [number, number] {
  const k = (Math.PI / 180) * 6_371_008.8;
  return [(p[0] - q[0]) * k * Math.cos((q[1] * Math.PI) / 180), (p[1] - q[1]) * k];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

describe.skipIf(!present)('real boundaries and census (../shared/data)', () => {
  let counties: BoundaryImportResult;
  beforeAll(async () => {
    counties = await importBoundaries(load('cn-counties-2021.geojson'), 'cn-counties-2021.geojson');
  });

  it('loads all 2,990 counties of cn-counties-2021 with 6-digit codes and pop2020', () => {
    expect(counties.featureCount).toBe(2990);
    expect(counties.rejected).toEqual([]);
    expect(counties.areas).toHaveLength(2990);
    expect(counties.level).toBe('county');
    expect(counties.fields).toMatchObject({ code: 'code', name: 'name', pop: 'pop2020' });
    expect(counties.areas.every((a) => /^\d{6}$/.test(a.code))).toBe(true);
    expect(counties.areas.every((a) => a.population !== null)).toBe(true);
    // The simplified boundaries cross themselves in a few places; they are repaired, not lost.
    const codes = new Set(counties.warnings.map((w) => w.code));
    expect(codes.has('self-intersection-repaired')).toBe(true);
    const total = counties.areas.reduce((s, a) => s + a.areaKm2, 0);
    // Mainland China ≈ 9.6 M km² incl. the South China Sea island counties' sea areas.
    expect(total).toBeGreaterThan(9.0e6);
    expect(total).toBeLessThan(10.0e6);
  });

  it('converts Qinghai from GCJ-02: lines up with cn-counties-2021, unlike the raw file', async () => {
    const conv = await importBoundaries(load('qinghai-counties-gcj02.geojson'), 'qinghai.geojson', {
      crs: 'GCJ02',
    });
    const raw = await importBoundaries(load('qinghai-counties-gcj02.geojson'), 'qinghai.geojson');
    expect(conv.areas).toHaveLength(45);
    expect(conv.fields.code).toBe('adcode');
    expect(raw.warnings.map((w) => w.code)).toContain('crs-maybe-gcj02');
    expect(conv.areas.every((a) => a.seat !== null)).toBe(true);

    const ref = new Map(counties.areas.map((a) => [a.code, a]));
    // Codes changed between the vintages: 湟中县 630122 → 湟中区 630106, 同仁县 632321 →
    // 同仁市 632301, 海西直辖 632825 vs 大柴旦 632857.
    const matched = conv.areas.filter((a) => ref.has(a.code));
    expect(matched).toHaveLength(42);
    // 茫崖市 was re-formed from two administrative committees in 2018; the sources disagree
    // by 2.5% in area and 3.4 km in centroid. Small urban districts of Xining differ by up to
    // 20% (simplification at 5 decimals); compare counties over 1,000 km².
    const comparable = matched.filter(
      (a) => a.code !== '632803' && (ref.get(a.code)?.areaKm2 ?? 0) > 1000,
    );
    expect(comparable.length).toBeGreaterThanOrEqual(35);

    const rawByCode = new Map(raw.areas.map((a) => [a.code, a]));
    const after: [number, number][] = [];
    const before: [number, number][] = [];
    for (const a of comparable) {
      const r = ref.get(a.code) as Area;
      expect(Math.abs(a.areaKm2 / r.areaKm2 - 1), a.name).toBeLessThan(0.03);
      const c = centroid(r);
      after.push(offset(centroid(a), c));
      before.push(offset(centroid(rawByCode.get(a.code) as Area), c));
      expect(distance(centroid(a), c) * 1000, a.name).toBeLessThan(1500);
    }
    // Per county the simplification noise (~100 m) is as large as the GCJ-02 offset here, so
    // the test looks at the mean offset, where the noise averages out and the shift does not.
    const mean = (vs: [number, number][]): number =>
      Math.hypot(
        vs.reduce((s, v) => s + v[0], 0) / vs.length,
        vs.reduce((s, v) => s + v[1], 0) / vs.length,
      );
    const meanAfter = mean(after);
    const meanBefore = mean(before);
    const dist = (vs: [number, number][]): number[] => vs.map((v) => Math.hypot(v[0], v[1]));
    console.info(
      `Qinghai GCJ-02 (${comparable.length} counties > 1,000 km²): mean centroid offset from cn-counties-2021 ` +
        `${meanBefore.toFixed(0)} m unconverted → ${meanAfter.toFixed(0)} m converted; median per county ` +
        `${median(dist(before)).toFixed(0)} m → ${median(dist(after)).toFixed(0)} m`,
    );
    expect(meanBefore).toBeGreaterThan(100);
    expect(meanAfter).toBeLessThan(40);
    expect(median(dist(after))).toBeLessThan(median(dist(before)));
    // The conversion itself moves Qinghai by 100–300 m (GCJ-02's offset there).
    const shifts = conv.areas.map(
      (a) => distance(centroid(a), centroid(rawByCode.get(a.code) as Area)) * 1000,
    );
    expect(Math.min(...shifts)).toBeGreaterThan(50);
    expect(Math.max(...shifts)).toBeLessThan(400);
  });

  it('guigang-townships: 58 townships, 12-digit codes cut to 9, county from the first 6', async () => {
    const r = await importBoundaries(
      load('guigang-townships.geojson'),
      'guigang-townships.geojson',
    );
    expect(r.featureCount).toBe(58);
    expect(r.rejected).toEqual([]);
    expect(r.level).toBe('township');
    expect(r.fields).toMatchObject({ code: 'code', name: 'Name' });
    expect(r.areas).toHaveLength(58);
    expect(r.areas.every((a) => a.code.length === 9 && a.parent === a.code.slice(0, 6))).toBe(true);
    expect(new Set(r.areas.map((a) => a.parent))).toEqual(
      new Set(['450802', '450803', '450804', '450821', '450881']),
    );
    const kinds = new Set(r.areas.map((a) => a.kind));
    expect(kinds.has('town')).toBe(true);
    expect(kinds.has('subdistrict')).toBe(true);
  });

  it('regression: guigang 丹竹镇 merged from 7 pieces of other townships is reported', async () => {
    const r = await importBoundaries(
      load('guigang-townships.geojson'),
      'guigang-townships.geojson',
    );
    const danzhu = r.areas.find((a) => a.name === '丹竹镇') as Area;
    expect(danzhu.code).toBe('450821113');
    const cityKm2 = r.areas.reduce((s, a) => s + a.areaKm2, 0);
    expect(danzhu.areaKm2).toBeGreaterThan(2900);
    expect(danzhu.areaKm2 / cityKm2).toBeGreaterThan(0.25);
    const about = r.warnings.filter((w) => w.params?.name === '丹竹镇');
    const far = about.find((w) => w.code === 'parts-far-apart');
    const big = about.find((w) => w.code === 'area-outlier');
    expect(far).toMatchObject({
      feature: 2,
      field: 'geometry',
      value: '450821113',
      params: { parts: 7 },
    });
    expect(Number(far?.params?.maxGapKm)).toBeGreaterThan(40);
    expect(big).toMatchObject({ feature: 2, params: { group: '450821' } });
    expect(Number(big?.params?.ratio)).toBeGreaterThan(10);
    expect(big?.message).toMatch(/丹竹镇 \(450821113\) covers 2959\.\d km², [\d.]+× the median/);
    // Nothing else in Guigang is flagged.
    expect(r.warnings.filter((w) => w.params?.name !== '丹竹镇')).toEqual([]);
    console.info(`丹竹镇: ${far?.message}\n丹竹镇: ${big?.message}`);
  });

  it('joins the 2020 census to the counties: high match rate, the rest reported', async () => {
    const pop = await importPopulation(
      load('cn-county-census-2020.csv'),
      'cn-county-census-2020.csv',
    );
    expect(pop.columns).toEqual({
      code: 'code',
      name: 'county',
      total: 'pop_total',
      urban: 'pop_urban',
      rural: 'pop_rural',
    });
    expect(pop.nationalTotal).toBe(1_409_778_724);
    // A defect in the census file: 五台山风景名胜区 carries 170971 (no province 17).
    expect(pop.rejected).toMatchObject([
      { code: 'population-invalid-code', value: '170971', row: 339 },
    ]);
    // 45 development zones have no code (NA): reported, not joined.
    expect(pop.warnings.filter((w) => w.code === 'population-no-code')).toHaveLength(45);
    expect(pop.warnings.filter((w) => w.code === 'population-sum-mismatch')).toEqual([]);

    const j = joinPopulation(counties.areas, pop.rows, pop.file);
    console.info(
      `census join: ${j.matched}/${counties.areas.length} counties matched (${((100 * j.matched) / counties.areas.length).toFixed(1)}%), ` +
        `${j.areasWithoutPopulation} without a row, ${j.unmatchedRows} unmatched rows, ${j.aggregateRows} aggregate rows ignored`,
    );
    expect(j.matched / counties.areas.length).toBeGreaterThan(0.98);
    expect(j.areasWithoutPopulation).toBe(counties.areas.length - j.matched);
    expect(j.issues.filter((i) => i.code === 'area-without-population')).toHaveLength(
      j.areasWithoutPopulation,
    );
    // Province and prefecture totals are one note, not hundreds of errors.
    const agg = j.issues.filter((i) => i.code === 'population-aggregate-rows-ignored');
    expect(agg).toHaveLength(1);
    expect(j.aggregateRows).toBeGreaterThan(300);
    expect(j.issues.filter((i) => i.code === 'population-row-unmatched')).toHaveLength(
      j.unmatchedRows,
    );
    // Prefecture-level cities without counties are areas themselves and must join.
    const dongguan = j.areas.find((a) => a.code === '441900');
    expect(dongguan?.population?.total).toBeGreaterThan(10_000_000);
    const jingan = j.areas.find((a) => a.code === '310106');
    expect(jingan?.population).toMatchObject({
      total: 975707,
      source: 'cn-county-census-2020.csv (row 833)',
    });
    expect((jingan?.population?.urban ?? 0) + (jingan?.population?.rural ?? 0)).toBe(975707);
  });
});
