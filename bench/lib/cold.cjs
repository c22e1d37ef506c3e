// The cold first diagnostic: in a fresh process, load dist/analyzer.js and analyse one handler (what the editor does on
// the first file it opens), against `require('typescript')` alone in another fresh process. Usage:
//   node cold.cjs typescript
//   node cold.cjs analyzer [codeCacheDir]
// The analyser is loaded by the product's own loader (src/node/analyzer.ts, taken from dist/scanner.js) with its V8
// code cache in codeCacheDir: an empty folder is the true first run (the cache is written after the measurement, as
// the editor writes it after its first diagnostic), a folder a previous process wrote is the primed run, no folder is
// a plain require. Both kinds of process load dist/scanner.js before the clock starts (the host side, which in the
// editor is dist/extension.js, loaded at activation). Prints JSON.
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [what, cacheDir] = process.argv.slice(2);
const repo = path.resolve(__dirname, '../..');
const handler = `import http from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
let calls = 0;
export const handler = async (event, context) => {
  calls++;
  setInterval(() => {}, 1000);
  return { statusCode: 200, body: JSON.stringify({ calls, id: context.awsRequestId }) };
};
`;
const host = require(path.join(repo, 'dist/scanner.js'));
host.setCodeCacheDir(cacheDir || false);
const t0 = performance.now();
let findings = 0;
if (what === 'typescript') require(path.join(repo, 'node_modules/typescript'));
else findings = host.loadAnalyzer().analyzeText(handler, 'src/handler.ts').length;
const ms = performance.now() - t0;
let saveMs = 0;
if (what !== 'typescript') {
  const s0 = performance.now();
  const problem = host.saveAnalyzerCodeCache();
  if (problem) throw new Error(problem);
  saveMs = performance.now() - s0;
}
process.stdout.write(JSON.stringify({ what, ms, findings, codeCache: host.analyzerCodeCacheStatus() ?? 'none', saveMs }));
