import type { StateCreator } from 'zustand';
import type { DemoPlan } from '../worker/demo-plan';
import type { WorkspaceSnapshot } from '../worker/protocol';
import type { AppState } from './store';

/** The worker owns the rows; the store holds the snapshot it sends back (flat arrays, summaries). */
export interface DataSlice {
  snapshot: WorkspaceSnapshot | null;
  /** Bumped on each new snapshot so map sources can diff cheaply. */
  snapshotVersion: number;
  setSnapshot: (s: WorkspaceSnapshot) => void;
  /** The demo question of the running import, while it waits for the user's answer. */
  demoQuestion: DemoPlan | null;
  /** Demo datasets the user chose to keep alongside their own data: not asked about again. */
  demoKept: string[];
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  snapshot: null,
  snapshotVersion: 0,
  setSnapshot: (snapshot) => set((st) => ({ snapshot, snapshotVersion: st.snapshotVersion + 1 })),
  demoQuestion: null,
  demoKept: [],
});
