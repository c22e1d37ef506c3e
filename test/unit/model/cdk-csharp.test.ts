// Functions and triggers declared with the CDK in C# (src/core/model/cdkCsharp.ts through the shared reader cdkTree.ts):
// props written as object initialisers, keyed like the TypeScript CDK's.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ensureParser } from '../../../src/core/parsers/load';
import type { UnitEvent } from '../../../src/core/types';
import { assessTexts } from '../../helpers/assessTexts';
import { assertSyntaxTypesCover } from '../../helpers/cdkSyntaxTypes';
import { CSHARP_CDK } from '../../../src/core/model/cdkCsharp';

before(() => ensureParser('csharp'));

const stack = (body: string, methods = '', usings = 'using Amazon.CDK.AWS.Lambda;\n') => `using Amazon.CDK;
${usings}using Constructs;

namespace Infra
{
    public class AppStack : Stack
    {
        public AppStack(Construct scope, string id, IStackProps props = null) : base(scope, id, props)
        {
${body}
        }
${methods}
    }
}
`;
const fn = (v: string, id: string) =>
  `            var ${v} = new Function(this, "${id}", new FunctionProps\n            {\n                Runtime = Runtime.DOTNET_8,\n                Handler = "${id}::${id}.Function::Handle",\n                Code = Code.FromAsset("./dist/${id}"),\n            });\n`;
const FILE = 'infra/src/Infra/AppStack.cs';

function eventsOf(body: string, methods = ''): Record<string, string[]> {
  const r = assessTexts({ [FILE]: stack(body, methods) });
  assertSyntaxTypesCover(CSHARP_CDK, 'csharp', stack(body, methods));
  const show = (e: UnitEvent) => [e.type, e.detail, e.invokedBy, e.functionUrl ? 'url' : undefined].filter(Boolean).join(' ');
  return Object.fromEntries(r.units.map((u) => [u.name, u.events.map(show)]));
}

