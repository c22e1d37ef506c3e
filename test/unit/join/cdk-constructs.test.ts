// CDK construct classes instantiated in other files (src/core/join/cdkConstructs.ts): each instance deploys the
// class's functions with its own props, declared where it is written, with the triggers its file and the class give
// it; the class's own unit (props unknown) stands for nothing once an instance is found.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { joinLineStarts } from '../../../src/core/join/offsets';
import type { AssessResult, Unit } from '../../../src/core/types';
import { documentFindings, joinAnalyses } from '../../../src/core/api';
import { assessTexts } from '../../helpers/assessTexts';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/tmp';

const CONSTRUCT = `import { Construct } from 'constructs';
import { Duration } from 'aws-cdk-lib';
import { Code, Runtime, IDestination, DurableConfig } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as path from 'path';

export interface ServiceFunctionProps {
  functionName: string;
  handler: string;
  outDir: string;
  buildDef: string;
  environment: { [key: string]: string };
  timeout?: Duration;
  layers?: any[];
  onFailure?: IDestination;
  durableConfig?: DurableConfig;
}

export class ServiceFunction extends Construct {
  function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const code = Code.fromCustomCommand(props.outDir, ['node', props.buildDef]);
    this.function = new NodejsFunction(this, props.functionName, {
      runtime: Runtime.NODEJS_18_X,
      code: code,
      handler: props.handler,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(29),
      layers: props.layers,
      onFailure: props.onFailure,
      durableConfig: props.durableConfig,
      environment: { SERVICE: 'orders', ...props.environment },
    });
  }
}
`;

const STACK = `import { Stack, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { ServiceFunction } from '../constructs/serviceFunction';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const api = new RestApi(this, 'Api');
    const getOrder = new ServiceFunction(this, 'GetOrderFunction', {
      functionName: 'GetOrder',
      handler: 'index.handler',
      buildDef: './src/adapters/buildGetOrder.js',
      outDir: './out/getOrder',
      environment: { TABLE_NAME: 'orders' },
      onFailure: undefined,
    });
    api.root.addMethod('GET', new LambdaIntegration(getOrder.function));
    const queue = new Queue(this, 'Queue');
    this.worker = new ServiceFunction(this, 'WorkerFunction', {
      functionName: 'Worker',
      handler: 'index.handler',
      buildDef: './src/adapters/buildWorker.js',
      outDir: './out/worker',
      environment: {},
      timeout: Duration.minutes(2),
    });
    this.worker.function.addEventSource(new SqsEventSource(queue));
  }
}
`;

const build = (entry: string, out: string) => `require('esbuild').build({ entryPoints: ['${entry}'], bundle: true, outfile: '${out}', platform: 'node' });\n`;

const files: Record<string, string> = {
  'svc/lib/constructs/serviceFunction.ts': CONSTRUCT,
  'svc/lib/stacks/orders.ts': STACK,
  'svc/src/adapters/getOrder.ts': 'export const handler = async (event: { pathParameters: { id: string } }) => event.pathParameters.id;\n',
  'svc/src/adapters/buildGetOrder.js': build('./src/adapters/getOrder.ts', 'out/getOrder/index.js'),
  'svc/src/adapters/worker.ts': 'export const handler = async (event: { Records: { body: string }[] }) => event.Records.map((r) => r.body);\n',
  'svc/src/adapters/buildWorker.js': build('./src/adapters/worker.ts', 'out/worker/index.js'),
  'svc/test/orders.test.ts': `import { App } from 'aws-cdk-lib';\nimport { ServiceFunction } from '../lib/constructs/serviceFunction';\nnew ServiceFunction(new App(), 'TestFunction', { functionName: 'T', handler: 'index.handler', buildDef: 'x', outDir: 'out/t', environment: {} });\n`,
};

const unit = (r: AssessResult, name: string): Unit => {
  const u = r.units.find((x) => x.name === name);
  assert.ok(u, `no unit ${name}: ${r.units.map((x) => x.name).join(', ')}`);
  return u;
};

