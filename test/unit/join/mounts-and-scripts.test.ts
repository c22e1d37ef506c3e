// Decided at the join (src/core/workspace.ts): a write under /mnt counts unless every function the file belongs to
// mounts a file system there (#16); deploy and packaging scripts (src/core/fileRole.ts) have code findings only where
// a unit's code reaches them.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { isPackagingScript } from '../../../src/core/fileRole';
import { ensurePythonParser } from '../../../src/core/python/parser';

before(() => ensurePythonParser());

const scan = (files: Record<string, string>) => analyzeWorkspace(Object.entries(files).map(([file, text]) => ({ file, text })));
const ids = (r: ReturnType<typeof scan>, file: string) => r.findings.filter((f) => f.file === file).map((f) => f.ruleId);

const HANDLER = 'def handler(event, context):\n    with open("/mnt/data/out.json", "w") as f:\n        f.write("{}")\n';
const fn = (fs: string) =>
  `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  handler       = "app.handler"\n  runtime       = "python3.12"\n  filename      = "f.zip"\n${fs}}\n`;
const efs = (path: string) =>
  `  file_system_config {\n    arn              = "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1"\n    local_mount_path = "${path}"\n  }\n`;

describe('/mnt writes and EFS mounts', () => {
  it('EFS mounted at that path: no finding', () => {
    assert.deepEqual(ids(scan({ 'main.tf': fn(efs('/mnt/data')), 'app.py': HANDLER }), 'app.py'), []);
  });
  it('EFS mounted elsewhere: a local-disk write', () => {
    assert.deepEqual(ids(scan({ 'main.tf': fn(efs('/mnt/other')), 'app.py': HANDLER }), 'app.py'), ['python/local-disk-write']);
  });
  it('a mount path that only shares a prefix (/mnt/dat) does not cover /mnt/data', () => {
    assert.deepEqual(ids(scan({ 'main.tf': fn(efs('/mnt/dat')), 'app.py': HANDLER }), 'app.py'), ['python/local-disk-write']);
  });
  it('no file system: a local-disk write', () => {
    assert.deepEqual(ids(scan({ 'main.tf': fn(''), 'app.py': HANDLER }), 'app.py'), ['python/local-disk-write']);
  });
  it('code no unit reaches: silent (nothing says whether a file system is mounted there)', () => {
    assert.deepEqual(ids(scan({ 'lib/app.py': HANDLER }), 'lib/app.py'), []);
  });
  it("a workload's code writing under /mnt: kept for the move to Lambda (EFS must be mounted there)", () => {
    const r = scan({
      'k8s/w.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n        - name: w\n          image: acme/w:1\n',
      'w/Dockerfile': 'FROM python:3.12\nCMD ["python", "app.py"]\n',
      'w/app.py': HANDLER,
    });
    assert.deepEqual(ids(r, 'w/app.py'), ['python/local-disk-write']);
  });
});

describe('deploy and packaging scripts', () => {
  const table: [string, boolean][] = [
    ['scripts/deploy.py', true],
    ['setup.py', true],
    ['noxfile.py', true],
    ['tools/build_layer.py', true],
    ['package-lambda.js', true],
    ['webpack.config.js', true],
    ['release.py', true],
    ['scripts/destroy.py', true],
    ['teardown_stack.py', true],
    ['create-layer/index.js', true],
    ['tools/build_layers/pack.py', true],
    ['src/handlers/nightly-cleanup.ts', false],
    ['layers/shared/python/util.py', false],
    ['src/create_order/app.py', false],
    ['seed-data/make-data.py', true],
    ['scripts/seed_table.py', true],
    ['src/seeds/handler.py', false],
    ['src/populate_cache.py', true],
    ['deployment_handler.py', false],
    ['src/builder.py', false],
    ['app/packages.py', false],
    ['handler.py', false],
    ['tasks.py', false],
    ['frontend/scripts/fetchconfig.js', true],
    ['scripts/worker.py', true],
    ['src/scripts.py', false],
    ['src/transcripts/handler.js', false],
    ['tools/generate_manifest_schema.py', true],
    ['sqs-lambda-ddb-cdk-ts/test-scripts/push-sqs-messages.js', true],
    ['hack/update-codegen.py', true],
    ['loadtest/locustfile.py', true],
    ['src/toolsets/agent.py', false],
    ['src/hackathon/app.py', false],
    ['agent/tools.py', false],
  ];
  for (const [file, want] of table) it(`${file}: ${want ? 'a script' : 'code'}`, () => assert.equal(isPackagingScript(file), want));

  const DEPLOY =
    'import subprocess, threading\ndef upload():\n    with open("build/out.zip", "wb") as f:\n        f.write(b"")\nthreading.Thread(target=upload).start()\n';
  it('a deploy script no unit reaches: no findings', () => {
    assert.deepEqual(ids(scan({ 'scripts/deploy.py': DEPLOY }), 'scripts/deploy.py'), []);
  });
  it('the same code in an ordinary module keeps its findings', () => {
    assert.ok(ids(scan({ 'workers/worker.py': DEPLOY }), 'workers/worker.py').length > 0);
  });
  it("a project's scripts/ folder holds its tools (a frontend's `node scripts/fetchconfig.js`): no findings unless a unit reaches them", () => {
    const tool =
      "const AWS = require('aws-sdk');\nconst output = [];\nasync function main() {\n  output.push(await new AWS.CloudFormation().describeStacks().promise());\n}\nmain();\n";
    assert.deepEqual(ids(scan({ 'frontend/scripts/fetchconfig.js': tool }), 'frontend/scripts/fetchconfig.js'), []);
    assert.ok(ids(scan({ 'frontend/src/fetchconfig.js': tool }), 'frontend/src/fetchconfig.js').length > 0);
  });
  it('a handler that lives in build.py is reached by its function: findings kept', () => {
    const r = scan({ 'main.tf': fn('').replace('app.handler', 'build.handler'), 'build.py': DEPLOY + '\ndef handler(event, context):\n    upload()\n' });
    assert.ok(ids(r, 'build.py').includes('python/local-disk-write'), JSON.stringify(r.findings.map((f) => f.ruleId)));
  });
});
