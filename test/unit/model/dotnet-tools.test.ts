// Amazon.Lambda.Tools' aws-lambda-tools-defaults.json: the declaration of the function `dotnet lambda deploy-function`
// deploys from a .NET project folder (src/core/model/dotnetTools.ts), joined to its C# handler like a SAM function.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import { ensureParser } from '../../../src/core/parsers/load';
import { computeLineStarts, lineColumnAt } from '../../../src/core/position';
import type { Unit } from '../../../src/core/types';
import { main } from '../../../src/cli/main';

const root = path.resolve(__dirname, '../../..');
const fixtureDir = path.join(root, 'test/fixtures/iac/dotnet-lambda-tools');
const FILE = 'Orders/aws-lambda-tools-defaults.json';

/** Every file of the fixture folder, relative to it. */
function fixtureFiles(dir = fixtureDir): { file: string; text: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? fixtureFiles(p) : [{ file: path.relative(fixtureDir, p).split(path.sep).join('/'), text: readFileSync(p, 'utf8') }];
    });
}

const units = (text: string, file = FILE): Unit[] => analyzeFile(text, file).units;
const json = (o: Record<string, unknown>) => JSON.stringify(o, null, 2) + '\n';
const lineOf = (text: string, offset: number) => lineColumnAt(computeLineStarts(text), offset).line;

before(async () => {
  await ensureParser('csharp');
});

describe('aws-lambda-tools-defaults.json is recognised by its exact name', () => {
  const text = json({ 'function-handler': 'Orders::Orders.Function::Handle' });
  const cases: [string, string][] = [
    ['aws-lambda-tools-defaults.json', 'dotnet-lambda-tools'],
    ['src/Orders/aws-lambda-tools-defaults.json', 'dotnet-lambda-tools'],
    ['src/Orders/AWS-Lambda-Tools-Defaults.JSON', 'dotnet-lambda-tools'],
    ['src\\Orders\\aws-lambda-tools-defaults.json', 'dotnet-lambda-tools'],
    ['src/Orders/aws-lambda-tools-defaults.json.bak', 'unknown'],
    ['src/Orders/my-aws-lambda-tools-defaults.json', 'unknown'],
    ['src/Orders/aws-lambda-tools-defaults.prod.json', 'unknown'],
    ['src/Orders/aws-lambda-tools-defaults.json/readme.md', 'unknown'],
  ];
  for (const [file, kind] of cases) it(`${file} → ${kind}`, () => assert.equal(detectKind(file, text), kind));
  it('a copy under another name declares nothing even when it has a handler', () => {
    assert.deepEqual(units(text, 'Orders/my-aws-lambda-tools-defaults.json'), []);
    assert.deepEqual(units(text, 'Orders/aws-lambda-tools-defaults.json.bak'), []);
  });
});

describe('which files declare a function', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'function-handler alone: named after the project folder, not the assembly',
      { 'function-handler': 'OrdersLambda::OrdersLambda.Function::Handle' },
      ['Orders'],
    ],
    [
      'function-handler and template: deploy-serverless deploys the template',
      { 'function-handler': 'Orders::Orders.Function::Handle', template: 'serverless.template' },
      [],
    ],
    ['template alone', { template: 'serverless.template', 's3-prefix': 'Orders/' }, []],
    ['neither (tool settings only)', { profile: 'default', region: 'us-east-1', 'function-memory-size': 256 }, []],
    ['an empty handler', { 'function-handler': '  ', 'function-runtime': 'dotnet8' }, []],
    ['package-type image (lower case, as the templates write it) without a handler', { 'package-type': 'image', 'function-timeout': 30 }, ['Orders']],
    ['package-type zip without a handler', { 'package-type': 'Zip', 'function-timeout': 30 }, []],
    ['function-name names the unit', { 'function-name': 'orders-prod', 'function-handler': 'Orders::Orders.Function::Handle' }, ['orders-prod']],
  ];
  for (const [what, file, names] of cases)
    it(what, () =>
      assert.deepEqual(
        units(json(file)).map((u) => u.name),
        names,
      ),
    );
  it('a JSON array, a scalar or an empty file declare nothing and are no parse error', () => {
    for (const text of ['[]\n', '"function-handler"\n', '', '  \n']) {
      const a = analyzeFile(text, FILE);
      assert.deepEqual([a.units, a.findings], [[], []], JSON.stringify(text));
    }
  });
  it('a file at the workspace root is named after its handler assembly', () => {
    assert.equal(units(json({ 'function-handler': 'Billing::Billing.Function::Run' }), 'aws-lambda-tools-defaults.json')[0].name, 'Billing');
  });
});

