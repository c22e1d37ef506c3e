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
// One parse state for the document, as src/extension/diagnostics.ts keeps per open document.
const state = {};
core.analyzeFile(text0, 'src/handlers/big.ts', {}, undefined, state);
const first = performance.now() - t0;
let text = text0;
const lat = [];
const edits = ['  const extra = 1;\n', '  // note\n', '  setTimeout(() => undefined, 10);\n', '  logger.info("x");\n'];
// Edits keep the file valid, as most keystroke batches do: a statement is inserted before a one-line statement inside
// a function body, and every fifth edit removes a statement an earlier edit inserted. A file that stopped parsing would
// be measured on the parser's early exit instead (an earlier version of this script removed arbitrary lines, broke
// the file after ~30 edits and reported the error path), so every analysis is checked for a parse error.
const inserted = [];
let incremental = 0;
for (let i = 0; i < 200; i++) {
  const lines = text.split('\n');
  if (i % 5 === 4 && inserted.length) {
    const at = lines.indexOf(inserted.pop());
    if (at >= 0) lines.splice(at, 1);
  } else {
    let at = 1 + Math.floor(rand() * (lines.length - 2));
    while (at < lines.length - 2 && !/^ {2}(const|let|logger|item|return)\b.*;$/.test(lines[at])) at++;
    const line = `${edits[i % edits.length].trimEnd()} // edit ${i}`;
    lines.splice(at, 0, line);
    inserted.push(line);
  }
  text = lines.join('\n');
  const s = performance.now();
  const r = core.analyzeFile(text, 'src/handlers/big.ts', {}, undefined, state);
  lat.push(performance.now() - s);
  if (state.last === 'incremental') incremental++;
  if (!r || r.kind !== 'typescript') throw new Error('unexpected analysis');
  const broken = r.findings.find((f) => f.ruleId === 'core/parse-error');
  if (broken) throw new Error(`edit ${i} broke the file: ${broken.message}`);
}
process.stdout.write(JSON.stringify({ lines: text0.split('\n').length, first, lat, incremental }));