describe('CDK construct classes instantiated in other files', () => {
  it('one unit per instance, declared at the instance, read with its props; the class alone is no unit; tests instantiate nothing', () => {
    const r = assessTexts(files);
    assert.deepEqual(r.units.map((u) => `${u.name}@${u.file}:${u.line}`).sort(), [
      'GetOrderFunction@svc/lib/stacks/orders.ts:12',
      'WorkerFunction@svc/lib/stacks/orders.ts:22',
    ]);
    const get = unit(r, 'GetOrderFunction');
    assert.equal(get.handler, 'index.handler');
    assert.equal(get.runtime, 'nodejs18.x');
    assert.equal(get.timeoutSeconds, 29);
    assert.equal(get.memoryMB, 512);
    assert.deepEqual(Object.keys(get.environment ?? {}).sort(), ['SERVICE', 'TABLE_NAME']);
    // Props the instance does not give (durableConfig, layers) or gives as undefined (onFailure) set nothing.
    assert.equal(get.durable, undefined);
    assert.equal(get.layers, undefined);
    assert.equal(get.deadLetterTarget, undefined);
    assert.equal(unit(r, 'WorkerFunction').timeoutSeconds, 120);
  });

  it('the triggers the stack gives the instance (through the function it exposes), and its code through the esbuild script', () => {
    const r = assessTexts(files);
    assert.deepEqual(
      unit(r, 'GetOrderFunction').events.map((e) => e.type),
      ['http'],
    );
    assert.deepEqual(
      unit(r, 'WorkerFunction').events.map((e) => e.type),
      ['sqs'],
    );
    assert.equal(unit(r, 'GetOrderFunction').codeFile, 'svc/src/adapters/getOrder.ts');
    assert.equal(unit(r, 'WorkerFunction').codeFile, 'svc/src/adapters/worker.ts');
    // The rules judge each instance: its SQS trigger is reported where the stack adds it, for that function.
    const sqs = r.findings.find((f) => f.ruleId === 'iac/event-source' && f.unit === 'WorkerFunction');
    assert.equal(sqs?.file, 'svc/lib/stacks/orders.ts');
    assert.equal(sqs?.line, 30);
    // What the class sets for every instance (its runtime, line 26) is reported in the class's file, once per function.
    const runtime = r.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime');
    assert.deepEqual(runtime.map((f) => `${f.unit}@${f.file}:${f.line}`).sort(), [
      'GetOrderFunction@svc/lib/constructs/serviceFunction.ts:26',
      'WorkerFunction@svc/lib/constructs/serviceFunction.ts:26',
    ]);
    // Nothing is left of the class's own unit (its findings named `GetOrder`… or its props' text).
    assert.equal(
      r.findings.filter((f) => f.file === 'svc/lib/constructs/serviceFunction.ts' && !['GetOrderFunction', 'WorkerFunction'].includes(f.unit ?? '')).length,
      0,
    );
  });

  it('the same positions when the line starts are kept only as far as the join needs (the CLI cache)', () => {
    const analyses = Object.entries(files).map(([file, text]) => analyzeFile(text, file, { today: '2026-11-22' }));
    const full = joinAnalyses({ analyses });
    const trimmed = joinAnalyses({ analyses: analyses.map((a) => ({ ...a, lineStarts: joinLineStarts(a) })) });
    assert.deepEqual(
      trimmed.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}:${f.column}`),
      full.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}:${f.column}`),
    );
    assert.deepEqual(
      trimmed.units.map((u) => `${u.name}:${u.line}`),
      full.units.map((u) => `${u.name}:${u.line}`),
    );
  });

  it("the class's file in an editor after Assess Workspace: what the join found for the instances, not the class's own unit's findings", () => {
    const durable = CONSTRUCT.replace(
      '      durableConfig: props.durableConfig,\n',
      '      durableConfig: props.durableConfig ?? { executionTimeout: Duration.hours(1) },\n',
    );
    const analyses = Object.entries({ ...files, 'svc/lib/constructs/serviceFunction.ts': durable }).map(([file, text]) =>
      analyzeFile(text, file, { today: '2026-11-22' }),
    );
    const cls = analyses.find((a) => a.file === 'svc/lib/constructs/serviceFunction.ts')!;
    // Alone, the class's unit (named by what it is kept in) is a durable function on a deprecated runtime, with layers.
    assert.deepEqual(
      documentFindings(cls, undefined, 'both')
        .map((f) => `${f.ruleId}:${f.unit}`)
        .sort(),
      ['iac/deprecated-runtime:function', 'iac/lambda-features:function', 'iac/lambda-features:function'],
    );
    const r = joinAnalyses({ analyses });
    const record = r.fileJoins?.['svc/lib/constructs/serviceFunction.ts'];
    assert.deepEqual(record?.replaced, ['function']);
    assert.deepEqual(
      documentFindings(cls, record, 'both')
        .map((f) => `${f.ruleId}:${f.unit}:${f.line}`)
        .sort(),
      ['iac/deprecated-runtime:GetOrderFunction:26', 'iac/deprecated-runtime:WorkerFunction:26'],
    );
    // Durable by the class's default: reported at each instance.
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/lambda-features').map((f) => `${f.unit}@${f.file}:${f.line}:${f.severity}`),
      ['GetOrderFunction@svc/lib/stacks/orders.ts:12:error', 'WorkerFunction@svc/lib/stacks/orders.ts:22:error'],
    );
  });

  it('a durable instance is blocked; layers and __dirname paths are read where each is written', () => {
    const r = assessTexts({
      ...files,
      'svc/lib/stacks/orders.ts': STACK.replace(
        '      onFailure: undefined,\n',
        "      onFailure: undefined,\n      durableConfig: { executionTimeout: Duration.hours(1) },\n      layers: [LayerVersion.fromLayerVersionArn(this, 'Ext', 'arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:3')],\n",
      ).replace(
        "import { Queue } from 'aws-cdk-lib/aws-sqs';",
        "import { Queue } from 'aws-cdk-lib/aws-sqs';\nimport { LayerVersion } from 'aws-cdk-lib/aws-lambda';",
      ),
    });
    const get = unit(r, 'GetOrderFunction');
    assert.equal(r.units.find((u) => u.name === 'GetOrderFunction')?.readiness.toKubernetes, 'blocked');
    assert.ok(get.layers?.[0]?.includes(':layer:shared-utils:3'), String(get.layers));
    assert.equal(unit(r, 'WorkerFunction').durable, undefined);
  });

  it("__dirname in the class is its own folder; in the props, the stack's", () => {
    const construct = `import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as path from 'path';
export default class PyFunction extends Construct {
  constructor(scope: Construct, id: string, props: { name: string; src?: string }) {
    super(scope, id);
    new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(props.src ?? path.join(__dirname, '../../functions', props.name)),
    });
  }
}
`;
    const stack = `import { Stack } from 'aws-cdk-lib';
import * as path from 'path';
import PyFunction from '../constructs/py';
export class S extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new PyFunction(this, 'Billing', { name: 'billing' });
    new PyFunction(this, 'Audit', { name: 'audit', src: path.join(__dirname, '../../legacy/audit') });
  }
}
`;
    const r = assessTexts({
      'app/lib/constructs/py.ts': construct,
      'app/lib/stacks/s.ts': stack,
      'app/functions/billing/app.py': 'def handler(event, context):\n    return 1\n',
      'app/legacy/audit/app.py': 'def handler(event, context):\n    return 2\n',
    });
    assert.equal(unit(r, 'Billing').codeFile, 'app/functions/billing/app.py');
    assert.equal(unit(r, 'Audit').codeFile, 'app/legacy/audit/app.py');
  });

  it('an asset uploaded to a bucket and handed to Code.fromBucket is the code path', () => {
    const r = assessTexts({
      'app/src/endpoint.ts': `import { Construct } from 'constructs';
import * as assets from 'aws-cdk-lib/aws-s3-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as path from 'path';
export class Endpoint extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const lambdaAsset = new assets.Asset(this, 'LambdaAsset', { path: path.join(__dirname, '../lambda.d') });
    new lambda.Function(this, 'OnEvent', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'index.on_event',
      code: lambda.Code.fromBucket(lambdaAsset.bucket, lambdaAsset.s3ObjectKey),
    });
  }
}
`,
      'app/src/index.ts': "export * from './endpoint';\n",
      'app/lambda.d/index.py': 'def on_event(event, context):\n    return {}\n',
    });
    assert.equal(unit(r, 'OnEvent').codeFile, 'app/lambda.d/index.py');
  });

  it('tricky negatives: a class from a package, an instance with a computed id, a class that makes no function, an unresolved module', () => {
    const r = assessTexts({
      'svc/lib/constructs/serviceFunction.ts': CONSTRUCT,
      'svc/lib/constructs/bucket.ts': `import { Construct } from 'constructs';\nimport { Bucket } from 'aws-cdk-lib/aws-s3';\nexport class Store extends Construct {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n    new Bucket(this, 'B');\n  }\n}\n`,
      'svc/lib/stacks/s.ts': `import { Stack } from 'aws-cdk-lib';\nimport { ServiceFunction } from '../constructs/serviceFunction';\nimport { Store } from '../constructs/bucket';\nimport { Missing } from '../constructs/missing';\nimport { Vendor } from '@acme/constructs';\nexport class S extends Stack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    for (const n of ['a', 'b']) new ServiceFunction(this, n + 'Fn', { functionName: n, handler: 'index.handler', buildDef: 'x', outDir: 'out/x', environment: {} });\n    new Store(this, 'Store');\n    new Missing(this, 'Missing', {});\n    new Vendor(this, 'Vendor', {});\n  }\n}\n`,
    });
    // The class's unit stays, read with its props unknown, as before this join existed.
    assert.deepEqual(
      r.units.map((u) => `${u.name}@${u.file}`),
      ['function@svc/lib/constructs/serviceFunction.ts'],
    );
  });
});