describe('fields', () => {
  it('reads the function settings deploy-function applies, with the value ranges on their keys’ lines', () => {
    const text = readFileSync(path.join(fixtureDir, 'OrderApi/aws-lambda-tools-defaults.json'), 'utf8');
    const [u] = units(text, 'OrderApi/aws-lambda-tools-defaults.json');
    assert.deepEqual(
      {
        name: u.name,
        functionName: u.functionName,
        source: u.source,
        runtime: u.runtime,
        handler: u.handler,
        timeoutSeconds: u.timeoutSeconds,
        memoryMB: u.memoryMB,
        ephemeralStorageMB: u.ephemeralStorageMB,
        architecture: u.architecture,
        role: u.role,
        layers: u.layers,
        vpc: u.vpc,
        events: u.events,
        environment: u.environment,
        otherSettings: u.otherSettings,
        line: u.line,
      },
      {
        name: 'order-api',
        functionName: 'order-api',
        source: 'dotnet-lambda-tools',
        runtime: 'dotnet8',
        handler: 'OrderApi::OrderApi.Handlers::GetOrder',
        timeoutSeconds: 900,
        memoryMB: 1024,
        ephemeralStorageMB: 2048,
        architecture: 'arm64',
        role: 'arn:aws:iam::123456789012:role/order-api',
        layers: ['arn:aws:lambda:us-east-2:123456789012:layer:otel:3'],
        vpc: { subnets: ['subnet-0a1', 'subnet-0b2'], securityGroups: ['sg-0c3'] },
        events: [{ type: 'http', detail: 'function URL', functionUrl: true, authType: 'AWS_IAM' }],
        environment: { TABLE: 'orders', STAGE: 'prod' },
        otherSettings: ['tracing-mode'],
        line: 5,
      },
    );
    const keyLine = (key: string) => text.split('\n').findIndex((l) => l.includes(`"${key}"`)) + 1;
    for (const [field, key] of [
      ['runtime', 'function-runtime'],
      ['handler', 'function-handler'],
      ['timeoutSeconds', 'function-timeout'],
      ['memoryMB', 'function-memory-size'],
      ['ephemeralStorageMB', 'ephemerals-storage-size'],
      ['layers', 'function-layers'],
      ['environment', 'environment-variables'],
    ])
      assert.equal(lineOf(text, u.fieldRanges![field]![0]), keyLine(key), field);
  });
  it('a diagnostic about a setting lands on its key’s line (iac/timeout-limit at function-timeout)', () => {
    const text = readFileSync(path.join(fixtureDir, 'OrderApi/aws-lambda-tools-defaults.json'), 'utf8');
    const f = analyzeFile(text, 'OrderApi/aws-lambda-tools-defaults.json').findings.find((x) => x.ruleId === 'iac/timeout-limit');
    assert.ok(f);
    assert.equal(lineOf(text, f.start), 9);
    assert.match(text.split('\n')[8], /"function-timeout": 900/);
  });
  it('an image function: package type, tag, Dockerfile and its image command as the handler', () => {
    const [u] = units(
      readFileSync(path.join(fixtureDir, 'ImageResizer/aws-lambda-tools-defaults.json'), 'utf8'),
      'ImageResizer/aws-lambda-tools-defaults.json',
    );
    assert.deepEqual(
      [u.packageType, u.image, u.dockerfile, u.handler, u.runtime],
      ['Image', 'image-resizer:latest', 'Dockerfile', 'ImageResizer::ImageResizer.Function::Resize', undefined],
    );
    // The obsolete `tag` switch still names the image.
    assert.equal(units(json({ 'package-type': 'image', tag: 'old:1' }))[0].image, 'old:1');
  });
  it('the last of repeated keys wins, as System.Text.Json looks keys up', () => {
    const [u] = units('{\n  "function-timeout": 10,\n  "function-handler": "A::A.F::H",\n  "function-timeout": 45\n}\n');
    assert.equal(u.timeoutSeconds, 45);
  });
  it('keys are case-sensitive, as the tool reads them', () => {
    assert.deepEqual(units(json({ 'Function-Handler': 'A::A.F::H' })), []);
  });
  it('an assembly-only handler (an executable) or bootstrap names no handler export; a C# one does, as in SAM', () => {
    assert.equal(units(json({ 'function-handler': 'Worker', 'function-runtime': 'dotnet8' }))[0].handlerExport, undefined);
    assert.equal(units(json({ 'function-handler': 'bootstrap', 'function-runtime': 'provided.al2023' }))[0].handlerExport, undefined);
    assert.equal(units(json({ 'function-handler': 'A::A.Function::Handle' }))[0].handlerExport, 'Function::Handle');
  });
});

