// Place search: the ranking on its own, then over the demo as the worker loads it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PlaceIndex,
  mergePlaceHits,
  normalisePlaceText,
  type PlaceEntry,
} from '../../src/core/place-search';
import { loadDemoInto } from '../../src/worker/demo-load';
import { placeEntries } from '../../src/worker/search-api';
import { Workspace } from '../../src/worker/workspace';

const ROOT = path.resolve(import.meta.dirname, '../..');
const geoFile = (name: string): Blob => new Blob([readFileSync(path.join(ROOT, 'geo', name))]);

const entry = (
  kind: PlaceEntry['kind'],
  id: string,
  name: string,
  alt: string[] = [],
  weight = 0,
) => ({ kind, id, name, alt, lon: 0, lat: 0, bbox: null, weight }) satisfies PlaceEntry;

describe('PlaceIndex', () => {
  it('folds case, width, spaces and diacritics', () => {
    expect(normalisePlaceText('Ｘining  Shì')).toBe('xiningshi');
    expect(normalisePlaceText('玉树 市')).toBe('玉树市');
  });

  it('ranks exact, then prefix, then word prefix, then substring; areas before points', () => {
    const index = new PlaceIndex([
      entry('site', 'S1', '玉树市基站'),
      entry('county', '632701', '玉树市', ['632701']),
      entry('place', 'g1', 'New Yushu'),
      entry('place', 'g2', 'Yushu', [], 10),
      entry('township', '632701001', '结古街道', ['632701001']),
    ]);
    expect(index.search('玉树').map((h) => h.id)).toEqual(['632701', 'S1']);
    expect(index.search('yushu').map((h) => [h.id, h.quality])).toEqual([
      ['g2', 0],
      ['g1', 2],
    ]);
    // A code prefix finds the county and its townships, the county first.
    expect(index.search('632701').map((h) => h.id)).toEqual(['632701', '632701001']);
    expect(index.search('  ')).toEqual([]);
    expect(index.search('玉', 1)).toHaveLength(1);
  });

  it('merges lists from the worker and the page in one order', () => {
    const a = new PlaceIndex([entry('county', '1', 'Zaduo')]).search('za');
    const b = new PlaceIndex([entry('place', 'g', 'Za', [], 5)]).search('za');
    expect(mergePlaceHits([a, b]).map((h) => h.id)).toEqual(['g', '1']);
  });
});

describe('place entries of the demo workspace', () => {
  it('finds counties by name and code, townships without polygons, and sites by id', async () => {
    const ws = new Workspace();
    await loadDemoInto(ws, {
      counties: geoFile('yushu-counties.geojson'),
      population: geoFile('yushu-population.csv'),
      stations: geoFile('yushu-stations.csv'),
      townships: geoFile('yushu-townships.json'),
    });
    const entries = placeEntries(ws);
    const index = new PlaceIndex(entries);
    const zaduo = index.search('杂多')[0];
    expect(zaduo).toMatchObject({ kind: 'county', id: '632722', name: '杂多县' });
    expect(zaduo.bbox?.[0]).toBeLessThan(zaduo.lon);
    expect(index.search('632722')[0].id).toBe('632722');
    // 结古街道 has no polygon in the demo: it is found and goes to its county's box.
    const jiegu = index.search('结古')[0];
    expect(jiegu).toMatchObject({ kind: 'township', id: '632701001' });
    expect(jiegu.bbox).toEqual(index.search('玉树市')[0].bbox);
    const site = entries.find((e) => e.kind === 'site');
    expect(site).toBeDefined();
    expect(index.search(site!.id).some((h) => h.kind === 'site' && h.id === site!.id)).toBe(true);
    expect(entries.filter((e) => e.kind === 'site')).toHaveLength(706);
  });
});

describe('place entries of settlements', () => {
  it('a dataset carrying settlements is searched by name and village code', () => {
    // The settlement dataset kind is not in the workspace yet: any dataset with a list counts.
    const dataset = {
      kind: 'stations',
      sites: [],
      settlements: [
        {
          id: 'v1',
          name: '巴塘村',
          position: [97.1, 32.8],
          population: 420,
          households: null,
          kind: 'admin-village',
          code: '632701200201',
          synthetic: false,
          sourceRow: 1,
        },
      ],
    };
    const fake = {
      list: () => [dataset],
      activeAreas: () => [],
      activeTownships: () => [],
      townshipRecords: () => [],
      allSites: () => [],
    };
    const index = new PlaceIndex(placeEntries(fake as unknown as Workspace));
    expect(index.search('巴塘')[0]).toMatchObject({ kind: 'settlement', id: 'v1', lon: 97.1 });
    expect(index.search('632701200201')[0].id).toBe('v1');
  });
});
