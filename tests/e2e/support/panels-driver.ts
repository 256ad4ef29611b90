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

/** The side panel's width (CSS pixels). */
export async function sidePanelWidth(app: SailPlanPage): Promise<number> {
  const b = await app.page.locator('[data-testid="side-panel"]').boundingBox();
  return b?.width ?? 0;
}

/** Drags the panel's resize handle by `dx` pixels (negative = to the left = wider). */
export async function dragPanelResizer(app: SailPlanPage, dx: number): Promise<void> {
  const b = await app.page.locator('[data-testid="panel-resizer"]').boundingBox();
  if (!b) throw new Error('no resize handle');
  const [x, y] = [b.x + b.width / 2, b.y + b.height / 2];
  await app.page.mouse.move(x, y);
  await app.page.mouse.down();
  await app.page.mouse.move(x + dx / 2, y, { steps: 4 });
  await app.page.mouse.move(x + dx, y, { steps: 4 });
  await app.page.mouse.up();
}

/**
 * Every name and headline-metric cell (header, rows, total) that is cut off: its text wider
 * than the cell, or the cell not wholly inside the table's visible box. Checked as shown and
 * with the table scrolled fully to the right (the pinned columns must stay in view).
 */
export async function clippedHeadlineCells(app: SailPlanPage): Promise<string[]> {
  const check = () =>
    app.page.$$eval(
      '[data-testid="area-table"] [data-col="name"], [data-testid="area-table"] [data-col="per10k"]',
      (cells) => {
        const scroll = document.querySelector('.area-table-scroll');
        if (!scroll) return ['no table'];
        const view = scroll.getBoundingClientRect();
        const out: string[] = [];
        for (const c of cells) {
          const r = c.getBoundingClientRect();
          const what = `${c.getAttribute('data-col')} "${c.textContent}"`;
          // Row cells the virtualiser placed outside the scrolled window do not count.
          if (r.bottom < view.top || r.top > view.bottom) continue;
          if (c.scrollWidth > c.clientWidth + 1) out.push(`${what}: text wider than its cell`);
          if (r.left < view.left - 1 || r.right > view.right + 1)
            out.push(
              `${what}: outside the visible table (${r.left}–${r.right} of ${view.left}–${view.right})`,
            );
          const button = c.querySelector('button');
          if (button && button.scrollWidth > c.clientWidth + 1)
            out.push(`${what}: header text wider than its cell`);
        }
        return out;
      },
    );
  const asShown = await check();
  await app.page.$eval('.area-table-scroll', (el) => (el.scrollLeft = el.scrollWidth));
  const scrolled = await check();
  await app.page.$eval('.area-table-scroll', (el) => (el.scrollLeft = 0));
  return [...asShown, ...scrolled.map((s) => `scrolled right: ${s}`)];
}

/** The text of the table's total row, by column. */
export async function totalsRow(app: SailPlanPage): Promise<Record<string, string>> {
  return app.page.$$eval('[data-testid="area-table"] tfoot td', (tds) =>
    Object.fromEntries(tds.map((td) => [td.getAttribute('data-col') ?? '', td.textContent ?? ''])),
  );
}
