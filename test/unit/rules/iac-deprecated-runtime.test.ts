import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { deprecatedRuntime } from '../../../src/core/rules/iac/deprecated-runtime';
import { samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const rt = (runtime: string) => samFunction(`      Runtime: ${runtime}\n`);

// Without `today` the rule compares against the runtime table's own date (2026-08-22), so these cases are stable.
ruleTester(deprecatedRuntime, {
  valid: [
    { name: 'nodejs22.x', code: rt('nodejs22.x') },
    { name: 'nodejs24.x', code: rt('nodejs24.x') },
    { name: 'python3.13', code: rt('python3.13') },
    { name: 'java21', code: rt('java21') },
    { name: 'unknown / custom runtime', code: rt('provided.al2023') },
    { name: 'no runtime (image function)', code: samFunction('      PackageType: Image\n') },
    { name: 'runtime named in a description only', code: samFunction('      Description: was nodejs16.x\n      Runtime: python3.12\n') },
    { name: 'serverless on nodejs22.x', file: 'serverless.yml', code: 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.handler\n' },
  ],
  invalid: [
    { name: 'nodejs20.x deprecated 2026-04-30', code: rt('nodejs20.x'), errors: [{ line: 8, column: 16, message: 'deprecated since 2026-04-30', severity: 'warning' }] },
    { name: 'nodejs18.x', code: rt('nodejs18.x'), errors: [{ line: 8, message: 'nodejs22.x or nodejs24.x' }] },
    { name: 'python3.9', code: rt('python3.9'), errors: [{ line: 8, message: '2025-12-15' }] },
    { name: 'python3.10 deprecating 2026-10-31 (within 180 days of the table date)', code: rt('python3.10'), errors: [{ line: 8, message: 'plans to deprecate', severity: 'info' }] },
    { name: 'nodejs16.x long retired', code: rt('nodejs16.x'), errors: [{ line: 8, severity: 'error' }] },
    { name: 'from Globals', code: samFunction('      Timeout: 3\n', 'Globals:\n  Function:\n    Runtime: python3.8\n'), errors: [{ line: 11, severity: 'error' }] },
    { name: 'serverless provider default', file: 'serverless.yml', code: 'service: s\nprovider:\n  name: aws\n  runtime: nodejs18.x\nfunctions:\n  f:\n    handler: h.handler\n', errors: [{ line: 4, column: 12 }] },
    { name: 'Terraform', file: 'main.tf', code: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  runtime       = "python3.9"\n}\n', errors: [{ line: 3, column: 19 }] },
  ],
});

it('iac/deprecated-runtime takes "today" as an input', () => {
  const ids = (today: string, runtime: string) =>
    analyzeFile(rt(runtime), 'template.yaml', { today }).findings.filter((f) => f.ruleId === 'iac/deprecated-runtime').map((f) => f.severity);
  assert.deepEqual(ids('2026-11-22', 'python3.10'), ['warning'], 'deprecated on 2026-10-31, before 2026-11-22');
  assert.deepEqual(ids('2027-03-03', 'nodejs20.x'), ['error'], 'block-update date reached');
  assert.deepEqual(ids('2026-01-01', 'nodejs20.x'), ['info'], 'not yet deprecated, within 180 days');
  assert.deepEqual(ids('2025-01-01', 'nodejs20.x'), [], 'far from deprecation');
});
