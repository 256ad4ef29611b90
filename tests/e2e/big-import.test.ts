import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { acceptImport } from './support/import-driver';

/** 1,000,000 station rows (~70 MB) with deterministic values around Yushu. */
function millionRows(): Buffer {
  const parts: string[] = ['id,site_id,operator,lon,lat,tech,band,redcap,azimuth\n'];
  let seed = 42;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < 1_000_000; i++) {
    const site = Math.floor(i / 3);
    const lon = (96 + rnd() * 2).toFixed(6);
    const lat = (32.5 + rnd() * 2).toFixed(6);
    parts.push(`C${i},S${site},中国移动,${lon},${lat},NR,n41,${i % 4 === 0},${(i % 3) * 120}\n`);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

describe.skipIf(chromiumMissing)('a 1,000,000-row station file in Chromium', () => {
  const env = e2eEnv();
  const dir = mkdtempSync(join(tmpdir(), 'sailplan-e2e-'));
  const file = join(dir, 'million.csv');
  beforeAll(async () => {
    writeFileSync(file, millionRows());
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams with progress in the worker, the page stays responsive, and cancel keeps what was loaded', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      const before = await app.countyRows();
      await app.recordLongTasks();
      await app.importFilePath('stations', file);
      await acceptImport(app);
      // Progress climbs while rows stream in.
      const seen: number[] = [];
      await expect
        .poll(
          async () => {
            const p = await app.importProgress();
            if (p) seen.push(p.rows);
            return p?.rows ?? 0;
          },
          { timeout: 60_000, interval: 100 },
        )
        .toBeGreaterThan(100_000);
      expect(seen.filter((r) => r > 0).length).toBeGreaterThan(1);
      // The main thread answers quickly while the worker parses.
      const t0 = Date.now();
      await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      expect(Date.now() - t0).toBeLessThan(1000);
      // Measured: no long task at all while the worker reads; the margin absorbs a loaded CI machine.
      const duringImport = await app.longTasks();
      expect(Math.max(0, ...duringImport)).toBeLessThan(100);
      await app.cancelImport();
      const notice = await app.waitForImportNotice();
      expect(notice).toContain('已取消导入 million.csv');
      expect(await app.countyRows()).toEqual(before);
    } finally {
      await app.close();
    }
  });
});
