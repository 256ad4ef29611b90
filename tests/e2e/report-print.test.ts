import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { chromiumAvailable, launchChromium, type LaunchedBrowser } from './support/browser';

const missing = !chromiumAvailable();
if (missing) console.warn('e2e skipped: /usr/bin/chromium not found (apt-get install chromium)');

// A4 (210 mm) less the report's 12 mm side margins, at CSS 96 px per inch.
const PRINTABLE_WIDTH_PX = Math.floor(((210 - 24) / 25.4) * 96);

describe.skipIf(missing)('the HTML report printed by Chromium', () => {
  let browser: LaunchedBrowser;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-print-'));
    file = path.join(dir, 'report.html');
    const sink = { write: () => true };
    const code = await run(['report', '--demo', '--out', file], { stdout: sink, stderr: sink });
    expect(code).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders offline, and in print every table is visible, whole and repeats its header', async () => {
    const page = await browser.browser.newPage({
      viewport: { width: PRINTABLE_WIDTH_PX, height: 1100 },
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await page.goto(pathToFileURL(file).href);
      await page.emulateMedia({ media: 'print' });
      // Self-contained: only the file itself and its inline data: image.
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
      const tables = await page.$$eval('table', (ts) =>
        ts.map((t) => {
          const r = t.getBoundingClientRect();
          const head = t.querySelector('thead');
          return {
            cls: t.className,
            visible: r.width > 0 && r.height > 0,
            right: r.right,
            overflow: t.scrollWidth - t.clientWidth,
            rows: t.querySelectorAll('tbody tr').length,
            headerGroup: head ? getComputedStyle(head).display : null,
          };
        }),
      );
      expect(tables.map((t) => t.cls)).toEqual(
        expect.arrayContaining(['checklist', 'failures', 'gaps', 'areas', 'sources']),
      );
      const width = await page.evaluate(() => document.documentElement.clientWidth);
      for (const t of tables) {
        expect(t.visible, t.cls).toBe(true);
        expect(t.rows, t.cls).toBeGreaterThan(0);
        expect(t.headerGroup, t.cls).toBe('table-header-group');
        // Not cut at the right edge of the page.
        expect(t.right, t.cls).toBeLessThanOrEqual(width + 1);
        expect(t.overflow, t.cls).toBeLessThanOrEqual(1);
      }
      const checklist = await page.$$eval('table.checklist tbody tr', (rows) =>
        rows.map((r) => r.querySelector('td')?.textContent ?? ''),
      );
      expect(checklist).toEqual(expect.arrayContaining(['玉树市', '杂多县', '曲麻莱县']));
      const img = await page.$eval('#map img', (i) => ({
        w: (i as HTMLImageElement).naturalWidth,
        right: i.getBoundingClientRect().right,
      }));
      expect(img.w).toBeGreaterThan(200);
      expect(img.right).toBeLessThanOrEqual(width + 1);
    } finally {
      await page.close();
    }
  });

  it("prints to a PDF of several A4 pages whose structure holds the report's tables", async () => {
    const page = await browser.browser.newPage();
    try {
      await page.goto(pathToFileURL(file).href);
      const tableCount = await page.$$eval('table', (ts) => ts.length);
      const headerCells = await page.$$eval('th', (ts) => ts.length);
      // tagged: the PDF carries its structure tree (Table, TH, TD), as the browser's
      // "Save as PDF" does; its text is compressed and CID-encoded, the tags are not.
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, tagged: true });
      const s = pdf.toString('latin1');
      expect(s.slice(0, 5)).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(50_000);
      expect(pdf.length).toBeLessThan(20_000_000);
      const pages = (s.match(/\/Type\s*\/Page\b/g) ?? []).length;
      // Rules and summary, checklist, charts, map and area table each start a page.
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(pages).toBeLessThan(40);
      expect((s.match(/\/S\s*\/Table\b/g) ?? []).length).toBe(tableCount);
      // Every header cell, plus the repeats of headers on continued pages.
      expect((s.match(/\/S\s*\/TH\b/g) ?? []).length).toBeGreaterThanOrEqual(headerCells);
      // A4 media box: 595 × 842 points.
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(s);
      expect(box).not.toBeNull();
      expect(Math.abs(Number(box![1]) - 595)).toBeLessThan(1);
      expect(Math.abs(Number(box![2]) - 842)).toBeLessThan(1);
    } finally {
      await page.close();
    }
  });
});
