import { area as turfArea, distance } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84, wgs84 } from '../../src/core/crs';
import {
  canonicalAdminCode,
  detectFields,
  detectLevel,
  townshipKind,
} from '../../src/io/admin-codes';
import { validateBoundaryGeometry } from '../../src/io/geometry-validate';

const PROVINCES = ['11', '13', '32', '44', '45', '54', '63', '65'];
const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const county = fc
  .tuple(fc.constantFrom(...PROVINCES), digits(2), fc.integer({ min: 1, max: 99 }))
  .map(([p, c, n]) => `${p}${c}${String(n).padStart(2, '0')}`);
const township = fc
  .tuple(county, fc.integer({ min: 1, max: 599 }))
  .map(([c, n]) => `${c}${String(n).padStart(3, '0')}`);
const cjk = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 1, maxLength: 4 })
  .map((cs) => String.fromCodePoint(...cs))
  // Keep the generated stem from ending in a suffix that decides the kind itself.
  .filter((s) => !/(街道|街道办|办事处|镇|乡|苏木)$/.test(s));

describe('admin codes (property)', () => {
  it('12-digit township codes cut to their 9-digit township; canonical codes are fixed points', () => {
    fc.assert(
      fc.property(township, digits(3), (t, village) => {
        expect(canonicalAdminCode(`${t}${village}`)).toBe(t);
        expect(canonicalAdminCode(t)).toBe(t);
        expect(canonicalAdminCode(canonicalAdminCode(`${t}${village}`))).toBe(t);
      }),
    );
  });

  it('all-zero tails name the county; numbers and padded strings are accepted', () => {
    fc.assert(
      fc.property(county, (c) => {
        expect(canonicalAdminCode(`${c}000000`)).toBe(c);
        expect(canonicalAdminCode(`${c}000`)).toBe(c);
        expect(canonicalAdminCode(Number(c))).toBe(c);
        expect(canonicalAdminCode(` ${c} `)).toBe(c);
      }),
    );
  });

  it('rejects wrong lengths and unknown province prefixes', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const c = canonicalAdminCode(s);
        if (c !== null)
          expect(c).toMatch(/^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{4}(\d{3})?$/);
      }),
    );
    expect(canonicalAdminCode('1234567')).toBeNull();
    expect(canonicalAdminCode('990101')).toBeNull();
    expect(canonicalAdminCode(450802.5)).toBeNull();
  });

  it('township kind comes from the name suffix', () => {
    const cases: [string, string][] = [
      ['街道', 'subdistrict'],
      ['街道办事处', 'subdistrict'],
      ['办事处', 'subdistrict'],
      ['镇', 'town'],
      ['乡', 'township'],
      ['民族乡', 'township'],
      ['苏木', 'township'],
      ['农场', 'other'],
      ['', 'other'],
    ];
    fc.assert(
      fc.property(cjk, fc.constantFrom(...cases), fc.boolean(), (stem, [suffix, kind], note) => {
        const name = `${stem}${suffix}${note ? '（原某乡）' : ''}`;
        expect(townshipKind(name)).toBe(kind);
      }),
    );
  });

  it('finds the code column among others by its values, whatever it is called', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(township, { minLength: 5, maxLength: 30 }),
        fc.constantFrom('code', 'XZQDM', 'zz_unknown', '区划代码'),
        (codes, key) => {
          const props = codes.map((c, i) => ({
            objectid: i + 1,
            [key]: `${c}000`,
            county: c.slice(0, 6),
            名称: `某${i}镇`,
            area: 12.5 * (i + 1),
          }));
          const f = detectFields(props);
          expect(f.code).toBe(key);
          expect(f.name).toBe('名称');
          expect(detectLevel(codes)).toBe('township');
        },
      ),
    );
  });
});

describe('CRS round trips (property)', () => {
  const china = fc.tuple(
    fc.double({ min: 73.5, max: 134.8, noNaN: true }),
    fc.double({ min: 18.2, max: 53.5, noNaN: true }),
  );
  for (const crs of ['GCJ02', 'BD09'] as const) {
    it(`${crs}: toWgs84(fromWgs84(p)) is within 1 m of p across China`, () => {
      fc.assert(
        fc.property(china, ([lon, lat]) => {
          const p = wgs84(lon, lat);
          const back = toWgs84(fromWgs84(p, crs), crs);
          expect(distance([lon, lat], [back[0], back[1]]) * 1000).toBeLessThan(1);
        }),
        { numRuns: 500 },
      );
    });
  }
});

describe('geometry validation (property)', () => {
  // Star-shaped rings (vertices at increasing angles around a centre) are always simple.
  const star = fc
    .tuple(
      fc.double({ min: 75, max: 130, noNaN: true }),
      fc.double({ min: 20, max: 50, noNaN: true }),
      fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: 3, maxLength: 40 }),
      fc.integer({ min: 0, max: 39 }),
    )
    .map(([cx, cy, radii, rot]) => {
      const ring = radii.map((r, i) => {
        const t = (2 * Math.PI * i) / radii.length;
        return [cx + 0.1 * r * Math.cos(t), cy + 0.1 * r * Math.sin(t)];
      });
      const k = rot % ring.length;
      const open = [...ring.slice(k), ...ring.slice(0, k)];
      return open;
    });

  it('accepts simple polygons unchanged in area, open or closed, in either winding', () => {
    fc.assert(
      fc.property(star, fc.boolean(), fc.boolean(), (open, close, reverse) => {
        const pts = reverse ? [...open].reverse() : open;
        const ring = close ? [...pts, pts[0]] : pts;
        const r = validateBoundaryGeometry({ type: 'Polygon', coordinates: [ring] });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.notes.map((n) => n.code)).toEqual(close ? [] : ['ring-closed']);
        const expected = turfArea({ type: 'Polygon', coordinates: [[...open, open[0]]] });
        expect(turfArea(r.geometry)).toBeCloseTo(expected, -1);
      }),
      { numRuns: 300 },
    );
  });

  it('splits a figure-eight into two pieces whose areas add up to the lobes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        (w, h) => {
          // Lobes are triangles (0,0)-(w,h/2)... crossing at (w, h/2) of a 2w × h bow-tie.
          const x = 110;
          const y = 30;
          const bow = [
            [x, y],
            [x + 2 * w, y + h],
            [x + 2 * w, y],
            [x, y + h],
            [x, y],
          ];
          const r = validateBoundaryGeometry({ type: 'Polygon', coordinates: [bow] });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.geometry.type).toBe('MultiPolygon');
          const left = turfArea({
            type: 'Polygon',
            coordinates: [
              [
                [x, y],
                [x + w, y + h / 2],
                [x, y + h],
                [x, y],
              ],
            ],
          });
          const right = turfArea({
            type: 'Polygon',
            coordinates: [
              [
                [x + 2 * w, y],
                [x + 2 * w, y + h],
                [x + w, y + h / 2],
                [x + 2 * w, y],
              ],
            ],
          });
          expect(turfArea(r.geometry) / (left + right)).toBeCloseTo(1, 6);
        },
      ),
    );
  });
});
