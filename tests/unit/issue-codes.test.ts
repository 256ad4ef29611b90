import { openAsBlob, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueText } from '../../src/components/issue-text';
import en from '../../src/i18n/en';
import { initI18n } from '../../src/i18n/index';
import zhCN from '../../src/i18n/zh-CN';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importSettlements } from '../../src/io/import-settlements';
import { importStations } from '../../src/io/import-stations';
import { ISSUE_CODES, NON_IO_CODES, type IssueCode } from '../../src/io/issue-codes';
import { ImportError, type ImportIssue } from '../../src/io/issues';
import { importPopulation } from '../../src/io/population-csv';
import { joinPopulation } from '../../src/io/population-join';

const CODES = Object.keys(ISSUE_CODES) as IssueCode[];
const LANGS = [
  ['zh-CN', zhCN],
  ['en', en],
] as const;

/** The value at a dotted path of a message bundle, or undefined. */
function at(bundle: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (o, k) =>
        o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined,
      bundle,
    );
}

describe('every issue code has a message in each language', () => {
  it.each(LANGS)('%s', (_lang, bundle) => {
    const missing = CODES.filter((c) => {
      const m = at(bundle, `import.issue.${c}`);
      return typeof m !== 'string' || m.trim() === '';
    });
    expect(missing).toEqual([]);
    // No stale messages for codes that no longer exist.
    expect(Object.keys(bundle.import.issue).filter((k) => !(k in ISSUE_CODES))).toEqual([]);
  });

  it.each(LANGS)('%s messages use only the params the importers always provide', (_l, bundle) => {
    const problems: string[] = [];
    for (const code of CODES) {
      const m = at(bundle, `import.issue.${code}`) as string;
      const params: readonly string[] = ISSUE_CODES[code];
      for (const [, name] of m.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)) {
        if (!params.includes(name)) problems.push(`${code}: {{${name}}}`);
      }
      // $t(prefix.{{param}}) picks a piece by a param: the prefix must exist.
      for (const [, key] of m.matchAll(/\$t\(([^)]+)\)/g)) {
        const prefix = key.replace(/\.\{\{\s*\w+\s*\}\}$/, '');
        if (typeof at(bundle, prefix) !== 'object') problems.push(`${code}: $t(${key})`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('src/io reports no code outside ISSUE_CODES', () => {
  const dir = path.resolve(process.cwd(), 'src/io');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'issue-codes.ts')
    .map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));

  /** Top-level arguments of every call of `callee` (parentheses and strings respected). */
  function callArgs(text: string, callee: RegExp): string[][] {
    const calls: string[][] = [];
    for (const m of text.matchAll(new RegExp(`${callee.source}\\(`, 'g'))) {
      const args: string[] = [];
      let depth = 0;
      let quote = '';
      let cur = '';
      for (let i = (m.index ?? 0) + m[0].length; i < text.length; i++) {
        const ch = text[i];
        if (quote) {
          if (ch === '\\') cur += ch + text[++i];
          else {
            if (ch === quote) quote = '';
            cur += ch;
          }
          continue;
        }
        if (ch === "'" || ch === '"' || ch === '`') quote = ch;
        if ('([{'.includes(ch)) depth++;
        if (')]}'.includes(ch)) {
          if (depth === 0) break;
          depth--;
        }
        if (ch === ',' && depth === 0) {
          args.push(cur.trim());
          cur = '';
        } else cur += ch;
      }
      if (cur.trim()) args.push(cur.trim());
      calls.push(args);
    }
    return calls;
  }

  // How codes reach an ImportIssue/ImportError in src/io: object literals (`code: '…'`,
  // FileNote, GeometryNote) and these builders, by the position of their code argument.
  const BUILDERS: [RegExp, number][] = [
    [/new ImportError/, 1], // (file, code, message, params)
    [/new Rejection/, 2], // station-rows: (field, value, code, message, params)
    [/\.warn/, 0], // station-rows: warn(code, field, value, message)
    [/\.warnAll/, 0], // station-rows: warnAll(code, message, field)
    [/\.addUnreadable/, 1], // station-rows: (line, code, message)
    [/\breject/, 0], // import-boundaries: reject(code, message, field, params)
    [/\bissue/, 0], // population-csv: issue(code, field, value, message, params)
    [/\bfail/, 0], // geometry-validate: fail(code, message, params, notes)
  ];

  function reportedCodes(): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const add = (code: string, where: string) =>
      found.set(code, [...(found.get(code) ?? []), where]);
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\bcode:\s*'([^']+)'/g)) add(m[1], file);
      for (const [callee, pos] of BUILDERS) {
        for (const args of callArgs(text, callee)) {
          const lit = /^'([^']*)'$/.exec(args[pos] ?? '');
          if (lit) add(lit[1], file);
        }
      }
    }
    return found;
  }

  it('every code the builders and object literals name is in ISSUE_CODES', () => {
    const found = reportedCodes();
    const unknown = [...found].filter(([c]) => !(c in ISSUE_CODES)).map(([c, f]) => `${c} (${f})`);
    expect(unknown).toEqual([]);
    // The scan sees every io code, so it does match how the importers build issues.
    const unseen = CODES.filter((c) => !NON_IO_CODES.includes(c) && !found.has(c));
    expect(unseen).toEqual([]);
  });

  it('no other kebab-case string in src/io looks like a code', () => {
    // Strings of the same shape that are not codes: encodings, module names, the HTML
    // report's section ids and CSP keyword, and language tags.
    const NOT_CODES = new Set([
      'uncovered-towns',
      'uncovered-townships',
      'townships-no-5g',
      // The HTML report's table class of the gap units.
      'gap-units',
      'unsafe-inline',
      'zh-cn',
      'en-us',
      'en-gb',
      // The scenario file's edit-group kind.
      'upgrade-area',
      'utf-8',
      'utf-8-bom',
      'utf-16',
      'utf-16le',
      'utf-16be',
      'windows-1252',
      'deflate-raw',
      'topojson-client',
      'topojson-specification',
      // Population model kinds, a report table's input role and a TIFF sample format.
      'two-zone',
      'population-raster',
      'floating-point',
    ]);
    const stray: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'/g)) {
        if (!(m[1] in ISSUE_CODES) && !NOT_CODES.has(m[1])) stray.push(`${m[1]} (${file})`);
      }
    }
    expect(stray).toEqual([]);
  });
});

