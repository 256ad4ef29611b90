/**
 * Seeded generator of synthetic settlements for the demo region, laid over the synthetic
 * stations' own geography: the county town at the seat, a township seat at each of the
 * station generator's pseudo-township hubs, administrative villages strung along its roads
 * and along valley-like walks out of each seat, herding sites around the villages. The
 * census is honoured exactly: the town holds the county's urban population, the rest share
 * the rural population. No open village point set exists for the region, so this lets the
 * whole settlement workflow be seen; every settlement is `synthetic` and named 合成….
 * Same inputs + params + seed → identical output, everywhere.
 */
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { TownshipKind } from './area';
import type { LngLatWgs84 } from './crs';
import { createRng, deriveSeed, type Rng } from './random';
import type { Settlement, SettlementKind } from './settlement';
import { haversineMetres } from './sites';
import { at, polar, type SyntheticCountyLayout } from './synthetic-stations';

/** A village-level unit (村/居委会) of the NBS list: 12-digit code, name, 9-digit township. */
export interface SyntheticVillageName {
  code: string;
  name: string;
  township: string;
}

export interface SyntheticSettlementCounty {
  code: string;
  name: string;
  /** WGS-84 boundary; every settlement lies inside it. */
  geometry: Polygon | MultiPolygon;
  /** Census split: the town holds the urban population, the rest share the rural. */
  urbanPopulation: number;
  ruralPopulation: number;
  /**
   * Township whose seat is the county town (its villages sit around the town, it gets no
   * separate seat point); null when unknown, and then every non-街道 township gets a hub.
   */
  seatTownship: string | null;
  /** Code written on the town's row (the seat township's, when a source confirms it). */
  townCode: string | null;
  townships: readonly { code: string; name: string; kind: TownshipKind }[];
  villages: readonly SyntheticVillageName[];
  /** Where the station generator put this county's town, hubs and roads. */
  layout: SyntheticCountyLayout;
}

export interface SyntheticSettlementRegion {
  counties: readonly SyntheticSettlementCounty[];
}

/** Relative size: median × e^(sigma·N(0,1)), a log-normal spread of settlement sizes. */
export interface SizeDistribution {
  median: number;
  sigma: number;
}

export interface SyntheticSettlementParams {
  /** Minimum distance between villages and seats, metres (relaxed when a place is crowded). */
  minSpacingM: number;
  /** Minimum distance from a herding site to any other settlement, metres. */
  herdingSpacingM: number;
  /** Rural settlements stay this far beyond the town's radius, metres. */
  townClearanceM: number;
  /** Distance of a village from its township seat along a road or valley [min, max], metres. */
  villageDistanceM: readonly [number, number];
  /** Share of villages placed on one of the station generator's roads when one passes near. */
  roadShare: number;
  /** A road serves a township when it passes within this distance of the seat, metres. */
  roadReachM: number;
  /** Valley-like walks out of each seat [min, max], their step and heading noise. */
  valleysPerSeat: readonly [number, number];
  valleyStepM: number;
  valleyTurnSdDeg: number;
  /** A village sits up to this far off its road or valley line, metres. */
  valleyOffsetM: number;
  /** Herding sites per administrative village [min, max] and their distance from it [min, max]. */
  herdingPerVillage: readonly [number, number];
  herdingDistanceM: readonly [number, number];
  /** Relative sizes among rural settlements (the rural population is shared by them). */
  sizes: {
    townshipSeat: SizeDistribution;
    adminVillage: SizeDistribution;
    hubVillage: SizeDistribution;
    herdingSite: SizeDistribution;
  };
}

export const DEFAULT_SETTLEMENT_PARAMS: SyntheticSettlementParams = {
  minSpacingM: 1_500,
  herdingSpacingM: 700,
  townClearanceM: 1_000,
  villageDistanceM: [3_000, 22_000],
  roadShare: 0.5,
  roadReachM: 25_000,
  valleysPerSeat: [2, 4],
  valleyStepM: 1_500,
  valleyTurnSdDeg: 20,
  valleyOffsetM: 400,
  herdingPerVillage: [1, 3],
  herdingDistanceM: [2_000, 10_000],
  sizes: {
    // A 集镇 holds a few villages' worth of people (school, clinic, shops, resettled herders).
    townshipSeat: { median: 3, sigma: 0.3 },
    adminVillage: { median: 1, sigma: 0.45 },
    hubVillage: { median: 0.6, sigma: 0.3 },
    // Herding sites: a few tents or winter houses; some pass 20 households, most do not.
    herdingSite: { median: 0.06, sigma: 0.5 },
  },
};

