import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { convertUnit } from '../../../src/core/convert';
import { ensurePythonParser } from '../../../src/core/python/parser';

before(() => ensurePythonParser());

const STACK = `import os
from aws_cdk import (
    Duration,
    Size,
    Stack,
    aws_lambda as _lambda,
    aws_lambda_event_sources as sources,
    aws_events as events,
    aws_events_targets as targets,
    aws_sqs as sqs,
)
from constructs import Construct

WORKER_TIMEOUT = Duration.minutes(5)
common = dict(runtime=_lambda.Runtime.PYTHON_3_12, memory_size=1024)


class OrdersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        queue = sqs.Queue(self, "Orders")
        self.worker = _lambda.Function(
            self, "OrderWorker",
            handler="worker.handler",
            code=_lambda.Code.from_asset("lambda/worker"),
            timeout=WORKER_TIMEOUT,
            architecture=_lambda.Architecture.ARM_64,
            ephemeral_storage_size=Size.gibibytes(2),
            environment={"TABLE": "orders", "API_KEY": "sk_live_51HqLyjWDarjtT1zdp7dcAbCdEf"},
            tracing=_lambda.Tracing.ACTIVE,
            **common,
        )
        source = sources.SqsEventSource(queue, batch_size=5, report_batch_item_failures=True)
        self.worker.add_event_source(source)
        nightly = _lambda.Function(self, "Nightly", runtime=NODE_RUNTIME, handler="index.handler",
                                   code=_lambda.Code.from_asset(os.path.join(os.path.dirname(__file__), "..", "lambda", "nightly")),
                                   timeout=Duration.seconds(compute_timeout()))
        events.Rule(self, "Every night", schedule=events.Schedule.cron(minute="0", hour="3"), targets=[targets.LambdaFunction(nightly)])


# A module-level constant the runtime is read through (defined after the class: read when the stack is made).
NODE_RUNTIME = _lambda.Runtime.NODEJS_22_X
`;

