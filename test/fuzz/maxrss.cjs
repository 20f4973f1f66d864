// Preload for the hardening tests: prints the process's peak resident memory when it exits
// (process.resourceUsage().maxRSS, in kilobytes), so a test can bound the CLI's memory without /usr/bin/time.
process.on('exit', () => {
  process.stderr.write(`\nMAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
