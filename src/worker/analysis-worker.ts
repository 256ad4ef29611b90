import * as Comlink from 'comlink';
import { analysisApi } from './analysis-api';
import { demoApi } from './demo-api';
import { importApi } from './import-api';
import { scenarioApi } from './scenario-api';
import { profileApi } from './profile-api';
import { searchApi } from './search-api';

// The analysis worker owns every loaded row. The page receives snapshots and results:
// summaries and flat typed arrays, transferred rather than copied. Each API module owns
// one concern; they share the workspace in worker-state.ts.

const api = {
  ...demoApi,
  ...importApi,
  ...analysisApi,
  ...scenarioApi,
  ...searchApi,
  ...profileApi,
};

export type WorkerApi = typeof api;

Comlink.expose(api);
