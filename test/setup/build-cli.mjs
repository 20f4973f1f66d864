// Vitest global setup: builds the `topoforge` command (dist/cli/) once before the tests, when a
// source is newer than the build, so that the tests spawning bin/topoforge.mjs run the code in
// the tree and no two of them build it at the same time.
import { buildCli, isStale } from '../../scripts/build-cli.mjs';

export default async function setup() {
  if (isStale()) await buildCli({ quiet: true });
}