describe('CDK in Python', () => {
  it('reads aws_lambda.Function keywords, constants, **dict(...) and the CDK helpers, never running the app', () => {
    const a = analyzeFile(STACK, 'infra/orders_stack.py');
    const [w, n] = a.units;
    assert.equal(a.units.length, 2);
    assert.deepEqual(
      {
        name: w.name,
        source: w.source,
        runtime: w.runtime,
        handler: w.handler,
        timeout: w.timeoutSeconds,
        memory: w.memoryMB,
        tmp: w.ephemeralStorageMB,
        arch: w.architecture,
        line: w.line,
      },
      { name: 'OrderWorker', source: 'cdk', runtime: 'python3.12', handler: 'worker.handler', timeout: 300, memory: 1024, tmp: 2048, arch: 'arm64', line: 22 },
    );
    assert.deepEqual(w.events, [{ type: 'sqs', detail: 'queue', batchSize: 5, functionResponseTypes: ['ReportBatchItemFailures'] }]);
    assert.deepEqual(w.otherSettings, ['tracing']);
    // The secret-looking value is masked like every extractor's.
    assert.equal(w.environment?.TABLE, 'orders');
    assert.notEqual(w.environment?.API_KEY, 'sk_live_51HqLyjWDarjtT1zdp7dcAbCdEf');
    assert.equal(n.name, 'Nightly');
    assert.equal(n.runtime, 'nodejs22.x');
    assert.equal(n.codeUri, './../lambda/nightly');
    assert.equal(n.timeoutSeconds, undefined);
    assert.deepEqual(n.unresolvedFields, { timeoutSeconds: 'Duration.seconds(compute_timeout())' });
    assert.deepEqual(n.events, [{ type: 'schedule', detail: 'cron(0 3 * * ? *)' }]);
  });

  it('joins the handler through an asset path relative to the app folder, and converts like a CDK TypeScript function', () => {
    const r = analyzeWorkspace([
      { file: 'app/infra/orders_stack.py', text: STACK },
      { file: 'app/lambda/worker/worker.py', text: 'def handler(event, context):\n    return {"batchItemFailures": []}\n' },
      { file: 'app/lambda/nightly/index.js', text: 'exports.handler = async () => ({});\n' },
    ]);
    const w = r.units.find((u) => u.name === 'OrderWorker')!;
    const n = r.units.find((u) => u.name === 'Nightly')!;
    assert.equal(w.codeFile, 'app/lambda/worker/worker.py');
    assert.equal(n.codeFile, 'app/lambda/nightly/index.js');
    const out = convertUnit(w, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/w', findings: [] });
    const job = out.files.find((f) => f.path === 'scaledjob.yaml')?.content ?? '';
    assert.match(job, /kind: ScaledJob/);
    assert.match(job, /kubernetes\.io\/arch: arm64/);
    assert.ok(!out.files.some((f) => f.content.includes('sk_live_51HqLyjWDarjtT1zdp7dcAbCdEf')));
  });

  it('durable_config marks a durable function (the iac/lambda-features blocker), as in CDK TypeScript', () => {
    const a = analyzeFile(
      `from aws_cdk import Duration, aws_lambda as lambda_\nfn = lambda_.Function(None, "Flow", runtime=lambda_.Runtime.PYTHON_3_13, handler="app.handler", code=lambda_.Code.from_asset("src"),\n    durable_config=lambda_.DurableConfig(execution_timeout=Duration.hours(2), retention_period=Duration.days(7)))\n`,
      'stack.py',
    );
    assert.deepEqual(a.units[0].durable, { executionTimeoutSeconds: 7200, retentionDays: 7 });
    assert.ok(
      a.findings.some((f) => f.ruleId === 'iac/lambda-features'),
      JSON.stringify(a.findings.map((f) => f.ruleId)),
    );
  });

  it('on_success is an OnSuccess destination (iac/lambda-features), on_failure the dead-letter target, as in CDK TypeScript', () => {
    const a = analyzeFile(
      `from aws_cdk import aws_lambda as lambda_, aws_lambda_destinations as dest\nfn = lambda_.Function(None, "Sender", runtime=lambda_.Runtime.PYTHON_3_13, handler="app.handler", code=lambda_.Code.from_asset("src"),\n    on_success=dest.SqsDestination(done), on_failure=dest.SqsDestination(dlq))\n`,
      'stack.py',
    );
    assert.equal(a.units[0].successTarget, 'dest.SqsDestination(done)');
    assert.equal(a.units[0].deadLetterTarget, 'dest.SqsDestination(dlq)');
    assert.equal(a.units[0].otherSettings, undefined);
    assert.match(a.findings.find((f) => f.ruleId === 'iac/lambda-features')?.message ?? '', /to dest\.SqsDestination\(done\), an OnSuccess destination/);
  });

  it("CDK v1's LambdaProxyIntegration(handler=…) is an HTTP API trigger, in Python as in TypeScript", () => {
    const py = analyzeFile(
      `from aws_cdk import aws_lambda as lambda_, aws_apigatewayv2 as apigw\nfrom aws_cdk.aws_apigatewayv2_integrations import LambdaProxyIntegration\nfn = lambda_.Function(None, "Api", runtime=lambda_.Runtime.PYTHON_3_13, handler="app.handler", code=lambda_.Code.from_asset("src"))\napi = apigw.HttpApi(None, "H")\napi.add_routes(path="/x", methods=[apigw.HttpMethod.GET], integration=LambdaProxyIntegration(handler=fn))\n`,
      'stack.py',
    );
    assert.deepEqual(
      py.units[0].events.map((e) => [e.type, e.apiGateway]),
      [['http', 'http']],
    );
    const ts = analyzeFile(
      `import * as lambda from '@aws-cdk/aws-lambda';\nimport { HttpApi } from '@aws-cdk/aws-apigatewayv2';\nimport { LambdaProxyIntegration } from '@aws-cdk/aws-apigatewayv2-integrations';\nconst fn = new lambda.Function(this, 'Api', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'app.handler', code: lambda.Code.fromAsset('src') });\nconst api = new HttpApi(this, 'H');\napi.addRoutes({ path: '/x', integration: new LambdaProxyIntegration({ handler: fn }) });\n`,
      'lib/stack.ts',
    );
    assert.deepEqual(
      ts.units[0].events.map((e) => [e.type, e.apiGateway]),
      [['http', 'http']],
    );
  });

  it('a function made by a helper method is a unit per call, with that call id, keywords and defaults, wired through its variable', () => {
    const text = `import os
from aws_cdk import Stack, aws_lambda as _lambda, aws_events as events, aws_events_targets as targets
from aws_cdk import aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks

HANDLER = "wrong.handler"


class Saga(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        reserve = self.create_lambda(scope=self, lambda_id="ReserveFlight", handler="flights/reserve.handler")
        cancel = self.create_lambda(self, "CancelFlight", "flights/cancel.handler", memory=1024)
        auth = self.python_function("Auth", "authorizer")
        sfn.Task(self, "Cancel", task=tasks.RunLambdaTask(cancel))
        tasks.LambdaInvoke(self, "Authorize", lambda_function=auth)
        events.Rule(self, "Nightly", schedule=events.Schedule.expression("rate(1 day)"), targets=[targets.LambdaFunction(reserve)])

    def create_lambda(self, scope, lambda_id: str, handler: str, memory: int = 256):
        return _lambda.Function(scope, lambda_id, runtime=_lambda.Runtime.NODEJS_12_X, handler=handler, memory_size=memory,
                                code=_lambda.Code.from_asset("lambda_fns"))

    def python_function(self, func_id, module):
        return _lambda.Function(self, func_id, runtime=_lambda.Runtime.PYTHON_3_12, handler=f"{module}.handler",
                                code=_lambda.Code.from_asset(os.path.join("src", module)))
`;
    const got = analyzeFile(text, 'saga/stack.py').units.map((u) => [u.name, u.handler, u.memoryMB, u.codeUri, u.line, u.events.map((e) => e.detail).join()]);
    assert.deepEqual(got, [
      ['ReserveFlight', 'flights/reserve.handler', 256, 'lambda_fns', 11, 'rate(1 day)'],
      ['CancelFlight', 'flights/cancel.handler', 1024, 'lambda_fns', 12, 'Step Functions task Cancel'],
      ['Auth', 'authorizer.handler', undefined, 'src/authorizer', 13, 'Step Functions task Authorize'],
    ]);
  });
  it('a construct whose id the file computes is named by the function name it deploys as, else the variable or attribute that keeps it', () => {
    const text = `from aws_cdk import Stack, aws_lambda as _lambda


class S(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        lwa_fn = _lambda.Function(self, construct_id, runtime=_lambda.Runtime.PYTHON_3_12, handler="run.sh", code=_lambda.Code.from_asset("src"))
        self.api = _lambda.Function(self, f"{construct_id}Api", runtime=_lambda.Runtime.PYTHON_3_12, handler="api.handler", code=_lambda.Code.from_asset("api"))
        _lambda.Function(self, construct_id + "W", runtime=_lambda.Runtime.PYTHON_3_12, handler="w.handler", code=_lambda.Code.from_asset("w"))
        self.sync = self.make_sync()

        tasks.LambdaInvoke(self, "Sync", lambda_function=self.sync)

    def make_sync(self):
        return _lambda.Function(self, id=logical_id("Sync"), function_name="kb-sync-handler", runtime=_lambda.Runtime.PYTHON_3_12, handler="s.handler", code=_lambda.Code.from_asset("s"))
`;
    const units = analyzeFile(text.replace('aws_lambda as _lambda', 'aws_lambda as _lambda, aws_stepfunctions_tasks as tasks'), 's/stack.py').units;
    assert.deepEqual(
      units.map((u) => [u.name, u.handler]),
      [
        ['lwa_fn', 'run.sh'],
        ['api', 'api.handler'],
        ['function@9', 'w.handler'],
        ['kb-sync-handler', 's.handler'],
      ],
    );
    // Returned as it is made: the attribute each call of the method is assigned to names it for its triggers.
    assert.deepEqual(
      units[3].events.map((e) => e.detail),
      ['Step Functions task Sync'],
    );
  });
  it('two methods each making a `lambda_function` from an imported constant id: named by the constants, triggers on the right one, through a returned function', () => {
    const text = `from aws_cdk import Stack, aws_lambda as _lambda, aws_apigateway, aws_sqs as sqs
from aws_cdk.aws_lambda_event_sources import SqsEventSource
from app import constants


class Api(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        self._add_get(aws_apigateway.RestApi(self, "api").root)
        self.worker = self._build_worker()
        self.worker.add_event_source(SqsEventSource(sqs.Queue(self, "q")))

    def _add_get(self, resource):
        lambda_function = _lambda.Function(self, constants.GET_LAMBDA, runtime=_lambda.Runtime.PYTHON_3_13, handler="get.handler", code=_lambda.Code.from_asset("src"))
        resource.add_method(http_method="GET", integration=aws_apigateway.LambdaIntegration(handler=lambda_function))
        return lambda_function

    def _build_worker(self):
        lambda_function = _lambda.Function(self, constants.WORKER_LAMBDA, runtime=_lambda.Runtime.PYTHON_3_13, handler="work.handler", code=_lambda.Code.from_asset("src"))
        return lambda_function
`;
    assert.deepEqual(
      analyzeFile(text, 'cdk/api.py').units.map((u) => [u.name, u.events.map((e) => e.type)]),
      [
        ['GET_LAMBDA', ['http']],
        ['WORKER_LAMBDA', ['sqs']],
      ],
    );
  });
  it("calls whose id does not read are the construct's own unit, parameters unknown; a parameter passed on is not read through a constant of its name", () => {
    const text = `from aws_cdk import Stack, aws_lambda as _lambda

handler = "const.handler"


class S(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        for name in ["A", "B"]:
            self.make(name, "x.handler")
        self.wrap("w.handler")

    def make(self, fn_id, handler):
        return _lambda.Function(self, fn_id, runtime=_lambda.Runtime.PYTHON_3_12, handler=handler, code=_lambda.Code.from_asset("src"))

    def wrap(self, handler):
        return self.make("Wrapped", handler)
`;
    assert.deepEqual(
      analyzeFile(text, 's/stack.py').units.map((u) => [u.name, u.handler]),
      [
        ['function@14', undefined],
        ['Wrapped', undefined],
      ],
    );
  });
  it('Runtime.FROM_IMAGE makes a plain Function an image function, whatever code object it is given', () => {
    const text = `from aws_cdk import Stack, aws_lambda


class S(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        if use_ecr:
            image = aws_lambda.EcrImageCode(repository=repo, tag_or_digest="latest")
        else:
            image = aws_lambda.EcrImageCode.from_asset_image(directory="app")
        aws_lambda.Function(self, id="Container", code=image, handler=aws_lambda.Handler.FROM_IMAGE, runtime=aws_lambda.Runtime.FROM_IMAGE)
`;
    const [u] = analyzeFile(text, 's/stack.py').units;
    assert.deepEqual([u.name, u.runtime, u.packageType], ['Container', undefined, 'Image']);
  });

  it('near misses: a class named Function from elsewhere, a file without the CDK, a CDK file without functions', () => {
    assert.deepEqual(analyzeFile('from mylib import Function\nf = Function(None, "X", handler="a.b")\n', 'x.py').units, []);
    assert.deepEqual(analyzeFile('def handler(event, context):\n    return Function(1)\n', 'h.py').units, []);
    assert.deepEqual(analyzeFile('from aws_cdk import aws_sqs as sqs\nq = sqs.Queue(None, "Q")\n', 's.py').units, []);
  });
});
