import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../src/core/analyze';
import { isSecretEntry, isSecretName, isSecretValue, MASK, maskEnvironment, maskSecrets, redactAnalysis } from '../../src/core/secrets';
import type { FileAnalysis } from '../../src/core/types';

// Test-only fake credentials in the documented shapes; none is real.
const GH = `ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('secret detector', () => {
  // [name, value]: secret by value (the name alone would not say so), or by name.
  const secret: [string, string][] = [
    ['DATABASE_URL', 'postgres://app:pa55w0rd@db.internal:5432/orders'],
    ['REDIS_URL', 'redis://:s3cr3t@cache:6379/0'],
    ['MONGO_URI', 'mongodb+srv://admin:Hunter2xyz@cluster0.example.mongodb.net/test?retryWrites=true'],
    ['AMQP', 'amqps://user:p%40ss@mq.example.com/vhost'],
    ['UPSTREAM', 'AKIAIOSFODNN7EXAMPLE'],
    ['TEMP_CREDS', 'ASIAY34FZKBOKMUTVV7A'],
    ['STRIPE_KEY', 'sk_live_51HxAbCdEf0123456789'],
    ['PAYMENTS', 'rk_live_51HxAbCdEf0123456789'],
    ['OPENAI_KEY', 'sk-proj-Abc123_def456-GHI789jklMNO012pqr'],
    ['LEGACY_OPENAI', 'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL'],
    ['GH', GH],
    ['GH_FINE', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
    ['SLACK', 'xoxb-1234567890-0987654321-abcdefABCDEF'],
    ['MAPS', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'],
    ['SSH', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----'],
    ['SESSION', JWT],
    ['ENCRYPTION_KEY', 'k3j4h5g6f7d8s9a0p1o2i3u4y5t6'],
    ['HMAC_KEY', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'],
    ['BLOB', 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRg=='],
    ['AWS_SECRET', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['DB_PASS', 'short'],
    ['DB_PASSWORD', 'hunter2'],
    ['API_TOKEN', 'x'],
    ['CLIENT_SECRET', 'abc'],
    ['SENTRY_DSN', 'https://abc@o1.ingest.sentry.io/1'],
    ['ERRORS', 'https://0f9e8d7c6b5a49382716a5b4c3d2e1f0@o1.ingest.sentry.io/1'],
    ['REPO', 'https://x-access-token:v1.0123456789abcdef@github.com/org/repo.git'],
    // A credential inside the value: ADO.NET connection strings (.NET projects keep them in environment variables).
    ['REPORTS_DB', 'Server=db.internal;Database=reports;User Id=app;Password=Sw0rdfish42;'],
    ['LEGACY_DB', 'Data Source=db;Initial Catalog=x;Pwd=hunter2'],
  ];
  // Ordinary values that must stay visible.
  const ordinary: [string, string][] = [
    ['LOG_LEVEL', 'debug'],
    ['TABLE_NAME', 'orders'],
    ['QUEUE_ARN', 'arn:aws:sqs:eu-west-1:123456789012:orders'],
    ['TOPIC', 'arn:aws:sns:us-east-1:123456789012:alerts'],
    ['API_BASE', 'https://api.example.com/v1'],
    ['DB_URL', 'postgres://host:5432/db'],
    ['DB_URL_USER_ONLY', 'postgres://app@host:5432/db'],
    ['REQUEST_ID', '7f9c2d1e-4b3a-4c5d-8e6f-0a1b2c3d4e5f'],
    ['KMS_KEY_ID', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['REGION', 'eu-west-1'],
    ['TRUSTED_DB', 'Server=db.internal;Database=reports;Integrated Security=true'],
    ['BUILD_SHA', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['PARAM', '${ssm:/path/to/param}'],
    ['FROM_ENV', '${env:DATABASE_URL}'],
    ['FROM_FILE', '${file(./config.json):settings}'],
    ['DB_URL_REF', 'postgres://app:${env:DB_PASS}@db/x'],
    ['SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'],
    ['TOKEN_SECRET_NAME', 'prod/api/token'],
    ['CACHE_KEY_PREFIX', 'orders-v2-cache-prefix-2024'],
    ['S3_KEY', 'uploads/2024/reports/daily.csv'],
    ['KMS_KEY', 'alias/my-app-encryption-key-2024'],
    ['TABLE', 'MyAppStack-OrdersTable-1XYZ2ABC3DEF'],
    ['MODEL', 'sk-learn-pipeline-model-v2'],
    ['TIMEOUT', '30'],
    ['FEATURE_FLAGS', 'a,b,c'],
    ['HELM', '{{ .Values.password }}'],
    ['K8S_EXPANSION', '$(DB_HOST)'],
  ];
  for (const [name, value] of secret) {
    it(`secret: ${name}=${value.slice(0, 24).replace(/\n/g, '\\n')}…`, () => {
      assert.ok(isSecretEntry(name, value));
      assert.equal(maskEnvironment({ [name]: value })![name], MASK);
    });
  }
  for (const [name, value] of ordinary) {
    it(`not secret: ${name}=${value}`, () => {
      assert.equal(isSecretName(name), false, 'name');
      assert.equal(isSecretValue(value, name), false, 'value');
      assert.equal(maskSecrets(`${name}=${value}`), `${name}=${value}`, 'text');
    });
  }

  it('secret names keep their reference suffixes out (an ARN or a name is not the secret)', () => {
    for (const n of [
      'DB_PASSWORD',
      'API_KEY',
      'apiKey',
      'STRIPE_SECRET',
      'DB_PASS',
      'PASS',
      'GITHUB_TOKEN',
      'SIGNING_SECRET',
      'private-key',
      'AUTH0_CLIENT_SECRET',
    ])
      assert.ok(isSecretName(n), n);
    for (const n of ['DB_PASSWORD_ARN', 'API_KEY_NAME', 'TOKEN_PATH', 'AWS_ACCESS_KEY_ID', 'PASSENGER_COUNT', 'COMPASS_URL', 'BYPASS_CACHE', 'TABLE_NAME'])
      assert.ok(!isSecretName(n), n);
  });

  it('a reference is never a secret, whatever its name, and is kept as written', () => {
    assert.equal(isSecretValue('${ssm:/billing/api-key}', 'API_KEY'), false);
    assert.deepEqual(maskEnvironment({ PARAM: '${ssm:/p}', DB_PASSWORD: '${ssm:/db/pass}' }), { PARAM: '${ssm:/p}', DB_PASSWORD: MASK });
    assert.ok(isSecretEntry('DB', '{{resolve:secretsmanager:prod/db:SecretString:password}}'), 'a Secrets Manager reference is converted as a secret');
  });

  it('maskEnvironment: names always, secrets as ***, long or non-literal values as empty', () => {
    assert.deepEqual(maskEnvironment({ A: 'x'.repeat(81), B: { Ref: 'P' }, C: 3, D: true, E: 'postgres://u:p4ss@h/d', F: 'debug' }), {
      A: '',
      B: '',
      C: '3',
      D: 'true',
      E: MASK,
      F: 'debug',
    });
  });
});

describe('maskSecrets (free text)', () => {
  const cases: [string, string][] = [
    ['connect to postgres://u:pw123@db:5432/x now', 'connect to postgres://u:***@db:5432/x now'],
    ['API_TOKEN=abc123 LOG_LEVEL=debug', 'API_TOKEN=*** LOG_LEVEL=debug'],
    ['--db-password=hunter2 --verbose', '--db-password=*** --verbose'],
    ['{"password": "hunter2", "user": "app"}', '{"password": "***", "user": "app"}'],
    ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer ***'],
    ['key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'key <redacted> secret <redacted>'],
    [`token ${GH} and ${JWT}`, 'token <redacted> and <redacted>'],
    ['x -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- y', 'x <redacted> y'],
    [
      'image myrepo/auth:latest, handler auth.handler, url https://example.com/auth?x=1',
      'image myrepo/auth:latest, handler auth.handler, url https://example.com/auth?x=1',
    ],
    ['password=${DB_PASS} token: $(TOKEN) secret={{ .Values.s }}', 'password=${DB_PASS} token: $(TOKEN) secret={{ .Values.s }}'],
    ['Timeout: 900, memory=1024', 'Timeout: 900, memory=1024'],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text.slice(0, 50)), () => {
      assert.equal(maskSecrets(text), expected);
      assert.equal(maskSecrets(expected), expected, 'idempotent');
    });
  }

  it('redacts each token format alone in a message (maskSecrets first checks that some format can start there)', () => {
    const tokens = [
      'AKIAIOSFODNN7EXAMPLE',
      'ASIAY34FZKBOKMUTVV7A',
      'sk_live_51HxAbCdEf0123456789',
      'rk_test_51HxAbCdEf0123456789',
      'whsec_abcdefghijklmnop1234',
      'sk-proj-Abc123_def456-GHI789jklMNO012pqr',
      'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL',
      GH,
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
      'glpat-abcdefghij0123456789xy',
      'xoxb-1234567890-0987654321-abcdefABCDEF',
      'xapp-1-A0123456789-abcdefabcdef',
      'AIzaSyA1234567890abcdefghijklmnopqrstuv',
      'npm_abcdefghijklmnopqrstuvwxyz0123456789',
      'SG.abcdefghijklmnop1234.abcdefghijklmnop5678',
      JWT,
    ];
    for (const t of tokens) assert.equal(maskSecrets(`the value ${t} was found`), 'the value <redacted> was found', t);
    assert.equal(maskSecrets('a -----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----'), 'a <redacted>');
  });
});

describe('redactAnalysis (the one masking point)', () => {
  it('masks unit strings, environment, command arguments, finding messages; drops a fix that would write a credential', () => {
    const a: FileAnalysis = {
      file: 'k.yaml',
      kind: 'kubernetes',
      lineStarts: [0],
      imports: [],
      handlerExports: [],
      errors: [{ file: 'k.yaml', message: 'bad value postgres://u:leak1@h/d' }],
      units: [
        {
          kind: 'k8s-workload',
          name: 'w',
          file: 'k.yaml',
          line: 1,
          source: 'kubernetes',
          events: [{ type: 'other', detail: 'broker amqp://u:leak2@mq/v' }],
          environment: { INNOCENT: 'sk_live_leak3abcdefgh', LEVEL: 'info' },
          containers: [
            { name: 'c', image: 'repo/app:1', args: ['--password', 'leak4', '--url=redis://:leak5@r:6379'], command: ['sh', '-c', 'export API_KEY=leak6'] },
          ],
          readiness: {},
          range: [0, 10],
        },
      ],
      findings: [
        {
          ruleId: 'r',
          category: 'config-risk',
          severity: 'warning',
          direction: 'both',
          start: 0,
          end: 1,
          message: 'pool for postgres://u:leak7@h/d',
          fix: { description: 'x', edits: [{ start: 0, end: 1, newText: "connect('postgres://u:leak8@h/d')" }] },
        },
        {
          ruleId: 'r',
          category: 'config-risk',
          severity: 'warning',
          direction: 'both',
          start: 0,
          end: 1,
          message: 'plain',
          fix: { description: 'await it', edits: [{ start: 0, end: 0, newText: 'await ' }] },
        },
      ],
    };
    const out = redactAnalysis(a);
    assert.doesNotMatch(JSON.stringify(out), /leak\d/);
    assert.deepEqual(out.units[0].environment, { INNOCENT: MASK, LEVEL: 'info' });
    assert.deepEqual(out.units[0].containers![0].args, ['--password', MASK, '--url=redis://:***@r:6379']);
    assert.equal(out.units[0].containers![0].image, 'repo/app:1');
    assert.deepEqual(out.units[0].range, [0, 10]);
    assert.equal(out.findings[0].fix, undefined, 'masking a fix would write *** into the code');
    assert.equal(out.findings[1].fix!.edits[0].newText, 'await ');
  });

  it('analyzeFile returns Kubernetes Secret values nowhere, and marks secretKeyRef / envFrom variables as secret', () => {
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: app-creds }',
      'stringData: { DB_USER: leakuser9, INNOCENT_KEYLESS: leakvalue9 }',
      'data: { OTHER: bGVha2RhdGE5 }',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: api }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: repo/api:1',
      '          envFrom: [{ secretRef: { name: app-creds } }]',
      '          env:',
      '            - { name: FROM_REF, valueFrom: { secretKeyRef: { name: x, key: y } } }',
      '            - { name: CACHE, value: "redis://:leakredis9@cache:6379" }',
      '            - { name: LEVEL, value: info }',
    ].join('\n');
    const a = analyzeFile(text, 'k8s/app.yaml', {}, 'kubernetes');
    assert.doesNotMatch(JSON.stringify(a), /leak|bGVha2RhdGE5/);
    assert.deepEqual(a.units[0].environment, { DB_USER: MASK, INNOCENT_KEYLESS: MASK, OTHER: MASK, FROM_REF: MASK, CACHE: MASK, LEVEL: 'info' });
  });
});
