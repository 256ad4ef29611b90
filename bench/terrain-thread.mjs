// Entry of a terrain benchmark worker thread (terrain.bench.ts): a worker does not inherit
// tsx's loader from `npm run bench`, so it registers tsx itself, as src/cli/analyze-thread.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./terrain-thread.ts');
