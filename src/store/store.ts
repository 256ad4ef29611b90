import { create } from 'zustand';
import { createDataSlice, type DataSlice } from './data-slice';
import { createResultsSlice, type ResultsSlice } from './results-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createMapSlice, type MapSlice } from './map-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';

export type AppState = DataSlice & ResultsSlice & UiSlice & MapSlice & ScenarioSlice;

/** One store, slices combined once; actions live in actions.ts and work outside React. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createDataSlice(...a),
  ...createResultsSlice(...a),
  ...createUiSlice(...a),
  ...createMapSlice(...a),
  ...createScenarioSlice(...a),
}));
