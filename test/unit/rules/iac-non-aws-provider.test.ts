import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { nonAwsProviderRule } from '../../../src/core/rules/iac/non-aws-provider';
import { ruleTester } from '../../helpers/ruleTester';

const sls = (provider: string, functions = 'functions:\n  resize:\n    handler: handler.resize\n  crop:\n    handler: handler.crop\n') =>
  `service: thumbnails\nprovider:\n${provider}${functions}`;

ruleTester(nonAwsProviderRule, {
  defaultFile: 'serverless.yml',
  valid: [
    { name: 'provider aws', code: sls('  name: aws\n  runtime: nodejs22.x\n') },
    { name: 'provider AWS in capitals is still AWS', code: sls('  name: AWS\n') },
    { name: 'no provider name (the framework defaults to aws)', code: sls('  runtime: python3.13\n') },
    { name: 'provider given as a plain string (v1 style) is not a provider map', code: 'service: x\nprovider: aws\nfunctions:\n  a:\n    handler: h.a\n' },
  ],
  invalid: [
    {
      name: 'kubeless',
      code: sls('  name: kubeless\n  runtime: python3.9\n'),
      errors: [{ line: 3, column: 9, message: 'provider kubeless, not AWS Lambda, so its 2 functions were skipped', severity: 'info' }],
    },
    { name: 'openwhisk', code: sls('  name: openwhisk\n'), errors: [{ line: 3, message: 'openwhisk' }] },
    { name: 'google', code: sls('  name: google\n  project: acme\n'), errors: [{ line: 3, message: 'google' }] },
    {
      name: 'azure with one function',
      code: sls('  name: azure\n', 'functions:\n  hello:\n    handler: src/handlers/hello.sayHello\n'),
      errors: [{ line: 3, message: 'its 1 function were skipped' }],
    },
  ],
});

describe('serverless.yml for other providers', () => {
  it('produces no Lambda units and no Lambda findings, only the one note', () => {
    const r = analyzeWorkspace([{ file: 'fn/serverless.yml', text: sls('  name: kubeless\n  runtime: python2.7\n  timeout: 2000\n') }]);
    assert.deepEqual(r.units, []);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['iac/non-aws-provider'],
    );
  });
  it('an AWS serverless.yml next to it still gives its functions', () => {
    const r = analyzeWorkspace([
      { file: 'a/serverless.yml', text: sls('  name: google\n') },
      { file: 'b/serverless.yml', text: sls('  name: aws\n  runtime: nodejs22.x\n') },
    ]);
    assert.deepEqual(
      r.units.map((u) => `${u.file}#${u.name}`),
      ['b/serverless.yml#resize', 'b/serverless.yml#crop'],
    );
  });
});
