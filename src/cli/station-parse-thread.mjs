// Entry of a station-parsing worker thread (station-import-parallel.ts); registers tsx
// as analyze-thread.mjs does, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./station-parse-thread.ts');
