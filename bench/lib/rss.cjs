// Preloaded into measured child processes (`node --require`): reports the process's peak resident set size and its
// CPU time (user + system, every thread: workers and the collector's helpers), to the file named by BENCH_RSS_FILE
// when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const u = process.resourceUsage();
  writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ rss: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
