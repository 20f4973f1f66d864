#!/usr/bin/env node
// The `topoforge` command: runs the built CLI, dist/cli/topoforge.mjs (an esbuild bundle of
// generators/cli/main.ts and all it needs; scripts/build-cli.mjs, run by npm's `prepare` after
// `npm ci` and before `npm pack`). No TypeScript is compiled at run time.
//
// In a source checkout (generators/ beside bin/), the build is made or remade first when it is
// missing or older than a source, so that `npx topoforge` always runs the code in the tree. An
// installed package has no sources and skips this.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(`${root}generators/cli/main.ts`)) {
  /** Whether a source (as scripts/build-cli.mjs lists them) is newer than the build. */
  const stale = () => {
    let built;
    try {
      built = statSync(`${root}dist/cli/.built`).mtimeMs;
    } catch {
      return true;
    }
    const newer = (p) => {
      let st;
      try {
        st = statSync(p);
      } catch {
        return false;
      }
      if (!st.isDirectory()) return st.mtimeMs > built && !/\.test\.tsx?$/.test(p);
      return readdirSync(p).some((n) => n !== 'node_modules' && n !== 'dist' && !n.startsWith('.') && newer(`${p}/${n}`));
    };
    return ['generators', 'shared', 'assets/examples', 'assets/template', 'package.json', 'scripts/build-cli.mjs'].some((p) => newer(root + p));
  };
  if (stale()) {
    try {
      const { buildCli } = await import(new URL('../scripts/build-cli.mjs', import.meta.url).href);
      await buildCli({ quiet: true });
    } catch (e) {
      const missing = e && e.code === 'ERR_MODULE_NOT_FOUND';
      process.stderr.write(
        missing
          ? 'topoforge: the command is not built and esbuild is not installed; run `npm ci` (or `npm run build:cli`) first.\n'
          : `topoforge: could not build the command: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`,
      );
      process.exit(3);
    }
  }
}
const { run } = await import(new URL('../dist/cli/topoforge.mjs', import.meta.url).href);
process.exitCode = await run(process.argv.slice(2));
