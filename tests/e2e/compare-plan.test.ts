import { afterAll, describe, expect, it } from 'vitest';
import { COMPARE_CHANGED_COLOR } from '../../src/map/CompareMapPane';
import { GAP_COLOR, TOWN_ZONE_COLORS } from '../../src/map/layer-specs';
import {
  closeSideBySide,
  nrCoveragePixels,
  openSideBySide,
  panSide,
  setSideBySideLayer,
  sideCenter,
  sideLabel,
  waitForCompareMaps,
} from './support/compare-maps-driver';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import type { SailPlanPage } from './support/page-driver';
import {
  activeScenarioName,
  colorPixels,
  compare,
  compareCosts,
  compareDiff,
  comparePlaces,
  editCount,
  legendEntries,
  planOutcome,
  planRows,
  plannerGains,
  runPlanner,
  scenarioFromPlan,
  scenarioNames,
  shareLink,
  startCompare,
  waitForScenario,
} from './support/scenario-driver';

const BASELINE = '现网（基线）';
const PLAN = '规划建议（5 项）';
const COUNTY = /^(玉树市|杂多县|称多县|治多县|囊谦县|曲麻莱县)-新建-\d+$/;
const KIND_TEXT: Record<string, string> = {
  upgrade: 'RedCap 升级',
  colocate: '加装 5G',
  new: '新建',
};
/** Numbers as the page shows them (zh-CN grouping). */
const num = (s: string) => Number(s.replace(/[,，]/g, '').replace('−', '-'));

