/**
 * `npm run fuzz`: the fuzz properties of the CI suites, run longer and with a new seed each time.
 *
 *   npm run fuzz                          every property, a random seed, 10x the CI runs
 *   npm run fuzz -- --runs 2000           that many runs per property
 *   npm run fuzz -- --seed 123            replay a seed (add --path from a failure report to go straight to it)
 *   npm run fuzz -- --only generate       the properties whose name contains "generate"
 *   npm run fuzz -- --list                the properties and their CI runs
 *
 * Prints the seed first, then one line per property; a failure prints fast-check's report (seed,
 * path, the shrunk counterexample, the error) and the command that replays it. Exit 1 on failure.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import type { CheckEnv } from './checks';
import { domCheckEnv } from './dom';
import { CI_SEED, PROPERTIES } from './properties';

const USAGE = 'Usage: npm run fuzz -- [--seed N] [--runs N] [--path P] [--only TEXT] [--list]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        seed: { type: 'string' },
        runs: { type: 'string' },
        path: { type: 'string' },
        only: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const int = (s: string | undefined, what: string): number | undefined => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isSafeInteger(n)) throw new Error(`--${what} must be a whole number, not ${s}`);
    return n;
  };
  const seed = int(args.seed, 'seed') ?? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  const runs = int(args.runs, 'runs');
  const selected = PROPERTIES.filter((p) => !args.only || p.name.includes(args.only));
  if (args.list) {
    for (const p of PROPERTIES) process.stdout.write(`${String(p.ciRuns).padStart(5)}  ${p.name}\n`);
    process.stdout.write(`CI seed: ${CI_SEED}\n`);
    return 0;
  }
  if (selected.length === 0) {
    process.stderr.write(`No property matches "${args.only}"; see npm run fuzz -- --list\n`);
    return 2;
  }

  process.stdout.write(`fuzz seed ${seed}${runs ? `, ${runs} runs per property` : ', 10x the CI runs'}\n`);
  const env: CheckEnv = selected.some((p) => p.needsDom) ? await domCheckEnv() : {};
  let failed = 0;
  for (const p of selected) {
    const numRuns = runs ?? p.ciRuns * 10;
    const started = performance.now();
    const details = await fc.check(p.property(env), { seed, numRuns, ...(args.path ? { path: args.path } : {}) });
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (!details.failed) {
      process.stdout.write(`ok    ${p.name} (${details.numRuns} runs, ${secs} s)\n`);
      continue;
    }
    failed++;
    process.stdout.write(`FAIL  ${p.name} (${secs} s)\n`);
    process.stdout.write(`${fc.defaultReportMessage(details)}\n`);
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    process.stdout.write(`Error: ${error}\n`);
    process.stdout.write(`Replay: npm run fuzz -- --only '${p.name.slice(0, 40).split("'")[0]}' --seed ${details.seed} --path ${details.counterexamplePath} --runs ${numRuns}\n\n`);
  }
  process.stdout.write(failed ? `${failed} of ${selected.length} properties failed (seed ${seed})\n` : `all ${selected.length} properties hold (seed ${seed})\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