describe('a construct class of two functions under an import alias, with paths from the CDK app root', () => {
  const cls = `import { Construct } from 'constructs';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as path from 'path';
export class RealtimeResolvers extends Construct {
  constructor(scope: Construct, id: string, props: { topic: string }) {
    super(scope, id);
    new LambdaFunction(this, 'query-resolver', {
      code: Code.fromAsset('./lib/api/functions/query-resolver'),
      handler: 'index.handler',
      runtime: Runtime.PYTHON_3_12,
    });
    new NodejsFunction(this, 'outgoing', { entry: path.join(__dirname, 'functions/outgoing/index.ts'), runtime: Runtime.NODEJS_22_X });
  }
}
`;
  const files = {
    'lib/api/resolvers.ts': cls,
    'lib/api/websocket.ts': `import { Construct } from 'constructs';\nimport * as cdk from 'aws-cdk-lib';\nimport { RealtimeResolvers } from './resolvers';\nexport class Ws extends Construct {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n    new RealtimeResolvers(this, 'Resolvers', { topic: 't' });\n  }\n}\n`,
    'lib/api/functions/query-resolver/index.py': 'def handler(event, context):\n    return event\n',
    'lib/api/functions/outgoing/index.ts': 'export const handler = async () => ({});\n',
  };
  it('each function is named by the instance and its own id, and a ./ path reads from the folder of cdk.json', () => {
    const r = assessTexts(files, ['cdk.json']);
    assert.deepEqual(r.units.map((u) => `${u.name}: ${u.codeFiles?.join(',') ?? '-'}`).sort(), [
      'Resolvers/outgoing: lib/api/functions/outgoing/index.ts',
      'Resolvers/query-resolver: lib/api/functions/query-resolver/index.py',
    ]);
    // Without a cdk.json the app root is a guess (the stack folder's parent) and the path does not resolve from it.
    const bare = assessTexts(files);
    assert.equal(bare.units.find((u) => u.name === 'Resolvers/query-resolver')?.codeFiles, undefined);
  });
});