// One page for the whole file (each load analyses the demo again): plan, make the plan a
// scenario, compare it with the baseline (cancelled once), look at it side by side.
describe.skipIf(chromiumMissing)('comparing and planning in Chromium', () => {
  const env = e2eEnv();
  let app: SailPlanPage;
  let plan: { kind: string; site: string; cost: string }[] = [];
  afterAll(async () => {
    await app?.close();
  });

  it('plans five actions: towns and targets after the picks, costs in 万元, readable ids', async () => {
    app = await env.open();
    await app.waitForDemo();
    const kinds = await runPlanner(app, 5);
    expect(kinds).toHaveLength(5);
    const gains = await plannerGains(app);
    for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1]);
    plan = await planRows(app);
    for (const p of plan.filter((x) => x.kind === 'new')) expect(p.site).toMatch(COUNTY);
    const o = await planOutcome(app);
    expect(o.towns).toMatch(/^县城 RedCap 连续覆盖：规划后 \d+\/6 个县城连续（规划前 \d+ 个）。/);
    expect(o.towns).toMatch(/(变为连续：|没有县城变为连续覆盖)/);
    expect(o.targets).toMatch(
      /^每万人 38 个 5G 基站目标：规划后 \d+ 个区域仍未达标（规划前 \d+ 个）。/,
    );
    expect(o.coverage).toMatch(
      /^NR 人口覆盖 [\d.]+% → [\d.]+%；RedCap 人口覆盖 [\d.]+% → [\d.]+%；尚需基站 [\d,]+ → [\d,]+$/,
    );
    const table = (await app.page.textContent('[data-testid="planner-table"] thead')) ?? '';
    expect(table).toContain('成本（万元）');
    expect(await app.page.textContent('[data-testid="plan"]')).toMatch(/总成本 [\d.,]+ 万元/);
    const help = (await app.page.textContent('[data-testid="planner-costs-help"]')) ?? '';
    expect(help).toContain('示意');
    expect(help).toContain('请按本单位的实际单价修改');
    // The picks are on the map, with their legend entry, until they become a scenario.
    expect(await app.page.locator('[data-testid="plan-marker"]').count()).toBe(5);
    expect(await legendEntries(app)).toEqual(['plan']);
    await scenarioFromPlan(app, 5);
    expect(await activeScenarioName(app)).toBe(PLAN);
    expect(await app.page.locator('[data-testid="plan-marker"]').count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  });

  it('shows a running comparison’s progress and cancels it', async () => {
    await startCompare(app, BASELINE, PLAN);
    await app.page.waitForSelector('[data-testid="compare-progress"]', { timeout: 30_000 });
    expect(await app.page.getAttribute('[data-testid="compare-progress"]', 'data-stage')).toMatch(
      /^(a|b|delta|images)$/,
    );
    await app.page.click('[data-testid="compare-cancel"]');
    await app.page.waitForSelector('[data-testid="compare-message"]', { timeout: 60_000 });
    expect(await app.page.textContent('[data-testid="compare-message"]')).toContain('已取消对比');
    expect(await app.page.locator('[data-testid="compare-progress"]').count()).toBe(0);
    expect(await app.page.locator('[data-testid="comparison"]').count()).toBe(0);
  });

  it('lists the edits of A and B with their cost, and the totals: cost, people, cost per person', async () => {
    const rows = await compare(app, BASELINE, PLAN);
    const added = plan.filter((k) => k.kind !== 'upgrade').length;
    expect(rows.total.sites5g).toBe(added > 0 ? `+${added}` : '0');
    expect(rows.total.nrPopPct).toMatch(/^\+/);

    const diff = await compareDiff(app);
    expect(Object.keys(diff).sort()).toEqual(plan.map((p) => p.site).sort());
    for (const p of plan) {
      expect(diff[p.site].a).toBe('—');
      expect(diff[p.site].b).toBe(KIND_TEXT[p.kind]);
      expect(diff[p.site].costB).toBe(p.cost);
      expect(diff[p.site].costA).toBe('0');
    }
    const costs = await compareCosts(app);
    const total = plan.reduce((s, p) => s + num(p.cost), 0);
    expect(num(costs.cost[1])).toBeCloseTo(total, 6);
    expect(costs.cost[0]).toBe('0');
    const people = num(costs.nrPeople[1]);
    expect(people).toBeGreaterThan(0);
    expect(costs.nrPeople[0]).toBe('0');
    // 元 per person: 万元 × 10,000 / people, as shown (rounded to the yuan).
    expect(Math.abs(num(costs.perNrPerson[1]) - (total * 10_000) / people)).toBeLessThan(
      ((total * 10_000) / people) * 0.01 + 1,
    );
    expect(costs.perNrPerson[0]).toBe('—');
    // Zoom to changes lists every site that differs.
    expect((await comparePlaces(app)).sort()).toEqual(plan.map((p) => p.site).sort());
  });

  it('shows A and B side by side with sites, zones, gaps, legend and scale, fitted to the changes', async () => {
    await openSideBySide(app);
    expect(await sideLabel(app, 'a')).toBe(`A：${BASELINE}`);
    expect(await sideLabel(app, 'b')).toBe(`B：${PLAN}`);
    const pane = (s: 'a' | 'b') => `[data-testid="compare-map-${s}"] canvas.maplibregl-canvas`;
    for (const side of ['a', 'b'] as const) {
      const legend = await app.page.$$eval(`[data-testid="compare-legend-${side}"] li`, (lis) =>
        lis.map((l) => l.getAttribute('data-entry')),
      );
      expect(legend).toEqual([
        'coverage',
        'continuous',
        'broken',
        'gap',
        'site',
        'added',
        'removed',
        'changed',
      ]);
      expect(await app.page.isVisible(`[data-testid="compare-legend-${side}"]`)).toBe(true);
      const scale = await app.page.textContent(
        `[data-testid="compare-map-${side}"] .maplibregl-ctrl-scale`,
      );
      expect(scale).toMatch(/\d+\s*(k?m)/);
      // The changed sites are ringed; the county-town zones and the gaps are drawn.
      expect(await colorPixels(app, COMPARE_CHANGED_COLOR, pane(side), 30)).toBeGreaterThan(20);
      const zones =
        (await colorPixels(app, TOWN_ZONE_COLORS.broken, pane(side), 30)) +
        (await colorPixels(app, TOWN_ZONE_COLORS.continuous, pane(side), 30));
      expect(zones).toBeGreaterThan(10);
      expect(await colorPixels(app, GAP_COLOR, pane(side), 30)).toBeGreaterThan(20);
    }
    // Fitted to where A and B differ: the centre lies inside the changes' box.
    const [w, s, e, n] = (
      (await app.page.getAttribute('[data-testid="compare-maps"]', 'data-changes')) ?? ''
    )
      .split(',')
      .map(Number);
    const c = await sideCenter(app, 'a');
    expect(c[0]).toBeGreaterThan(w);
    expect(c[0]).toBeLessThan(e);
    expect(c[1]).toBeGreaterThan(s);
    expect(c[1]).toBeLessThan(n);
    expect(await sideCenter(app, 'b')).toEqual(c);

    // Zoom to one changed place: both maps move there.
    const first = plan[0].site;
    await app.page.selectOption('[data-testid="compare-maps-places"]', first);
    await app.page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="compare-map-a"]')?.getAttribute('data-center') !==
        before,
      `${c[0].toFixed(6)},${c[1].toFixed(6)}`,
    );
    await waitForCompareMaps(app);
    const bbox = (
      (await app.page.getAttribute(
        `[data-testid="compare-places"] li[data-site="${first}"]`,
        'data-bbox',
      )) ?? ''
    )
      .split(',')
      .map(Number);
    const at = await sideCenter(app, 'a');
    const pad = 0.01;
    expect(at[0]).toBeGreaterThan(bbox[0] - pad);
    expect(at[0]).toBeLessThan(bbox[2] + pad);
    expect(at[1]).toBeGreaterThan(bbox[1] - pad);
    expect(at[1]).toBeLessThan(bbox[3] + pad);
    expect(await sideCenter(app, 'b')).toEqual(at);

    // Dragging one map moves the other to the same centre, both ways.
    await panSide(app, 'a', -160, 90);
    const left = await sideCenter(app, 'a');
    expect(left[0]).toBeGreaterThan(at[0]);
    expect(left[1]).toBeGreaterThan(at[1]);
    expect(await sideCenter(app, 'b')).toEqual(left);
    await panSide(app, 'b', 120, 0);
    const right = await sideCenter(app, 'b');
    expect(right[0]).toBeLessThan(left[0]);
    expect(await sideCenter(app, 'a')).toEqual(right);

    // RedCap instead of NR: the NR colour goes from both maps.
    const nrA = await nrCoveragePixels(app, 'a');
    const nrB = await nrCoveragePixels(app, 'b');
    await setSideBySideLayer(app, 'redcap');
    expect(await nrCoveragePixels(app, 'a')).toBeLessThanOrEqual(Math.max(5, nrA / 10));
    expect(await nrCoveragePixels(app, 'b')).toBeLessThanOrEqual(Math.max(5, nrB / 10));
    await closeSideBySide(app);
    expect(await app.page.locator('[data-testid="map"] canvas.maplibregl-canvas').count()).toBe(1);
    expect(app.offMachineRequests()).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('shares the planned scenario as a link that opens it', async () => {
    const link = await shareLink(app);
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
    await app.page.goto('about:blank');
    await app.page.goto(link);
    await app.waitForDemo();
    await waitForScenario(app);
    expect(await scenarioNames(app)).toEqual([PLAN, PLAN]);
    expect(await editCount(app)).toBe(5);
    expect(new URL(app.page.url()).hash).toBe('');
    expect(app.offMachineRequests()).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