export interface SyntheticSettlementCounts {
  code: string;
  name: string;
  urban: number;
  rural: number;
  /** Sum of the county's settlement populations (= urban + rural). */
  population: number;
  byKind: Record<SettlementKind, number>;
  /** Settlements named from the NBS list (townships and villages). */
  named: number;
}

export interface SyntheticSettlements {
  settlements: Settlement[];
  counts: SyntheticSettlementCounts[];
}

type SizeClass = keyof SyntheticSettlementParams['sizes'];

interface Planned {
  id: string;
  name: string;
  kind: SettlementKind;
  code: string | null;
  position: LngLatWgs84;
  /** null for the town (it takes the urban population). */
  size: SizeClass | null;
}

/** NBS village codes: 001–199 居民委员会 (urban communities), 200–399 村民委员会. */
const isVillageCommittee = (code: string): boolean => Number(code.slice(9)) >= 200;

/** "仲多村委会" → "仲多村", "沙青村民委员会" → "沙青村", "扎玛村（一村）委会" → "扎玛村（一村）". */
export function villageNameOf(committee: string): string {
  return committee.replace(/(村民委员会|村委会)$/, '村').replace(/委会$/, '');
}

/** The county town's name: 杂多县 → 杂多县城, 玉树市 → 玉树市城区. */
export const townNameOf = (county: string): string =>
  county.endsWith('县') ? `${county}城` : `${county}城区`;

/**
 * Split `total` into whole numbers proportional to `weights` that add up to `total`
 * exactly (largest remainder; ties to the earlier index). Everyone gets at least one when
 * there are enough to go round.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const base = total >= n ? 1 : 0;
  const rest = total - base * n;
  const sum = weights.reduce((s, w) => s + w, 0);
  const quotas = weights.map((w) => (sum > 0 ? (w / sum) * rest : rest / n));
  const out = quotas.map((q) => base + Math.floor(q));
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k].i]++;
  return out;
}

const EMPTY_KINDS = (): Record<SettlementKind, number> => ({
  town: 0,
  'township-seat': 0,
  'admin-village': 0,
  'natural-village': 0,
  'herding-site': 0,
  other: 0,
});

/**
 * Generate synthetic settlements for every county. Each county draws from its own stream
 * (seed and county code), so one county's output does not depend on the others. Output
 * is in county-code order: town, then each township's seat, villages and their herding
 * sites, then villages at hubs no township took; `sourceRow` numbers them from 1.
 */
export function generateSyntheticSettlements(
  region: SyntheticSettlementRegion,
  params: SyntheticSettlementParams,
  seed: number,
): SyntheticSettlements {
  const settlements: Settlement[] = [];
  const counts: SyntheticSettlementCounts[] = [];
  const sorted = [...region.counties].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const county of sorted) {
    const rng = createRng(deriveSeed(seed, `settlements:${county.code}`));
    const planned = planCounty(county, params, rng);
    const rural = planned.filter((p) => p.size !== null);
    const weights = rural.map((p) => {
      const d = params.sizes[p.size as SizeClass];
      return d.median * Math.exp(d.sigma * rng.normal());
    });
    // A county without rural settlements keeps all its people in the town.
    const urban =
      rural.length > 0 ? county.urbanPopulation : county.urbanPopulation + county.ruralPopulation;
    const people = apportion(county.ruralPopulation, weights);
    const byKind = EMPTY_KINDS();
    let k = 0;
    let named = 0;
    for (const p of planned) {
      byKind[p.kind]++;
      if (p.code !== null && p.kind !== 'town') named++;
      settlements.push({
        id: p.id,
        name: p.name,
        position: p.position,
        population: p.size === null ? urban : people[k++],
        households: null,
        kind: p.kind,
        code: p.code,
        synthetic: true,
        sourceRow: settlements.length + 1,
      });
    }
    counts.push({
      code: county.code,
      name: county.name,
      urban: county.urbanPopulation,
      rural: county.ruralPopulation,
      population: county.urbanPopulation + county.ruralPopulation,
      byKind,
      named,
    });
  }
  return { settlements, counts };
}

