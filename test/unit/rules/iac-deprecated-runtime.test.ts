import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { deprecatedRuntime } from '../../../src/core/rules/iac/deprecated-runtime';
import { joinAnalyses } from '../../../src/core/api';
import { samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const rt = (runtime: string) => samFunction(`      Runtime: ${runtime}\n`);
const sls = (runtime: string, fns = ['f']) =>
  `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n${fns.map((f) => `  ${f}:\n    handler: ${f}.handler\n`).join('')}`;
const tf = (runtime: string) => `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  runtime       = "${runtime}"\n}\n`;
const tfLocals = (runtime: string) =>
  `locals {\n  runtime = "${runtime}"\n}\n` +
  ['a', 'b']
    .map((n) => `resource "aws_lambda_function" "${n}" {\n  function_name = "${n}"\n  handler       = "${n}.handler"\n  runtime       = local.runtime\n}\n`)
    .join('');
const cdk = (member: string) =>
  `import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Stack } from 'aws-cdk-lib';\nexport class S extends Stack {\n  constructor() {\n    super();\n    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.${member}, handler: 'app.handler', code: lambda.Code.fromAsset('src') });\n  }\n}\n`;
const globals = (runtime: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: ${runtime}\nResources:\n` +
  ['A', 'B'].map((n) => `  ${n}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: ${n}.handler\n`).join('') +
  `  Own:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: own.handler\n      Runtime: ${runtime}\n`;

// Without `today` the rule compares against the runtime table's own date (2026-08-22), so these cases are stable.
ruleTester(deprecatedRuntime, {
  valid: [
    { name: 'nodejs22.x', code: rt('nodejs22.x') },
    { name: 'nodejs24.x', code: rt('nodejs24.x') },
    { name: 'python3.13', code: rt('python3.13') },
    { name: 'java21', code: rt('java21') },
    { name: 'unknown / custom runtime', code: rt('provided.al2023') },
    { name: 'dotnet10, supported until 2028', code: rt('dotnet10') },
    { name: 'no runtime (image function)', code: samFunction('      PackageType: Image\n') },
    { name: 'runtime named in a description only', code: samFunction('      Description: was nodejs16.x\n      Runtime: python3.12\n') },
    { name: 'serverless on nodejs22.x', file: 'serverless.yml', code: sls('nodejs22.x') },
  ],
  invalid: [
    {
      name: 'nodejs20.x deprecated 2026-04-30',
      code: rt('nodejs20.x'),
      errors: [{ line: 8, column: 16, message: 'nodejs20.x, the runtime of function Fn, is deprecated since 2026-04-30', severity: 'warning' }],
      suggestionOutput: rt('nodejs24.x'),
    },
    { name: 'nodejs18.x', code: rt('nodejs18.x'), errors: [{ line: 8, message: 'Upgrade to nodejs22.x or nodejs24.x' }], suggestionOutput: rt('nodejs24.x') },
    { name: 'a quoted value keeps its quotes', code: rt('"nodejs18.x"'), errors: [{ line: 8 }], suggestionOutput: rt('"nodejs24.x"') },
    { name: 'python3.9', code: rt('python3.9'), errors: [{ line: 8, message: '2025-12-15' }], suggestionOutput: rt('python3.14') },
    {
      name: 'python3.10 deprecating 2026-10-31 (within 180 days of the table date)',
      code: rt('python3.10'),
      errors: [{ line: 8, message: 'is to be deprecated by AWS on 2026-10-31', severity: 'info' }],
      suggestionOutput: rt('python3.14'),
    },
    {
      name: 'nodejs16.x long retired',
      code: rt('nodejs16.x'),
      errors: [
        {
          line: 8,
          severity: 'error',
          message:
            "nodejs16.x, the runtime of function Fn, is retired: AWS stopped patching it and then blocked function updates, both before 2026 (the dates are in AWS's table of deprecated runtimes). The code still runs but can no longer be changed. Move to a supported runtime (nodejs22.x or nodejs24.x) as part of the migration",
        },
      ],
      suggestionOutput: rt('nodejs24.x'),
    },
    {
      name: 'ruby2.7 retired: the current Ruby runtime, as a suggestion',
      code: rt('ruby2.7'),
      errors: [{ line: 8, severity: 'error', message: /Move to a supported runtime \(ruby3\.4\) as part of the migration/ }],
      suggestionOutput: rt('ruby3.4'),
    },
    {
      name: 'ruby2.5 retired years ago',
      code: rt('ruby2.5'),
      errors: [{ line: 8, severity: 'error', message: /^ruby2\.5, the runtime of function Fn, is retired/ }],
      suggestionOutput: rt('ruby3.4'),
    },
    // A .NET assembly targets its framework, and a custom runtime's bootstrap its OS: named, never swapped in place.
    {
      name: 'dotnetcore2.0 retired: dotnet10 named, no suggestion',
      code: rt('dotnetcore2.0'),
      errors: [{ line: 8, severity: 'error', message: /^dotnetcore2\.0, the runtime of function Fn, is retired.*\(dotnet10\)/ }],
    },
    {
      name: 'dotnet6: deprecated since 2024-12-20, updates blocked from 2027-03-03',
      code: rt('dotnet6'),
      errors: [
        {
          line: 8,
          severity: 'warning',
          message:
            'dotnet6, the runtime of function Fn, is deprecated since 2024-12-20: no more security patches, and updates are blocked from 2027-03-03. Upgrade to dotnet10',
        },
      ],
    },
    {
      name: 'dotnet8: deprecated on 2026-11-10, within 180 days of the table date',
      code: rt('dotnet8'),
      errors: [{ line: 8, severity: 'info', message: 'to be deprecated by AWS on 2026-11-10. Plan the upgrade to dotnet10' }],
    },
    {
      name: 'provided (Amazon Linux 1) retired: provided.al2023 named, no suggestion',
      code: rt('provided'),
      errors: [{ line: 8, severity: 'error', message: /^provided, the runtime of function Fn, is retired.*\(provided\.al2023\)/ }],
    },
    {
      name: 'from Globals',
      code: samFunction('      Timeout: 3\n', 'Globals:\n  Function:\n    Runtime: python3.8\n'),
      errors: [{ line: 11, severity: 'error' }],
      suggestionOutput: samFunction('      Timeout: 3\n', 'Globals:\n  Function:\n    Runtime: python3.14\n'),
    },
    {
      name: 'serverless provider default',
      file: 'serverless.yml',
      code: sls('nodejs18.x'),
      errors: [{ line: 4, column: 12 }],
      suggestionOutput: sls('nodejs24.x'),
    },
    {
      name: 'serverless provider default shared by three functions: one finding naming all three',
      file: 'serverless.yml',
      code: sls('nodejs18.x', ['a', 'b', 'c']),
      errors: [{ line: 4, column: 12, message: 'nodejs18.x, the runtime of the 3 functions set here (a, b and c), is deprecated since 2025-09-01' }],
      suggestionOutput: sls('nodejs24.x', ['a', 'b', 'c']),
    },
    {
      name: 'SAM Globals shared by two functions, a third sets its own: two findings',
      code: globals('nodejs18.x'),
      errors: [
        { line: 5, message: 'the 2 functions set here (A and B)' },
        { line: 19, message: 'the runtime of function Own' },
      ],
      suggestionOutput: globals('nodejs18.x').replace('Runtime: nodejs18.x\nResources', 'Runtime: nodejs24.x\nResources'),
    },
    { name: 'Terraform', file: 'main.tf', code: tf('python3.9'), errors: [{ line: 3, column: 19 }], suggestionOutput: tf('python3.14') },
    {
      name: 'Terraform local shared by two functions: one finding at the local',
      file: 'main.tf',
      code: tfLocals('python3.9'),
      errors: [{ line: 2, column: 13, message: 'the 2 functions set here (a and b)' }],
      suggestionOutput: tfLocals('python3.14'),
    },
    {
      name: 'CDK Runtime member',
      file: 'lib/stack.ts',
      code: cdk('NODEJS_18_X'),
      errors: [{ line: 6, message: 'function Fn' }],
      suggestionOutput: cdk('NODEJS_24_X'),
    },
  ],
});

it('iac/deprecated-runtime takes "today" as an input', () => {
  const ids = (today: string, runtime: string) =>
    analyzeFile(rt(runtime), 'template.yaml', { today })
      .findings.filter((f) => f.ruleId === 'iac/deprecated-runtime')
      .map((f) => f.severity);
  assert.deepEqual(ids('2026-11-22', 'python3.10'), ['warning'], 'deprecated on 2026-10-31, before 2026-11-22');
  assert.deepEqual(ids('2027-03-03', 'nodejs20.x'), ['error'], 'block-update date reached');
  assert.deepEqual(ids('2026-01-01', 'nodejs20.x'), ['info'], 'not yet deprecated, within 180 days');
  assert.deepEqual(ids('2025-01-01', 'nodejs20.x'), [], 'far from deprecation');
});

it('a shared runtime counts for every function it names, by identity, in the join', () => {
  const result = joinAnalyses({ analyses: [analyzeFile(sls('nodejs16.x', ['a', 'b', 'c']), 'svc/serverless.yml')] });
  const found = result.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0].units, ['a', 'b', 'c']);
  assert.deepEqual(found[0].unitIds, ['svc/serverless.yml#a', 'svc/serverless.yml#b', 'svc/serverless.yml#c']);
  // A retired runtime is an error; for a move to Kubernetes it is an upgrade to make (VERDICT_CAPS): each of the three
  // functions needs changes because of the one finding.
  assert.deepEqual(
    result.units.map((u) => [u.name, u.readiness.toKubernetes]),
    [
      ['a', 'changes'],
      ['b', 'changes'],
      ['c', 'changes'],
    ],
  );
  assert.ok(result.units.every((u) => u.decidedBy?.some((r) => r.ruleId === 'iac/deprecated-runtime')));
});

it('messages name at most 20 functions; the finding lists them all', () => {
  const names = Array.from({ length: 25 }, (_, i) => `fn${i}`);
  const [f] = analyzeFile(sls('nodejs18.x', names), 'serverless.yml').findings.filter((x) => x.ruleId === 'iac/deprecated-runtime');
  assert.match(f.message, /the 25 functions set here \(fn0, fn1, .*, fn19 and 5 more\)/);
  assert.equal(f.units?.length, 25);
});
