import type { StateCreator } from 'zustand';
import type { CrsId } from '../core/crs';
import type { DatasetKind, DatasetSummary } from '../worker/protocol';
import type { Language } from '../i18n';
import type { AppState } from './store';

export interface ImportJob {
  id: string;
  kind: DatasetKind;
  fileName: string;
  fraction: number;
  rows: number;
}

/** The last import's outcome, shown until dismissed. */
export type ImportNotice =
  | { status: 'ok'; dataset: DatasetSummary; removed?: DatasetSummary[] }
  | {
      status: 'failed';
      fileName: string;
      code: string;
      params: Record<string, string | number>;
      message: string;
    }
  | { status: 'cancelled'; fileName: string };

/** The area selected in the table or on the map (its row is highlighted, its detail shown). */
export interface AreaSelection {
  level: 'county' | 'township';
  code: string;
}

/** A request to move the map: a WGS-84 box to fit; `seq` makes a repeat request new. */
export interface MapFocus {
  bbox: [number, number, number, number];
  seq: number;
}

const PANEL_WIDTH_KEY = 'sailplan.sidePanelWidth';
export const PANEL_MIN_WIDTH = 360;

/** The side panel's width range in this window: the map keeps at least 360 px. */
export function panelWidthRange(windowWidth: number): { min: number; max: number } {
  return {
    min: PANEL_MIN_WIDTH,
    max: Math.max(PANEL_MIN_WIDTH, Math.min(1100, windowWidth - 360)),
  };
}

export function clampPanelWidth(w: number, windowWidth: number): number {
  const { min, max } = panelWidthRange(windowWidth);
  return Math.round(Math.min(max, Math.max(min, w)));
}

/** The width the user last dragged the panel to, else 40% of the window (420–640 px). */
export function loadPanelWidth(windowWidth: number): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(PANEL_WIDTH_KEY));
    if (Number.isFinite(v) && v > 0) return clampPanelWidth(v, windowWidth);
  } catch {
    // Storage unavailable: the default width.
  }
  return clampPanelWidth(Math.min(640, Math.max(420, windowWidth * 0.4)), windowWidth);
}

function savePanelWidth(w: number): void {
  try {
    globalThis.localStorage?.setItem(PANEL_WIDTH_KEY, String(w));
  } catch {
    // Private mode or a full quota: the width still applies for this session.
  }
}

export interface UiSlice {
  language: Language;
  loading: boolean;
  loadError: string | null;
  importCrs: CrsId;
  job: ImportJob | null;
  notice: ImportNotice | null;
  selection: AreaSelection | null;
  focus: MapFocus | null;
  /** CSS pixels; remembered in localStorage once the user drags it. */
  sidePanelWidth: number;
  setSidePanelWidth: (w: number, persist?: boolean) => void;
  setLanguage: (l: Language) => void;
  setImportCrs: (c: CrsId) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  language: 'zh-CN',
  loading: true,
  loadError: null,
  importCrs: 'WGS84',
  job: null,
  notice: null,
  selection: null,
  focus: null,
  sidePanelWidth: loadPanelWidth(globalThis.innerWidth ?? 1400),
  setSidePanelWidth: (w, persist = true) => {
    const width = clampPanelWidth(w, globalThis.innerWidth ?? 1400);
    if (persist) savePanelWidth(width);
    set({ sidePanelWidth: width });
  },
  setLanguage: (language) => set({ language }),
  setImportCrs: (importCrs) => set({ importCrs }),
});