function planCounty(
  county: SyntheticSettlementCounty,
  p: SyntheticSettlementParams,
  rng: Rng,
): Planned[] {
  const { layout } = county;
  const seat = layout.seat;
  const inside = (q: LngLatWgs84): boolean =>
    turf.booleanPointInPolygon([q[0], q[1]], county.geometry);
  const [minX, minY, maxX, maxY] = turf.bbox(county.geometry);
  const clearance = layout.townRadiusM + p.townClearanceM;
  const out: Planned[] = [];
  const spaced: LngLatWgs84[] = [];
  const farFromAll = (q: LngLatWgs84, d: number) => spaced.every((o) => haversineMetres(o, q) >= d);
  const usable = (q: LngLatWgs84, spacing: number) =>
    inside(q) && haversineMetres(q, seat) >= clearance && farFromAll(q, spacing);
  const add = (x: Planned) => {
    out.push(x);
    spaced.push(x.position);
  };

  add({
    id: `SYN-${county.code}-TOWN`,
    name: `合成-${townNameOf(county.name)}`,
    kind: 'town',
    code: county.townCode,
    position: seat,
    size: null,
  });

  // Townships in town (the seat's and every 街道) have their seat in the county town.
  const inTown = (t: { code: string; kind: TownshipKind }) =>
    t.code === county.seatTownship || t.kind === 'subdistrict';
  const townships = [...county.townships].sort((a, b) => (a.code < b.code ? -1 : 1));
  const ruralTownships = townships.filter((t) => !inTown(t));
  const anchors = new Map<string, LngLatWgs84>();
  for (const t of townships) if (inTown(t)) anchors.set(t.code, seat);
  const hubSpacing = Math.max(2 * layout.townRadiusM, 15_000);
  ruralTownships.forEach((t, i) => {
    anchors.set(
      t.code,
      layout.hubs[i] ??
        extraHub(rng, inside, [minX, minY, maxX, maxY], seat, hubSpacing, [...anchors.values()]),
    );
  });

  for (const t of townships) {
    const anchor = anchors.get(t.code) as LngLatWgs84;
    if (!inTown(t)) {
      add({
        id: `SYN-${t.code}`,
        name: `合成-${t.name}`,
        kind: 'township-seat',
        code: t.code,
        position: anchor,
        size: 'townshipSeat',
      });
    }
    const lines = [
      ...valleys(anchor, p, rng, inside),
      ...roadsNear(anchor, layout.roads, p.roadReachM),
    ];
    const villages = county.villages
      .filter((v) => v.township === t.code && isVillageCommittee(v.code))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const v of villages) {
      const position = placeAlong(anchor, lines, p, rng, usable, inside);
      const name = villageNameOf(v.name);
      add({
        id: `SYN-${v.code}`,
        name: `合成-${name}`,
        kind: 'admin-village',
        code: v.code,
        position,
        size: 'adminVillage',
      });
      const herds = rng.int(p.herdingPerVillage[0], p.herdingPerVillage[1]);
      for (let j = 1; j <= herds; j++) {
        const q = around(
          position,
          p,
          rng,
          (c) =>
            inside(c) && haversineMetres(c, seat) >= clearance && farFromAll(c, p.herdingSpacingM),
        );
        if (!q) continue;
        add({
          id: `SYN-${v.code}-H${j}`,
          name: `合成-${name}牧业点${j}`,
          kind: 'herding-site',
          code: null,
          position: q,
          size: 'herdingSite',
        });
      }
    }
  }

  // Hubs no township took still have stations: a small natural village sits at each.
  layout.hubs.slice(ruralTownships.length).forEach((hub, i) => {
    add({
      id: `SYN-${county.code}-V${i + 1}`,
      name: `合成村 ${i + 1}`,
      kind: 'natural-village',
      code: null,
      position: hub,
      size: 'hubVillage',
    });
  });
  return out;
}

/** A line settlements may sit along: a valley walk out of a seat, or part of a road. */
interface Line {
  kind: 'valley' | 'road';
  points: LngLatWgs84[];
}

