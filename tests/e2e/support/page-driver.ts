import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { colorDistance, readPng, rgb } from './pixels';

/** The area table's columns in the order of the CLI report (and of the tests' expectations). */
const REPORT_COLUMN_ORDER = [
  'code',
  'name',
  'population',
  'areaKm2',
  'sites5g',
  'sitesRedcap',
  'per10k',
  'sitesNeeded',
];

export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours after quantising to 5 bits per channel. */
  distinctColors: number;
  /** Pixels within a small distance of each probe colour. */
  matches: Record<string, number>;
}

/**
 * Drives the SailPlan UI the way a user does (clicks, file picker, select boxes) and
 * reads what the user sees (table text, map pixels). Tests speak in these verbs only.
 */
export class SailPlanPage {
  readonly requests: string[] = [];
  readonly consoleErrors: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  static async open(
    browser: Browser,
    baseUrl: string,
    query = '',
    viewport = { width: 1400, height: 900 },
  ): Promise<SailPlanPage> {
    const context = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const driver = new SailPlanPage(context, page, baseUrl);
    page.on('request', (r: Request) => driver.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') driver.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => driver.consoleErrors.push(String(e)));
    await page.goto(baseUrl + query);
    return driver;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Requests to anything but the app's own origin (data: and blob: URLs are local). */
  offMachineRequests(): string[] {
    const origin = new URL(this.baseUrl).origin;
    return this.requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
  }

  async waitForDemo(): Promise<void> {
    await this.page.waitForSelector('[data-testid="area-table"] tbody tr', { timeout: 60_000 });
    await this.waitForAnalysis();
    await this.waitForMapIdle();
  }

  /** Waits until the table shows analysis results of the loaded data and no run is under way. */
  async waitForAnalysis(): Promise<void> {
    await this.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="area-table"]')?.getAttribute('data-analysed') ===
          'true' && !document.querySelector('[data-testid="analysis-progress"]'),
      undefined,
      { timeout: 120_000 },
    );
  }

  /** Waits until the map has rendered everything for the latest data snapshot. */
  async waitForMapIdle(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="map"]');
        if (!el) return false;
        const v = Number(el.getAttribute('data-snapshot-version'));
        return v > 0 && Number(el.getAttribute('data-idle-version')) >= v;
      },
      undefined,
      { timeout: 60_000 },
    );
  }

  /**
   * The table's rows, cells in the report's column order (code, name, population, …) —
   * whatever order the screen shows them in (name and the headline metric are pinned first).
   */
  async countyRows(): Promise<Array<{ code: string; cells: string[] }>> {
    return this.page.$$eval(
      '[data-testid="area-table"] tbody tr',
      (rows, order) =>
        rows.map((r) => {
          const tds = Array.from(r.querySelectorAll('td'));
          const byCol = (c: string) => tds.find((td) => td.getAttribute('data-col') === c);
          const known = order.map((c) => byCol(c)).filter((td) => td !== undefined);
          const rest = tds.filter((td) => !known.includes(td));
          return {
            code: r.getAttribute('data-code') ?? '',
            cells: [...known, ...rest].map((td) => td.textContent ?? ''),
          };
        }),
      REPORT_COLUMN_ORDER,
    );
  }

  async cellText(code: string, col: string): Promise<string> {
    return this.page
      .textContent(`[data-testid="area-table"] tr[data-code="${code}"] td[data-col="${col}"]`)
      .then((t) => t ?? '');
  }

  /** Township rows as shown (code → text of the 5G column), opening every county group. */
  async townshipRows(): Promise<Record<string, string>> {
    await this.page.$$eval('[data-testid="townships"] details', (ds) =>
      ds.forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    const rows = await this.page.$$eval('[data-testid="townships"] tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-code') ?? '',
        tr.querySelector('[data-col="sites5g"]')?.textContent ?? '',
      ]),
    );
    return Object.fromEntries(rows);
  }

  async setImportCrs(crs: string): Promise<void> {
    await this.page.selectOption('[data-testid="import-crs"]', crs);
  }

  /** Picks a file through the real file chooser opened by the import button. */
  async importFile(
    kind: 'stations' | 'boundaries' | 'population' | 'settlements' | 'population-raster' | 'dem',
    name: string,
    content: Buffer | string,
  ): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.click(`[data-testid="import-${kind}"]`);
    const fc = await chooser;
    await fc.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
  }

  /** Same as importFile, for files on disk (playwright refuses in-memory buffers over 50 MB). */
  async importFilePath(
    kind: 'stations' | 'boundaries' | 'population' | 'dem',
    path: string,
  ): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.click(`[data-testid="import-${kind}"]`);
    await (await chooser).setFiles(path);
  }

  async waitForImportNotice(): Promise<string> {
    await this.page.waitForSelector('[data-testid="import-notice"]', { timeout: 120_000 });
    return (await this.page.textContent('[data-testid="import-notice"]')) ?? '';
  }

  /** Starts recording main-thread tasks longer than 50 ms (Long Tasks API). */
  async recordLongTasks(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
  }

  async longTasks(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  }

  /** Progress shown while an import runs: rows read so far and the bar's value. */
  async importProgress(): Promise<{ rows: number; fraction: number } | null> {
    return this.page.evaluate(() => {
      const el = document.querySelector('[data-testid="import-progress"]');
      if (!el) return null;
      const bar = el.querySelector('progress');
      const rows = Number(el.getAttribute('data-rows'));
      return { rows, fraction: bar ? bar.value : 0 };
    });
  }

  async cancelImport(): Promise<void> {
    await this.page.click('[data-testid="import-cancel"]');
  }

  async rejectedRows(): Promise<string[]> {
    return this.page.$$eval('[data-testid="import-rejected"] li', (lis) =>
      lis.map((l) => l.textContent ?? ''),
    );
  }

  async datasets(): Promise<string[]> {
    return this.page.$$eval('[data-testid="datasets"] li', (lis) =>
      lis.map((l) => l.textContent ?? ''),
    );
  }

  async setLanguage(lang: 'zh-CN' | 'en'): Promise<void> {
    await this.page.selectOption('[data-testid="language"]', lang);
  }

  /** Screenshot of the map, decoded in the page, reduced to colour statistics. */
  async mapPixels(probes: Record<string, string>): Promise<PixelStats> {
    const p = readPng(await this.page.locator('[data-testid="map"]').screenshot());
    const targets = Object.entries(probes).map(([k, v]) => [k, rgb(v)] as const);
    const matches: Record<string, number> = Object.fromEntries(targets.map(([k]) => [k, 0]));
    const seen = new Set<number>();
    const d = p.data;
    for (let i = 0; i < p.width * p.height; i++) {
      seen.add(((d[4 * i] >> 3) << 10) | ((d[4 * i + 1] >> 3) << 5) | (d[4 * i + 2] >> 3));
      for (const [k, c] of targets) if (colorDistance(p, i, c) < 40) matches[k]++;
    }
    return { width: p.width, height: p.height, distinctColors: seen.size, matches };
  }
}
