import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { SailPlanPage } from './page-driver';
import { colorDistance, readPng, rgb } from './pixels';

// Verbs for the scenario, comparison and planner panels, on top of the page driver.

async function openSection(app: SailPlanPage, id: 'scenarios' | 'compare' | 'planner') {
  const section = app.page.locator(`[data-testid="section-${id}"]`);
  if ((await section.getAttribute('open')) === null)
    await section.locator(':scope > summary').click();
}

/** Waits until the open scenario's metrics are in and no step is under way. */
export async function waitForScenario(app: SailPlanPage): Promise<void> {
  await app.page.waitForSelector('[data-testid="scenario-engine"]', {
    state: 'attached',
    timeout: 120_000,
  });
}

/** Makes a new scenario (it opens at once) and renames it; returns its id. */
export async function newScenario(app: SailPlanPage, name: string): Promise<void> {
  await openSection(app, 'scenarios');
  await app.page.click('[data-testid="scenario-new"]');
  await waitForScenario(app);
  await app.page.fill('[data-testid="scenario-name"]', name);
  await app.page.click('[data-testid="scenario-rename"]');
}

/** The scenario selected in the list (its shown name). */
export async function activeScenarioName(app: SailPlanPage): Promise<string> {
  await openSection(app, 'scenarios');
  return app.page.$eval(
    '[data-testid="scenario-list"]',
    (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '',
  );
}

export async function editCount(app: SailPlanPage): Promise<number> {
  const text = await app.page.getAttribute('[data-testid="scenario-engine"]', 'data-edits');
  return Number(text);
}

/** Adds a site by pasting "lon,lat" with a band, and waits for the step's metrics. */
export async function addSiteByCoordinates(
  app: SailPlanPage,
  lon: number,
  lat: number,
  band: string,
): Promise<void> {
  await openSection(app, 'scenarios');
  const before = await editCount(app);
  await app.page.fill('[data-testid="scenario-add-coords"]', `${lon},${lat}`);
  await app.page.selectOption('[data-testid="scenario-add-band"]', band);
  await app.page.click('[data-testid="scenario-add-submit"]');
  await app.page.waitForFunction(
    (n) =>
      Number(
        document.querySelector('[data-testid="scenario-engine"]')?.getAttribute('data-edits'),
      ) > n,
    before,
    { timeout: 60_000 },
  );
}

/** The open scenario's metric cell text (e.g. per10k "10.5 (+0.5)"). */
export async function scenarioMetric(
  app: SailPlanPage,
  code: string,
  col: string,
): Promise<string> {
  return (
    (await app.page.textContent(
      `[data-testid="scenario-metrics"] tr[data-code="${code}"] [data-col="${col}"]`,
    )) ?? ''
  );
}

export async function undo(app: SailPlanPage, keyboard = false): Promise<void> {
  const before = await editCount(app);
  if (keyboard) {
    await app.page.locator('[data-testid="map"]').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+z');
  } else await app.page.click('[data-testid="scenario-undo"]');
  await app.page.waitForFunction(
    (n) =>
      Number(
        document.querySelector('[data-testid="scenario-engine"]')?.getAttribute('data-edits'),
      ) < n,
    before,
    { timeout: 60_000 },
  );
}

/** Compares A with B (by their names in the lists) and returns the delta rows by code. */
export async function compare(
  app: SailPlanPage,
  a: string,
  b: string,
): Promise<Record<string, Record<string, string>>> {
  await openSection(app, 'compare');
  await app.page.selectOption('[data-testid="compare-a"]', { label: a });
  await app.page.selectOption('[data-testid="compare-b"]', { label: b });
  await app.page.click('[data-testid="compare-run"]');
  await app.page.waitForSelector('[data-testid="compare-table"]', { timeout: 120_000 });
  return app.page.$$eval('[data-testid="compare-table"] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-code') ?? '',
        Object.fromEntries(
          Array.from(r.querySelectorAll('td[data-col]')).map((td) => [
            td.getAttribute('data-col') ?? '',
            td.textContent ?? '',
          ]),
        ),
      ]),
    ),
  );
}