describe('C# CDK', () => {
  it("reads a function's props from its initialiser: runtime, handler, code path, timeout, memory, architecture, environment", () => {
    const r = assessTexts({
      [FILE]: stack(`            var orders = new Function(this, "Orders", new FunctionProps
            {
                Runtime = Runtime.DOTNET_8,
                Handler = "Orders::Orders.Function::FunctionHandler",
                Code = Code.FromAsset("./dist/Orders"),
                Timeout = Duration.Minutes(20),
                MemorySize = 1024,
                Architecture = Architecture.ARM_64,
                Environment = new Dictionary<string, string> { { "TABLE", "orders" }, ["API_KEY"] = "sk_live_0123456789abcdef0123" },
                Tracing = Tracing.ACTIVE,
            });
            var props = new FunctionProps { Runtime = Runtime.PYTHON_3_12, Handler = "index.handler", Code = Code.FromInline("def handler(e, c): pass") };
            new Function(this, "Inline", props);
            new Function(this, "Typed", new() { Runtime = Runtime.DOTNET_8, Handler = "Typed::Typed.Function::Handle", Code = Code.FromAsset("./dist/Typed"), Environment = new() { { "QUEUE", "jobs" } } });`),
    });
    // Target-typed `new() { … }` props and environment are read as the written type's are.
    const typed = r.units.find((u) => u.name === 'Typed')!;
    assert.equal(typed.handler, 'Typed::Typed.Function::Handle');
    assert.deepEqual(Object.keys(typed.environment ?? {}), ['QUEUE']);
    const orders = r.units.find((u) => u.name === 'Orders')!;
    assert.equal(orders.source, 'cdk');
    assert.equal(orders.runtime, 'dotnet8');
    assert.equal(orders.handler, 'Orders::Orders.Function::FunctionHandler');
    assert.equal(orders.timeoutSeconds, 1200);
    assert.equal(orders.memoryMB, 1024);
    assert.equal(orders.architecture, 'arm64');
    assert.deepEqual(orders.otherSettings, ['tracing']);
    assert.deepEqual(Object.keys(orders.environment ?? {}).sort(), ['API_KEY', 'TABLE']);
    // A secret-looking value is never carried into the unit.
    assert.ok(!JSON.stringify(r).includes('sk_live_0123456789abcdef0123'));
    // 1200 s is over Lambda's 900 s: the model rules judge the declared settings at their lines.
    assert.equal(r.findings.find((f) => f.ruleId === 'iac/timeout-limit')?.line, 16);
    const inline = r.units.find((u) => u.name === 'Inline')!;
    assert.equal(inline.runtime, 'python3.12');
    assert.match(inline.decidedBy?.map((d) => d.message).join('\n') ?? '', /code written inline in the CDK app is not analysed/);
    // The CDK app is an infrastructure program: no C# code rule judges it.
    assert.ok(!r.findings.some((f) => f.ruleId.startsWith('csharp/')));
  });

  it('triggers: API Gateway, event sources, rules and schedules (three forms), custom resources, Step Functions, authorizers', () => {
    assert.deepEqual(
      eventsOf(
        fn('api', 'Api') +
          fn('route', 'Route') +
          fn('queued', 'Queued') +
          fn('nightly', 'Nightly') +
          fn('hourly', 'Hourly') +
          fn('weekdays', 'Weekdays') +
          fn('onEvent', 'OnEvent') +
          fn('task', 'Task') +
          fn('auth', 'Auth') +
          '            new LambdaRestApi(this, "Rest", new LambdaRestApiProps { Handler = api });\n' +
          '            rest.Root.AddMethod("GET", new LambdaIntegration(route, new LambdaIntegrationOptions { Proxy = true }));\n' +
          '            queued.AddEventSource(new SqsEventSource(queue, new SqsEventSourceProps { BatchSize = 5 }));\n' +
          '            var rule = new Rule(this, "Rule", new RuleProps { Schedule = Schedule.Expression("cron(0 18 ? * MON-FRI *)") });\n' +
          '            rule.AddTarget(new LambdaFunction(nightly));\n' +
          '            new Rule(this, "Hourly", new RuleProps { Schedule = Schedule.Rate(Duration.Hours(1)), Targets = new IRuleTarget[] { new LambdaFunction(hourly) } });\n' +
          '            new Rule(this, "Weekdays", new RuleProps { Schedule = Schedule.Cron(new CronOptions { Minute = "0", Hour = "6", WeekDay = "MON-FRI" }), Targets = new[] { new LambdaFunction(weekdays) } });\n' +
          '            var provider = new Provider(this, "Provider", new ProviderProps { OnEventHandler = onEvent });\n' +
          '            new CustomResource(this, "Resource", new CustomResourceProps { ServiceToken = provider.ServiceToken });\n' +
          '            new LambdaInvoke(this, "Invoke", new() { LambdaFunction = task });\n' +
          '            new TokenAuthorizer(this, "Tok", new TokenAuthorizerProps { Handler = auth });\n',
      ),
      {
        Api: ['http API Gateway'],
        Route: ['http API Gateway'],
        Queued: ['sqs queue'],
        Nightly: ['schedule cron(0 18 ? * MON-FRI *)'],
        Hourly: ['schedule rate(1 hour)'],
        Weekdays: ['schedule cron(0 6 ? * MON-FRI *)'],
        OnEvent: ['other CloudFormation custom resource provider Provider cloudformation'],
        Task: ['direct Step Functions task Invoke stepfunctions'],
        Auth: ['other API Gateway authorizer Tok apigateway'],
      },
    );
  });

  it('functions named through a field, an attribute, a method returning them and a parameter; tricky negatives', () => {
    assert.deepEqual(
      eventsOf(
        '            Handler = new Function(this, "Field", new FunctionProps { Runtime = Runtime.DOTNET_8, Handler = "A::B.C::D", Code = Code.FromAsset("x") });\n' +
          '            var made = CreateFunction();\n' +
          fn('attr', 'Attr') +
          fn('unused', 'Unused') +
          '            new LambdaRestApi(this, "ViaField", new LambdaRestApiProps { Handler = this.Handler });\n' +
          '            Wire(made);\n' +
          '            new CustomResource(this, "Own", new CustomResourceProps { ServiceToken = attr.FunctionArn });\n' +
          // Another construct's LambdaFunction target of no rule, an SQS rule target.
          '            var target = new LambdaFunction(unused);\n' +
          '            new Rule(this, "ToQueue", new RuleProps { Schedule = Schedule.Expression("rate(1 hour)"), Targets = new[] { new SqsQueue(queue) } });\n',
        '        public Function Handler { get; }\n' +
          '        private Function CreateFunction()\n        {\n            return new Function(this, "Made", new FunctionProps { Runtime = Runtime.DOTNET_8, Handler = "M::M.F::H", Code = Code.FromAsset("m") });\n        }\n' +
          '        private void Wire(IFunction handler)\n        {\n            new LambdaIntegration(handler);\n        }\n',
      ),
      {
        Field: ['http API Gateway'],
        Made: ['http API Gateway'],
        Attr: ['other CloudFormation custom resource Own cloudformation'],
        Unused: [],
      },
    );
  });

  it("strings kept in fields name the function, its handler and code path; the app's own Program.cs is never a function's code", () => {
    const app = `using Amazon.CDK;\n\nnamespace Infra\n{\n    sealed class Program\n    {\n        public static void Main(string[] args)\n        {\n            var app = new App();\n            new AppStack(app, "AppStack");\n            app.Synth();\n        }\n    }\n}\n`;
    const r = assessTexts({
      'infra/src/Infra/Program.cs': app,
      [FILE]: stack(
        '            new Function(this, functionName, new FunctionProps { FunctionName = functionName, Runtime = Runtime.DOTNET_8, Handler = handler, Code = Code.FromAsset(codePath) });\n' +
          // Nothing names this one's handler or code: it stays unjoined rather than taking the app's Program.cs.
          '            new Function(this, "Unknown", new FunctionProps { Runtime = Runtime.DOTNET_8, Handler = Config.Handler, Code = Code.FromAsset(Config.Path) });\n',
        '        private string functionName = "Demo";\n        private string handler = "Api::Api.Function::Handle";\n        private string codePath = "../../../api";\n',
      ),
      'api/Function.cs':
        'namespace Api\n{\n    public class Function\n    {\n        public string Handle(string input, Amazon.Lambda.Core.ILambdaContext context) => input;\n    }\n}\n',
    });
    const demo = r.units.find((u) => u.name === 'Demo');
    assert.equal(demo?.handler, 'Api::Api.Function::Handle');
    assert.equal(demo?.codeFile, 'api/Function.cs');
    assert.equal(r.units.find((u) => u.name === 'Unknown')?.codeFile, undefined);
    assert.ok(!r.findings.some((f) => f.file === 'infra/src/Infra/Program.cs'));
  });

  it("image functions: the code object kept in a variable names the image's folder, whose Dockerfile tells the language iac/pod-entry-point judges", () => {
    const image = (v: string, id: string, dir: string) =>
      `            DockerImageCode ${v}Code = DockerImageCode.FromImageAsset("${dir}");\n` +
      `            var ${v} = new DockerImageFunction(this, "${id}", new DockerImageFunctionProps { Code = ${v}Code, Timeout = Duration.Minutes(1) });\n` +
      `            new LambdaRestApi(this, "${id}Api", new LambdaRestApiProps { Handler = ${v} });\n`;
    const r = assessTexts({
      'infra/cdk.json': '{ "app": "dotnet run --project src/Infra/Infra.csproj" }\n',
      [FILE]: stack(
        image('api', 'DotnetApi', '../lambda/api') +
          image('py', 'PythonApi', '../lambda/py') +
          image('lost', 'LostApi', '../lambda/missing') +
          image('aot', 'AotApi', '../lambda/aot'),
      ),
      // Native AOT: the published binary is the program, on a plain base image, polling the Runtime API itself.
      'lambda/aot/Dockerfile':
        'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nCOPY . /src\nRUN dotnet publish /src -c Release -o /out\nFROM alpine\nCOPY --from=build /out/ /var/task/\nENTRYPOINT ["/var/task/Api"]\n',
      'lambda/api/Dockerfile': 'FROM public.ecr.aws/lambda/dotnet:8\nCOPY out/ ${LAMBDA_TASK_ROOT}\nCMD ["Api::Api.Function::Handle"]\n',
      'lambda/py/Dockerfile': 'FROM public.ecr.aws/lambda/python:3.13\nCOPY app.py ${LAMBDA_TASK_ROOT}\nCMD ["app.handler"]\n',
      'lambda/py/app.py': 'def handler(event, context):\n    return {"statusCode": 200}\n',
    });
    const unit = (name: string) => r.units.find((u) => u.name === name)!;
    assert.equal(unit('DotnetApi').imageBuild?.from, 'public.ecr.aws/lambda/dotnet:8');
    const entry = (name: string) =>
      r.findings.filter((f) => f.ruleId === 'iac/pod-entry-point' && f.message.startsWith(`Function ${name} `)).map((f) => f.message);
    // .NET behind API Gateway: the Runtime Interface Emulator wrapper serves one invocation per Job.
    assert.match(entry('DotnetApi').join('\n'), /DotnetApi \(\.NET\) is invoked over HTTP/);
    assert.equal(unit('DotnetApi').readiness.toKubernetes, 'changes');
    // Python has a runner that serves HTTP: nothing to report, and the verdict stays ready.
    assert.deepEqual(entry('PythonApi'), []);
    assert.equal(unit('PythonApi').readiness.toKubernetes, 'ready');
    // No Dockerfile where the code points: the language cannot be told, and convert would refuse it.
    assert.match(entry('LostApi').join('\n'), /LostApi runs a container image \(not given\) whose language LambdaShift cannot tell/);
    assert.equal(unit('LostApi').readiness.toKubernetes, 'changes');
    // A Dockerfile found, on a plain base image with no handler: the program it starts is the function (not "no Dockerfile").
    assert.match(
      entry('AotApi').join('\n'),
      /AotApi runs a container image built by lambda\/aot\/Dockerfile on alpine, an image with no language runtime of Lambda's/,
    );
    assert.doesNotMatch(entry('AotApi').join('\n'), /no Dockerfile of it was found/);
  });

  it('a file without the CDK Lambda namespace declares nothing (its own Function class)', () => {
    const r = assessTexts({ [FILE]: stack(fn('x', 'X'), '', 'using MyCompany.Functions;\n') });
    assert.equal(r.units.length, 0);
  });

  it("joins a function whose code path is `dotnet publish` output to its project, and the project's Lambda tools defaults are not a second function", () => {
    const defaults = (handler: string) => `{ "function-runtime": "dotnet8", "function-handler": "${handler}" }`;
    const cls = (ns: string) =>
      `using Amazon.Lambda.Core;\n\nnamespace ${ns}\n{\n    public class Function\n    {\n        public string Handle(string input, ILambdaContext context) => input;\n    }\n}\n`;
    const r = assessTexts(
      {
        [FILE]: stack(fn('orders', 'Orders') + fn('other', 'Other')),
        'src/Orders/Function.cs': cls('Orders'),
        'src/Orders/aws-lambda-tools-defaults.json': defaults('Orders::Orders.Function::Handle'),
        // A project deployed only with the .NET CLI: its own function.
        'src/Reports/Function.cs': cls('Reports'),
        'src/Reports/aws-lambda-tools-defaults.json': defaults('Reports::Reports.Function::Handle'),
      },
      ['src/Orders/Orders.csproj', 'src/Reports/Reports.csproj', 'src/Other/Other.csproj', 'src/Other2/Other.csproj'],
    );
    assert.deepEqual(r.units.map((u) => `${u.source}:${u.name}`).sort(), ['cdk:Orders', 'cdk:Other', 'dotnet-lambda-tools:Reports']);
    assert.equal(r.units.find((u) => u.name === 'Orders')?.codeFile, 'src/Orders/Function.cs');
    // Two projects of the assembly's name: neither is chosen.
    assert.equal(r.units.find((u) => u.name === 'Other')?.codeFile, undefined);
  });
});