describe('a trigger given through a member of an instance of a class of several functions', () => {
  const cls = `import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class Auth extends Construct {
  public readonly updateClient: lambda.Function;
  public readonly other: lambda.Function;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const update = new lambda.Function(
      this,
      'UpdateClient',
      { handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('lambda/update') },
    );
    this.updateClient = update;
    this.other = new lambda.Function(this, 'Other', { handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('lambda/other') });
    new lambda.Function(this, 'Third', { handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('lambda/third') });
  }
}
`;
  const stack = (trigger: string) => `import * as cdk from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { Auth } from './auth';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const auth = new Auth(this, 'Authentication');
    ${trigger}
  }
}
`;
  const events = (trigger: string) =>
    Object.fromEntries(
      assessTexts({ 'lib/auth.ts': cls, 'lib/app.ts': stack(trigger) })
        .units.map((u) => [u.name, u.events.map((e) => e.type).join(',')] as const)
        .sort(),
    );
  it('goes to the function the class assigns to that member (through a const, or directly), not to the others', () => {
    assert.deepEqual(events('auth.updateClient.addEventSource(new SqsEventSource(queue));'), {
      'Authentication/Other': '',
      'Authentication/Third': '',
      'Authentication/UpdateClient': 'sqs',
    });
    assert.deepEqual(events('auth.other.addEventSource(new SqsEventSource(queue));'), {
      'Authentication/Other': 'sqs',
      'Authentication/Third': '',
      'Authentication/UpdateClient': '',
    });
  });
  it('goes to every function where the class does not say which the member holds', () => {
    assert.deepEqual(events('auth.handler.addEventSource(new SqsEventSource(queue));'), {
      'Authentication/Other': 'sqs',
      'Authentication/Third': 'sqs',
      'Authentication/UpdateClient': 'sqs',
    });
  });
});

describe('construct instances in the CLI (dist/cli.js), whose join loads the analyser only to read them', () => {
  it('reads the same units on a cold scan and on a warm re-scan answered from the cache', () => {
    const base = tempDir('ls-cdk-constructs-cli-');
    const ws = path.join(base, 'ws');
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
      writeFileSync(path.join(ws, rel), text);
    }
    const names = () => {
      const out = path.join(base, 'out.json');
      const cli = path.resolve(__dirname, '../../../dist/cli.js');
      const args = [cli, 'assess', '.', '--cache-dir', path.join(base, 'cache'), '--jobs', '1', '--format', 'json', '-o', out, '--fail-on', 'never'];
      const r = spawnSync(process.execPath, args, { cwd: ws, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(readFileSync(out, 'utf8')) as AssessResult;
      return report.units.map((u) => `${u.name}@${u.file}:${u.line} ${u.events.map((e) => e.type).join(',')}`).sort();
    };
    const expected = ['GetOrderFunction@svc/lib/stacks/orders.ts:12 http', 'WorkerFunction@svc/lib/stacks/orders.ts:22 sqs'];
    assert.deepEqual(names(), expected);
    assert.deepEqual(names(), expected);
  });
});
