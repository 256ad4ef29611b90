import { BASEMAP_COLORS } from '../../../src/map/basemap-style';
import { NR_COVERAGE_COLOR } from '../../../src/map/coverage-colors';
import {
  COVERAGE_OPACITY,
  TOWN_ZONE_COLORS,
  TOWN_ZONE_FILL_OPACITY,
} from '../../../src/map/layer-specs';
import type { SailPlanPage } from './page-driver';
import { colorDistance, readPng, rgb } from './pixels';

// Verbs for the side-by-side comparison maps, on top of the page and scenario drivers.

type Side = 'a' | 'b';
const pane = (side: Side) => `[data-testid="compare-map-${side}"]`;

/** Waits until both side-by-side maps have drawn everything (idle after the last change). */
export async function waitForCompareMaps(app: SailPlanPage): Promise<void> {
  await app.page.waitForFunction(
    () =>
      ['a', 'b'].every(
        (s) =>
          document.querySelector(`[data-testid="compare-map-${s}"]`)?.getAttribute('data-idle') ===
          'true',
      ),
    undefined,
    { timeout: 60_000 },
  );
}

/** Opens the side-by-side maps of the shown comparison and waits for both to draw. */
export async function openSideBySide(app: SailPlanPage): Promise<void> {
  await app.page.click('[data-testid="compare-side-by-side"]');
  await app.page.waitForSelector('[data-testid="compare-maps"]');
  await waitForCompareMaps(app);
}

export async function closeSideBySide(app: SailPlanPage): Promise<void> {
  await app.page.click('[data-testid="compare-maps-close"]');
  await app.page.waitForSelector('[data-testid="compare-maps"]', { state: 'detached' });
}

export async function setSideBySideLayer(app: SailPlanPage, layer: 'nr' | 'redcap') {
  await app.page.selectOption('[data-testid="compare-maps-layer"]', layer);
  await waitForCompareMaps(app);
}

export async function sideLabel(app: SailPlanPage, side: Side): Promise<string> {
  return (await app.page.textContent(`[data-testid="compare-map-label-${side}"]`)) ?? '';
}

/** The map's centre as it exposes it (data-center: "lon,lat" after the last move). */
export async function sideCenter(app: SailPlanPage, side: Side): Promise<[number, number]> {
  const text = (await app.page.getAttribute(pane(side), 'data-center')) ?? '';
  const [lon, lat] = text.split(',').map(Number);
  return [lon, lat];
}

/** Drags one side's map by (dx, dy) px and waits until the move has ended on both. */
export async function panSide(app: SailPlanPage, side: Side, dx: number, dy: number) {
  const before = await app.page.getAttribute(pane(side), 'data-center');
  const box = await app.page.locator(`${pane(side)} canvas.maplibregl-canvas`).boundingBox();
  if (!box) throw new Error(`no canvas on side ${side}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await app.page.mouse.move(x, y);
  await app.page.mouse.down();
  await app.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await app.page.mouse.move(x + dx, y + dy, { steps: 5 });
  await app.page.mouse.up();
  await app.page.waitForFunction(
    ({ sel, before }) => document.querySelector(sel)?.getAttribute('data-center') !== before,
    { sel: pane(side), before },
    { timeout: 30_000 },
  );
  await waitForCompareMaps(app);
}

/**
 * Pixels of one side's canvas showing NR coverage over land: the coverage colour at the
 * layer's opacity over the basemap's land colour, seen bare or under a county-town zone's
 * fill (drawn above the coverage), as the compare panes fit to changes near the towns.
 */
export async function nrCoveragePixels(app: SailPlanPage, side: Side): Promise<number> {
  const shot = await app.page.locator(`${pane(side)} canvas.maplibregl-canvas`).screenshot();
  const p = readPng(shot);
  const fg = rgb(NR_COVERAGE_COLOR);
  const bg = rgb(BASEMAP_COLORS.land);
  const bare = fg.map((c, i) => COVERAGE_OPACITY * c + (1 - COVERAGE_OPACITY) * bg[i]);
  const under = (zone: string) =>
    rgb(zone).map((c, i) => TOWN_ZONE_FILL_OPACITY * c + (1 - TOWN_ZONE_FILL_OPACITY) * bare[i]);
  const wants = [bare, under(TOWN_ZONE_COLORS.broken), under(TOWN_ZONE_COLORS.continuous)];
  let n = 0;
  for (let i = 0; i < p.width * p.height; i++)
    if (wants.some((w) => colorDistance(p, i, w) < 20)) n++;
  return n;
}
