import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { area as turfArea } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/core/scenario/apply';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importStations } from '../../src/io/import-stations';
import { ImportError } from '../../src/io/issues';
import { toExcelCsv } from '../../src/io/csv-export';
import { parseScenario, ScenarioFileError } from '../../src/io/scenario-file';
import { MAX_RADIUS_M } from '../../src/io/station-limits';
import { readFirstSheet } from '../../src/io/stations-xlsx';
import { listZip } from '../../src/io/zip-read';
import { circleRing, placemark, zipOf } from './hostile-builders';
import { HOSTILE_CASES, type HostileCase } from './hostile-cases';

/*
 * What the case table cannot say in one line: values loaded verbatim, exports neutralised,
 * nothing fetched, no prototype reached, bombs refused before inflating, areas right.
 */

const byName = (file: string): HostileCase => {
  const k = HOSTILE_CASES.find((x) => x.file === file);
  if (!k) throw new Error(`no case ${file}`);
  return k;
};
const blobOf = async (file: string) =>
  new Blob([(await byName(file).bytes()) as Uint8Array<ArrayBuffer>]);

async function refusal(p: Promise<unknown>): Promise<ImportError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

describe('injection in names: loaded as text, neutralised in CSV', () => {
  // '\t=1' and '\r=1' arrive as '=1': white space around every text cell is trimmed.
  const FORMULAS = ['=1+1', '+SUM(A1:A9)', '-2+3', '@cmd', '=1', '=HYPERLINK("http://x","y")'];

  it('station and area names arrive as written (trimmed), never interpreted', async () => {
    const st = await importStations(await blobOf('injection-names.csv'), 'injection-names.csv');
    const names = st.cells.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([...FORMULAS, '<script>alert(1)</script>']));
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names).toContain('"><svg onload=1>');
    const b = await importBoundaries(
      await blobOf('injection-names.geojson'),
      'injection-names.geojson',
    );
    expect(b.areas.map((a) => a.name)).toEqual(
      expect.arrayContaining([...FORMULAS, '&lt;b&gt;', '<script>alert(1)</script>']),
    );
  });

  it('every formula-looking name is text in the CSV export; HTML stays plain text', async () => {
    const b = await importBoundaries(
      await blobOf('injection-names.geojson'),
      'injection-names.geojson',
    );
    const csv = toExcelCsv(
      ['code', 'name'],
      b.areas.map((a) => [a.code, a.name]),
    );
    const cells = csv
      .slice(1)
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.slice(l.indexOf(',') + 1));
    for (const cell of cells) {
      const value = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(value, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csv).toContain("'=1+1");
    expect(csv).toContain('<script>alert(1)</script>');
    // Untrimmed text (a tab or CR that Excel strips before a formula) is neutralised too.
    expect(toExcelCsv(['n'], [['\t=1'], ['\r=1']])).toBe('\ufeffn\r\n\'\t=1\r\n"\'\r=1"\r\n');
  });
});

