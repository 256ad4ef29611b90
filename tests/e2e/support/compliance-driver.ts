import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import type { SailPlanPage } from './page-driver';

// Verbs for the compliance view and the export menu, on top of the page driver.

const SECTION = '[data-testid="section-compliance"]';

export interface ComplianceRowView {
  code: string;
  level: string;
  status: string;
  missing: string;
  failures: string[];
  reason: string;
}

/** Opens the compliance section of the side panel (it starts closed). */
export async function openCompliance(app: SailPlanPage): Promise<void> {
  const section = app.page.locator(SECTION);
  if ((await section.getAttribute('open')) === null)
    await section.locator('summary').first().click();
  await app.page.waitForSelector(`${SECTION} [data-testid="compliance-rules"]`);
}

/** The rows the checklist shows at the level it is on, in their order. */
export async function complianceRows(app: SailPlanPage): Promise<ComplianceRowView[]> {
  return app.page.$$eval(`${SECTION} [data-testid="compliance-row"]`, (lis) =>
    lis.map((li) => ({
      code: li.getAttribute('data-code') ?? '',
      level: li.getAttribute('data-level') ?? '',
      status: li.getAttribute('data-status') ?? '',
      missing: li.getAttribute('data-missing') ?? '',
      failures: (li.getAttribute('data-failures') ?? '').split(' ').filter(Boolean),
      reason: li.querySelector('[data-testid="compliance-reason"]')?.textContent ?? '',
    })),
  );
}

export async function breadcrumbs(app: SailPlanPage): Promise<string[]> {
  return app.page.$$eval(`${SECTION} [data-testid="compliance-crumbs"] li`, (lis) =>
    lis.map((li) => li.textContent ?? ''),
  );
}

export async function rulesText(app: SailPlanPage): Promise<string> {
  return (await app.page.textContent(`${SECTION} [data-testid="compliance-rules"]`)) ?? '';
}

export async function setFailuresOnly(app: SailPlanPage, on: boolean): Promise<void> {
  await app.page.setChecked(`${SECTION} [data-testid="compliance-failures-only"]`, on);
}

export async function rankBy(app: SailPlanPage, key: string): Promise<void> {
  await app.page.selectOption(`${SECTION} [data-testid="compliance-rank"]`, key);
}

/** Clicks "map" on a row of the checklist. */
export async function showOnMap(app: SailPlanPage, code: string): Promise<void> {
  await app.page.click(
    `${SECTION} [data-testid="compliance-row"][data-code="${code}"] [data-testid="compliance-show"]`,
  );
}

/** Clicks an export and returns the file the browser downloaded. */
export async function downloadExport(
  app: SailPlanPage,
  kind: string,
): Promise<{ name: string; bytes: Buffer }> {
  const download = app.page.waitForEvent('download', { timeout: 60_000 });
  await app.page.click(`${SECTION} [data-testid="export-${kind}"]`);
  const d = await download;
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(file) };
}

/** Clicks a row's name to see the areas inside it. */
export async function drillInto(app: SailPlanPage, code: string): Promise<void> {
  await app.page.click(
    `${SECTION} [data-testid="compliance-row"][data-code="${code}"] [data-testid="compliance-drill"]`,
  );
}

/** Clicks an export that saves several files (a PNG with its world file and .prj). */
export async function downloadExportFiles(
  app: SailPlanPage,
  kind: string,
  count: number,
): Promise<{ name: string; bytes: Buffer }[]> {
  const files: Promise<{ name: string; bytes: Buffer }>[] = [];
  const done = new Promise<void>((resolve) => {
    const on = (d: Download) => {
      files.push(
        d.path().then(async (p) => ({ name: d.suggestedFilename(), bytes: await readFile(p) })),
      );
      if (files.length === count) {
        app.page.off('download', on);
        resolve();
      }
    };
    app.page.on('download', on);
  });
  await app.page.click(`${SECTION} [data-testid="export-${kind}"]`);
  await done;
  return Promise.all(files);
}
