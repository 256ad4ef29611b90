import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { SailPlanPage } from './page-driver';

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
