#!/usr/bin/env node
// The `sailplan` command. The CLI is TypeScript run through tsx's loader (a dependency of
// the repository), registered here so the command works from any directory, with no build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main();
