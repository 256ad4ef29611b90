import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import {
  activeScenarioName,
  addSiteByCoordinates,
  addSiteOnMap,
  compare,
  dragMarker,
  editCount,
  newScenario,
  plannerGains,
  runPlanner,
  scenarioFromPlan,
  scenarioMetric,
  scenarioMarkers,
  scenarioNames,
  shareLink,
  undo,
  waitForScenario,
  remotePoint,
} from './support/scenario-driver';

const YUSHU = '632701';

describe.skipIf(chromiumMissing)('scenarios in Chromium', () => {
  const env = e2eEnv();

  it('adds a site to a new scenario, compares it with the baseline, undoes, and keeps it over a reload', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await newScenario(app, '新建一站');
      const per10kBefore = await scenarioMetric(app, YUSHU, 'per10k');
      const [lon, lat] = remotePoint();
      await addSiteByCoordinates(app, lon, lat, 'n28');
      expect(await editCount(app)).toBe(1);
      // The county's per-10k now shows its rise over the baseline.
      const per10kAfter = await scenarioMetric(app, YUSHU, 'per10k');
      expect(per10kAfter).not.toBe(per10kBefore);
      expect(per10kAfter).toMatch(/\(\+0\.\d\d\)$/);

      const rows = await compare(app, '现网（基线）', '新建一站');
      expect(rows[YUSHU].sites5g).toBe('+1');
      expect(rows[YUSHU].sitesNeeded).toBe('-1');
      expect(rows[YUSHU].nrAreaPct).toMatch(/^\+/);
      for (const code of Object.keys(rows).filter((c) => c !== YUSHU && c !== 'total'))
        expect(rows[code].sites5g, code).toBe('0');

      // Reload: the autosaved scenario is back, open, with its edit.
      await app.page.reload();
      await app.waitForDemo();
      expect(await activeScenarioName(app)).toBe('新建一站');
      await waitForScenario(app);
      expect(await editCount(app)).toBe(1);
      expect(await scenarioMetric(app, YUSHU, 'per10k')).toBe(per10kAfter);

      // Opening is not an undo step; a new edit is, and Ctrl+Z takes it back.
      expect(await app.page.isDisabled('[data-testid="scenario-undo"]')).toBe(true);
      await addSiteByCoordinates(app, lon + 0.05, lat, 'n28');
      expect(await editCount(app)).toBe(2);
      await undo(app, true);
      expect(await editCount(app)).toBe(1);
      expect(await scenarioMetric(app, YUSHU, 'per10k')).toBe(per10kAfter);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);

  it('plans five actions on the baseline and makes them a scenario that compares as the plan says', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      const kinds = await runPlanner(app, 5);
      expect(kinds).toHaveLength(5);
      const gains = await plannerGains(app);
      for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1]);
      await scenarioFromPlan(app, 5);
      expect(await activeScenarioName(app)).toBe('规划建议（5 项）');
      const rows = await compare(app, '现网（基线）', '规划建议（5 项）');
      const added = kinds.filter((k) => k !== 'upgrade').length;
      expect(rows.total.sites5g).toBe(added > 0 ? `+${added}` : '0');
      expect(rows.total.nrPopPct).toMatch(/^\+/);

      // A share link opens the same scenario (here: as a second copy in this browser).
      const link = await shareLink(app);
      expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
      await app.page.goto('about:blank');
      await app.page.goto(link);
      await app.waitForDemo();
      await waitForScenario(app);
      expect(await scenarioNames(app)).toEqual(['规划建议（5 项）', '规划建议（5 项）']);
      expect(await editCount(app)).toBe(5);
      expect(new URL(app.page.url()).hash).toBe('');
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);

  it('adds a site with a click on the map and moves it by dragging its marker', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await newScenario(app, '地图上加站');
      const map = await app.page.locator('[data-testid="map"]').boundingBox();
      await addSiteOnMap(app, map!.width / 2, map!.height / 2);
      expect(await editCount(app)).toBe(1);
      expect(await scenarioMarkers(app)).toEqual(['new-1']);
      await dragMarker(app, 'new-1', 60, 30);
      expect(await editCount(app)).toBe(2);
      const edits = await app.page.$$eval('[data-testid="scenario-edits"] li', (lis) =>
        lis.map((l) => l.textContent ?? ''),
      );
      expect(edits[0]).toBe('新增站点 new-1');
      expect(edits[1]).toMatch(/^调整站点 new-1：lon=\d+\.\d+, lat=\d+\.\d+$/);
      expect(await scenarioMarkers(app)).toEqual(['new-1']);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);
});