/** Runs the planner with a budget of `picks` actions; returns the ranked rows' kinds. */
export async function runPlanner(app: SailPlanPage, picks: number): Promise<string[]> {
  await openSection(app, 'planner');
  await app.page.fill('[data-testid="planner-budget"]', String(picks));
  await app.page.click('[data-testid="planner-run"]');
  await app.page.waitForSelector('[data-testid="planner-table"]', { timeout: 120_000 });
  return app.page.$$eval('[data-testid="planner-table"] tbody tr', (rows) =>
    rows.map((r) => r.getAttribute('data-kind') ?? ''),
  );
}

/** Marginal gains of the ranked picks, as numbers (digits of the shown text). */
export async function plannerGains(app: SailPlanPage): Promise<number[]> {
  return app.page.$$eval('[data-testid="planner-table"] tbody td[data-col="gain"]', (tds) =>
    tds.map((td) => Number((td.textContent ?? '').replace(/[^\d.]/g, ''))),
  );
}

/** "Make a scenario" from the plan; waits until it is open with `edits` edits. */
export async function scenarioFromPlan(app: SailPlanPage, edits: number): Promise<void> {
  await app.page.click('[data-testid="planner-create"]');
  await app.page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="scenario-engine"]')?.getAttribute('data-edits') ===
      String(n),
    edits,
    { timeout: 120_000 },
  );
}

/** "Make a share link" for the open scenario; returns the link shown. */
export async function shareLink(app: SailPlanPage): Promise<string> {
  await openSection(app, 'scenarios');
  await app.page.click('[data-testid="scenario-share"]');
  await app.page.waitForSelector('[data-testid="scenario-share-link"]', { timeout: 30_000 });
  return app.page.inputValue('[data-testid="scenario-share-link"]');
}

/** Names in the scenario list (without the "no scenario" entry). */
export async function scenarioNames(app: SailPlanPage): Promise<string[]> {
  await openSection(app, 'scenarios');
  return app.page.$$eval('[data-testid="scenario-list"] option', (os) =>
    os.filter((o) => (o as HTMLOptionElement).value !== '').map((o) => o.textContent ?? ''),
  );
}

/** Turns on "click on the map to add", clicks the map at (x, y) px, waits for the new site. */
export async function addSiteOnMap(app: SailPlanPage, x: number, y: number): Promise<void> {
  await openSection(app, 'scenarios');
  const before = await editCount(app);
  await app.page.click('[data-testid="scenario-add-on-map"]');
  await app.page
    .locator('[data-testid="map"] canvas.maplibregl-canvas')
    .click({ position: { x, y } });
  await app.page.waitForFunction(
    (n) =>
      Number(
        document.querySelector('[data-testid="scenario-engine"]')?.getAttribute('data-edits'),
      ) > n,
    before,
    { timeout: 60_000 },
  );
  await app.page.keyboard.press('Escape');
}

/** Site ids of the scenario markers on the map. */
export async function scenarioMarkers(app: SailPlanPage): Promise<string[]> {
  return app.page.$$eval('[data-testid="scenario-marker"]', (els) =>
    els.map((e) => e.getAttribute('data-site') ?? ''),
  );
}

