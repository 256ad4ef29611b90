/**
 * Place search over what the user has loaded and the basemap's places: areas by name or
 * code, sites by id or name, settlements, populated places by their romanised name.
 * Matching is on normalised text (case, width and spacing folded), ranked by how the
 * query matches (exact, prefix, word prefix, substring) and then by the entry's own weight.
 */

export const PLACE_KINDS = ['county', 'township', 'settlement', 'site', 'place'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface PlaceEntry {
  kind: PlaceKind;
  /** Unique within its kind: area code, site id, settlement id, GeoNames id. */
  id: string;
  name: string;
  /** Other names or codes that find it (an English or pinyin name, an admin code). */
  alt: readonly string[];
  /** WGS-84 point to go to. */
  lon: number;
  lat: number;
  /** WGS-84 box to fit, for areas; null for points. */
  bbox: [number, number, number, number] | null;
  /** Breaks ties between equally good matches: higher first (population, admin rank). */
  weight: number;
  /** The box is the enclosing area's: a township known by name only, without a boundary. */
  approx?: boolean;
}

export interface PlaceHit extends PlaceEntry {
  /** Lower is better: 0 exact, 1 prefix, 2 word prefix, 3 substring. */
  quality: number;
}

/** NFKC (full-width → ASCII), lower case, spaces and separators removed, diacritics off. */
export function normalisePlaceText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・\-_'’.,，、()（）]+/g, '');
}

/** Word starts of a name ("Xining Shi" → ["xining","shi"]) for word-prefix matches. */
function words(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[\s\-_'’.,()]+/)
    .filter(Boolean);
}

/** Kinds in the order they rank when two hits match equally well: areas before points. */
const KIND_ORDER: Record<PlaceKind, number> = {
  county: 0,
  township: 1,
  settlement: 2,
  place: 3,
  site: 4,
};

function matchQuality(q: string, rawName: string): number | null {
  const name = normalisePlaceText(rawName);
  if (!name) return null;
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (words(rawName).some((w) => normalisePlaceText(w).startsWith(q))) return 2;
  if (name.includes(q)) return 3;
  return null;
}

/**
 * An index over entries: normalised keys computed once, so a keystroke over 100,000 sites
 * is one pass of string compares.
 */
export class PlaceIndex {
  private readonly keys: string[][];
  constructor(readonly entries: readonly PlaceEntry[]) {
    this.keys = entries.map((e) => [e.name, ...e.alt]);
  }

  search(query: string, limit = 20): PlaceHit[] {
    const q = normalisePlaceText(query);
    if (!q) return [];
    const hits: PlaceHit[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      let best: number | null = null;
      for (const k of this.keys[i]) {
        const m = matchQuality(q, k);
        if (m !== null && (best === null || m < best)) best = m;
        if (best === 0) break;
      }
      if (best !== null) hits.push({ ...this.entries[i], quality: best });
    }
    hits.sort(
      (a, b) =>
        a.quality - b.quality ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        b.weight - a.weight ||
        a.name.localeCompare(b.name),
    );
    return hits.slice(0, limit);
  }
}

/** Merges result lists (each sorted), keeping the best `limit` in the same order. */
export function mergePlaceHits(lists: readonly PlaceHit[][], limit = 20): PlaceHit[] {
  const all = lists.flat();
  all.sort(
    (a, b) =>
      a.quality - b.quality ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      b.weight - a.weight ||
      a.name.localeCompare(b.name),
  );
  return all.slice(0, limit);
}