/** Correlated random walks out of a seat, spread around the compass, stopping at the border. */
function valleys(
  anchor: LngLatWgs84,
  p: SyntheticSettlementParams,
  rng: Rng,
  inside: (q: LngLatWgs84) => boolean,
): Line[] {
  const n = rng.int(p.valleysPerSeat[0], p.valleysPerSeat[1]);
  const start = rng.uniform(0, 360);
  const out: Line[] = [];
  for (let k = 0; k < n; k++) {
    let heading = start + (360 / n) * k + rng.uniform(-20, 20);
    const length = rng.uniform(0.6, 1) * p.villageDistanceM[1];
    const points = [anchor];
    let pos = anchor;
    for (let d = p.valleyStepM; d <= length; d += p.valleyStepM) {
      heading += rng.normal() * p.valleyTurnSdDeg;
      pos = polar(pos, p.valleyStepM, heading);
      if (!inside(pos)) break;
      points.push(pos);
    }
    out.push({ kind: 'valley', points });
  }
  return out;
}

/** The stretches of the station generator's roads within reach of a seat. */
function roadsNear(anchor: LngLatWgs84, roads: readonly LngLatWgs84[][], reachM: number): Line[] {
  return roads
    .map((r) => r.filter((q) => haversineMetres(q, anchor) <= reachM))
    .filter((pts) => pts.length > 0)
    .map((points) => ({ kind: 'road', points }));
}

/**
 * A village position: a vertex of a road (with probability roadShare, when a road is
 * near) or valley line at the wanted distance from the seat, a little off the line.
 * Crowded places relax the spacing; lines that give nothing fall back to a disc.
 */
function placeAlong(
  anchor: LngLatWgs84,
  lines: readonly Line[],
  p: SyntheticSettlementParams,
  rng: Rng,
  usable: (q: LngLatWgs84, spacing: number) => boolean,
  inside: (q: LngLatWgs84) => boolean,
): LngLatWgs84 {
  const [dMin, dMax] = p.villageDistanceM;
  const candidates = (l: Line) =>
    l.points.filter((q) => {
      const d = haversineMetres(q, anchor);
      return d >= dMin && d <= dMax;
    });
  const roads = lines
    .filter((l) => l.kind === 'road')
    .map(candidates)
    .filter((c) => c.length > 0);
  const vals = lines
    .filter((l) => l.kind === 'valley')
    .map(candidates)
    .filter((c) => c.length > 0);
  for (let attempt = 0; attempt < 80; attempt++) {
    const pool = roads.length > 0 && (vals.length === 0 || rng.chance(p.roadShare)) ? roads : vals;
    if (pool.length === 0) break;
    const vertex = rng.pick(rng.pick(pool));
    const q = polar(vertex, rng.uniform(0, p.valleyOffsetM), rng.uniform(0, 360));
    if (usable(q, attempt < 50 ? p.minSpacingM : p.minSpacingM / 2)) return q;
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const q = polar(anchor, rng.uniform(dMin, dMax), rng.uniform(0, 360));
    if (usable(q, attempt < 150 ? p.minSpacingM / 2 : 0)) return q;
  }
  const q = polar(anchor, dMin, rng.uniform(0, 360));
  return inside(q) ? q : anchor;
}

/** A point within the herding distance of a village, or null when none fits. */
function around(
  village: LngLatWgs84,
  p: SyntheticSettlementParams,
  rng: Rng,
  ok: (q: LngLatWgs84) => boolean,
): LngLatWgs84 | null {
  for (let attempt = 0; attempt < 40; attempt++) {
    const q = polar(
      village,
      rng.uniform(p.herdingDistanceM[0], p.herdingDistanceM[1]),
      rng.uniform(0, 360),
    );
    if (ok(q)) return q;
  }
  return null;
}

/** A seat for a township the station generator placed no hub for, like its hubs. */
function extraHub(
  rng: Rng,
  inside: (q: LngLatWgs84) => boolean,
  [minX, minY, maxX, maxY]: number[],
  seat: LngLatWgs84,
  spacingM: number,
  others: readonly LngLatWgs84[],
): LngLatWgs84 {
  let last = seat;
  for (let attempt = 0; attempt < 2000; attempt++) {
    const q = at(rng.uniform(minX, maxX), rng.uniform(minY, maxY));
    if (!inside(q)) continue;
    last = q;
    const relax = attempt < 1500 ? 1 : 0.25;
    if (haversineMetres(q, seat) < spacingM * relax) continue;
    if (others.some((o) => haversineMetres(o, q) < spacingM * relax)) continue;
    return q;
  }
  return last;
}
