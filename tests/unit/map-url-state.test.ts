import { describe, expect, it } from 'vitest';
import { formatView, parseSelection, parseView, readUrlState } from '../../src/store/url-state';
import { isTileUrlTemplate, loadBasemapSettings } from '../../src/store/map-slice';

describe('map state in the URL', () => {
  it('reads lang, view and selection together', () => {
    const s = readUrlState('?lang=en&view=97.00850,33.00440,9.50&sel=township%3A632701100');
    expect(s).toEqual({
      lang: 'en',
      view: { lon: 97.0085, lat: 33.0044, zoom: 9.5 },
      selection: { level: 'township', code: '632701100' },
    });
    expect(readUrlState('')).toEqual({ lang: 'zh-CN', view: null, selection: null });
  });

  it('a formatted view parses back to itself', () => {
    const v = { lon: 97.123456, lat: 33.654321, zoom: 7.25 };
    const back = parseView(formatView(v));
    expect(back?.lon).toBeCloseTo(v.lon, 5);
    expect(back?.lat).toBeCloseTo(v.lat, 5);
    expect(back?.zoom).toBeCloseTo(v.zoom, 2);
  });

  it('ignores malformed or out-of-range values instead of trusting them', () => {
    for (const bad of ['1,2', 'a,b,c', '200,30,5', '100,89,5', '100,30,-1', '100,30,30', '']) {
      expect(parseView(bad), bad).toBeNull();
    }
    for (const bad of ['county', 'city:632701', 'county:12', 'county:<b>1</b>', '']) {
      expect(parseSelection(bad), bad).toBeNull();
    }
    expect(parseSelection('county:632701')).toEqual({ level: 'county', code: '632701' });
  });
});

describe('basemap settings', () => {
  it('accepts only http(s) XYZ templates', () => {
    expect(isTileUrlTemplate('https://t.example.com/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileUrlTemplate('http://t.example.com/tile?x={x}&y={y}&z={z}')).toBe(true);
    expect(isTileUrlTemplate('https://t.example.com/{z}/{x}.png')).toBe(false);
    expect(isTileUrlTemplate('javascript:alert(1)//{z}{x}{y}')).toBe(false);
    expect(isTileUrlTemplate('file:///tiles/{z}/{x}/{y}.png')).toBe(false);
  });

  it('defaults to the offline basemap when nothing is stored', () => {
    expect(loadBasemapSettings()).toEqual({ tileUrl: '', crs: 'WGS84' });
  });
});
