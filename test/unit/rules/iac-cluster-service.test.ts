// iac/cluster-service is raised by the workspace join (which names are Services is known from every manifest), so its
// table runs small workspaces through the join.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/core/types';
import { assessTexts } from '../../helpers/assessTexts';
import { labelledWorkload } from '../../helpers/iacSnippets';

const deploy = (name: string, env: Record<string, string> = {}, args: string[] = [], extra = '') =>
  labelledWorkload(name, {
    container: `${
      Object.keys(env).length
        ? `          env:\n${Object.entries(env)
            .map(([k, v]) => `            - name: ${k}\n              value: "${v}"\n`)
            .join('')}`
        : ''
    }${args.length ? `          args:\n${args.map((a) => `            - "${a}"\n`).join('')}` : ''}${extra}`,
  });

const svc = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector:\n    app: ${name}\n  ports:\n    - port: 8080\n`;

const SERVICES = { 'k8s/cart-svc.yaml': svc('cart'), 'k8s/redis-svc.yaml': svc('redis'), 'k8s/web-svc.yaml': svc('web') };

function findings(files: Record<string, string>): Finding[] {
  return assessTexts(files).findings.filter((f) => f.ruleId === 'iac/cluster-service');
}

describe('iac/cluster-service', () => {
  const valid: [string, Record<string, string>][] = [
    ['a word that is a Service name in a variable that holds no address', { 'k8s/web.yaml': deploy('web', { CACHE_TYPE: 'redis', MODE: 'cart' }) }],
    ['an external host', { 'k8s/web.yaml': deploy('web', { API_URL: 'https://api.example.com/v1', DB_HOST: 'db.internal.example.com' }) }],
    ['a name no Service of the workspace has', { 'k8s/web.yaml': deploy('web', { ORDERS_ADDR: 'orders:8080' }) }],
    ['its own Service (its public URL in its settings)', { 'k8s/web.yaml': deploy('web', { PUBLIC_URL: 'http://web:8080' }) }],
    ['localhost and a sidecar proxy', { 'k8s/web.yaml': deploy('web', { DB_HOST: '127.0.0.1', CART_ADDR: 'localhost:7070' }) }],
    ['a name in another namespace than the one written', { 'k8s/web.yaml': deploy('web', { CART_URL: 'http://cart.payments:8080' }) }],
    ['a masked value', { 'k8s/web.yaml': deploy('web', { REDIS_URL: 'redis://:s3cretPassw0rd@redis:6379' }) }],
    ['a bare argument without a scheme or port', { 'k8s/web.yaml': deploy('web', {}, ['serve', 'cart']) }],
  ];
  for (const [name, files] of valid) it(`valid: ${name}`, () => assert.deepEqual(findings({ ...SERVICES, ...files }), []));

  const invalid: [string, Record<string, string>, { line: number; message: RegExp }][] = [
    [
      'addresses in variables: host:port, a URL, a bare name in an address variable',
      { 'k8s/web.yaml': deploy('web', { CART_SERVICE_ADDR: 'cart:7070', CACHE_URL: 'redis://redis:6379/0', REDIS_HOST: 'redis' }) },
      { line: 19, message: /^web is configured to reach cart, redis by cluster DNS name \(CART_SERVICE_ADDR, CACHE_URL\); a Lambda function runs outside/ },
    ],
    [
      'a cluster-local name of a Service the workspace does not hold',
      { 'k8s/web.yaml': deploy('web', { METRICS_URL: 'http://prometheus.monitoring.svc.cluster.local:9090' }) },
      { line: 19, message: /reach prometheus by cluster DNS name \(METRICS_URL\)/ },
    ],
    [
      'a pod of a headless Service, in a broker list',
      { 'k8s/web.yaml': deploy('web', { KAFKA_BROKERS: 'kafka-0.kafka:9092,kafka-1.kafka:9092' }), 'k8s/kafka.yaml': svc('kafka') },
      { line: 19, message: /reach kafka by cluster DNS name \(KAFKA_BROKERS\)/ },
    ],
    [
      'a flag argument',
      { 'k8s/web.yaml': deploy('web', {}, ['--backend-url=http://cart:8080']) },
      { line: 15, message: /reach cart by cluster DNS name \(an argument\)/ },
    ],
    [
      'a JDBC URL from a ConfigMap of another file, read whole with envFrom',
      {
        'k8s/web.yaml': deploy('web', {}, [], '          envFrom:\n            - configMapRef:\n                name: web-config\n'),
        'k8s/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  SPRING_DATASOURCE_URL: jdbc:postgresql://redis:5432/db\n',
      },
      { line: 15, message: /reach redis by cluster DNS name \(SPRING_DATASOURCE_URL from ConfigMap web-config\)/ },
    ],
    [
      'the namespace written out',
      { 'k8s/web.yaml': deploy('web', { CART_URL: 'http://cart.shop.svc:8080' }), 'k8s/cart-svc.yaml': svc('cart', 'shop') },
      { line: 19, message: /reach cart by cluster DNS name/ },
    ],
  ];
  for (const [name, files, want] of invalid)
    it(`invalid: ${name}`, () => {
      const found = findings({ ...SERVICES, ...files });
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].file, 'k8s/web.yaml');
      assert.equal(found[0].line, want.line);
      assert.equal(found[0].unit, 'web');
      assert.equal(found[0].severity, 'warning');
      assert.match(found[0].message, want.message);
      assert.ok(!/7070|6379|s3cret/.test(found[0].message.replace(/CART_SERVICE_ADDR/, '')), 'values are never quoted');
    });

  const app = (code: string) => ({
    ...SERVICES,
    'k8s/vote.yaml': deploy('vote'),
    'vote/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    'vote/app.py': code,
  });
  it('reports a Service named in the code the workload runs, at the literal, without the rest of it', () => {
    const found = findings(
      app('from redis import Redis\nimport psycopg\nr = Redis(host="redis", db=0)\ndb = psycopg.connect("postgresql://app:s3cretPw@cart:5432/votes")\n'),
    );
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].file, 'vote/app.py');
    assert.equal(found[0].line, 3);
    assert.equal(found[0].unit, 'vote');
    assert.match(found[0].message, /^vote's code connects to redis, cart by cluster DNS name \(app\.py\); a Lambda function runs outside/);
    assert.ok(!found[0].message.includes('s3cret'));
  });
  it('leaves alone hosts in code that are no Service: loopback, external names, a Service name as a plain word', () => {
    const code = 'from redis import Redis\nr = Redis(host="localhost")\nurl = "https://cart.example.com/api"\nMODE = "redis"\nlog.info("cart: %s", x)\n';
    assert.deepEqual(findings(app(code)), []);
  });

  it("a ConfigMap of every Service's address read whole: only the addresses the workload's code reads, where it reads any", () => {
    const shared = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: service-api-config\ndata:\n  CART_API_ADDR: cart:8080\n  REDIS_ADDR: redis:6379\n';
    const files = (code: string) => ({
      ...SERVICES,
      'k8s/config.yaml': shared,
      'k8s/vote.yaml': deploy('vote', {}, [], '          envFrom:\n            - configMapRef:\n                name: service-api-config\n'),
      'vote/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      'vote/app.py': code,
    });
    const reached = (code: string) => findings(files(code)).map((f) => /reach ([\w, ]+?) by/.exec(f.message)?.[1]);
    assert.deepEqual(reached('import os\ncart = os.environ["CART_API_ADDR"]\n'), ['cart']);
    // Code that names no address variable (it may read them all, by a prefix or a loop): every address counts.
    assert.deepEqual(reached('import os\nconfig = dict(os.environ)\n'), ['cart, redis']);
  });

  it('counts for the verdict of the move to Lambda only', () => {
    const result = assessTexts({ ...SERVICES, 'k8s/web.yaml': deploy('web', { CART_SERVICE_ADDR: 'cart:7070' }) });
    const f = result.findings.find((x) => x.ruleId === 'iac/cluster-service');
    assert.equal(f?.direction, 'to-lambda');
  });
});
