/**
 * Seeded station tables for the benchmarks: plausible operator exports (a site is 1–3
 * sectors at one position, sites cluster around towns spread over China, Chinese names),
 * built in memory so no benchmark depends on a file. Same seed → same bytes.
 */
import { wgs84 } from '../src/core/crs';
import { CANONICAL_FIELDS } from '../src/io/station-columns';
import { createRng } from '../src/core/random';
import type { Cell, Env, Tech } from '../src/core/station';
import { metres } from '../src/core/units';

export const CANONICAL_HEADER: readonly string[] = CANONICAL_FIELDS;

/** The same columns as a Chinese operator export names them. */
export const CHINESE_HEADER = [
  '小区编号',
  '基站编号',
  '基站名称',
  '运营商',
  '经度',
  '纬度',
  '制式',
  '频段',
  '是否支持RedCap',
  '方位角',
  '水平波瓣宽度',
  '天线挂高',
  '发射功率',
  '覆盖场景',
  '覆盖半径',
  '状态',
];

export interface StationRow {
  id: string;
  siteId: string;
  name: string;
  operator: string;
  lon: number;
  lat: number;
  tech: Tech;
  band: string;
  redcap: boolean;
  azimuth: number | null;
  beamwidth: number | null;
  heightM: number;
  powerDbm: number;
  env: Env;
  status: 'existing' | 'planned';
}

// County-town-like centres: [name, lon, lat].
const TOWNS: readonly (readonly [string, number, number])[] = [
  ['西宁城东', 101.78, 36.62],
  ['玉树结古', 97.01, 33.0],
  ['格尔木', 94.9, 36.4],
  ['成都武侯', 104.04, 30.64],
  ['贵港港北', 109.6, 23.11],
  ['昆明五华', 102.7, 25.04],
  ['拉萨城关', 91.13, 29.65],
  ['兰州城关', 103.83, 36.06],
  ['乌鲁木齐天山', 87.62, 43.79],
  ['哈尔滨南岗', 126.64, 45.75],
  ['上海浦东', 121.54, 31.22],
  ['广州天河', 113.36, 23.13],
  ['赣州章贡', 114.93, 25.83],
  ['遵义红花岗', 106.93, 27.7],
  ['喀什', 75.99, 39.47],
  ['呼伦贝尔海拉尔', 119.76, 49.21],
];
const ROADS = ['人民', '解放', '建设', '胜利', '文化', '新华', '长江', '黄河', '团结', '和平'];
const OPERATORS = ['中国移动', '中国联通', '中国电信', '中国广电'] as const;
const NR_BANDS: readonly (readonly [string, number])[] = [
  ['n41', 0.4],
  ['n78', 0.35],
  ['n28', 0.2],
  ['n79', 0.05],
];
const LTE_BANDS = ['B3', 'B39', 'B40', 'B41', 'B8'];

/**
 * `count` station rows (cells) from `seed`. Sites of 1–3 sectors share a position
 * exactly, as in operator exports; `jitterM` moves each sector a few metres instead
 * (sectors mounted on different poles), which the site grouping must tolerate.
 */
export function* stationRows(count: number, seed: number, jitterM = 0): Generator<StationRow> {
  const rng = createRng(seed);
  let row = 0;
  let site = 0;
  while (row < count) {
    site++;
    const [town, tlon, tlat] = rng.pick(TOWNS);
    const urban = rng.chance(0.6);
    // Town sites within ~8 km of the centre, rural ones within ~120 km.
    const r = urban ? 0.08 * Math.sqrt(rng.next()) : 1.1 * Math.sqrt(rng.next());
    const a = rng.uniform(0, 2 * Math.PI);
    const lat = tlat + r * Math.sin(a);
    const lon = tlon + (r * Math.cos(a)) / Math.cos((tlat * Math.PI) / 180);
    const operator = rng.pick(OPERATORS);
    const nr = rng.chance(0.7);
    const band = nr ? rng.weighted(NR_BANDS) : rng.pick(LTE_BANDS);
    const redcap = nr && rng.chance(urban ? 0.35 : 0.15);
    const sectors = urban ? 3 : rng.int(1, 3);
    const heightM = urban ? rng.int(20, 35) : rng.int(30, 45);
    const powerDbm = !nr ? 46 : band === 'n28' ? 49 : 53;
    const planned = rng.chance(0.05);
    const siteId = `S${String(site).padStart(7, '0')}`;
    const name = `${town}${rng.pick(ROADS)}路${rng.int(1, 399)}号`;
    const start = rng.int(0, 119);
    for (let k = 0; k < sectors && row < count; k++, row++) {
      const dx = jitterM > 0 ? rng.uniform(-jitterM, jitterM) : 0;
      const dy = jitterM > 0 ? rng.uniform(-jitterM, jitterM) : 0;
      const omni = sectors === 1;
      yield {
        id: `${siteId}-${k + 1}`,
        siteId,
        name: `${name}-${k + 1}`,
        operator,
        lon: lon + dx / (111_320 * Math.cos((lat * Math.PI) / 180)),
        lat: lat + dy / 110_574,
        tech: nr ? 'NR' : 'LTE',
        band,
        redcap,
        azimuth: omni ? null : (start + k * 120) % 360,
        beamwidth: omni ? null : 65,
        heightM,
        powerDbm,
        env: urban ? 'uma' : 'rma',
        status: planned ? 'planned' : 'existing',
      };
    }
  }
}