describe('prototype keys never reach a prototype', () => {
  it('GeoJSON properties: loaded, the keys dropped, Object.prototype untouched', async () => {
    const r = await importBoundaries(await blobOf('proto-keys.geojson'), 'proto-keys.geojson');
    expect(r.areas.map((a) => a.name)).toEqual(['原型']);
    expect(r.fields.all).not.toContain('__proto__');
    expect(r.fields.all).not.toContain('constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('scenario JSON: edits built field by field, no key survives', async () => {
    const s = parseScenario(new TextDecoder().decode(await byName('scenario-proto.json').bytes()));
    expect(s.edits).toEqual([
      { op: 'add', station: { id: 'P1', lon: 97.1, lat: 33.1 } },
      { op: 'update', id: 'P1', set: { band: 'n28' } },
    ]);
    expect(Object.getPrototypeOf(s.params)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('scenario stations: every canonical column, by the station table’s rules', () => {
  it('site_id names the site; words and units read as in the table', async () => {
    const s = parseScenario(
      new TextDecoder().decode(await byName('scenario-site-id.json').bytes()),
    );
    const add = s.edits[0];
    expect(add).toMatchObject({
      op: 'add',
      station: {
        id: 'S1',
        operator: '中国移动',
        tech: 'NR',
        band: 'n28',
        redcap: true,
        height_m: 35,
        env: 'rma',
        status: 'planned',
        radius_m: 2000,
      },
    });
    expect((add as { station: { power_dbm: number } }).station.power_dbm).toBeCloseTo(43.01, 2);
    const applied = applyEdits([], s.edits);
    expect(applied.issues).toEqual([]);
    expect(applied.sites.map((x) => x.id)).toEqual(['S1']);
    const site = applied.sites[0];
    expect(site.cells.map((c) => c.azimuthDeg)).toEqual([0, 120, 240]);
    expect(site.cells.every((c) => c.status === 'existing' && c.radiusM === 3000)).toBe(true);
  });

  it('impossible values are refused at their JSON path with the limit', async () => {
    let e: unknown;
    try {
      parseScenario(new TextDecoder().decode(await byName('scenario-bad-values.json').bytes()));
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ScenarioFileError);
    const problems = (e as ScenarioFileError).problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^\$\.edits\[0\]\.station\.radius_m: .*limit of 100,000 m/),
      expect.stringMatching(/^\$\.edits\[1\]\.station: .*swapped/),
      expect.stringMatching(/^\$\.edits\[2\]\.station\.height_m: .*limit of 1,000 m/),
      expect.stringMatching(/^\$\.edits\[2\]\.station\.power_dbm: .*limit of 90 dBm/),
      expect.stringMatching(/^\$\.edits\[3\]\.station\.tech: a scenario site is NR or LTE/),
      expect.stringMatching(/^\$\.edits\[4\]\.set\.site_id: .*cannot be changed/),
    ]);
    expect(MAX_RADIUS_M).toBe(100_000);
  });

  it('a million edits parse and apply within seconds', { timeout: 60_000 }, async () => {
    const text = new TextDecoder().decode(await byName('scenario-million-edits.json').bytes());
    const t0 = performance.now();
    const s = parseScenario(text);
    const applied = applyEdits([], s.edits);
    const ms = performance.now() - t0;
    expect(applied.applied).toBe(1_000_000);
    expect(applied.sites).toHaveLength(1);
    expect(applied.sites[0].cells[0].powerDbm).toBe(49);
    expect(ms).toBeLessThan(20_000);
  });
});

describe('zip bombs are refused by their declared sizes, before inflating', () => {
  it('the XLSX bomb of the issue (sheet declaring 1.3 GB): no memory spent', async () => {
    const blob = await blobOf('xlsx-bomb-declared.xlsx');
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const e = await refusal(readFirstSheet(blob, 'bomb.xlsx'));
    const ms = performance.now() - t0;
    // 'zip-too-large' comes only from the central-directory check, which runs before
    // read-excel-file sees the file.
    expect(e.code).toBe('zip-too-large');
    expect(e.params).toMatchObject({ entry: 'xl/worksheets/sheet1.xml', limit: 1024 });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
    expect(ms).toBeLessThan(1000);
  });

  it('listZip refuses a ratio bomb without reading any entry', async () => {
    const bytes = await byName('shapefile-bomb.zip').bytes();
    const e = (() => {
      try {
        listZip(bytes, 'bomb.zip');
      } catch (x) {
        return x as ImportError;
      }
      return null;
    })();
    expect(e?.code).toBe('zip-bomb');
    expect(e?.message).toMatch(/counties\.dbf.*compression ratio of \d+:1/);
  });

  it('an entry never inflates past the size it declares', async () => {
    const kml = `<kml>${placemark('450802', 109)}</kml>`;
    const data = new TextEncoder().encode(kml + ' '.repeat(1 << 20));
    const [entry] = listZip(
      zipOf([{ name: 'doc.kml', data, declaredSize: kml.length }]),
      'lying.kmz',
    );
    const e = await refusal(entry.read());
    expect(e.code).toBe('zip-entry-mismatch');
    // An honest header inflates to exactly its bytes.
    const [ok] = listZip(zipOf([{ name: 'doc.kml', data }]), 'ok.kmz');
    expect((await ok.read()).length).toBe(data.length);
  });
});

describe('KML: entities are never expanded and nothing is fetched', () => {
  let server: Server;
  let hits = 0;
  let base = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('<!ENTITY x "pwned">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const kml = (doctype: string, body: string) =>
    new Blob([
      `<?xml version="1.0"?>\n${doctype}\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`,
    ]);

  it('external entities, parameter entities and external DTDs make no request', async () => {
    const e1 = await refusal(
      importBoundaries(
        kml(
          `<!DOCTYPE kml [<!ENTITY web SYSTEM "${base}/e">]>`,
          `<name>&web;</name>${placemark('450802', 109)}`,
        ),
        'web.kml',
      ),
    );
    expect(e1.code).toBe('xml-entities');
    const e2 = await refusal(
      importBoundaries(
        kml(`<!DOCTYPE kml [<!ENTITY % p SYSTEM "${base}/p"> %p;]>`, placemark('450802', 109)),
        'param.kml',
      ),
    );
    expect(e2.code).toBe('xml-entities');
    const dtd = await importBoundaries(
      kml(`<!DOCTYPE kml SYSTEM "${base}/kml.dtd">`, placemark('450802', 109)),
      'dtd.kml',
    );
    expect(dtd.areas).toHaveLength(1);
    // Give a request that was sent the time to arrive.
    await new Promise((r) => setTimeout(r, 200));
    expect(hits).toBe(0);
  });

  it('the file:// entity is refused without reading the file', async () => {
    const e = await refusal(importBoundaries(await blobOf('xxe-file.kml'), 'xxe-file.kml'));
    expect(e.message).not.toMatch(/root:/);
  });

  it('billion laughs is refused at once', async () => {
    const t0 = performance.now();
    await refusal(importBoundaries(await blobOf('billion-laughs.kml'), 'billion-laughs.kml'));
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('what the importers rely on', () => {
  it('JSON.parse itself survives 1,000,000-deep arrays and objects (V8 parses iteratively)', () => {
    const n = 1_000_000;
    expect(() => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`)).not.toThrow();
    expect(() => JSON.parse(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)).not.toThrow();
    // A reviver and JSON.stringify recurse instead: the importers use neither on imported values.
  });
});

describe('big and deep geometry loads right or is rejected alone', () => {
  it(
    'a 1,000,000-vertex polygon loads with the area of the same circle',
    { timeout: 90_000 },
    async () => {
      const r = await importBoundaries(
        await blobOf('million-vertices.geojson'),
        'million-vertices.geojson',
      );
      const coarse = turfArea({ type: 'Polygon', coordinates: [circleRing(3600)] }) / 1e6;
      expect(r.areas[0].areaKm2 / coarse).toBeCloseTo(1, 5);
    },
  );

  it('a hole inside its shell still counts: shell minus hole, never negative', async () => {
    const r = await importBoundaries(await blobOf('holes.geojson'), 'holes.geojson');
    const holed = r.areas.find((a) => a.code === '450802');
    const plain = r.areas.find((a) => a.code === '450806');
    expect(holed && plain).toBeTruthy();
    // 0.2° square minus a 0.05° square ≈ 15/16 of the 0.2° square (4 × the 0.1° one).
    expect((holed?.areaKm2 ?? 0) / (4 * (plain?.areaKm2 ?? 1))).toBeCloseTo(15 / 16, 2);
    for (const a of r.areas) expect(a.areaKm2).toBeGreaterThan(0);
  });
});
