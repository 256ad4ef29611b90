// The printout's scale bar: a round length that fits a fraction of the map image's width.

/** Web Mercator metres per CSS pixel at a latitude and zoom (maplibre's 512 px tiles). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The largest 1, 2 or 5 × 10ⁿ metres not longer than `maxMetres`. */
export function niceLength(maxMetres: number): number {
  if (!(maxMetres > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const k of [5, 2, 1]) if (k * p <= maxMetres) return k * p;
  return p;
}

/**
 * A scale bar for an image `widthPx` CSS pixels wide: its length in metres and the share of
 * the image width it spans (at most `maxShare`), so it stays right however the image is
 * scaled on paper.
 */
export function scaleBar(
  lat: number,
  zoom: number,
  widthPx: number,
  maxShare = 0.25,
): { metres: number; share: number } {
  const mpp = metresPerPixel(lat, zoom);
  const metres = niceLength(mpp * widthPx * maxShare);
  return { metres, share: metres / (mpp * widthPx) };
}
