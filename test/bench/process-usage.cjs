// Preload for the CLI benchmark (cli-bench.ts): prints the process's peak resident memory (KB) and
// the CPU time it used (user + system, microseconds) when it exits, so that the bench can show
// CPU time beside wall time: on a shared machine the wall time also counts the waits for a core.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nPROCESS_USAGE ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
});
