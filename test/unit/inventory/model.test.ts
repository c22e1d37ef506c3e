import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsConfigFindings, awsToUnit } from '../../../src/core/model/aws';
import { rec } from './awsRuleTable';

const opts = { region: 'us-east-1', today: '2026-08-22' };

describe('deployed configuration → units and iac/timeout-limit', () => {
  it('reuses iac/timeout-limit: 900 s is a warning, 810-899 s info, 809 s silent', () => {
    const t = (Timeout: number) =>
      awsConfigFindings(rec({ Timeout }), opts)
        .filter((f) => f.ruleId === 'iac/timeout-limit')
        .map((f) => f.severity);
    assert.deepEqual(t(900), ['warning']);
    assert.deepEqual(t(810), ['info']);
    assert.deepEqual(t(899), ['info']);
    assert.deepEqual(t(809), []);
    assert.deepEqual(t(3), []);
  });
  it('honours --rule overrides', () => {
    const f = awsConfigFindings(rec({ Timeout: 900, Runtime: 'nodejs20.x' }), {
      ...opts,
      rules: { 'iac/timeout-limit': 'off', 'aws/deprecated-runtime': 'error' },
    });
    assert.deepEqual(
      f.map((x) => [x.ruleId, x.severity]),
      [['aws/deprecated-runtime', 'error']],
    );
  });
  it('builds a unit with source aws, file aws://lambda/<region>/<name>, events and the visibility minimum', () => {
    const u = awsToUnit(
      rec(
        { Timeout: 60, Layers: [{ Arn: 'arn:aws:lambda:us-east-1:1:layer:l:3', CodeSize: 1 }], Architectures: ['arm64'], EphemeralStorage: { Size: 1024 } },
        {
          reservedConcurrency: 7,
          eventSourceMappings: [
            { UUID: 'u', EventSourceArn: 'arn:aws:sqs:us-east-1:1:q', BatchSize: 5 },
            { UUID: 'k', EventSourceArn: 'arn:aws:kinesis:us-east-1:1:stream/s' },
          ],
          urls: [{ FunctionUrl: 'https://x.lambda-url.us-east-1.on.aws/', AuthType: 'NONE' }],
        },
      ),
      'us-east-1',
    );
    assert.equal(u.file, 'aws://lambda/us-east-1/orders');
    assert.deepEqual([u.source, u.line, u.kind, u.reservedConcurrency, u.architecture, u.ephemeralStorageMB], ['aws', 1, 'lambda-function', 7, 'arm64', 1024]);
    assert.deepEqual(u.layers, ['arn:aws:lambda:us-east-1:1:layer:l:3']);
    assert.deepEqual(u.events, [
      { type: 'sqs', detail: 'arn:aws:sqs:us-east-1:1:q', batchSize: 5, minVisibilityTimeoutSeconds: 360 },
      { type: 'stream', detail: 'arn:aws:kinesis:us-east-1:1:stream/s' },
      { type: 'http', detail: 'https://x.lambda-url.us-east-1.on.aws/', authType: 'NONE' },
    ]);
    assert.equal(u.environment, undefined, 'environment values are never carried');
  });
});
