import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { HOSTILE_CASES, type HostileCase } from './hostile-cases';

/*
 * The hostile files through the CLI, as a user would run it: `validate` and `analyze` end
 * with exit 0 (read) or 1 (a file unreadable) and a message naming the file — never 3 (an
 * internal error), never a stack trace. Relative paths from a fresh working directory.
 */

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
async function cli(argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const INTERNALS =
  /internal error|Maximum call stack|RangeError|TypeError|Cannot read propert|\bat \S+:\d+:\d+/;

// Partners for analyze: one small county and two sites, so each run analyses a little.
const AREA = 'partner-area.geojson';
const STATIONS = 'partner-stations.csv';
const partnerArea = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '632701', name: '玉树市' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [97, 33],
            [97.03, 33],
            [97.03, 33.03],
            [97, 33.03],
            [97, 33],
          ],
        ],
      },
    },
  ],
});
const partnerStations = 'id,lon,lat,tech,band\nP1,97.01,33.01,NR,n41\nP2,97.02,33.02,LTE,\n';

const ROLE = { stations: 'stations', boundaries: 'areas', population: 'population' } as const;

function analyzeArgs(k: HostileCase): string[] {
  const base = ['analyze', '--cell-size', '200'];
  switch (k.kind) {
    case 'stations':
      return [...base, '--areas', AREA, '--stations', k.file];
    case 'boundaries':
      return [...base, '--areas', k.file, '--stations', STATIONS];
    case 'population':
      return [...base, '--areas', AREA, '--stations', STATIONS, '--population', k.file];
    case 'scenario':
      return [...base, '--areas', AREA, '--stations', STATIONS, '--scenario', k.file];
  }
}

function expectNoInternals(r: CliResult, label: string): void {
  expect(r.code, `${label}\n${r.stderr}`).not.toBe(3);
  expect([0, 1], `${label} exit ${r.code}\n${r.stderr}`).toContain(r.code);
  expect(r.stderr, label).not.toMatch(INTERNALS);
  expect(r.stdout.slice(0, 20_000), label).not.toMatch(INTERNALS);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-hostile-'));
  await writeFile(path.join(dir, AREA), partnerArea);
  await writeFile(path.join(dir, STATIONS), partnerStations);
  for (const k of HOSTILE_CASES) await writeFile(path.join(dir, k.file), await k.bytes());
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Summary {
  inputs: {
    file: string;
    ok: boolean;
    error?: { code: string; message: string };
    rejected?: {
      count: number;
      items: { row?: number; feature?: number; field?: string; code: string }[];
    };
  }[];
}

describe('hostile files through `sailplan validate` and `sailplan analyze`', () => {
  for (const k of HOSTILE_CASES) {
    it(`${k.file}: ${k.what}`, { timeout: 120_000 }, async () => {
      const failing = 'error' in k.expect;
      if (k.kind !== 'scenario') {
        const v = await cli(['validate', `--${ROLE[k.kind]}`, k.file, '--json']);
        expectNoInternals(v, `validate ${k.file}`);
        expect(v.code).toBe(failing ? 1 : 0);
        const input = (JSON.parse(v.stdout) as Summary).inputs[0];
        expect(input.file).toBe(k.file);
        if ('error' in k.expect) {
          expect(input.error?.code).toBe(k.expect.error);
        } else {
          const items = input.rejected?.items ?? [];
          expect(items.map((i) => [i.row ?? i.feature, i.field, i.code])).toEqual(
            (k.expect.rejected ?? []).map((w) => [w.at, w.field, w.code]),
          );
        }
      }
      const a = await cli(analyzeArgs(k));
      expectNoInternals(a, `analyze ${k.file}`);
      if ('loaded' in k.expect && k.expect.loaded === 0) {
        expect(a.code).toBe(1);
        expect(a.stderr).toMatch(/no areas to analyse: all 2 feature\(s\) of areas file/);
        return;
      }
      expect(a.code, a.stderr).toBe(failing ? 1 : 0);
      if (failing) {
        // One line naming the file and the reason.
        expect(a.stderr).toMatch(
          new RegExp(
            `^sailplan analyze: cannot (read|use) .*${k.file.replace('.', '\\.')}: \\S`,
            'm',
          ),
        );
      } else {
        const report = JSON.parse(a.stdout) as { schema: string; areas: unknown[] };
        expect(report.schema).toBe('sailplan.report/1');
        expect(report.areas.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('analyze --scenario with a station in the canonical columns (issue 11)', () => {
  it('site_id, status and the table’s words are accepted; the site counts', async () => {
    const base = await cli(['analyze', '--areas', AREA, '--stations', STATIONS]);
    const withScenario = await cli([
      'analyze',
      '--areas',
      AREA,
      '--stations',
      STATIONS,
      '--scenario',
      'scenario-site-id.json',
    ]);
    expect(withScenario.code, withScenario.stderr).toBe(0);
    type Report = {
      areas: { sites_5g: number; sites_redcap: number }[];
      inputs: { files: { role: string; rows: number; loaded: number }[] };
    };
    const before = (JSON.parse(base.stdout) as Report).areas[0];
    const after = JSON.parse(withScenario.stdout) as Report;
    expect(after.areas[0].sites_5g).toBe(before.sites_5g + 1);
    expect(after.areas[0].sites_redcap).toBe(before.sites_redcap + 1);
    expect(after.inputs.files.find((i) => i.role === 'scenario')).toMatchObject({
      rows: 2,
      loaded: 2,
    });
  });
});

describe('names from hostile files leave the CLI neutralised', () => {
  it('analyze --format csv and export write formula-looking names as text', async () => {
    const a = await cli([
      'analyze',
      '--areas',
      'injection-names.geojson',
      '--stations',
      STATIONS,
      '--format',
      'csv',
    ]);
    expect(a.code, a.stderr).toBe(0);
    const e = await cli([
      'export',
      '--areas',
      'injection-names.geojson',
      '--stations',
      STATIONS,
      '--what',
      'areas',
      '--format',
      'csv',
      '--out',
      'areas.csv',
    ]);
    expect(e.code, e.stderr).toBe(0);
    const exported = await readFile(path.join(dir, 'areas.csv'), 'utf8');
    for (const csv of [a.stdout, exported]) {
      expect(csv).toContain("'=1+1");
      expect(csv).toContain("'+SUM(A1:A9)");
      expect(csv).toContain("'@cmd");
      expect(csv).not.toMatch(/(^|,)=1\+1/m);
    }
  });

  it('the HTML report shows HTML in names as text', { timeout: 120_000 }, async () => {
    const r = await cli([
      'report',
      '--areas',
      'injection-names.geojson',
      '--stations',
      STATIONS,
      '--no-map',
      '--out',
      'report.html',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
