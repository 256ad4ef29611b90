import { afterAll, describe, expect, it } from 'vitest';
import { STATION_COLORS } from '../../src/map/layer-specs';
import { FOOTPRINT_COLORS } from '../../src/map/scenario-colors';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import {
  clickMap,
  findColorSpots,
  setBasemap,
  setLayer,
  settle,
  waitForResultsDrawn,
} from './support/map-driver';
import type { SailPlanPage } from './support/page-driver';
import { clickRow } from './support/panels-driver';
import {
  activeScenarioName,
  addSiteByCoordinates,
  colorPixels,
  dragMarker,
  editCount,
  editPicked,
  entryCount,
  legendEntries,
  logItems,
  newScenario,
  pickSiteById,
  remotePoint,
  scenarioMarkers,
  swapAddCoords,
  totalField,
  typeAddCoords,
  undo,
  upgradeSelectedArea,
  waitForPixels,
  waitForScenario,
} from './support/scenario-driver';

const YUSHU = '632701';
/** A 5G (n78, not RedCap) site in 玉树市's town (geo/yushu-stations.csv). */
const TOWN_SITE = 'SYN-632701-T001';

// One page for the whole file (each load analyses the demo again): the tests run in
// order and build on each other, as a user's session does.
describe.skipIf(chromiumMissing)('the scenario workspace in Chromium', () => {
  const env = e2eEnv();
  let app: SailPlanPage;
  afterAll(async () => {
    await app?.close();
  });

  it('draws the footprints of added and moved sites at once, with their legend', async () => {
    // The map close on the place the site goes (a remote spot of 玉树市).
    const [lon, lat] = remotePoint();
    app = await env.open(`?view=${lon},${lat},11`);
    await app.waitForDemo();
    await waitForResultsDrawn(app);
    await settle(app);
    await newScenario(app, '工作区');
    // Whatever the map shows near the footprint colours before any edit (blends at edges).
    const nr0 = await colorPixels(app, FOOTPRINT_COLORS.nr);
    const rc0 = await colorPixels(app, FOOTPRINT_COLORS.redcap);
    expect(nr0).toBeLessThan(100);
    // No edit yet: no scenario layers, so no legend for them.
    expect(await app.page.locator('[data-testid="scenario-legend"]').count()).toBe(0);

    await addSiteByCoordinates(app, lon, lat, 'n28');
    expect(await scenarioMarkers(app)).toEqual(['玉树市-新建-1']);
    // NR and (smaller) RedCap outlines of the new n28 RedCap site.
    const nr = await waitForPixels(app, FOOTPRINT_COLORS.nr, { min: nr0 + 150 });
    expect(nr).toBeGreaterThanOrEqual(nr0 + 150);
    const rc = await waitForPixels(app, FOOTPRINT_COLORS.redcap, { min: rc0 + 80 });
    expect(rc).toBeGreaterThanOrEqual(rc0 + 80);
    expect(await legendEntries(app)).toEqual(['added', 'nr', 'redcap']);

    // Dragged, the outline moves with the site.
    await dragMarker(app, '玉树市-新建-1', 60, 20);
    expect(await editCount(app)).toBe(2);
    expect((await logItems(app))[1].text).toMatch(/^站点 玉树市-新建-1 移至 \d+\.\d+, \d+\.\d+$/);
    expect(await waitForPixels(app, FOOTPRINT_COLORS.nr, { min: 150 })).toBeGreaterThanOrEqual(150);

    // The legend's switch hides the footprints and shows them again.
    await app.page.setChecked('[data-testid="scenario-footprints-toggle"]', false);
    expect(await waitForPixels(app, FOOTPRINT_COLORS.nr, { max: nr0 + 20 })).toBeLessThanOrEqual(
      nr0 + 20,
    );
    expect(await legendEntries(app)).toEqual(['added']);
    await app.page.setChecked('[data-testid="scenario-footprints-toggle"]', true);
    expect(await waitForPixels(app, FOOTPRINT_COLORS.nr, { min: 150 })).toBeGreaterThanOrEqual(150);
    expect(app.consoleErrors).toEqual([]);
  });

  it('shows per edit and in total the people and km² newly covered, uncovered, gaps and towns', async () => {
    const [added] = await logItems(app);
    expect(added.text).toBe('新增站点 玉树市-新建-1');
    expect(added.nrPeople).toBeGreaterThan(0);
    expect(added.redcapPeople).toBeGreaterThan(0);
    expect(added.impact).toMatch(/NR \+[\d,]+ 人 \/ \+[\d,.]+ km²/);
    expect(added.impact).toMatch(/RedCap \+[\d,]+ 人 \/ \+[\d,.]+ km²/);
    expect(added.impact).toMatch(/之后仍未覆盖：NR [\d,]+ 人，RedCap [\d,]+ 人/);

    // Removing a town site loses coverage: its entry says so, and what it covered shows
    // as a dashed outline.
    await pickSiteById(app, TOWN_SITE);
    await editPicked(app, 'remove');
    const items = await logItems(app);
    expect(items).toHaveLength(3);
    expect(items[2].text).toBe(`删除站点 ${TOWN_SITE}`);
    expect(items[2].nrPeople!).toBeLessThanOrEqual(0);
    expect(await legendEntries(app)).toEqual(['added', 'removed', 'nr', 'redcap', 'before']);
    expect(await waitForPixels(app, FOOTPRINT_COLORS.before, { min: 3 })).toBeGreaterThanOrEqual(3);

    // The totals are the entries together (people rounded per line).
    const nr = await totalField(app, 'nr');
    const sum = items.reduce((s, x) => s + (x.nrPeople ?? 0), 0);
    expect(Math.abs(nr.people! - sum)).toBeLessThanOrEqual(items.length);
    expect(nr.text).toMatch(/^[+−-]?[\d,]+ 人，[+−-]?[\d,.]+ km²$/);
    expect((await totalField(app, 'redcap')).people).toBeGreaterThan(0);
    expect((await totalField(app, 'uncovered')).text).toMatch(/^NR [\d,]+ 人；RedCap [\d,]+ 人$/);
    expect((await totalField(app, 'gaps')).text).toMatch(/^消除 \d+ 处，新增 \d+ 处/);
    expect((await totalField(app, 'towns')).text).toMatch(/县城|连续/);
  });

  it('upgrades every NR site of an area as one named entry, undone in one step', async () => {
    await clickRow(app, YUSHU);
    const edits = await editCount(app);
    expect(await entryCount(app)).toBe(3);
    expect(await upgradeSelectedArea(app)).toBe('将“玉树市”内所有 5G 站点升级为 RedCap');
    const upgraded = (await editCount(app)) - edits;
    expect(upgraded).toBeGreaterThan(10);
    expect(await entryCount(app)).toBe(4);
    const last = (await logItems(app)).at(-1)!;
    expect(last.text).toBe(`将“玉树市”内 ${upgraded} 个 5G 站点升级为 RedCap`);
    expect(last.count).toBe(upgraded);
    expect(last.redcapPeople).toBeGreaterThan(0);
    expect(last.nrPeople).toBe(0);
    expect(await legendEntries(app)).toContain('updated');

    await undo(app);
    expect(await editCount(app)).toBe(edits);
    expect(await entryCount(app)).toBe(3);

    // Over a reload the scenario is back with its three entries; opening it is not an
    // undo step, a new edit is, and Ctrl+Z takes it back.
    await app.page.reload();
    await app.waitForDemo();
    expect(await activeScenarioName(app)).toBe('工作区');
    await waitForScenario(app);
    expect(await entryCount(app)).toBe(3);
    expect(await app.page.isDisabled('[data-testid="scenario-undo"]')).toBe(true);
    const [lon, lat] = remotePoint();
    await addSiteByCoordinates(app, lon - 0.1, lat, 'n28');
    expect(await entryCount(app)).toBe(4);
    await undo(app, true);
    expect(await entryCount(app)).toBe(3);
    expect(app.offMachineRequests()).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('gives a “lat, lon” entry the importer’s swapped hint, and the popup the coordinates', async () => {
    const hint = await typeAddCoords(app, '33.0045, 97.0065');
    expect(hint).toContain('纬度与经度疑似颠倒');
    expect(hint).toContain('经度 97.0065，纬度 33.0045');
    expect(await swapAddCoords(app)).toBe('97.0065,33.0045');
    expect(await typeAddCoords(app, '97.0065,33.0045')).toBeNull();

    await setLayer(app, 'nrCoverage', false);
    const clickStation = async (): Promise<Record<string, string>> => {
      for (const s of await findColorSpots(app, STATION_COLORS.nr)) {
        await clickMap(app, s.x, s.y);
        const popup = await app.page
          .waitForSelector('[data-testid="station-popup"]', { timeout: 1500 })
          .catch(() => null);
        if (!popup) continue;
        // The coordinates come from the worker a moment after the popup opens.
        await app.page.waitForSelector('[data-testid="station-popup"] [data-field="wgs84"]');
        return app.page.$$eval('[data-testid="station-popup"] dd[data-field]', (dds) =>
          Object.fromEntries(
            dds.map((d) => [d.getAttribute('data-field') ?? '', d.textContent ?? '']),
          ),
        );
      }
      throw new Error('no station popup opened');
    };
    const wgs = await clickStation();
    expect(wgs.wgs84).toMatch(/^9\d\.\d{6}, 3\d\.\d{6}$/);
    expect(wgs.gcj02).toBeUndefined();
    expect(app.consoleErrors).toEqual([]);

    // On GCJ-02 tiles (served by the app's own origin; they 404) both are shown.
    const tiles = `${new URL(env.url).origin}/test-tiles/{z}/{x}/{y}.png`;
    await setBasemap(app, tiles, 'GCJ02');
    await settle(app);
    const both = await clickStation();
    const [wx, wy] = both.wgs84.split(', ').map(Number);
    const [gx, gy] = both.gcj02.split(', ').map(Number);
    // Yushu's GCJ-02 offset is a few hundred metres.
    expect(Math.abs(gx - wx)).toBeGreaterThan(0.0005);
    expect(Math.abs(gx - wx)).toBeLessThan(0.01);
    expect(Math.abs(gy - wy)).toBeLessThan(0.01);
    expect(Math.hypot(gx - wx, gy - wy)).toBeGreaterThan(0.001);
    expect(app.offMachineRequests()).toEqual([]);
  });
});
