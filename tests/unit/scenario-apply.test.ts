import { describe, expect, it } from 'vitest';
import { applyEdits, stationToSite, updateSite } from '../../src/core/scenario/apply';
import {
  addEdit,
  moveEdit,
  removeEdit,
  setEdit,
  stationsHash,
  upgradeAreaEdits,
  upgradeEdit,
} from '../../src/core/scenario/edits';
import { at, baselineSites, COUNTIES } from './scenario-fixture';

describe('applying scenario edits to a baseline (pure)', () => {
  it('adds, moves, removes and re-parameterises sites without touching the baseline', async () => {
    const base = await baselineSites();
    const frozen = JSON.stringify(base);
    const [lon, lat] = at(0, 0);
    const r = applyEdits(base, [
      addEdit({ id: 'N1', lon, lat, band: 'N78', azimuth: [0, 120, 240], redcap: true }),
      moveEdit('A2', lon, lat),
      removeEdit('B1'),
      setEdit('A3', { power_dbm: 40, height_m: 45, band: 'n28' }),
    ]);
    expect(JSON.stringify(base)).toBe(frozen);
    expect(r.issues).toEqual([]);
    expect(r.applied).toBe(4);
    const byId = new Map(r.sites.map((s) => [s.id, s]));
    expect(byId.has('B1')).toBe(false);
    expect(r.sites.at(-1)!.id).toBe('N1');
    const n1 = byId.get('N1')!;
    expect(n1.cells.map((c) => c.azimuthDeg)).toEqual([0, 120, 240]);
    expect(n1.cells.every((c) => c.band === 'n78' && c.redcap && c.status === 'planned')).toBe(
      true,
    );
    expect(n1.is5g && n1.isRedcap).toBe(true);
    expect(byId.get('A2')!.position).toEqual([lon, lat]);
    expect(byId.get('A2')!.cells[0].position).toEqual([lon, lat]);
    const a3 = byId.get('A3')!.cells[0];
    expect([a3.powerDbm, a3.heightM, a3.band]).toEqual([40, 45, 'n28']);
  });

  it('reports edits of unknown sites and duplicate ids, and applies the rest', async () => {
    const base = await baselineSites();
    const [lon, lat] = at(1, 1);
    const r = applyEdits(base, [
      removeEdit('nope'),
      addEdit({ id: 'A1', lon, lat }),
      upgradeEdit('A2'),
    ]);
    expect(r.issues.map((i) => [i.index, i.reason, i.id])).toEqual([
      [0, 'unknown-site', 'nope'],
      [1, 'duplicate-id', 'A1'],
    ]);
    expect(r.applied).toBe(1);
    expect(r.sites.find((s) => s.id === 'A2')!.isRedcap).toBe(true);
  });

  it('co-location puts NR beside the LTE cells; azimuth turns a sectored site', async () => {
    const base = await baselineSites();
    const l1 = base.find((s) => s.id === 'L1')!;
    expect(l1.is5g).toBe(false);
    const co = updateSite(l1, { tech: 'NR', band: 'n41', redcap: true });
    expect(co.is5g && co.isRedcap && co.hasLte).toBe(true);
    expect(co.cells.filter((c) => c.tech === 'NR').map((c) => c.band)).toEqual(['n41']);
    const three = stationToSite({ id: 'S', lon: 106.5, lat: 29.5, azimuth: [10, 130, 250] });
    const turned = updateSite(three, { azimuth: 40 });
    expect(turned.cells.map((c) => c.azimuthDeg)).toEqual([40, 160, 280]);
    expect(updateSite(three, { azimuth: [0, 180] }).cells.map((c) => c.azimuthDeg)).toEqual([
      0, 180,
    ]);
    expect(updateSite(co, { tech: 'LTE' }).is5g).toBe(false);
  });

  it('upgrades every non-RedCap NR site inside an area at once', async () => {
    const base = await baselineSites();
    const west = upgradeAreaEdits(base, COUNTIES[0].geometry);
    // A1 is RedCap already, L1 is LTE-only: A2 and A3 remain.
    expect(west).toEqual([upgradeEdit('A2'), upgradeEdit('A3')]);
    const east = upgradeAreaEdits(base, COUNTIES[1].geometry);
    expect(east).toEqual([upgradeEdit('B1')]);
  });

  it('hashes the station set by content, not by order', async () => {
    const base = await baselineSites();
    const h = stationsHash(base);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(stationsHash([...base].reverse())).toBe(h);
    const moved = applyEdits(base, [moveEdit('A1', 106.4, 29.4)]).sites;
    expect(stationsHash(moved)).not.toBe(h);
  });
});