describe('environment-variables', () => {
  const env = (value: unknown) => units(json({ 'function-handler': 'A::A.F::H', 'environment-variables': value }))[0].environment;
  const cases: [string, unknown, Record<string, string> | undefined][] = [
    ['K=v pairs', 'STAGE=prod;TABLE=orders', { STAGE: 'prod', TABLE: 'orders' }],
    ['a quoted value keeps its ; and =', 'NOTE="a;b=c";N=1', { NOTE: 'a;b=c', N: '1' }],
    ['an empty value and a trailing ;', 'EMPTY=;X=1;', { EMPTY: '', X: '1' }],
    ['an entry without a name is dropped (the tool rejects it)', '=x;Y=2', { Y: '2' }],
    ['an empty string: none', '', undefined],
    ['an object (deploy-function ignores it): none', { A: '1' }, undefined],
  ];
  for (const [what, value, want] of cases) it(what, () => assert.deepEqual(env(value), want));
  it('secret-looking values never appear, by name, by value, or inside a connection string', () => {
    const text = readFileSync(path.join(fixtureDir, 'Thumbnailer/aws-lambda-tools-defaults.json'), 'utf8');
    // The fixture is worth nothing if the values are not there to leak.
    for (const secret of ['hunter2', 'Sw0rdfish42', 'AKIAQWERTYUIOPASDFGH']) assert.ok(text.includes(secret));
    const a = analyzeFile(text, 'Thumbnailer/aws-lambda-tools-defaults.json');
    assert.deepEqual(a.units[0].environment, { THUMB_WIDTH: '200', DB_PASSWORD: '***', REPORTS: '***', UPLOADER: '***' });
    const out = JSON.stringify(a);
    for (const secret of ['hunter2', 'Sw0rdfish42', 'AKIAQWERTYUIOPASDFGH']) assert.ok(!out.includes(secret), secret);
  });
});

describe('parsing', () => {
  it('a UTF-8 BOM is no parse error and moves no line', () => {
    const text = '\uFEFF{\n  "function-runtime": "dotnetcore3.1",\n  "function-handler": "A::A.F::H"\n}\n';
    const a = analyzeFile(text, FILE);
    assert.deepEqual(
      a.findings.filter((f) => f.ruleId === 'core/parse-error'),
      [],
    );
    assert.equal(a.units[0].line, 3);
    assert.equal(lineOf(text, a.findings.find((f) => f.ruleId === 'iac/deprecated-runtime')!.start), 2);
  });
  it('comments (which the tool skips) and a trailing comma are accepted; positions stay the file’s', () => {
    const text = '{\n  // the handler\n  "function-handler": "A::A.F::H", /* inline */\n  "function-timeout": 900,\n}\n';
    const a = analyzeFile(text, FILE);
    assert.deepEqual(
      a.findings.filter((f) => f.ruleId === 'core/parse-error'),
      [],
    );
    assert.equal(a.units[0].timeoutSeconds, 900);
    assert.equal(lineOf(text, a.findings.find((f) => f.ruleId === 'iac/timeout-limit')!.start), 4);
  });
  it('"//" inside a string (after an escaped quote too) is no comment', () => {
    const [u] = units('{\n  "function-handler": "A::A.F::H",\n  "function-role": "https://example.com//role",\n  "tracing-mode": "a\\"//b"\n}\n');
    assert.equal(u.role, 'https://example.com//role');
    assert.deepEqual(u.otherSettings, ['tracing-mode']);
  });
  it('broken JSON: one parse-error finding naming the file, on the offending line, and no unit', () => {
    const text = readFileSync(path.join(fixtureDir, 'Broken/aws-lambda-tools-defaults.json'), 'utf8');
    const a = analyzeFile(text, 'Broken/aws-lambda-tools-defaults.json');
    assert.deepEqual(a.units, []);
    assert.equal(a.findings.length, 1);
    assert.equal(a.findings[0].ruleId, 'core/parse-error');
    assert.match(a.findings[0].message, /^Broken\/aws-lambda-tools-defaults\.json could not be parsed: /);
    assert.equal(lineOf(text, a.findings[0].start), 4);
  });
});

