import { describe, expect, it } from 'vitest';
import {
  closeSideBySide,
  nrCoveragePixels,
  openSideBySide,
  panSide,
  setSideBySideLayer,
  sideCenter,
  sideLabel,
} from './support/compare-maps-driver';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { clickRow } from './support/panels-driver';
import { addSiteByCoordinates, compare, newScenario, remotePoint } from './support/scenario-driver';

const YUSHU = '632701';

describe.skipIf(chromiumMissing)('side-by-side comparison maps in Chromium', () => {
  const env = e2eEnv();

  it('shows A and B on two synced maps: both draw coverage, B more, and panning one moves the other', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      // The main map on 玉树市, so the split maps open on the county with the new site.
      await clickRow(app, YUSHU);
      await newScenario(app, '对照加站');
      const [lon, lat] = remotePoint();
      await addSiteByCoordinates(app, lon, lat, 'n28');
      await compare(app, '现网（基线）', '对照加站');

      await openSideBySide(app);
      expect(await sideLabel(app, 'a')).toBe('A：现网（基线）');
      expect(await sideLabel(app, 'b')).toBe('B：对照加站');
      // Both canvases draw NR coverage; B's new n28 site adds covered pixels.
      const nrA = await nrCoveragePixels(app, 'a');
      const nrB = await nrCoveragePixels(app, 'b');
      expect(nrA).toBeGreaterThan(500);
      expect(nrB).toBeGreaterThan(nrA);
      expect(await sideCenter(app, 'a')).toEqual(await sideCenter(app, 'b'));

      // Dragging the left map moves the right one to the same centre.
      const start = await sideCenter(app, 'a');
      await panSide(app, 'a', -160, 90);
      const left = await sideCenter(app, 'a');
      expect(left).not.toEqual(start);
      expect(left[0]).toBeGreaterThan(start[0]);
      expect(left[1]).toBeGreaterThan(start[1]);
      expect(await sideCenter(app, 'b')).toEqual(left);
      // And the other way round.
      await panSide(app, 'b', 120, 0);
      const right = await sideCenter(app, 'b');
      expect(right[0]).toBeLessThan(left[0]);
      expect(await sideCenter(app, 'a')).toEqual(right);

      // RedCap instead of NR: the NR colour goes from both maps.
      await setSideBySideLayer(app, 'redcap');
      expect(await nrCoveragePixels(app, 'a')).toBeLessThan(nrA / 10);
      expect(await nrCoveragePixels(app, 'b')).toBeLessThan(nrB / 10);

      await closeSideBySide(app);
      expect(await app.page.locator('[data-testid="map"] canvas.maplibregl-canvas').count()).toBe(
        1,
      );
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);
});
