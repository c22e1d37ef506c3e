// The measured-usage options of `assess`: what they refuse and why, the Prometheus query placeholders and escaping,
// and `metrics:` in lambdashift.yaml (parser and JSON schema in step).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { main } from '../../../src/cli/main';
import { parseConfig } from '../../../src/core/config';
import { DEFAULT_PROMETHEUS_QUERIES, podPattern, promDuration, PROMETHEUS_QUERY_KEYS, prometheusTargets, renderQuery } from '../../../src/core/usage';
import { defaultStep } from '../../../src/node/metrics/prometheus';
import type { Unit } from '../../../src/core/types';
import { tempDir } from '../../helpers/tmp';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/lambdashift.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

async function run(args: string[], env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const cwd = tempDir('ls-metrics-opts-');
  mkdirSync(path.join(cwd, 'fleet', 'a'), { recursive: true });
  const code = await main(['assess', ...args], { cwd, isTTY: false, env, stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s) });
  return { code, ...out };
}

describe('assess: measured-usage options', () => {
  const refused: [string, string[], RegExp, Record<string, string>?][] = [
    [
      '--metrics without --include-aws',
      ['--metrics'],
      /--metrics reads CloudWatch for the functions --include-aws lists: add --include-aws --region <region>\./,
    ],
    ['--metrics-days without a source', ['--metrics-days', '7'], /--metrics-days only applies with --metrics or --prometheus-url\./],
    [
      '--metrics-days out of range',
      ['--prometheus-url', 'http://127.0.0.1:9', '--metrics-days', '0'],
      /--metrics-days '0' must be a whole number of days from 1 to 455\./,
    ],
    ['a token variable without a URL', ['--prometheus-token-env', 'T'], /--prometheus-token-env only applies with --prometheus-url\./],
    [
      'a token variable that is not set',
      ['--prometheus-url', 'http://127.0.0.1:9', '--prometheus-token-env', 'PROM_TOKEN'],
      /the environment variable PROM_TOKEN is not set or empty/,
    ],
    [
      'a token instead of a variable name',
      ['--prometheus-url', 'http://127.0.0.1:9', '--prometheus-token-env', 'eyJhbGciOi.x'],
      /is not an environment variable name\. Pass the name \(e\.g\. PROM_TOKEN\), not the token\./,
    ],
    [
      'a URL with credentials',
      ['--prometheus-url', 'http://user:pw@prom:9090'],
      /must not carry a user name or password; pass a bearer token with --prometheus-token-env/,
    ],
    ['a URL that is not http', ['--prometheus-url', 'file:///etc/passwd'], /--prometheus-url must be http:\/\/ or https:\/\//],
    ['--repos with paths', ['--repos', 'fleet', 'fleet/a'], /--repos takes the folder of repositories: pass no other paths with it\./],
    ['--repos without sub-folders', ['--repos', 'fleet/a'], /--repos 'fleet\/a' has no sub-folders/],
    ['--repos that does not exist', ['--repos', 'nowhere'], /--repos 'nowhere' is not a readable folder/],
  ];
  for (const [name, args, message, env] of refused) {
    it(`refuses ${name}`, async () => {
      const r = await run(args, env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  it('accepts report/timeout-wall in --rule, and turns it off', async () => {
    const r = await run(['--rule', 'report/timeout-wall=off', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
  });
});

describe('Prometheus queries', () => {
  it('match the pods each controller names, anchored, with the name escaped', () => {
    const re = (kind: string, name: string) => new RegExp(`^(?:${podPattern(kind, name)})$`);
    assert.ok(re('Deployment', 'api').test('api-7d9f8b6c5d-x2b4q'));
    assert.ok(!re('Deployment', 'api').test('api-worker-7d9f8b6c5d-x2b4q'));
    assert.ok(re('StatefulSet', 'db').test('db-0'));
    assert.ok(!re('StatefulSet', 'db').test('db-replica-0'));
    assert.ok(re('CronJob', 'nightly').test('nightly-29012345-k2x9z'));
    assert.ok(re('DaemonSet', 'agent').test('agent-k2x9z'));
    assert.equal(podPattern('Deployment', 'a.b'), 'a\\.b-[a-z0-9]{1,10}-[a-z0-9]{5}');
  });

  it('fill in placeholders with values escaped for a PromQL string', () => {
    const q = renderQuery(
      'up{namespace="{{namespace}}",pod=~"{{pod}}",job="{{ workload }}"}[{{range}}]',
      { namespace: 'x"} or vector(1) #', workload: 'a\\b', pod: 'p-.*' },
      300,
    );
    assert.equal(q, 'up{namespace="x\\"} or vector(1) #",pod=~"p-.*",job="a\\\\b"}[5m]');
    assert.equal(promDuration(180), '3m');
    assert.equal(promDuration(7200), '2h');
    assert.equal(promDuration(90), '90s');
  });

  it('step through a window in at most 10,000 points, at least a minute apart', () => {
    assert.equal(defaultStep(86_400), 60);
    assert.equal(defaultStep(14 * 86_400), 180);
    assert.equal(defaultStep(90 * 86_400), 780);
  });

  it('target each workload by its namespace, name and kind, with per-unit settings from lambdashift.yaml', () => {
    const unit = (name: string, extra: Partial<Unit> = {}): Unit => ({
      kind: 'k8s-workload',
      workloadKind: 'Deployment',
      name,
      file: 'k8s.yaml',
      line: 1,
      source: 'kubernetes',
      events: [],
      readiness: {},
      ...extra,
    });
    const { config, errors } = parseConfig(`metrics:
  prometheus:
    queries:
      cpu: 'sum(rate(my_cpu{ns="{{namespace}}"}[{{range}}]))'
    units:
      checkout:
        namespace: shop
        workload: checkout-v2
        requestRate: 'sum(rate(nginx_ingress_controller_requests{exported_namespace="{{namespace}}",exported_service="{{workload}}"}[{{range}}]))'
`);
    assert.deepEqual(errors, []);
    const { targets, skipped } = prometheusTargets(
      [unit('checkout'), unit('api', { namespace: 'web' }), unit('{{ .Release.Name }}-api'), { ...unit('fn'), kind: 'lambda-function' }],
      config.metrics,
    );
    assert.deepEqual(
      targets.map((t) => [t.unit, t.namespace, t.workload, t.pod]),
      [
        ['checkout', 'shop', 'checkout-v2', 'checkout-v2-[a-z0-9]{1,10}-[a-z0-9]{5}'],
        ['api', 'web', 'api', 'api-[a-z0-9]{1,10}-[a-z0-9]{5}'],
      ],
    );
    assert.match(targets[0].queries.requestRate, /nginx_ingress_controller_requests/);
    assert.equal(targets[0].queries.cpu, 'sum(rate(my_cpu{ns="{{namespace}}"}[{{range}}]))');
    assert.equal(targets[1].queries.latency, DEFAULT_PROMETHEUS_QUERIES.latency);
    assert.match(skipped[0].reason, /is a template; set metrics\.prometheus\.units\.\{\{ \.Release\.Name \}\}-api\.workload/);
  });
});

describe('lambdashift.yaml metrics:', () => {
  it('reports unknown keys and empty queries by path and line', () => {
    const { errors } = parseConfig(
      'metrics:\n  prometheus:\n    queries:\n      rps: "x"\n      cpu: ""\n    units:\n      api:\n        namespce: shop\n  cloudwatch: {}\n',
    );
    assert.deepEqual(
      errors.map((e) => [e.path, e.line]),
      [
        ['metrics.prometheus.queries.rps', 4],
        ['metrics.prometheus.queries.cpu', 5],
        ['metrics.prometheus.units.api.namespce', 8],
        ['metrics.cloudwatch', 9],
      ],
    );
    assert.match(errors[0].message, /Known keys: requestRate, latency, cpu, memory, replicas\./);
  });

  it('is described by the JSON schema, key for key', () => {
    const doc = {
      version: 1,
      metrics: {
        prometheus: {
          queries: Object.fromEntries(PROMETHEUS_QUERY_KEYS.map((k) => [k, 'up'])),
          units: { api: { namespace: 'shop', workload: 'api', pod: 'api-.*', requestRate: 'up' } },
        },
      },
    };
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.deepEqual(Object.keys(schema.properties.metrics.properties.prometheus.properties.queries.properties), [...PROMETHEUS_QUERY_KEYS]);
    assert.deepEqual(Object.keys(schema.properties.metrics.properties.prometheus.properties.units.additionalProperties.properties), [
      'namespace',
      'workload',
      'pod',
      ...PROMETHEUS_QUERY_KEYS,
    ]);
    assert.ok(!validate({ metrics: { prometheus: { queries: { rps: 'x' } } } }));
  });
});
