/**
 * Seeded generator of plausible but entirely synthetic base stations for a region.
 *
 * No open base-station data exists for China, so the demo region, the benchmark and the
 * tests need made-up stations that behave like a real rollout: dense, clustered NR sites
 * in county towns with a few holes; sparse sites along a few road-like random walks and
 * around township seats; LTE-only sites that are NR co-location candidates; RedCap on a
 * minority of NR sites; fewer 5G sites per 10,000 people than the national target.
 * Same region + params + seed → identical output, everywhere.
 */
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { wgs84, type LngLatWgs84 } from './crs';
import { createRng, deriveSeed, type Rng } from './random';
import type { Cell, Env } from './station';
import { metres } from './units';

export interface SyntheticCounty {
  code: string;
  name: string;
  /** WGS-84 boundary; every generated site lies inside it. */
  geometry: Polygon | MultiPolygon;
  /** County government seat (centre of the county town). */
  seat: LngLatWgs84;
  /** Resident population (drives the 5G site count). */
  population: number;
  /** Urban population (sizes the town and its share of sites); null → half the total. */
  urbanPopulation: number | null;
  /** Township-level units in the county; one pseudo-township hub is placed per non-seat unit. */
  townshipCount: number;
}

export interface SyntheticRegion {
  counties: readonly SyntheticCounty[];
}

type NrBandChoice = 'n41' | 'n78' | 'n28';

export interface SyntheticStationParams {
  /** 5G sites per 10,000 residents, drawn uniformly per county from [min, max]. */
  nrPer10k: readonly [number, number];
  /** Share of 5G sites in the county town = urban share clamped to [min, max]. */
  townShare: readonly [number, number];
  /** County-town radius = clamp(base + perSqrtUrban·√urban, min, max), metres. */
  townRadiusM: { base: number; perSqrtUrban: number; min: number; max: number };
  /** Radial exponent for town sites: 0.5 = uniform over the disc, larger = denser centre. */
  townClustering: number;
  /**
   * Minor/major axis ratio of the town's elliptical footprint [min, max]: plateau towns
   * stretch along their valley, which leaves the flanks of the 3 km seat disc uncovered.
   */
  townAspect: readonly [number, number];
  /** Number of site-free holes per town [min, max] and their radius [min, max] in metres. */
  townHoles: readonly [number, number];
  townHoleRadiusM: readonly [number, number];
  /** Minimum distance between two town sites, metres (tower spacing). */
  townMinSpacingM: number;
  /** LTE-only sites per 5G site, in town and rural areas. */
  lteOnlyRatio: { town: number; rural: number };
  /** Probability that an NR site has RedCap enabled. */
  redcapShare: { town: number; rural: number };
  /** Relative weights of the NR bands (n41 China Mobile, n78 Telecom/Unicom shared, n28 700 MHz). */
  bandMix: { town: Record<NrBandChoice, number>; rural: Record<NrBandChoice, number> };
  /** Cap on pseudo-township hubs per county, their minimum spacing and cluster radius. */
  maxHubs: number;
  hubMinSpacingM: number;
  hubRadiusM: number;
  /** Probability that a hub (pseudo township seat) gets a 5G site before any road site. */
  hubNrShare: number;
  /** Road-like random walks from the seat towards hubs: count, step and heading noise. */
  walksPerCounty: number;
  walkStepM: number;
  walkTurnSdDeg: number;
  /** Distance between consecutive road sites [min, max], metres. */
  roadSiteSpacingM: readonly [number, number];
  /** Share of rural 5G sites (after one per hub) placed on roads rather than at hubs. */
  roadShare: number;
}

export const DEFAULT_SYNTHETIC_PARAMS: SyntheticStationParams = {
  nrPer10k: [8, 16],
  townShare: [0.35, 0.6],
  townRadiusM: { base: 1000, perSqrtUrban: 8, min: 2000, max: 4000 },
  townClustering: 0.75,
  townAspect: [0.45, 0.8],
  townHoles: [1, 3],
  townHoleRadiusM: [450, 900],
  townMinSpacingM: 180,
  lteOnlyRatio: { town: 0.15, rural: 0.35 },
  redcapShare: { town: 0.35, rural: 0.15 },
  bandMix: {
    town: { n41: 0.45, n78: 0.4, n28: 0.15 },
    rural: { n41: 0.25, n78: 0.2, n28: 0.55 },
  },
  maxHubs: 12,
  hubMinSpacingM: 15_000,
  hubRadiusM: 1_500,
  hubNrShare: 0.8,
  walksPerCounty: 3,
  walkStepM: 3_000,
  walkTurnSdDeg: 25,
  roadSiteSpacingM: [6_000, 18_000],
  roadShare: 0.6,
};