describe('the fixture workspace, joined', () => {
  let result: ReturnType<typeof analyzeWorkspace>;
  before(() => {
    result = analyzeWorkspace(fixtureFiles());
  });
  const unit = (name: string) => result.units.find((u) => u.name === name)!;

  it('one unit per deploy-function project: not the template project, the settings-only file, the copies or the broken file', () => {
    assert.deepEqual(result.units.map((u) => `${u.source} ${u.name}`).sort(), [
      'dotnet-lambda-tools ImageResizer',
      'dotnet-lambda-tools ReportRunner',
      'dotnet-lambda-tools Thumbnailer',
      'dotnet-lambda-tools order-api',
    ]);
  });
  it('the C# handler joins the class file under the project folder, with the folder’s other classes', () => {
    assert.equal(unit('Thumbnailer').codeFile, 'Thumbnailer/Function.cs');
    assert.deepEqual(unit('Thumbnailer').codeFiles, ['Thumbnailer/Function.cs', 'Thumbnailer/Scaler.cs']);
    assert.equal(unit('order-api').codeFile, 'OrderApi/Handlers.cs');
    assert.equal(unit('ImageResizer').codeFile, 'ImageResizer/Function.cs');
    assert.equal(unit('ImageResizer').imageBuild?.from, 'public.ecr.aws/lambda/dotnet:8');
  });
  it('an executable assembly (the handler names the assembly alone) joins the file with the top-level statements', () => {
    assert.equal(unit('ReportRunner').codeFile, 'ReportRunner/Entry.cs');
    const coupling = result.findings.find((f) => f.ruleId === 'csharp/runtime-coupling' && f.file === 'ReportRunner/Entry.cs');
    assert.equal(coupling?.unit, 'ReportRunner');
  });
  it('dotnetcore3.1 gives the deprecated-runtime finding at function-runtime (dotnet8 a notice: it deprecates on 2026-11-10), and the code’s findings count for the unit', () => {
    const runtime = result.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime');
    assert.deepEqual(
      runtime.map((f) => [f.file, f.line, f.severity, f.unit]),
      [
        ['OrderApi/aws-lambda-tools-defaults.json', 6, 'info', 'order-api'],
        ['ReportRunner/aws-lambda-tools-defaults.json', 5, 'info', 'ReportRunner'],
        ['Thumbnailer/aws-lambda-tools-defaults.json', 8, 'error', 'Thumbnailer'],
      ],
    );
    assert.ok(result.findings.some((f) => f.ruleId === 'csharp/event-source' && f.file === 'Thumbnailer/Function.cs' && f.unit === 'Thumbnailer'));
    assert.equal(unit('Thumbnailer').readiness.toKubernetes, 'changes');
    assert.equal(unit('Thumbnailer').joinedBy, 'handler');
  });
  it('the broken file is one parse-error finding; the scan went on', () => {
    const errors = result.findings.filter((f) => f.ruleId === 'core/parse-error');
    assert.deepEqual(
      errors.map((f) => [f.file, f.line]),
      [['Broken/aws-lambda-tools-defaults.json', 4]],
    );
  });
});

