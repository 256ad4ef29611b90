// maplibre fitBounds padding that keeps the fitted area clear of what floats over the map
// (the layer panel, the toolbar): "fit to region" must not hide a county under a panel.

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** An overlay's box relative to the map container, CSS pixels. */
export interface OverlayBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The fitted area keeps at least this share of the map's width and height. */
const MIN_SHARE = 0.35;

function squeeze(a: number, b: number, size: number): [number, number] {
  const room = size * (1 - MIN_SHARE);
  const sum = a + b;
  if (sum <= room) return [a, b];
  const k = room / sum;
  return [Math.floor(a * k), Math.floor(b * k)];
}

/**
 * Each overlay pushes the edge it sits against: a tall overlay near the left or right edge
 * pushes that side, a short one near the top or bottom pushes that edge. The result never
 * leaves less than 35% of the map to fit into (maplibre refuses to fit otherwise).
 */
export function fitPadding(
  width: number,
  height: number,
  overlays: readonly OverlayBox[],
  base = 40,
  gap = 16,
  sidewaysTall = true,
  squeezeToFit = true,
): Padding {
  const p: Padding = { top: base, right: base, bottom: base, left: base };
  for (const o of overlays) {
    const w = o.right - o.left;
    const h = o.bottom - o.top;
    if (w <= 0 || h <= 0 || o.right <= 0 || o.left >= width || o.bottom <= 0 || o.top >= height)
      continue;
    const cx = (o.left + o.right) / 2;
    const cy = (o.top + o.bottom) / 2;
    const tall = sidewaysTall && (h > w || h > height * 0.3);
    if (tall) {
      if (cx < width / 2) p.left = Math.max(p.left, o.right + gap);
      else p.right = Math.max(p.right, width - o.left + gap);
    } else if (cy < height / 2) p.top = Math.max(p.top, o.bottom + gap);
    else p.bottom = Math.max(p.bottom, height - o.top + gap);
  }
  if (squeezeToFit) {
    [p.left, p.right] = squeeze(p.left, p.right, width);
    [p.top, p.bottom] = squeeze(p.top, p.bottom, height);
  }
  return p;
}

/**
 * The paddings worth trying: tall panels pushing the side they sit on, or every panel
 * pushing the top or bottom (a wide region fits better below a panel than beside it).
 * A padding that had to be squeezed to leave room no longer keeps the region clear of the
 * panels, so it is offered only when no other is left. The caller keeps the one that gives
 * the region the largest zoom.
 */
export function fitPaddingCandidates(
  width: number,
  height: number,
  overlays: readonly OverlayBox[],
): Padding[] {
  const all = [true, false].map((sideways) => ({
    padding: fitPadding(width, height, overlays, 40, 16, sideways),
    clear: fitPadding(width, height, overlays, 40, 16, sideways, false),
  }));
  const same = (a: Padding, b: Padding) =>
    a.top === b.top && a.right === b.right && a.bottom === b.bottom && a.left === b.left;
  const clear = all.filter((c) => same(c.padding, c.clear)).map((c) => c.padding);
  return clear.length > 0 ? clear : [all[0].padding];
}