function csvLine(s: StationRow, chinese: boolean): string {
  const env = chinese ? (s.env === 'uma' ? '城区' : '农村') : s.env;
  const status = chinese ? (s.status === 'existing' ? '在网' : '规划') : s.status;
  const redcap = chinese ? (s.redcap ? '是' : '否') : String(s.redcap);
  const tech = chinese ? (s.tech === 'NR' ? '5G' : '4G') : s.tech;
  return [
    s.id,
    s.siteId,
    s.name,
    s.operator,
    s.lon.toFixed(6),
    s.lat.toFixed(6),
    tech,
    s.band,
    redcap,
    s.azimuth ?? '',
    s.beamwidth ?? '',
    s.heightM,
    s.powerDbm,
    env,
    '',
    status,
  ].join(',');
}

/**
 * A station CSV as blob parts of ~1 MB, so the whole text never exists as one string.
 * `encode` turns each part into bytes (UTF-8 by default, with a BOM as Excel writes).
 */
export function stationCsvBlob(
  count: number,
  seed: number,
  opts: { chinese?: boolean; encode?: (text: string) => Uint8Array<ArrayBuffer> } = {},
): Blob {
  const chinese = opts.chinese ?? false;
  const utf8 = new TextEncoder();
  const encode = opts.encode ?? ((t: string) => utf8.encode(t));
  const parts: BlobPart[] = [];
  if (!opts.encode) parts.push(new Uint8Array([0xef, 0xbb, 0xbf]));
  let buf = `${(chinese ? CHINESE_HEADER : CANONICAL_HEADER).join(',')}\r\n`;
  for (const s of stationRows(count, seed)) {
    buf += `${csvLine(s, chinese)}\r\n`;
    if (buf.length > 1 << 20) {
      parts.push(encode(buf));
      buf = '';
    }
  }
  parts.push(encode(buf));
  return new Blob(parts);
}

/** Station rows as a sheet for write-excel-file: header, then numbers as numbers. */
export function stationSheet(count: number, seed: number): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [CHINESE_HEADER];
  for (const s of stationRows(count, seed)) {
    rows.push([
      s.id,
      s.siteId,
      s.name,
      s.operator,
      Number(s.lon.toFixed(6)),
      Number(s.lat.toFixed(6)),
      s.tech === 'NR' ? '5G' : '4G',
      s.band,
      s.redcap ? '是' : '否',
      s.azimuth,
      s.beamwidth,
      s.heightM,
      s.powerDbm,
      s.env === 'uma' ? '城区' : '农村',
      null,
      s.status === 'existing' ? '在网' : '规划',
    ]);
  }
  return rows;
}

/** Cells as the importer would produce them; `siteIds: false` blanks them for grouping by position. */
export function stationCells(count: number, seed: number, siteIds: boolean): Cell[] {
  const cells: Cell[] = new Array(count);
  let i = 0;
  for (const s of stationRows(count, seed, siteIds ? 0 : 3)) {
    cells[i] = {
      id: s.id,
      siteId: siteIds ? s.siteId : '',
      name: s.name,
      operator: s.operator,
      position: wgs84(s.lon, s.lat),
      tech: s.tech,
      band: s.band,
      redcap: s.redcap,
      azimuthDeg: s.azimuth,
      beamwidthDeg: s.beamwidth ?? 65,
      heightM: metres(s.heightM),
      powerDbm: s.powerDbm,
      env: s.env,
      radiusM: null,
      status: s.status,
      sourceRow: i + 1,
    };
    i++;
  }
  return cells;
}