describe('real bad inputs read as Chinese', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });

  const stationsDir = path.resolve(process.cwd(), 'tests/fixtures/bad-stations');
  const boundariesDir = path.resolve(process.cwd(), 'tests/fixtures/boundaries');
  const CJK = /[\u4e00-\u9fff]/;

  const asIssue = (e: ImportError): ImportIssue => ({
    file: e.file,
    code: e.code,
    params: e.params,
    message: e.message,
  });

  /** The issues of an import, or its ImportError as one issue. */
  async function issuesOf(
    run: () => Promise<{ rejected: ImportIssue[]; warnings: ImportIssue[] }>,
  ) {
    try {
      const r = await run();
      return [...r.rejected, ...r.warnings];
    } catch (e) {
      if (e instanceof ImportError) return [asIssue(e)];
      throw e;
    }
  }

  function expectTranslated(issues: readonly ImportIssue[]): void {
    for (const lng of ['zh-CN', 'en']) {
      const t = i18next.getFixedT(lng);
      for (const i of issues) {
        const { where, reason } = issueText(t, i);
        const label = `${lng} ${i.code}: ${where} ${reason}`;
        expect(i18next.exists(`import.issue.${i.code}`, { lng }), label).toBe(true);
        expect(`${where} ${reason}`, label).not.toMatch(/\{\{|\}\}|\$t\(|undefined|NaN/);
        if (lng === 'zh-CN') expect(reason, label).toMatch(CJK);
      }
    }
  }

  it('station files', async () => {
    const files = readdirSync(stationsDir).filter((f) => f !== 'README.md');
    const seen = new Set<string>();
    for (const f of files) {
      const issues = await issuesOf(async () =>
        importStations(await openAsBlob(path.join(stationsDir, f)), f),
      );
      expectTranslated(issues);
      for (const i of issues) seen.add(i.code);
    }
    // A spot check of the rendering, where and why.
    const swapped = await importStations(
      await openAsBlob(path.join(stationsDir, 'swapped.csv')),
      'swapped.csv',
    );
    const { where, reason } = issueText(i18next.t, swapped.rejected[0]);
    expect(where).toMatch(/^第 2 行 · 字段 lon\/lat · 值 “/);
    expect(reason).toMatch(/^纬度与经度疑似颠倒/);
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'empty-file',
        'binary-file',
        'xls-not-supported',
        'unsupported-encoding',
        'invalid-xlsx',
        'single-column',
        'no-coordinate-columns',
        'no-data-rows',
        'mixed-encoding',
        'swapped-coordinates',
        'outside-china',
        'coordinate-out-of-range',
        'duplicate-id',
        'unterminated-quote',
        'decimal-comma',
        'header-not-first-row',
        'unknown-tech',
      ]),
    );
  });

  it('station rows with counted warnings and a CRS hint', async () => {
    const csv = [
      'id,site_id,经度(GCJ02),纬度(GCJ02),tech,band,redcap,radius,env,status',
      'A1,S1,121.47,31.23,NR,n3,1,0,城区,在网',
      'A2,S1,121.48,31.24,LTE,xx,1,100,外星,未知',
      'A3,S1,121.90,31.50,,n41,0,,,',
    ].join('\n');
    const issues = await issuesOf(() => importStations(new Blob([csv]), 'mix.csv'));
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'crs-hint',
        'zero-radius',
        'nr-band-no-preset',
        'redcap-not-nr',
        'unknown-band',
        'unknown-env',
        'unknown-status',
        'missing-tech',
        'site-cells-far-apart',
      ]),
    );
    expectTranslated(issues);
    const hint = issues.find((i) => i.code === 'crs-hint') as ImportIssue;
    expect(issueText(i18next.t, hint).reason).toContain('GCJ-02（高德/腾讯）');
  });

  it('boundary files and features', async () => {
    const sq = (x: number, y: number, d = 0.05) => [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ];
    const feat = (code: unknown, name: string, geometry: unknown, extra = {}) => ({
      type: 'Feature',
      properties: { code, name, ...extra },
      geometry,
    });
    const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
    const fc = {
      type: 'FeatureCollection',
      features: [
        feat('450802', '港北区', poly(sq(109.5, 23.0)), { pop: 'abc', center: 'x' }),
        feat('450803', '港南区', poly(sq(109.6, 23).slice(0, 4))),
        feat(
          '450804',
          '覃塘区',
          poly([
            [109.7, 23],
            [109.8, 23.1],
            [109.8, 23],
            [109.7, 23.1],
            [109.7, 23],
          ]),
        ),
        feat(
          '450821',
          '平南县',
          poly(sq(110.0, 23.0, 0.1), [
            [110.05, 23.04],
            [110.15, 23.04],
            [110.15, 23.06],
            [110.05, 23.06],
            [110.05, 23.04],
          ]),
        ),
        feat('450881', '桂平市', null),
        feat(
          '450823',
          '乙',
          poly([
            [500000, 2540000],
            [510000, 2540000],
            [510000, 2550000],
            [500000, 2540000],
          ]),
        ),
        feat('450802', '港北区（重复）', poly(sq(109.5, 23.2))),
        feat('450824', '丙', { type: 'Point', coordinates: [109.5, 23] }),
        feat(null, '丁', poly(sq(109.5, 23.4))),
        feat('abc', '戊', poly(sq(109.5, 23.5))),
        feat(
          '450825',
          '己',
          poly([
            [109, 23],
            [109.1, 23],
            [109, 23],
          ]),
        ),
        feat(
          '450828',
          '壬',
          poly([
            [23, 109],
            [23.1, 109],
            [23.1, 109.1],
            [23, 109],
          ]),
        ),
        feat('450802101', '石卡镇', poly(sq(109.9, 23.9))),
        feat('450826', '', poly(sq(111, 23))),
        feat('450827', '分散县', {
          type: 'MultiPolygon',
          coordinates: [[sq(112, 23, 0.2)], [sq(113, 23, 0.2)]],
        }),
      ],
    };
    const json = (v: unknown) => new Blob([JSON.stringify(v)]);
    const corpus = await issuesOf(() =>
      importBoundaries(json(fc), 'corpus.geojson', { popField: 'pop' }),
    );
    expect(corpus.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'ring-closed',
        'self-intersection-repaired',
        'self-intersection',
        'empty-geometry',
        'projected-coordinates',
        'duplicate-code',
        'not-polygon',
        'missing-code',
        'invalid-code',
        'degenerate-geometry',
        'coordinates-out-of-range',
        'code-level-mismatch',
        'missing-name',
        'invalid-population',
        'invalid-seat',
        'parts-far-apart',
      ]),
    );
    expectTranslated(corpus);
    const level = corpus.find((i) => i.code === 'code-level-mismatch') as ImportIssue;
    expect(issueText(i18next.t, level).reason).toContain('本文件按区县级读取');

    const failures = [
      await issuesOf(() => importBoundaries(new Blob([]), 'a.geojson')),
      await issuesOf(() => importBoundaries(new Blob(['{"type":"Feature"']), 'cut.geojson')),
      await issuesOf(() => importBoundaries(json({ type: 'Foo' }), 'x.geojson')),
      await issuesOf(() => importBoundaries(new Blob(['<svg/>']), 'x.kml')),
      await issuesOf(() => importBoundaries(new Blob(['abc']), 'x.zip')),
      await issuesOf(() => importBoundaries(new Blob(['abc']), 'x.shp')),
      await issuesOf(() => importBoundaries(new Blob(['hello']), 'x.txt')),
      await issuesOf(() =>
        importBoundaries(json({ type: 'FeatureCollection', features: [] }), 'e.geojson'),
      ),
      await issuesOf(() =>
        importBoundaries(
          json({ type: 'FeatureCollection', features: [feat('450802', 'a', poly(sq(109, 23)))] }),
          'x.geojson',
          {
            codeField: 'adcode',
          },
        ),
      ),
      await issuesOf(() =>
        importBoundaries(
          json({
            type: 'FeatureCollection',
            crs: { type: 'name', properties: { name: 'EPSG:3857' } },
            features: [],
          }),
          'merc.geojson',
        ),
      ),
      await issuesOf(() =>
        importBoundaries(
          json({ type: 'FeatureCollection', features: [feat('x', '甲', poly(sq(109, 23)))] }),
          'nocode.geojson',
        ),
      ),
    ].flat();
    expect(failures.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'empty-file',
        'invalid-json',
        'not-geojson',
        'not-kml',
        'invalid-zip',
        'shapefile-not-zipped',
        'unknown-format',
        'no-features',
        'field-not-found',
        'unsupported-crs',
        'no-code-field',
      ]),
    );
    expectTranslated(failures);

    const zips: ImportIssue[] = [];
    for (const f of readdirSync(boundariesDir).filter((x) => /\.(zip|kmz|kml)$/.test(x))) {
      zips.push(
        ...(await issuesOf(async () =>
          importBoundaries(await openAsBlob(path.join(boundariesDir, f)), f),
        )),
      );
    }
    expect(zips.map((i) => i.code)).toEqual(
      expect.arrayContaining(['other-layers-ignored', 'unsupported-projection']),
    );
    expectTranslated(zips);
  });

  it('settlement points', async () => {
    const csv = [
      'id,名称,经度,纬度,人口,户数,类型,代码,合成',
      '1,甲村,97.0,33.0,100,,行政村,632701001200,',
      '2,甲村,97.0005,33.0003,-1,,行政村,,',
      '3,甲村,97.0005,33.0003,10,,行政村,,',
      '4,乙,97.2,33.2,,,城堡,123,也许',
      '10,戊,97.7,33.7,多,,,,',
      '5,,33.3,97.3,,,,,',
      '6,,97.4,33.4,,x,,,',
      '7,,97.5,33.5,,,,,',
      '1,丙,97.6,33.6,,,,,',
      '9,丁,2.3,48.8,,,,,',
    ].join('\n');
    const table = await issuesOf(() => importSettlements(new Blob([csv]), 'villages.csv'));
    const sq = [
      [
        [97, 33],
        [97.1, 33],
        [97.1, 33.1],
        [97, 33],
      ],
    ];
    const features = await issuesOf(() =>
      importSettlements(
        new Blob([
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { name: '面' },
                geometry: { type: 'Polygon', coordinates: sq },
              },
              {
                type: 'Feature',
                properties: { name: '多点' },
                geometry: {
                  type: 'MultiPoint',
                  coordinates: [
                    [97, 33],
                    [98, 34],
                  ],
                },
              },
              {
                type: 'Feature',
                properties: { name: '坏' },
                geometry: { type: 'Point', coordinates: [] },
              },
              {
                type: 'Feature',
                properties: { name: '远' },
                geometry: { type: 'Point', coordinates: [200, 33] },
              },
            ],
          }),
        ]),
        'points.geojson',
      ),
    );
    const issues = [...table, ...features];
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'duplicate-settlement',
        'negative-value',
        'unparseable-number',
        'unknown-settlement-kind',
        'invalid-settlement-code',
        'bad-synthetic-flag',
        'swapped-coordinates',
        'settlement-unnamed',
        'duplicate-settlement-id',
        'outside-china',
        'not-point',
        'multipoint-several',
        'invalid-coordinates',
        'coordinate-out-of-range',
      ]),
    );
    expectTranslated(issues);
    const notPoint = features.find((i) => i.code === 'not-point') as ImportIssue;
    expect(issueText(i18next.t, notPoint)).toEqual({
      where: '第 1 个要素 · 字段 geometry · 值 “面”',
      reason: '几何类型为 Polygon，不是点：居民点应为一个点（面状数据请作为边界导入）',
    });
  });

  it('population tables and their join', async () => {
    const csv = [
      'code,county,pop_total,pop_urban,pop_rural',
      '450000,广西壮族自治区,50126804,27175859,22950945',
      '450800,贵港市,4316262,2300000,2000000',
      '450802,港北区,800000,500000,300000',
      'NA,某开发区,12345,12345,0',
      '450804,覃塘区,abc,1,2',
      '450899,不存在区,1000,,',
      '450802,港北区（重复）,1,1,0',
      '99,错误,1,,',
    ].join('\n');
    const pop = await importPopulation(new Blob([csv]), 'pop.csv');
    const areas = (
      await importBoundaries(
        new Blob([
          JSON.stringify({
            type: 'FeatureCollection',
            features: ['450802', '450803'].map((code, k) => ({
              type: 'Feature',
              properties: { code, name: `区${k}` },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [109 + k, 23],
                    [109.1 + k, 23],
                    [109.1 + k, 23.1],
                    [109 + k, 23],
                  ],
                ],
              },
            })),
          }),
        ]),
        'b.geojson',
      )
    ).areas;
    const join = joinPopulation(areas, pop.rows, 'pop.csv');
    const issues = [...pop.rejected, ...pop.warnings, ...join.issues];
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'population-invalid-number',
        'population-duplicate-code',
        'population-sum-mismatch',
        'population-no-code',
        'population-invalid-code',
        'population-row-unmatched',
        'population-aggregate-rows-ignored',
        'area-without-population',
      ]),
    );
    expectTranslated(issues);
    const missing = await issuesOf(() =>
      importPopulation(new Blob(['name,pop_urban\na,1\n']), 'p.csv'),
    );
    expect(issueText(i18next.t, missing[0]).reason).toContain('区划代码');
    expectTranslated(missing);
  });
});
