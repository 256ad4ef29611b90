import type { SailPlanPage } from './page-driver';

// Verbs for the side panels (area table, detail, parameters), on top of the page driver.

const TABLE = '[data-testid="area-table"]';

/** Waits until the table shows analysis results of the loaded data and no run is under way. */
export async function waitForAnalysis(app: SailPlanPage): Promise<void> {
  await app.waitForAnalysis();
}

/** The text of the given columns of every county row, by code. */
export async function rowCells(
  app: SailPlanPage,
  cols: string[],
): Promise<Record<string, Record<string, string>>> {
  return app.page.$$eval(
    `${TABLE} tbody tr`,
    (rows, cols) =>
      Object.fromEntries(
        rows.map((r) => [
          r.getAttribute('data-code') ?? '',
          Object.fromEntries(
            cols.map((c) => [c, r.querySelector(`td[data-col="${c}"]`)?.textContent ?? '']),
          ),
        ]),
      ),
    cols,
  );
}

export async function clickRow(app: SailPlanPage, code: string): Promise<void> {
  await app.page.click(`${TABLE} tbody tr[data-code="${code}"]`);
}

export async function rowSelected(app: SailPlanPage, code: string): Promise<boolean> {
  const v = await app.page.getAttribute(`${TABLE} tbody tr[data-code="${code}"]`, 'aria-selected');
  return v === 'true';
}

/** The area the detail panel shows and its town-zone verdict line. */
export async function areaDetail(
  app: SailPlanPage,
): Promise<{ code: string | null; verdict: string }> {
  const el = app.page.locator('[data-testid="area-detail"]');
  const code = await el.getAttribute('data-code');
  const verdict = (await el.locator('[data-testid="town-zone-verdict"]').textContent()) ?? '';
  return { code, verdict };
}

/** Opens the parameters section, types a value into a field and applies the form. */
export async function applyParam(app: SailPlanPage, path: string, value: string): Promise<void> {
  const section = app.page.locator('[data-testid="section-parameters"]');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await app.page.fill(`[data-param="${path}"] input`, value);
  await app.page.click('[data-testid="params-apply"]');
}

export async function resultsParamsLine(app: SailPlanPage): Promise<string> {
  return (await app.page.textContent('[data-testid="results-params"]')) ?? '';
}

/** Switches the area table between counties and townships. */
export async function showLevel(app: SailPlanPage, level: 'county' | 'township'): Promise<void> {
  await app.page.click(`[data-testid="area-level-${level}"]`);
  await app.page.waitForSelector(`${TABLE}[data-level="${level}"]`);
}
