import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection, Point } from 'geojson';
import { PlaceIndex, mergePlaceHits, type PlaceHit, type PlaceEntry } from '../core/place-search';
import { workerApi } from '../worker/client';
import { selectArea, zoomTo } from '../store/analysis-actions';
import { basemapDetailUrls } from '../map/basemap-urls';

const LIMIT = 12;
/** Half the side of the box a point result zooms to (≈ 2 km), in degrees of latitude. */
const POINT_BOX_DEG = 0.02;

// The basemap's populated places (2,700 names) are searched here; everything the user has
// loaded (up to millions of sites) is searched in the worker that holds it.
let placesIndex: Promise<PlaceIndex> | null = null;
function basemapPlaces(): Promise<PlaceIndex> {
  placesIndex ??= fetch(basemapDetailUrls().places)
    .then((r) => r.json() as Promise<FeatureCollection<Point>>)
    .then(
      (fc) =>
        new PlaceIndex(
          fc.features.map((f): PlaceEntry => ({
            kind: 'place',
            id: String(f.properties?.id ?? ''),
            name: String(f.properties?.name ?? ''),
            alt: [],
            lon: f.geometry.coordinates[0],
            lat: f.geometry.coordinates[1],
            bbox: null,
            // Higher admin rank first, then population.
            weight:
              (4 - Number(f.properties?.rank ?? 4)) * 1e8 + Number(f.properties?.population ?? 0),
          })),
        ),
    )
    .catch(() => new PlaceIndex([]));
  return placesIndex;
}

export function pointBox(lon: number, lat: number): [number, number, number, number] {
  const dLon = POINT_BOX_DEG / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  return [lon - dLon, lat - POINT_BOX_DEG, lon + dLon, lat + POINT_BOX_DEG];
}

/** Goes to a hit: areas are selected and fitted, points get a small box around them. */
export function goToPlace(h: PlaceHit): void {
  if (h.kind === 'county' || h.kind === 'township') {
    // A township known only by name is shown by its county's box; selecting it would point
    // the table at a row that does not exist.
    if (!h.approx) selectArea({ level: h.kind, code: h.id });
    zoomTo(h.bbox ?? pointBox(h.lon, h.lat));
    return;
  }
  zoomTo(pointBox(h.lon, h.lat));
}

/**
 * The search box over the map: areas by name or code, sites by id or name, and the
 * basemap's populated places (romanised names); a result zooms the map to it.
 */
export function PlaceSearch() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ q: string; hits: PlaceHit[] } | null>(null);
  const [open, setOpen] = useState(true);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const q = query.trim();
  const hits = open && q && result?.q === q ? result.hits : null;

  useEffect(() => {
    const mine = ++seq.current;
    if (!q) return;
    // A short pause so fast typing sends one query, not one per key.
    const timer = setTimeout(() => {
      void Promise.all([
        workerApi()
          .searchPlaces(q, LIMIT)
          .catch(() => [] as PlaceHit[]),
        basemapPlaces().then((ix) => ix.search(q, LIMIT)),
      ]).then(([loaded, places]) => {
        if (mine !== seq.current) return;
        setResult({ q, hits: mergePlaceHits([loaded, places], LIMIT) });
        setActive(0);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [q]);

  const pick = (h: PlaceHit) => {
    goToPlace(h);
    setOpen(false);
    setQuery(h.name);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!hits?.length) return;
    if (e.key === 'ArrowDown') setActive((a) => Math.min(hits.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') pick(hits[active]);
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };

  return (
    <div className="place-search" data-testid="place-search" role="search">
      <input
        type="search"
        data-testid="place-search-input"
        aria-label={t('mapTools.search.label')}
        placeholder={t('mapTools.search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => {
          void basemapPlaces();
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKey}
        aria-autocomplete="list"
        aria-controls="place-search-results"
      />
      {hits && (
        <ul id="place-search-results" className="place-search-results" role="listbox">
          {hits.length === 0 && (
            <li className="hint" data-testid="place-search-empty">
              {t('mapTools.search.noHits', { query: q })}
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={`${h.kind}:${h.id}`}
              role="option"
              aria-selected={i === active}
              data-kind={h.kind}
              data-id={h.id}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                // Before the input's blur, so the click lands.
                e.preventDefault();
                pick(h);
              }}
            >
              <span className="place-name">{h.name}</span>
              <span className="place-meta">
                {t(`mapTools.search.kind.${h.kind}`)}
                {h.kind !== 'site' && h.kind !== 'place' && ` · ${h.id}`}
                {h.approx && ` · ${t('mapTools.search.noBoundary')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
