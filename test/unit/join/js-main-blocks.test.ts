// JS `if (require.main === module)` blocks (#14): like Python's main blocks, what they run counts where an image starts
// the file, never for a Lambda handler module; a module with no handler whose main block starts a server is that
// service's program.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, analyzeText } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import type { AssessResult } from '../../../src/core/types';
import { joinAnalyses } from '../../../src/core/api';

function assess(files: Record<string, string>): AssessResult {
  const analyses = Object.entries(files)
    .map(([file, text]) => analyzeFile(text, file, { today: '2026-11-22' }, detectKind(file, text)))
    .filter((a) => a.kind !== 'unknown');
  return joinAnalyses({ analyses, files: Object.keys(files) });
}
const ids = (r: AssessResult, file: string) => r.findings.filter((f) => f.file === file).map((f) => `${f.ruleId}@${f.line}`);

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: acme/${name}:1\n`;
const WORKER = `const { poll } = require('./queue');
function loop() {
  poll();
}
if (require.main === module) {
  setInterval(loop, 1000);
}
module.exports = { loop };
`;
const SERVER = `const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('ok'));
if (require.main === module) {
  app.listen(process.env.PORT || 3000);
}
module.exports = app;
`;
const SAM = (handler: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: ${handler}\n      CodeUri: src/\n`;

describe('JS main-module blocks', () => {
  it("a worker image starts the file: its main block's timer counts for the workload", () => {
    const r = assess({
      'k8s/poller.yaml': deployment('poller'),
      'poller/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "worker.js"]\n',
      'poller/worker.js': WORKER,
      'poller/queue.js': 'exports.poll = () => 1;\n',
    });
    const f = r.findings.filter((x) => x.file === 'poller/worker.js' && x.ruleId === 'handler/background-work');
    assert.equal(f.length, 1, JSON.stringify(r.findings.map((x) => [x.ruleId, x.file, x.line])));
    assert.deepEqual([f[0].line, f[0].unit], [6, 'poller']);
  });
  it('the same module imported by a Lambda handler: the main block is local, nothing counts', () => {
    const r = assess({
      'template.yaml': SAM('app.handler'),
      'src/app.js': "const { loop } = require('./worker');\nexports.handler = async () => loop();\n",
      'src/worker.js': WORKER,
      'src/queue.js': 'exports.poll = () => 1;\n',
    });
    assert.deepEqual(ids(r, 'src/worker.js'), []);
  });
  it('a Lambda handler module with a local server in its main block: no listening-server finding', () => {
    const text = SERVER.replace('module.exports = app;', "const serverless = require('serverless-http');\nexports.handler = serverless(app);");
    const r = assess({ 'template.yaml': SAM('app.handler'), 'src/app.js': text });
    assert.deepEqual(
      ids(r, 'src/app.js').filter((x) => x.startsWith('handler/listening-server')),
      [],
    );
  });
  it("no handler, and its main block starts the server: the service's program (the finding stands)", () => {
    const r = assess({ 'web/server.js': SERVER });
    assert.deepEqual(
      ids(r, 'web/server.js').filter((x) => x.startsWith('handler/listening-server')),
      ['handler/listening-server@5'],
    );
  });
  it("a single file on its own: main blocks stay out of the editor's per-file findings (entry-only)", () => {
    assert.deepEqual(
      analyzeText(WORKER, 'lib/worker.js').map((f) => f.ruleId),
      [],
    );
  });
  it('code outside the main block is judged once, not twice', () => {
    const text = `setInterval(() => {}, 1000);\n${WORKER}`;
    const r = assess({ 'k8s/poller.yaml': deployment('poller'), 'poller/Dockerfile': 'FROM node:22\nCMD ["node", "worker.js"]\n', 'poller/worker.js': text });
    const lines = r.findings.filter((x) => x.file === 'poller/worker.js' && x.ruleId === 'handler/background-work').map((x) => x.line);
    assert.deepEqual(lines, [1, 7]);
  });
  it('an IS_OFFLINE guard is still local-only (only main-module checks change)', () => {
    const text = WORKER.replace('require.main === module', 'process.env.IS_OFFLINE');
    const r = assess({ 'k8s/poller.yaml': deployment('poller'), 'poller/Dockerfile': 'FROM node:22\nCMD ["node", "worker.js"]\n', 'poller/worker.js': text });
    assert.deepEqual(ids(r, 'poller/worker.js'), []);
  });
});
