// The cold first diagnostic: in a fresh process, load dist/analyzer.js and analyse one handler (what the editor does on
// the first file it opens), against `require('typescript')` alone in another fresh process. Usage:
// node cold.cjs analyzer|typescript [cacheDir]. With a cache folder, Node's compile cache (module.enableCompileCache,
// Node ≥ 22.1) is turned on first, as the extension host and CLI do where their Node offers it. Prints JSON.
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const Module = require('node:module');

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
const cache = cacheDir && typeof Module.enableCompileCache === 'function' ? Module.enableCompileCache(cacheDir) : undefined;
const t0 = performance.now();
let findings = 0;
if (what === 'typescript') require(path.join(repo, 'node_modules/typescript'));
else {
  const core = require(path.join(repo, 'dist/analyzer.js'));
  findings = core.analyzeText(handler, 'src/handler.ts').length;
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ what, ms, findings, compileCache: cache ? cache.status : 'unavailable' }));
