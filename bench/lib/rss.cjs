// Preloaded into measured child processes (`node --require`): reports the process's peak resident set size,
// worker threads included, to the file named by BENCH_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
