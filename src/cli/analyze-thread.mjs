// Entry of an analysis worker thread (analyze-threads.ts). A worker is a fresh Node
// isolate that does not inherit the parent's TypeScript loader when the parent got it
// from tsx's API (bin/sailplan.mjs) or from vitest, so it registers tsx itself, as
// bin/sailplan.mjs does, and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-thread.ts');
