import type { SailPlanPage } from './page-driver';

// Verbs of the import dialog (drop zone, station preview, column mapping, replace), as
// functions over the page driver.

const DIALOG = '[data-testid="import-dialog"]';

/** Waits until the dialog shows a preview made with its current settings. */
export async function waitForImportDialog(app: SailPlanPage): Promise<void> {
  await app.page.waitForSelector(`${DIALOG}[data-state="ready"]`, { timeout: 60_000 });
}

/** Confirms the import dialog once its preview is ready (the step after picking a station file). */
export async function acceptImport(app: SailPlanPage): Promise<void> {
  await waitForImportDialog(app);
  await app.page.waitForSelector('[data-testid="import-accept"]:not([disabled])', {
    timeout: 60_000,
  });
  await app.page.click('[data-testid="import-accept"]');
  await app.page.waitForSelector(DIALOG, { state: 'detached', timeout: 60_000 });
}

/** Drops a file on the import drop zone the way a file dragged from the desktop arrives. */
export async function dropFile(app: SailPlanPage, name: string, content: string): Promise<void> {
  const dataTransfer = await app.page.evaluateHandle(
    ({ name, content }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'text/csv' }));
      return dt;
    },
    { name, content },
  );
  const zone = '[data-testid="import-dropzone"]';
  await app.page.dispatchEvent(zone, 'dragenter', { dataTransfer });
  await app.page.dispatchEvent(zone, 'dragover', { dataTransfer });
  await app.page.dispatchEvent(zone, 'drop', { dataTransfer });
}

export async function dialogText(app: SailPlanPage, testId: string): Promise<string> {
  return (await app.page.textContent(`${DIALOG} [data-testid="${testId}"]`)) ?? '';
}

/** The rows the preview says the import would reject, as shown. */
export async function previewRejected(app: SailPlanPage): Promise<string[]> {
  return app.page.$$eval('[data-testid="import-preview-rejected"] li', (lis) =>
    lis.map((l) => l.textContent ?? ''),
  );
}

/** Chooses the file column that feeds a canonical field, then waits for the new preview. */
export async function mapColumn(app: SailPlanPage, field: string, header: string): Promise<void> {
  await app.page.selectOption(`[data-testid="map-${field}"]`, header);
  await waitForImportDialog(app);
}

export async function mappedColumn(app: SailPlanPage, field: string): Promise<string> {
  return app.page.$eval(`[data-testid="map-${field}"]`, (s) => (s as HTMLSelectElement).value);
}

/** Picks a file through "Replace…" on the dataset whose entry contains `datasetFile`. */
export async function replaceDataset(
  app: SailPlanPage,
  datasetFile: string,
  name: string,
  content: string,
): Promise<void> {
  const item = app.page.locator('[data-testid="datasets"] li', { hasText: datasetFile });
  const chooser = app.page.waitForEvent('filechooser');
  await item.locator('[data-testid="dataset-replace"]').click();
  await (
    await chooser
  ).setFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(content),
  });
}

/** The dataset list entry for a file, as shown (kind, name, counts). */
export async function datasetEntry(app: SailPlanPage, fileName: string): Promise<string | null> {
  const all = await app.datasets();
  return all.find((d) => d.includes(fileName)) ?? null;
}

const DEMO_CHOICE = '[data-testid="demo-choice"]';

/**
 * Waits for the demo question an import of one's own data asks while the demo is loaded, and
 * reads it: the demo datasets replacing removes, those that stay, and the whole text.
 */
export async function demoQuestion(
  app: SailPlanPage,
): Promise<{ remove: string[]; keep: string[]; text: string }> {
  await app.page.waitForSelector(DEMO_CHOICE, { timeout: 120_000 });
  const items = (testId: string) =>
    app.page.$$eval(`${DEMO_CHOICE} [data-testid="${testId}"] li`, (lis) =>
      lis.map((l) => l.textContent ?? ''),
    );
  return {
    remove: await items('demo-choice-remove'),
    keep: await items('demo-choice-keep'),
    text: (await app.page.textContent(DEMO_CHOICE)) ?? '',
  };
}

/**
 * Answers the demo question: `default` presses Enter (the focused choice, replace), `keep`
 * keeps the demo alongside (mixed), `cancel` drops the import.
 */
export async function answerDemo(
  app: SailPlanPage,
  answer: 'default' | 'keep' | 'cancel',
): Promise<void> {
  await app.page.waitForSelector(DEMO_CHOICE, { timeout: 120_000 });
  if (answer === 'default') await app.page.keyboard.press('Enter');
  else
    await app.page.click(
      `[data-testid="${answer === 'keep' ? 'demo-choice-keep-button' : 'demo-choice-cancel'}"]`,
    );
  await app.page.waitForSelector(DEMO_CHOICE, { state: 'detached', timeout: 60_000 });
}

/** Clicks 移除 on the dataset whose entry contains `datasetFile`. */
export async function removeDatasetEntry(app: SailPlanPage, datasetFile: string): Promise<void> {
  const item = app.page.locator('[data-testid="datasets"] li', { hasText: datasetFile });
  await item.locator('[data-testid="dataset-remove"]').click();
  await item.waitFor({ state: 'detached', timeout: 60_000 });
}
