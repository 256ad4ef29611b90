import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import {
  acceptImport,
  answerDemo,
  datasetEntry,
  dialogText,
  dropFile,
  mapColumn,
  mappedColumn,
  previewRejected,
  replaceDataset,
  waitForImportDialog,
} from './support/import-driver';

// 网络2 is no known name of the technology column: unmapped, every row would load as LTE.
const ODD_HEADER = [
  'cell,site,经度,纬度,网络2,频段',
  'D1,DS1,97.0100,33.0000,NR,n41',
  'D2,DS2,97.0200,33.0050,NR,n41',
  'D3,DS3,97.0300,33.0100,NR,n78',
  'D4,DS4,2.3500,48.8500,NR,n41',
  'D5,DS5,97.0400,33.0150,NR,n78',
].join('\n');

const REPLACEMENT = [
  'id,site_id,lon,lat,tech',
  'R1,RS1,97.0100,33.0000,NR',
  'R2,RS2,97.0250,33.0080,NR',
].join('\n');

describe.skipIf(chromiumMissing)('import dialog in Chromium', () => {
  const env = e2eEnv();

  it('a dropped CSV with an odd header: preview with rejected rows, remap a column, import, then replace it', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      const before = Number(await app.cellText('632701', 'sites5g'));

      await dropFile(app, 'odd-header.csv', ODD_HEADER);
      await waitForImportDialog(app);
      expect(
        await app.page.$eval('[data-testid="import-kind"]', (s) => (s as HTMLSelectElement).value),
      ).toBe('stations');
      expect(await dialogText(app, 'import-preview-details')).toContain('逗号');
      const rejected = await previewRejected(app);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toContain('第 4 行');
      expect(rejected[0]).toContain('坐标不在中国范围内');
      expect(await mappedColumn(app, 'lon')).toBe('经度');
      expect(await mappedColumn(app, 'tech')).toBe('');
      expect(await dialogText(app, 'import-preview-summary')).toContain('4 行可导入');

      await mapColumn(app, 'tech', '网络2');
      expect(
        await app.page.textContent('[data-testid="import-preview-rows"] th[data-field="tech"]'),
      ).toContain('网络2');
      await acceptImport(app);
      // Added to the demo, as chosen (the default would replace its synthetic sites).
      await answerDemo(app, 'keep');
      const notice = await app.waitForImportNotice();
      expect(notice).toContain('odd-header.csv');
      expect(await app.rejectedRows()).toHaveLength(1);
      await app.waitForMapIdle();
      // Mapped, the four good rows are NR sites in 玉树市 (unmapped they would be LTE-only).
      expect(Number(await app.cellText('632701', 'sites5g'))).toBe(before + 4);
      expect(await datasetEntry(app, 'odd-header.csv')).toContain('4 个站点');

      // Replace it: the new file takes its place, the demo stays.
      await replaceDataset(app, 'odd-header.csv', 'replacement.csv', REPLACEMENT);
      await acceptImport(app);
      await app.page.waitForFunction(() =>
        document
          .querySelector('[data-testid="datasets"]')
          ?.textContent?.includes('replacement.csv'),
      );
      await app.waitForMapIdle();
      expect(await datasetEntry(app, 'odd-header.csv')).toBeNull();
      expect(await datasetEntry(app, 'replacement.csv')).toContain('2 个站点');
      expect(await datasetEntry(app, 'yushu-stations.csv')).not.toBeNull();
      expect(Number(await app.cellText('632701', 'sites5g'))).toBe(before + 2);

      // A replace that cannot be read names the file and keeps what was there.
      await app.page.click('[data-testid="import-close"]');
      await replaceDataset(app, 'replacement.csv', 'broken.csv', '\u0000\u0001\u0002\u0000\u00ff');
      const failed = await app.waitForImportNotice();
      expect(failed).toContain('broken.csv');
      expect(await datasetEntry(app, 'replacement.csv')).toContain('2 个站点');
      expect(Number(await app.cellText('632701', 'sites5g'))).toBe(before + 2);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