describe('a template that deploys the project: the tools file is its CLI defaults, not a second function', () => {
  const fn = (name: string, codeUri: string, handler: string, runtime = 'dotnet8') =>
    `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ${codeUri}\n      Handler: ${handler}\n      Runtime: ${runtime}\n`;
  const template = (body: string) => `Transform: AWS::Serverless-2016-10-31\nResources:\n${body}`;
  const tools = (handler: string, runtime = 'dotnet8') => json({ 'function-runtime': runtime, 'function-handler': handler, 'function-memory-size': 256 });
  const cs = (ns: string) =>
    `using Amazon.Lambda.Core;\nnamespace ${ns};\npublic class Function\n{\n    public string FunctionHandler(string input, ILambdaContext context) => input;\n}\n`;
  const program = 'using Amazon.Lambda.RuntimeSupport;\nawait LambdaBootstrapBuilder.Create((string s) => s).Build().RunAsync();\n';

  it('sam init’s layout (a tools file in each CodeUri folder): one unit per template function', () => {
    const r = analyzeWorkspace([
      {
        file: 'app/template.yaml',
        text: template(
          fn('GetFunction', './src/Get/', 'Get::Get.Function::FunctionHandler') + fn('PutFunction', 'src/Put', 'Put::Put.Function::FunctionHandler'),
        ),
      },
      { file: 'app/src/Get/aws-lambda-tools-defaults.json', text: tools('Get::Get.Function::FunctionHandler') },
      { file: 'app/src/Get/Function.cs', text: cs('Get') },
      { file: 'app/src/Put/aws-lambda-tools-defaults.json', text: tools('Put::Put.Function::FunctionHandler', 'dotnetcore3.1') },
      { file: 'app/src/Put/Function.cs', text: cs('Put') },
    ]);
    assert.deepEqual(r.units.map((u) => `${u.source} ${u.name} ${u.codeFile}`).sort(), [
      'sam GetFunction app/src/Get/Function.cs',
      'sam PutFunction app/src/Put/Function.cs',
    ]);
    // The stale runtime in the CLI file is not what the template deploys: no finding about it.
    assert.deepEqual(
      r.findings.filter((f) => f.file.endsWith('aws-lambda-tools-defaults.json')).map((f) => f.ruleId),
      [],
    );
  });

  it("a CodeUri that is the project's build output (bin/Release/net8.0/app.zip): the project's handler, and its tools file is the CLI defaults", () => {
    const r = analyzeWorkspace([
      { file: 'blank/template.yaml', text: template(fn('function', 'src/blank/bin/Release/net8.0/blank.zip', 'blank::blank.Function::FunctionHandler')) },
      { file: 'blank/src/blank/aws-lambda-tools-defaults.json', text: tools('blank::blank.Function::FunctionHandler') },
      { file: 'blank/src/blank/Function.cs', text: cs('blank') },
    ]);
    assert.deepEqual(
      r.units.map((u) => `${u.source} ${u.name} ${u.codeFile}`),
      ['sam function blank/src/blank/Function.cs'],
    );
  });

  it('a custom runtime whose package is the folder of several projects (a Makefile build): the files under it are its projects', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template(fn('GetFunction', './', 'bootstrap', 'provided.al2')) },
      { file: 'Get/aws-lambda-tools-defaults.json', text: tools('CancelBooking', 'provided.al2') },
      { file: 'Get/Program.cs', text: program },
    ]);
    assert.deepEqual(
      r.units.map((u) => `${u.source} ${u.name}`),
      ['sam GetFunction'],
    );
  });

  it('BuildMethod: makefile joins the project the Makefile’s build-<LogicalId> target publishes', () => {
    const made = (fnName: string) =>
      `  ${fnName}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./\n      Handler: bootstrap\n      Runtime: provided.al2\n    Metadata:\n      BuildMethod: makefile\n`;
    const files = [
      { file: 'svc/template.yaml', text: template(made('GetFunction') + made('PutFunction')) },
      {
        file: 'svc/Makefile',
        text: 'build-GetFunction:\n\tdotnet publish Get/Get.csproj -c Release -o $(ARTIFACTS_DIR)\n\nbuild-PutFunction:\n\tdotnet publish Put/Put.csproj -c Release -o $(ARTIFACTS_DIR)\n',
      },
      { file: 'svc/Get/Program.cs', text: program },
      { file: 'svc/Put/Program.cs', text: program },
    ];
    const r = analyzeWorkspace(files);
    assert.deepEqual(r.units.map((u) => `${u.name} ${u.codeFile}`).sort(), ['GetFunction svc/Get/Program.cs', 'PutFunction svc/Put/Program.cs']);
    // Without the build method the template says nothing about which project is which: no guess.
    const plain = analyzeWorkspace(files.map((f) => ({ ...f, text: f.text.replace(/    Metadata:\n      BuildMethod: makefile\n/g, '') })));
    assert.deepEqual(
      plain.units.map((u) => u.codeFile),
      [undefined, undefined],
    );
    // The Makefile is not a unit's code, and the internal field is not in the report.
    assert.ok(!r.units.some((u) => 'buildMethod' in u));
  });

  it('an executable assembly in a package folder of several projects: the project of that assembly name', () => {
    const files = (handler: string) => [
      { file: 'template.yaml', text: template(fn('ApiFunction', './', handler)) },
      { file: 'Api/Api.csproj', text: '<Project Sdk="Microsoft.NET.Sdk"></Project>\n' },
      { file: 'Api/Function.cs', text: program },
      { file: 'Jobs/Jobs.csproj', text: '<Project Sdk="Microsoft.NET.Sdk"></Project>\n' },
      { file: 'Jobs/Program.cs', text: program },
    ];
    assert.equal(analyzeWorkspace(files('Api')).units[0].codeFile, 'Api/Function.cs');
    assert.equal(analyzeWorkspace(files('Jobs')).units[0].codeFile, 'Jobs/Program.cs');
    assert.equal(analyzeWorkspace(files('Billing')).units[0].codeFile, undefined);
  });

  it('tricky negatives: a tools file outside every code folder, or under a Node function’s folder, is its own function', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template(fn('Web', './', 'index.handler', 'nodejs20.x') + fn('Get', 'src/Get', 'Get::Get.Function::FunctionHandler')) },
      { file: 'index.js', text: 'exports.handler = async () => 1;\n' },
      { file: 'src/Get/aws-lambda-tools-defaults.json', text: tools('Get::Get.Function::FunctionHandler') },
      { file: 'src/Get/Function.cs', text: cs('Get') },
      { file: 'tools/Report/aws-lambda-tools-defaults.json', text: tools('Report::Report.Function::FunctionHandler') },
      { file: 'tools/Report/Function.cs', text: cs('Report') },
      { file: 'src/GetSibling/aws-lambda-tools-defaults.json', text: tools('Sib::Sib.Function::FunctionHandler') },
    ]);
    assert.deepEqual(r.units.map((u) => `${u.source} ${u.name}`).sort(), [
      'dotnet-lambda-tools GetSibling',
      'dotnet-lambda-tools Report',
      'sam Get',
      'sam Web',
    ]);
  });
});