export interface SyntheticCountyCounts {
  code: string;
  name: string;
  population: number;
  /** All sites (5G and LTE-only). */
  sites: number;
  sites5g: number;
  sitesRedcap: number;
  sitesLteOnly: number;
  townSites5g: number;
  ruralSites5g: number;
  cells: number;
  hubs: number;
  /** 10,000 × sites5g / population, rounded to 2 decimals. */
  per10k: number;
}

/**
 * Where the generator put a county's town, pseudo-township hubs and roads, so that other
 * synthetic layers (settlements) can sit where the stations assume people are.
 */
export interface SyntheticCountyLayout {
  code: string;
  seat: LngLatWgs84;
  /** Major semi-axis of the town's elliptical footprint, metres. */
  townRadiusM: number;
  /** Pseudo-township hubs, in placement order. */
  hubs: LngLatWgs84[];
  /** Each road walk as a polyline from the seat (every step of the walk). */
  roads: LngLatWgs84[][];
}

export interface SyntheticStations {
  cells: Cell[];
  counts: SyntheticCountyCounts[];
  /** Per county, in code order. */
  layouts: SyntheticCountyLayout[];
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Positions are rounded to 6 decimals (≈0.1 m) so files and in-memory cells agree exactly. */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Every generated position is rounded at birth, so inside-polygon checks see final values. */
export const at = (lon: number, lat: number): LngLatWgs84 => wgs84(round6(lon), round6(lat));

function offset(p: LngLatWgs84, eastM: number, northM: number): LngLatWgs84 {
  const lat = p[1] + northM / EARTH_RADIUS_M / RAD;
  const lon = p[0] + eastM / (EARTH_RADIUS_M * Math.cos(p[1] * RAD)) / RAD;
  return at(lon, lat);
}

/** The point `distanceM` from `p` at `bearingDeg` (local flat-earth step; rounded like `at`). */
export function polar(p: LngLatWgs84, distanceM: number, bearingDeg: number): LngLatWgs84 {
  const b = bearingDeg * RAD;
  return offset(p, distanceM * Math.sin(b), distanceM * Math.cos(b));
}

function distanceM(a: LngLatWgs84, b: LngLatWgs84): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function bearingDeg(a: LngLatWgs84, b: LngLatWgs84): number {
  const y = (b[0] - a[0]) * Math.cos(((a[1] + b[1]) / 2) * RAD);
  const x = b[1] - a[1];
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

type SiteKind = 'town' | 'hub' | 'road' | 'scatter';

interface PlannedSite {
  position: LngLatWgs84;
  kind: SiteKind;
  nr: boolean;
  /** Heading of the road at a road site, used to aim 2-sector sites along it. */
  roadBearing: number | null;
}

interface BandPreset {
  operator: string;
  band: string;
  powerDbm: number;
}

/**
 * Typical total transmit powers (dBm per cell) of Chinese macro sites: 64T64R n41/n78
 * AAUs ~200 W, 700 MHz n28 4T4R RRUs ~80 W, LTE RRUs ~40 W.
 */
function nrPreset(rng: Rng, band: NrBandChoice): BandPreset {
  switch (band) {
    case 'n41':
      return { operator: '中国移动', band: 'n41', powerDbm: 53 };
    case 'n78':
      // Telecom and Unicom share one n78 network (共建共享): each site is built by one of them.
      return { operator: rng.pick(['中国电信', '中国联通']), band: 'n78', powerDbm: 53 };
    case 'n28':
      // The 700 MHz layer is built jointly by China Broadnet and China Mobile.
      return { operator: rng.pick(['中国广电', '中国移动']), band: 'n28', powerDbm: 49 };
  }
}

function ltePreset(rng: Rng, town: boolean): BandPreset {
  const choices: (readonly [BandPreset, number])[] = town
    ? [
        [{ operator: '中国移动', band: 'B39', powerDbm: 46 }, 0.45],
        [{ operator: '中国电信', band: 'B3', powerDbm: 46 }, 0.3],
        [{ operator: '中国联通', band: 'B3', powerDbm: 46 }, 0.25],
      ]
    : [
        [{ operator: '中国移动', band: 'B8', powerDbm: 46 }, 0.5],
        [{ operator: '中国电信', band: 'B5', powerDbm: 46 }, 0.25],
        [{ operator: '中国联通', band: 'B8', powerDbm: 46 }, 0.25],
      ];
  return rng.weighted(choices);
}

const AREA_LABEL: Record<SiteKind, string> = {
  town: '城区',
  hub: '乡镇',
  road: '道路',
  scatter: '乡村',
};

function ruralAzimuths(rng: Rng, roadBearing: number | null): (number | null)[] {
  const n = rng.weighted<number>([
    [0, 0.4],
    [1, 0.15],
    [2, 0.2],
    [3, 0.25],
  ]);
  // A two-sector road site points up and down the road.
  return n === 0 ? [null] : sectorAzimuths(rng, n, roadBearing ?? rng.uniform(0, 360));
}

/** Azimuths for a site: null for omni, else n sectors evenly spaced with a little jitter. */
function sectorAzimuths(rng: Rng, n: number, base: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const az = base + (360 / n) * k + rng.uniform(-10, 10);
    out.push(Math.round(((az % 360) + 360) % 360));
  }
  return out;
}

/**
 * Generate synthetic stations for every county of the region. Each county draws from
 * its own random stream (seed and county code), so one county's output does not depend
 * on the others. Returned cells carry `sourceRow` in output order (1-based).
 */
export function generateSyntheticStations(
  region: SyntheticRegion,
  params: SyntheticStationParams,
  seed: number,
): SyntheticStations {
  const cells: Cell[] = [];
  const counts: SyntheticCountyCounts[] = [];
  const layouts: SyntheticCountyLayout[] = [];
  const sorted = [...region.counties].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
  for (const county of sorted) {
    const rng = createRng(deriveSeed(seed, county.code));
    const { sites, hubs, roads, townRadiusM } = planCounty(county, params, rng);
    layouts.push({
      code: county.code,
      seat: at(county.seat[0], county.seat[1]),
      townRadiusM,
      hubs,
      roads,
    });
    const before = cells.length;
    let townN = 0;
    let ruralN = 0;
    let nrN = 0;
    let redcapN = 0;
    let lteN = 0;
    for (const site of sites) {
      const town = site.kind === 'town';
      const serial = town ? ++townN : ++ruralN;
      const tag = `${town ? 'T' : 'R'}${String(serial).padStart(3, '0')}`;
      const siteId = `SYN-${county.code}-${tag}`;
      const siteName = `合成-${county.name}-${AREA_LABEL[site.kind]}-${tag}`;
      const preset = site.nr
        ? nrPreset(rng, rng.weighted(bandEntries(params.bandMix[town ? 'town' : 'rural'])))
        : ltePreset(rng, town);
      const redcap = site.nr && rng.chance(params.redcapShare[town ? 'town' : 'rural']);
      if (site.nr) nrN++;
      else lteN++;
      if (redcap) redcapN++;
      // Town macro sites: three sectors at ≈ 0/120/240°; rural: omni or 1–3 sectors.
      const azimuths = town
        ? sectorAzimuths(rng, 3, rng.uniform(-10, 10))
        : ruralAzimuths(rng, site.roadBearing);
      const height = Math.round(town ? rng.uniform(20, 35) : rng.uniform(30, 45));
      const env: Env = town ? 'uma' : 'rma';
      azimuths.forEach((az, k) => {
        cells.push({
          id: `${siteId}-${k + 1}`,
          siteId,
          name: `${siteName}-${k + 1}`,
          operator: preset.operator,
          position: site.position,
          tech: site.nr ? 'NR' : 'LTE',
          band: preset.band,
          redcap,
          azimuthDeg: az,
          beamwidthDeg: 65,
          heightM: metres(height),
          powerDbm: preset.powerDbm,
          env,
          radiusM: null,
          status: 'existing',
          sourceRow: cells.length + 1,
        });
      });
    }
    counts.push({
      code: county.code,
      name: county.name,
      population: county.population,
      sites: sites.length,
      sites5g: nrN,
      sitesRedcap: redcapN,
      sitesLteOnly: lteN,
      townSites5g: sites.filter((s) => s.nr && s.kind === 'town').length,
      ruralSites5g: sites.filter((s) => s.nr && s.kind !== 'town').length,
      cells: cells.length - before,
      hubs: hubs.length,
      per10k: Math.round(((nrN * 10_000) / county.population) * 100) / 100,
    });
  }
  return { cells, counts, layouts };
}

function bandEntries(mix: Record<NrBandChoice, number>): [NrBandChoice, number][] {
  return (['n41', 'n78', 'n28'] as const).map((b) => [b, mix[b]]);
}

function planCounty(
  county: SyntheticCounty,
  p: SyntheticStationParams,
  rng: Rng,
): { sites: PlannedSite[]; hubs: LngLatWgs84[]; roads: LngLatWgs84[][]; townRadiusM: number } {
  const inside = (q: LngLatWgs84): boolean =>
    turf.booleanPointInPolygon([q[0], q[1]], county.geometry);
  const [minX, minY, maxX, maxY] = turf.bbox(county.geometry);
  const seat = at(county.seat[0], county.seat[1]);

  const ratio = rng.uniform(p.nrPer10k[0], p.nrPer10k[1]);
  const n5 = Math.max(1, Math.round((county.population / 10_000) * ratio));
  const urban = county.urbanPopulation ?? county.population / 2;
  const urbanShare = county.population > 0 ? urban / county.population : 0.5;
  const townShare = Math.min(p.townShare[1], Math.max(p.townShare[0], urbanShare));
  const n5Town = Math.round(n5 * townShare);
  const n5Rural = n5 - n5Town;
  const nLteTown = Math.round(n5Town * p.lteOnlyRatio.town);
  const nLteRural = Math.round(n5Rural * p.lteOnlyRatio.rural);

  // --- County town: clustered sites in a disc around the seat, with site-free holes.
  const townR = Math.min(
    p.townRadiusM.max,
    Math.max(p.townRadiusM.min, p.townRadiusM.base + p.townRadiusM.perSqrtUrban * Math.sqrt(urban)),
  );
  const axisDeg = rng.uniform(0, 180);
  const aspect = rng.uniform(p.townAspect[0], p.townAspect[1]);
  // A point of the town ellipse: rho along the polar angle theta, major axis at axisDeg.
  const ellipsePoint = (rho: number, thetaDeg: number): LngLatWgs84 => {
    const t = thetaDeg * RAD;
    const a = axisDeg * RAD;
    const u = rho * Math.cos(t);
    const v = rho * Math.sin(t) * aspect;
    return offset(seat, u * Math.sin(a) + v * Math.cos(a), u * Math.cos(a) - v * Math.sin(a));
  };
  const holes: { c: LngLatWgs84; r: number }[] = [];
  const nHoles = rng.int(p.townHoles[0], p.townHoles[1]);
  for (let i = 0; i < nHoles; i++) {
    holes.push({
      c: ellipsePoint(rng.uniform(0.3, 0.85) * townR, rng.uniform(0, 360)),
      r: rng.uniform(p.townHoleRadiusM[0], p.townHoleRadiusM[1]),
    });
  }
  const inHole = (q: LngLatWgs84): boolean => holes.some((h) => distanceM(q, h.c) < h.r);
  const sites: PlannedSite[] = [];
  const townPositions: LngLatWgs84[] = [];
  const townPoint = (allowHole: boolean): LngLatWgs84 => {
    let last = seat;
    for (let attempt = 0; attempt < 200; attempt++) {
      const q = ellipsePoint(townR * Math.pow(rng.next(), p.townClustering), rng.uniform(0, 360));
      last = q;
      if (!inside(q) || (!allowHole && inHole(q))) continue;
      // Relax spacing late so a crowded town still gets all its sites.
      const spacing = attempt < 150 ? p.townMinSpacingM : 0;
      if (townPositions.some((t) => distanceM(t, q) < spacing)) continue;
      return q;
    }
    return inside(last) ? last : seat;
  };
  for (let i = 0; i < n5Town; i++) {
    const q = townPoint(false);
    townPositions.push(q);
    sites.push({ position: q, kind: 'town', nr: true, roadBearing: null });
  }
  // LTE-only town sites: one near most holes (the obvious upgrade candidates), rest anywhere.
  let lteTownLeft = nLteTown;
  for (const h of holes) {
    if (lteTownLeft === 0 || !rng.chance(0.7)) continue;
    const q = polar(h.c, rng.uniform(0, 0.4) * h.r, rng.uniform(0, 360));
    if (!inside(q)) continue;
    townPositions.push(q);
    sites.push({ position: q, kind: 'town', nr: false, roadBearing: null });
    lteTownLeft--;
  }
  for (let i = 0; i < lteTownLeft; i++) {
    const q = townPoint(true);
    townPositions.push(q);
    sites.push({ position: q, kind: 'town', nr: false, roadBearing: null });
  }

  // --- Pseudo-township hubs: seeded points inside the polygon, away from the town and each other.
  const hubs: LngLatWgs84[] = [];
  const nHubs = Math.min(p.maxHubs, Math.max(0, county.townshipCount - 1));
  const minFromSeat = Math.max(townR * 2, p.hubMinSpacingM);
  for (let h = 0; h < nHubs; h++) {
    let placed: LngLatWgs84 | null = null;
    for (let attempt = 0; attempt < 2000 && !placed; attempt++) {
      const q = at(rng.uniform(minX, maxX), rng.uniform(minY, maxY));
      if (!inside(q)) continue;
      // Small counties cannot honour the spacing: relax it after many tries.
      const relax = attempt < 1500 ? 1 : 0.25;
      if (distanceM(q, seat) < minFromSeat * relax) continue;
      if (hubs.some((o) => distanceM(o, q) < p.hubMinSpacingM * relax)) continue;
      placed = q;
    }
    if (placed) hubs.push(placed);
  }

  // --- Roads: directed random walks from the seat towards a few hubs.
  const roadStops: { q: LngLatWgs84; bearing: number }[] = [];
  const roads: LngLatWgs84[][] = [];
  const targets = [...hubs];
  for (let w = 0; w < Math.min(p.walksPerCounty, targets.length); w++) {
    const target = targets.splice(rng.int(0, targets.length - 1), 1)[0];
    let pos = seat;
    const road = [pos];
    roads.push(road);
    let sinceStop = 0;
    let nextStop = rng.uniform(p.roadSiteSpacingM[0], p.roadSiteSpacingM[1]);
    const maxSteps = Math.ceil((3 * distanceM(pos, target)) / p.walkStepM) + 1;
    for (let s = 0; s < maxSteps && distanceM(pos, target) > p.walkStepM; s++) {
      const heading = bearingDeg(pos, target) + rng.normal() * p.walkTurnSdDeg;
      pos = polar(pos, p.walkStepM, heading);
      road.push(pos);
      sinceStop += p.walkStepM;
      if (sinceStop < nextStop) continue;
      sinceStop = 0;
      nextStop = rng.uniform(p.roadSiteSpacingM[0], p.roadSiteSpacingM[1]);
      const q = polar(pos, rng.uniform(0, 300), rng.uniform(0, 360));
      if (inside(q) && distanceM(q, seat) > townR + 1000) {
        roadStops.push({ q, bearing: heading });
      }
    }
  }

  // --- Rural sites: first a 5G site at most hubs, then roads and hub clusters.
  const hubPoint = (hub: LngLatWgs84): LngLatWgs84 => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const q = polar(hub, p.hubRadiusM * Math.sqrt(rng.next()), rng.uniform(0, 360));
      if (inside(q)) return q;
    }
    return hub;
  };
  // Fallback when a county has neither hubs nor roads (tiny regions): anywhere outside town.
  const scatterPoint = (): LngLatWgs84 => {
    let last = seat;
    for (let attempt = 0; attempt < 500; attempt++) {
      const q = at(rng.uniform(minX, maxX), rng.uniform(minY, maxY));
      if (!inside(q)) continue;
      last = q;
      if (distanceM(q, seat) > townR) return q;
    }
    return last;
  };
  const hubHasSite = hubs.map(() => false);
  const ruralSite = (nr: boolean): PlannedSite => {
    if (roadStops.length > 0 && (hubs.length === 0 || rng.chance(p.roadShare))) {
      const stop = roadStops.splice(rng.int(0, roadStops.length - 1), 1)[0];
      return { position: stop.q, kind: 'road', nr, roadBearing: stop.bearing };
    }
    if (hubs.length > 0) {
      // Prefer hubs that have nothing yet, so LTE-only hubs appear (townships without 5G).
      const empty = hubs.map((_, i) => i).filter((i) => !hubHasSite[i]);
      const i = empty.length > 0 && !nr ? rng.pick(empty) : rng.int(0, hubs.length - 1);
      hubHasSite[i] = true;
      return { position: hubPoint(hubs[i]), kind: 'hub', nr, roadBearing: null };
    }
    return { position: scatterPoint(), kind: 'scatter', nr, roadBearing: null };
  };
  let nrLeft = n5Rural;
  hubs.forEach((hub, i) => {
    if (nrLeft > 0 && rng.chance(p.hubNrShare)) {
      sites.push({ position: hubPoint(hub), kind: 'hub', nr: true, roadBearing: null });
      hubHasSite[i] = true;
      nrLeft--;
    }
  });
  for (; nrLeft > 0; nrLeft--) sites.push(ruralSite(true));
  for (let i = 0; i < nLteRural; i++) sites.push(ruralSite(false));
  return { sites, hubs, roads, townRadiusM: townR };
}
