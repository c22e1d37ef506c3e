// Canary credentials under innocent names in every source format; none may come out of any surface: every assess
// format (the built CLI, as users run it), every conversion layout, the analysis cache on disk.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
// No folder or file name may contain the marker: the test greps for it.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ls-secrets-'));
const ws = path.join(tmp, 'ws');
const cacheDir = path.join(tmp, 'cache');
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Every fake credential contains "canary" (any case) or is listed here. */
const LEAK = /canary|Q2FuYXJ5RGF0YTg/i;
/** base64 of the Kubernetes Secret `data` value. */
const K8S_DATA = Buffer.from('CanaryData8').toString('base64');

const FILES: Record<string, string> = {
  'sam/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment:
      Variables:
        AMQP: amqp://guest:CanaryGlobal1@mq:5672/
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: .
      Timeout: 30
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
      Environment:
        Variables:
          LOG_LEVEL: debug
          TABLE_NAME: orders
          DATABASE_URL: postgres://app:CanarySamPw2@db.internal:5432/orders
          UPSTREAM_ID: AKIACANARY0000000001
          STRIPE_KEY: sk_live_CanaryStripe0123456789
          DB_PASS: CanarySamDbPass3
`,
  'sam/app.js': `const { Pool } = require('pg');
const pool = new Pool({ connectionString: 'postgres://app:CanaryCodePw4@db/orders', max: 20 });
exports.handler = async () => pool.query('select 1');
`,
  'cfn/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ExportFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/export
      Code: { ZipFile: "def handler(e, c): pass" }
      Environment:
        Variables:
          SESSION: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.CanaryJwtSig0123456
          NOTIFY: xoxb-1234567890-CanarySlack5-abcdef
          BUILD_SHA: da39a3ee5e6b4b0d3255bfef95601890afd80709
`,
  'sls/serverless.yml': `service: billing
provider:
  name: aws
  runtime: nodejs22.x
  environment:
    REDIS_URL: redis://:CanarySlsRedis6@cache:6379/0
    FROM_SSM: \${ssm:/billing/param}
functions:
  charge:
    handler: handler.charge
    environment:
      GH: ghp_CanaryGithub00000000000000000000000000
      OPENAI_KEY: sk-proj-CanaryOpenAi_0123456789abcdef
    events:
      - http: { path: charges, method: get }
`,
  'sls/handler.js': 'exports.charge = async () => ({ statusCode: 200 });\n',
  'tf/main.tf': `resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  runtime       = "python3.12"
  handler       = "ingest.handler"
  filename      = "ingest.zip"
  role          = "arn:aws:iam::123456789012:role/ingest"
  timeout       = 60
  environment {
    variables = {
      MONGO_URI = "mongodb://admin:CanaryTfPw7@mongo:27017/db"
      HELPER    = "AKIACANARY0000000002"
      REGION2   = "eu-west-1"
    }
  }
}
`,
  'cdk/lib/stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class AppStack extends Stack {
  constructor(scope: never, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Resizer', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'resize.handler',
      code: lambda.Code.fromAsset('lambda'),
      environment: { MYSQL: 'mysql://root:CanaryCdkPw9@db/x', PEM: '-----BEGIN PRIVATE KEY-----\\nMIICanaryPem10\\n-----END PRIVATE KEY-----', BUCKET: 'images' },
    });
  }
}
`,
  'dotnet/Orders/aws-lambda-tools-defaults.json': `{
  "region": "us-east-1",
  "function-name": "orders-dotnet",
  "function-runtime": "dotnet8",
  "function-handler": "Orders::Orders.Function::Handle",
  "environment-variables": "TABLE=orders;DB=\\"Server=db;Password=CanaryDotnetPw16\\";SLACK=xoxb-1234567890-CanaryDotnet17;API_TOKEN=CanaryDotnetTok18"
}
`,
  'dotnet/Orders/Function.cs': `using Amazon.Lambda.Core;
namespace Orders;
public class Function
{
    public string Handle(string id, ILambdaContext context) => id;
}
`,
  'k8s/app.yaml': `apiVersion: v1
kind: Secret
metadata: { name: app-creds, namespace: jobs }
type: Opaque
stringData:
  DB_USER: CanaryStringData11
data:
  API_SECRET: ${K8S_DATA}
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly-report, namespace: jobs }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      activeDeadlineSeconds: 600
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: registry.example.com/report:1.0
              command: ["report", "--password", "CanaryArgPw12", "--db=postgres://u:CanaryArgUrl13@db/x"]
              envFrom: [{ secretRef: { name: app-creds } }]
              env:
                - { name: CACHE, value: "redis://:CanaryK8sRedis14@cache:6379" }
                - { name: WEBHOOK, value: "xoxp-1234567890-CanaryK8sSlack15" }
                - { name: FROM_REF, valueFrom: { secretKeyRef: { name: other, key: token } } }
                - { name: LEVEL, value: info }
