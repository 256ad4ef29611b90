import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { ScenarioEvaluator } from '../core/scenario/evaluator';
import { siteOutlines, type SiteOutlines } from '../core/scenario/footprints';
import type { Site } from '../core/station';
import type { FootprintProps, SiteChangeKind } from './scenario-protocol';

/** Footprints are drawn for this many touched sites; markers go further (500). */
export const MAX_FOOTPRINT_SITES = 300;

export interface Touched {
  id: string;
  now: Site | null;
  was: Site | null;
  change: SiteChangeKind;
}

/**
 * Outlines of the sites a scenario touches, kept per site object: an edit replaces the
 * edited site with a new object, so only what changed is traced again (tracing is a pass
 * over the site's box; a step of one edit costs one site, not every touched site).
 */
export class FootprintCache {
  private cache = new Map<Site, SiteOutlines>();

  constructor(private readonly ev: ScenarioEvaluator) {}

  private outlines(site: Site, keep: Map<Site, SiteOutlines>): SiteOutlines {
    const o = this.cache.get(site) ?? siteOutlines(this.ev, site);
    keep.set(site, o);
    return o;
  }

  /**
   * The outlines of `touched` (the first MAX_FOOTPRINT_SITES): each site's NR and RedCap
   * cells now, and for moved and removed sites what they covered in the baseline.
   */
  collection(touched: readonly Touched[]): {
    fc: FeatureCollection<MultiPolygon, FootprintProps>;
    sites: number;
  } {
    const keep = new Map<Site, SiteOutlines>();
    const features: Feature<MultiPolygon, FootprintProps>[] = [];
    const push = (o: SiteOutlines, t: Touched, state: FootprintProps['state']) => {
      for (const layer of ['nr', 'redcap'] as const) {
        const g = o[layer];
        if (g)
          features.push({
            type: 'Feature',
            geometry: g,
            properties: { site: t.id, layer, change: t.change, state },
          });
      }
    };
    const shown = touched.slice(0, MAX_FOOTPRINT_SITES);
    for (const t of shown) {
      if (t.now) push(this.outlines(t.now, keep), t, 'now');
      const moved =
        t.now &&
        t.was &&
        (t.now.position[0] !== t.was.position[0] || t.now.position[1] !== t.was.position[1]);
      if (t.was && (!t.now || moved)) push(this.outlines(t.was, keep), t, 'before');
    }
    // Sites no longer shown (undone, or edited again) leave the cache.
    this.cache = keep;
    return { fc: { type: 'FeatureCollection', features }, sites: shown.length };
  }
}
