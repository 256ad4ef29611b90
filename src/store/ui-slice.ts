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

export interface UiSlice {
  language: Language;
  loading: boolean;
  loadError: string | null;
  importCrs: CrsId;
  job: ImportJob | null;
  notice: ImportNotice | null;
  selection: AreaSelection | null;
  focus: MapFocus | null;
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
  setLanguage: (language) => set({ language }),
  setImportCrs: (importCrs) => set({ importCrs }),
});