`,
};

const LAMBDA_UNITS = ['OrdersFunction', 'ExportFunction', 'charge', 'ingest', 'Resizer', 'orders-dotnet'];

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

async function inProcess(...argv: string[]) {
  let out = '';
  const code = await main(argv, { cwd: ws, isTTY: false, env: {}, stdout: (s) => (out += s), stderr: (s) => (out += s) });
  return { code, out };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

before(() => {
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text);
  }
  // The fixture is worth nothing if a canary is not where the test says it is.
  assert.match(Object.values(FILES).join('\n'), LEAK);
});

describe('secrets never leave the analysis', () => {
  it('assess --format json masks every canary, by name and by value, in every source format', () => {
    const r = runCli(['assess', '--format', 'json', '--fail-on', 'never', '--cache-dir', cacheDir]);
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, LEAK);
    const units = JSON.parse(r.stdout).units as { name: string; environment?: Record<string, string>; containers?: { command?: string[] }[] }[];
    const env = (name: string) => units.find((u) => u.name === name)?.environment;
    assert.deepEqual(env('OrdersFunction'), {
      AMQP: '***',
      LOG_LEVEL: 'debug',
      TABLE_NAME: 'orders',
      DATABASE_URL: '***',
      UPSTREAM_ID: '***',
      STRIPE_KEY: '***',
      DB_PASS: '***',
    });
    assert.deepEqual(env('ExportFunction'), { SESSION: '***', NOTIFY: '***', BUILD_SHA: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' });
    assert.deepEqual(env('charge'), { REDIS_URL: '***', FROM_SSM: '', GH: '***', OPENAI_KEY: '***' });
    assert.deepEqual(env('ingest'), { MONGO_URI: '***', HELPER: '***', REGION2: 'eu-west-1' });
    assert.deepEqual(env('Resizer'), { MYSQL: '***', PEM: '***', BUCKET: 'images' });
    assert.deepEqual(env('orders-dotnet'), { TABLE: 'orders', DB: '***', SLACK: '***', API_TOKEN: '***' });
    assert.deepEqual(env('nightly-report'), { API_SECRET: '***', DB_USER: '***', CACHE: '***', WEBHOOK: '***', FROM_REF: '***', LEVEL: 'info' });
    assert.deepEqual(units.find((u) => u.name === 'nightly-report')!.containers![0].command, ['report', '--password', '***', '--db=postgres://u:***@db/x']);
  });

  for (const format of ['sarif', 'markdown', 'html', 'text']) {
    it(`assess --format ${format} (from the warm cache) shows no canary`, () => {
      const r = runCli(['assess', '--format', format, '--fail-on', 'never', '--cache-dir', cacheDir]);
      assert.equal(r.code, 0, r.out);
      assert.ok(r.stdout.length > 200, 'a real report');
      assert.doesNotMatch(r.out, LEAK);
    });
  }

  it('the analysis cache on disk holds no canary (bytes of every file in --cache-dir)', () => {
    // V8's code cache of the analyser bundle (analyzer-<key>.v8cache, src/node/codeCache.ts) holds compiled program
    // code and the program's own string constants, no workspace data; and the program says "canary" (Argo Rollouts'
    // strategy, CodeDeploy's Canary10Percent5Minutes).
    const all = filesUnder(cacheDir);
    const code = all.filter((f) => f.endsWith('.v8cache'));
    assert.ok(
      code.every((f) => /^analyzer-\w+\.v8cache$/.test(path.basename(f))),
      code.join(', '),
    );
    const files = all.filter((f) => !code.includes(f));
    assert.ok(files.length > 0, 'the cache was written');
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    assert.ok(bytes.includes('TABLE_NAME'), 'the grep can see v8-serialised strings');
    assert.doesNotMatch(bytes.toString('latin1'), LEAK);
    assert.doesNotMatch(bytes.toString('utf16le'), LEAK);
  });

  for (const unit of LAMBDA_UNITS) {
    it(`convert ${unit} → Kubernetes in every layout references secrets and copies none`, async () => {
      for (const format of ['manifests', 'helm', 'kustomize']) {
        const r = await inProcess('convert', '.', '--unit', unit, '--to', 'kubernetes', '--format', format, '--dry-run');
        assert.equal(r.code, 0, r.out);
        assert.doesNotMatch(r.out, LEAK, `${unit} ${format}`);
        assert.doesNotMatch(r.out, /: ["']?\*\*\*["']?$/m, 'a masked value is never written as a literal');
        assert.match(r.out, /secretKeyRef:/);
        assert.doesNotMatch(r.out, /kind: Secret\b/, "the Secret is the user's to create");
      }
    });
  }

  it('convert a Kubernetes CronJob → SAM: Secret data, env values and arguments become Secrets Manager references', async () => {
    const r = await inProcess('convert', '.', '--unit', 'nightly-report', '--to', 'lambda', '--dry-run');
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, LEAK);
    for (const n of ['API_SECRET', 'DB_USER', 'CACHE', 'WEBHOOK', 'FROM_REF'])
      assert.match(r.out, new RegExp(`${n}: "\\{\\{resolve:secretsmanager:jobs/nightly-report:SecretString:${n}\\}\\}"`));
    // A literal, non-secret value is configuration: carried as written (issue #20), never a secret.
    assert.match(r.out, /LEVEL: info/);
  });
});
