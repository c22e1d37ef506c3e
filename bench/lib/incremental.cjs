// Incremental latency: re-analyse one 3,000-line handler after each of 200 small edits with analyzeFile, as the
// extension does on every keystroke batch. Prints the latencies (ms), the first (cold) analysis apart.
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const core = require(path.resolve(__dirname, '../../dist/analyzer.js'));
const text0 = require('node:fs').readFileSync(process.argv[2], 'utf8');
const seed = 7;
let a = seed;
const rand = () => {
  a = (a * 1103515245 + 12345) % 2147483648;
  return a / 2147483648;
};
const t0 = performance.now();
core.analyzeFile(text0, 'src/handlers/big.ts', {});
const first = performance.now() - t0;
let text = text0;
const lat = [];
const edits = ['  const extra = 1;\n', '  // note\n', '  setTimeout(() => undefined, 10);\n', '  logger.info("x");\n'];
for (let i = 0; i < 200; i++) {
  const lines = text.split('\n');
  // Edits land inside function bodies (indented lines), as typing does; every fifth one removes a line instead.
  let at = 1 + Math.floor(rand() * (lines.length - 2));
  while (!lines[at].startsWith('  ') && at < lines.length - 2) at++;
  if (i % 5 === 4) lines.splice(at, 1);
  else lines.splice(at, 0, edits[i % edits.length].trimEnd());
  text = lines.join('\n');
  const s = performance.now();
  const r = core.analyzeFile(text, 'src/handlers/big.ts', {});
  lat.push(performance.now() - s);
  if (!r || r.kind !== 'typescript') throw new Error('unexpected analysis');
}
process.stdout.write(JSON.stringify({ lines: text0.split('\n').length, first, lat }));
