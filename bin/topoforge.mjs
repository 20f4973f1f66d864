#!/usr/bin/env node
// The `topoforge` command: runs the TypeScript CLI (generators/cli/main.ts) through tsx.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { run } = await import('../generators/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
