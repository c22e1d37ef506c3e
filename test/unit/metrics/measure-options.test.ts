// The editor's Measure Usage options → the same options `assess --metrics` / `--prometheus-url` pass to the
// measuring code (src/node/metrics/measure.ts), with the CLI's checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measurePlan } from '../../../src/extension/measureOptions';

const imported = { region: 'eu-west-1', profile: 'prod-read' };

describe('Measure Usage options', () => {
  it("CloudWatch uses the last import's region and profile and the endpoint setting (as --region/--profile/--endpoint-url)", () => {
    assert.deepEqual(measurePlan(['cloudwatch'], { days: 30, awsEndpointUrl: ' http://127.0.0.1:4566 ' }, imported, {}).plan, {
      days: 30,
      cloudWatch: { region: 'eu-west-1', profile: 'prod-read', endpointUrl: 'http://127.0.0.1:4566', days: 30 },
    });
    assert.deepEqual(measurePlan(['cloudwatch'], {}, { region: 'us-east-1' }, {}).plan, { days: 14, cloudWatch: { region: 'us-east-1', days: 14 } });
  });

  it('Prometheus reads the token from the named variable, labels where it came from, and never takes it from settings', () => {
    const { plan } = measurePlan(['prometheus'], { prometheusUrl: 'http://prom:9090', prometheusTokenEnv: 'PROM_TOKEN' }, undefined, { PROM_TOKEN: 'tok-123' });
    assert.deepEqual(plan, {
      days: 14,
      prometheus: { url: 'http://prom:9090/', token: 'tok-123', tokenSource: '$PROM_TOKEN (lambdashift.metrics.prometheusTokenEnv)', days: 14 },
    });
    assert.deepEqual(measurePlan(['cloudwatch', 'prometheus'], { prometheusUrl: 'https://prom.example/' }, imported, {}).plan, {
      days: 14,
      cloudWatch: { region: 'eu-west-1', profile: 'prod-read', days: 14 },
      prometheus: { url: 'https://prom.example/', days: 14 },
    });
  });

  it('names the setting and what to do when something is missing or wrong', () => {
    const problem = (...a: Parameters<typeof measurePlan>) => measurePlan(...a).problem;
    assert.match(problem(['cloudwatch'], {}, undefined, {})!, /run "LambdaShift: Import Functions from AWS…" first/);
    assert.match(problem(['prometheus'], {}, undefined, {})!, /set lambdashift\.metrics\.prometheusUrl/);
    assert.match(problem(['prometheus'], { prometheusUrl: 'prom:9090:x' }, undefined, {})!, /must be http/);
    assert.match(problem(['prometheus'], { prometheusUrl: 'http://u:p@prom:9090' }, undefined, {})!, /must not carry a user name or password/);
    assert.match(
      problem(['prometheus'], { prometheusUrl: 'http://prom:9090', prometheusTokenEnv: 'Bearer abc' }, undefined, {})!,
      /not an environment variable name/,
    );
    assert.match(
      problem(['prometheus'], { prometheusUrl: 'http://prom:9090', prometheusTokenEnv: 'PROM_TOKEN' }, undefined, {})!,
      /PROM_TOKEN is not set or empty/,
    );
    assert.match(problem(['cloudwatch'], { days: 0 }, imported, {})!, /lambdashift\.metrics\.days must be a whole number of days from 1 to 455, got 0/);
    assert.match(problem(['cloudwatch'], { days: '14' }, imported, {})!, /got "14"/);
    assert.match(problem([], {}, imported, {})!, /pick CloudWatch, Prometheus or both/);
  });

  it('a problem never echoes the token', () => {
    const r = measurePlan(['prometheus'], { prometheusUrl: 'ftp://prom', prometheusTokenEnv: 'PROM_TOKEN' }, undefined, { PROM_TOKEN: 'secret-token-value' });
    assert.ok(r.problem && !r.problem.includes('secret-token-value'));
  });
});