describe('assess on the fixture folder (the CLI path: walk, kind, threads, report)', () => {
  it('lists the four units with their code, reports the broken file once and prints no secret', async () => {
    let out = '';
    const code = await main(['assess', fixtureDir, '--format', 'json', '--no-cache', '--fail-on', 'never'], {
      cwd: root,
      isTTY: false,
      env: {},
      stdout: (s) => (out += s),
      stderr: (s) => (out += s),
    });
    assert.equal(code, 0, out);
    const r = JSON.parse(out) as { units: Unit[]; findings: { ruleId: string; file: string; message: string }[]; errors: unknown[] };
    assert.deepEqual(r.units.map((u) => [u.name, u.codeFile]).sort(), [
      ['ImageResizer', 'ImageResizer/Function.cs'],
      ['ReportRunner', 'ReportRunner/Entry.cs'],
      ['Thumbnailer', 'Thumbnailer/Function.cs'],
      ['order-api', 'OrderApi/Handlers.cs'],
    ]);
    const parseErrors = r.findings.filter((f) => f.ruleId === 'core/parse-error');
    assert.deepEqual(
      parseErrors.map((f) => f.file),
      ['Broken/aws-lambda-tools-defaults.json'],
    );
    assert.match(parseErrors[0].message, /Broken\/aws-lambda-tools-defaults\.json could not be parsed/);
    assert.deepEqual(r.errors, []);
    for (const secret of ['hunter2', 'Sw0rdfish42', 'AKIAQWERTYUIOPASDFGH']) assert.ok(!out.includes(secret), secret);
  });
});