/** Drags a scenario marker by (dx, dy) px and waits for the move edit. */
export async function dragMarker(app: SailPlanPage, id: string, dx: number, dy: number) {
  const before = await editCount(app);
  const box = await app.page
    .locator(`[data-testid="scenario-marker"][data-site="${id}"]`)
    .boundingBox();
  if (!box) throw new Error(`no marker for ${id}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await app.page.mouse.move(x, y);
  await app.page.mouse.down();
  await app.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await app.page.mouse.move(x + dx, y + dy, { steps: 5 });
  await app.page.mouse.up();
  await app.page.waitForFunction(
    (n) =>
      Number(
        document.querySelector('[data-testid="scenario-engine"]')?.getAttribute('data-edits'),
      ) > n,
    before,
    { timeout: 60_000 },
  );
}

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A point of 玉树市 some 35 km from its seat, away from the synthetic sites. */
export function remotePoint(): [number, number] {
  const fc = JSON.parse(readFileSync(path.join(ROOT, 'geo/yushu-counties.geojson'), 'utf8')) as {
    features: Feature<Polygon | MultiPolygon, { code: string; seat: [number, number] }>[];
  };
  const f = fc.features.find((x) => x.properties.code === '632701')!;
  const [lon0, lat0] = f.properties.seat;
  for (let k = 0; k < 16; k++) {
    const a = (k * Math.PI) / 8;
    const p: [number, number] = [lon0 + 0.4 * Math.cos(a), lat0 + 0.3 * Math.sin(a)];
    if (booleanPointInPolygon(p, f)) return [Number(p[0].toFixed(5)), Number(p[1].toFixed(5))];
  }
  throw new Error('no point found');
}

// ---------------------------------------------------------------------------------
// The planning workspace (issue 14): footprints, the log with impacts, totals, legend,
// area upgrades, coordinates, comparison costs and places, the planner's outcome.

/** Waits until the open scenario has more (or, `fewer`, fewer) edits than `n`. */
export async function waitForEdits(app: SailPlanPage, n: number, fewer = false): Promise<void> {
  await app.page.waitForFunction(
    ({ n, fewer }) => {
      const el = document.querySelector('[data-testid="scenario-engine"]');
      const k = Number(el?.getAttribute('data-edits'));
      return el !== null && (fewer ? k < n : k > n);
    },
    { n, fewer },
    { timeout: 120_000 },
  );
}

/** Log entries shown (an area upgrade is one). */
export async function entryCount(app: SailPlanPage): Promise<number> {
  return Number(await app.page.getAttribute('[data-testid="scenario-engine"]', 'data-entries'));
}

export interface LogItem {
  text: string;
  count: number;
  nrPeople: number | null;
  redcapPeople: number | null;
  impact: string;
}

/** The log as shown: each entry's sentence, its number of edits and its impact. */
export async function logItems(app: SailPlanPage): Promise<LogItem[]> {
  return app.page.$$eval('[data-testid="scenario-edits"] > ol > li', (lis) =>
    lis.map((li) => {
      const imp = li.querySelector('[data-testid="edit-impact"]');
      const num = (a: string) =>
        imp?.getAttribute(a) == null ? null : Number(imp.getAttribute(a));
      return {
        text: li.querySelector('.edit-text')?.textContent ?? '',
        count: Number(li.getAttribute('data-count')),
        nrPeople: num('data-nr-people'),
        redcapPeople: num('data-redcap-people'),
        impact: imp?.textContent ?? '',
      };
    }),
  );
}

/** A field of the scenario totals: its text and data attributes. */
export async function totalField(
  app: SailPlanPage,
  field: 'nr' | 'redcap' | 'uncovered' | 'gaps' | 'towns',
): Promise<{ text: string; people: number | null }> {
  const sel = `[data-testid="scenario-totals"] [data-field="${field}"]`;
  const text = (await app.page.textContent(sel)) ?? '';
  const p = await app.page.getAttribute(sel, 'data-people');
  return { text, people: p === null ? null : Number(p) };
}

/** Entries of the scenario legend on the map (data-entry of each line). */
export async function legendEntries(app: SailPlanPage): Promise<string[]> {
  return app.page.$$eval('[data-testid="scenario-legend"] li', (lis) =>
    lis.map((l) => l.getAttribute('data-entry') ?? ''),
  );
}

/** Selects a site for the edit form by typing its id, and waits for its details. */
export async function pickSiteById(app: SailPlanPage, id: string): Promise<void> {
  await openSection(app, 'scenarios');
  await app.page.fill('[data-testid="scenario-site-id"]', id);
  await app.page.waitForSelector('[data-testid="scenario-site-info"]', { timeout: 30_000 });
}

/** Presses one of the edit form's buttons (remove, upgrade, colocate) and waits for it. */
export async function editPicked(app: SailPlanPage, action: 'remove' | 'upgrade'): Promise<void> {
  const before = await editCount(app);
  await app.page.click(`[data-testid="scenario-site-${action}"]`);
  await waitForEdits(app, before);
}

/** "Upgrade every 5G site in <the selected area>", waiting for the step. */
export async function upgradeSelectedArea(app: SailPlanPage): Promise<string> {
  await openSection(app, 'scenarios');
  const before = await editCount(app);
  const label = (await app.page.textContent('[data-testid="scenario-upgrade-area"]')) ?? '';
  await app.page.click('[data-testid="scenario-upgrade-area"]');
  await waitForEdits(app, before);
  return label;
}

/** Types into the add form's coordinates; returns the "swapped?" hint shown, if any. */
export async function typeAddCoords(app: SailPlanPage, text: string): Promise<string | null> {
  await openSection(app, 'scenarios');
  await app.page.fill('[data-testid="scenario-add-coords"]', text);
  const hint = app.page.locator('[data-testid="scenario-add-coords-swapped"]');
  return (await hint.count()) > 0 ? ((await hint.textContent()) ?? '') : null;
}

export async function swapAddCoords(app: SailPlanPage): Promise<string> {
  await app.page.click('[data-testid="scenario-add-coords-swap"]');
  return app.page.inputValue('[data-testid="scenario-add-coords"]');
}

/** Starts a comparison of A and B without waiting for it. */
export async function startCompare(app: SailPlanPage, a: string, b: string): Promise<void> {
  await openSection(app, 'compare');
  await app.page.selectOption('[data-testid="compare-a"]', { label: a });
  await app.page.selectOption('[data-testid="compare-b"]', { label: b });
  await app.page.click('[data-testid="compare-run"]');
}

/** The diff list's rows by site id: each side's change and cost as shown. */
export async function compareDiff(
  app: SailPlanPage,
): Promise<Record<string, { a: string; b: string; costA: string; costB: string }>> {
  return app.page.$$eval('[data-testid="compare-diff"] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => {
        const c = (k: string) => r.querySelector(`[data-col="${k}"]`)?.textContent ?? '';
        return [
          r.getAttribute('data-site') ?? '',
          { a: c('a'), b: c('b'), costA: c('costA'), costB: c('costB') },
        ];
      }),
    ),
  );
}

/** The totals A vs B: row → [A, B, B − A] as shown. */
export async function compareCosts(app: SailPlanPage): Promise<Record<string, string[]>> {
  return app.page.$$eval('[data-testid="compare-costs"] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-row') ?? '',
        ['a', 'b', 'delta'].map((k) => r.querySelector(`[data-col="${k}"]`)?.textContent ?? ''),
      ]),
    ),
  );
}

/** Site ids of the "zoom to changes" list. */
export async function comparePlaces(app: SailPlanPage): Promise<string[]> {
  return app.page.$$eval('[data-testid="compare-places"] li', (lis) =>
    lis.map((l) => l.getAttribute('data-site') ?? ''),
  );
}

/** The planner's outcome lines (towns, targets, coverage) as shown. */
export async function planOutcome(app: SailPlanPage): Promise<Record<string, string>> {
  return app.page.$$eval('[data-testid="plan-outcome"] p[data-field]', (ps) =>
    Object.fromEntries(ps.map((p) => [p.getAttribute('data-field') ?? '', p.textContent ?? ''])),
  );
}

/** The planner table's site ids, kinds and costs. */
export async function planRows(
  app: SailPlanPage,
): Promise<{ kind: string; site: string; cost: string }[]> {
  return app.page.$$eval('[data-testid="planner-table"] tbody tr', (rows) =>
    rows.map((r) => ({
      kind: r.getAttribute('data-kind') ?? '',
      site: r.querySelector('[data-col="site"]')?.textContent ?? '',
      cost: r.querySelector('[data-col="cost"]')?.textContent ?? '',
    })),
  );
}

/** Pixels of `hex` (within `tolerance`, Manhattan RGB) in a screenshot of `selector`. */
export async function colorPixels(
  app: SailPlanPage,
  hex: string,
  selector = '[data-testid="map"] canvas.maplibregl-canvas',
  tolerance = 40,
): Promise<number> {
  const p = readPng(await app.page.locator(selector).screenshot());
  const want = rgb(hex);
  let n = 0;
  for (let i = 0; i < p.width * p.height; i++) if (colorDistance(p, i, want) < tolerance) n++;
  return n;
}

/**
 * Waits until the map (or `selector`) shows at least `min` pixels of `hex`, or at most
 * `max`: maplibre fetches and draws a new GeoJSON source a few frames after it is set.
 */
export async function waitForPixels(
  app: SailPlanPage,
  hex: string,
  want: { min?: number; max?: number },
  selector?: string,
): Promise<number> {
  let n = 0;
  for (let k = 0; k < 40; k++) {
    n = await colorPixels(app, hex, selector);
    if ((want.min === undefined || n >= want.min) && (want.max === undefined || n <= want.max))
      return n;
    await app.page.waitForTimeout(500);
  }
  return n;
}
