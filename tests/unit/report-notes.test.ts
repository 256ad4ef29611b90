import { describe, expect, it } from 'vitest';
import { validity, type PathLossGeometry } from '../../src/core/model/pathloss-38901';
import { isoLocal, localDateText, localTimeText } from '../../src/io/export-time';
import { groupNotes, noteText, reportNotes } from '../../src/io/report-notes';

const uma = (hBsM: number): PathLossGeometry => ({
  scenario: 'uma',
  condition: 'nlos',
  fcGHz: 3.5,
  hBsM,
  hUtM: 1.5,
  buildingHeightM: 5,
  streetWidthM: 20,
});
const rma = (over: Partial<PathLossGeometry>): PathLossGeometry => ({
  scenario: 'rma',
  condition: 'nlos',
  fcGHz: 3.5,
  hBsM: 35,
  hUtM: 1.5,
  buildingHeightM: 5,
  streetWidthM: 20,
  ...over,
});

describe('model notes: grouped and translated', () => {
  it('a note repeated per antenna height appears once, with the heights', () => {
    // The engine's own texts, one per height, several times each (one per site).
    const heights = [20, 21, 22, 23, 24, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35];
    const notes = heights.flatMap((h) => [
      ...validity(uma(h), 500).notes,
      ...validity(uma(h), 800).notes,
    ]);
    expect(notes).toHaveLength(30);
    const en = reportNotes(notes, 'en');
    expect(en).toEqual([
      'UMa: h_BS = 20–24, 26–35 m (15 values) differs from the nominal 25 m of the fit',
    ]);
    const zh = reportNotes(notes, 'zh-CN');
    expect(zh).toHaveLength(1);
    expect(zh[0]).toBe(
      'UMa：基站天线高度 h_BS = 20–24、26–35 m（共 15 个值），与模型拟合所用的标称高度 25 m 不同',
    );
  });

  it('one value reads exactly as the engine wrote it in English', () => {
    const [note] = validity(uma(30), 500).notes;
    expect(reportNotes([note, note, note], 'en')).toEqual([note]);
  });

  it('every note the 38.901 validity check writes has a translation', () => {
    const cases: [PathLossGeometry, number][] = [
      [rma({ fcGHz: 40 }), 500],
      [rma({}), 2],
      [rma({}), 20_000],
      [rma({ hUtM: 20 }), 500],
      [rma({ hBsM: 200 }), 500],
      [rma({ hBsM: 10, hUtM: 10 }), 500],
      [rma({ buildingHeightM: 60 }), 500],
      [rma({ streetWidthM: 2 }), 500],
      [uma(30), 500],
    ];
    const notes = cases.flatMap(([g, d]) => validity(g, d).notes);
    expect(notes.length).toBeGreaterThanOrEqual(cases.length);
    for (const g of groupNotes(notes)) {
      expect(g.pattern, g.parts.text).toBeGreaterThanOrEqual(0);
      expect(noteText(g, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
    // The distances below the range are listed, not repeated.
    const below = reportNotes(
      [rma({}), rma({})].flatMap((g, i) => validity(g, 2 + i).notes),
      'en',
    ).filter((n) => n.includes('below'));
    expect(below).toEqual(['RMa: d2D = 2, 3 m (2 values) below 10 m (evaluated at 10 m)']);
  });

  it('the other engine notes translate too; an unknown note stays as written, once', () => {
    const notes = [
      'radius capped at maxRadiusM = 30000 m',
      'band n258 has no preset: n78 assumed',
      'band (none) has no preset: n78 assumed',
      'n41: 90 MHz at 15 kHz is not in TS 38.101-1 Table 5.3.2-1; N_RB approximated',
      'county-town zone: 2 counties have townships but no 街道 and no known seat; continuity not checked there',
      'something new from another part',
      'something new from another part',
    ];
    const zh = reportNotes(notes, 'zh-CN');
    expect(zh).toEqual([
      '覆盖半径达到上限 maxRadiusM = 30000 m，按上限截断',
      '频段 (none)、n258（共 2 个值） 无预设参数：按 n78 计算',
      'n41：90 MHz 带宽、15 kHz 子载波间隔不在 TS 38.101-1 表 5.3.2-1 中，资源块数 N_RB 为近似值',
      '县城区域：2 个区县有乡镇边界，但既无街道也无已知驻地，未核查其连续覆盖',
      'something new from another part',
    ]);
    expect(reportNotes(notes, 'en')[3]).toBe(notes[4]);
  });

  it('many values: the lowest, an ellipsis, the highest, and the count', () => {
    const notes = Array.from(
      { length: 40 },
      (_, i) => `UMa: h_BS = ${10 + 2 * i} m differs from the nominal 25 m of the fit`,
    );
    const [en] = reportNotes(notes, 'en');
    expect(en).toContain('h_BS = 10, 12,');
    expect(en).toContain('…, 88 m (40 values)');
  });
});

describe('report time: local with its zone', () => {
  it('machine stamps are ISO-8601 with the local offset and parse to the same instant', () => {
    const d = new Date(Date.UTC(2026, 11, 7, 23, 31, 5, 120));
    expect(isoLocal(d, -480)).toBe('2026-12-08T07:31:05.120+08:00');
    expect(isoLocal(d, 0)).toBe('2026-12-07T23:31:05.120+00:00');
    expect(isoLocal(d, 330)).toBe('2026-12-07T18:01:05.120-05:30');
    for (const off of [-480, 0, 330]) expect(Date.parse(isoLocal(d, off))).toBe(d.getTime());
    // By default, the machine's own zone.
    expect(Date.parse(isoLocal(d))).toBe(d.getTime());
  });

  it('people read the wall clock of the stamp with its zone', () => {
    expect(localTimeText('2026-12-08T07:31:05.120+08:00', 'zh-CN')).toBe(
      '2026-12-08 07:31（UTC+08:00）',
    );
    expect(localTimeText('2026-12-08T07:31:05+0800', 'en')).toBe('2026-12-08 07:31 (UTC+08:00)');
    expect(localTimeText('2026-12-07T23:31:05.120Z', 'en')).toBe('2026-12-07 23:31 (UTC+00:00)');
    expect(localTimeText('not a time', 'en')).toBe('not a time');
    expect(localDateText('2026-12-08T01:00:00+08:00')).toBe('2026-12-08');
  });
});
