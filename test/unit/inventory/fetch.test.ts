// The real SDK client over real HTTP against test/helpers/lambdaApiServer.ts: no SDK-level mocking.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { fetchAwsUnits, formatInventoryJson, formatInventoryText, type FetchAwsOptions } from '../../../src/node/aws/inventory';
import { main } from '../../../src/cli/main';
import { startLambdaApiServer, type FakeFunction, type LambdaApiServer, type Scenario } from '../../helpers/lambdaApiServer';

const FAKE = { accessKeyId: 'AKIDLAMBDASHIFTTEST', secretAccessKey: 'fake-secret-key-never-printed' };
const SECRET_ENV = 'sk_live_do_not_copy_me';
const servers: LambdaApiServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

async function run(scenario: Scenario, extra: Partial<FetchAwsOptions> = {}) {
  const server = await startLambdaApiServer(scenario);
  servers.push(server);
  const inv = await fetchAwsUnits({ region: 'eu-west-1', endpointUrl: server.url, credentials: FAKE, today: '2026-08-22', ...extra });
  return { server, inv };
}

const fn = (name: string, over: Partial<FakeFunction> = {}): FakeFunction => ({
  FunctionName: name,
  Runtime: 'nodejs22.x',
  Handler: 'index.handler',
  Timeout: 30,
  MemorySize: 512,
  ...over,
});

describe('fetchAwsUnits: pagination and parallelism', () => {
  const functions = Array.from({ length: 7 }, (_, i) => fn(`fn-${i}`, { Environment: { Variables: { API_KEY: SECRET_ENV } } }));
  functions[1] = { ...functions[1], reserved: 5, urls: [{ AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' }] };
  functions[2] = {
    ...functions[2],
    PackageType: 'Image',
    Runtime: undefined,
    Handler: undefined,
    CodeSize: 0,
    imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2',
  };
  const mappings = Array.from({ length: 5 }, (_, i) => ({
    UUID: `esm-${i}`,
    function: `fn-${i}`,
    qualifier: i === 4 ? 'live' : undefined,
    EventSourceArn: `arn:aws:sqs:eu-west-1:123456789012:queue-${i}`,
    BatchSize: 1,
  }));

  it('follows NextMarker through every page of ListFunctions and ListEventSourceMappings', async () => {
    const { server, inv } = await run({ functions, mappings, pageSize: 2 }, { concurrency: 3 });
    assert.equal(inv.listed, true);
    assert.deepEqual(
      inv.units.map((u) => u.name),
      functions.map((f) => f.FunctionName),
    );
    const lists = server.requests.filter((r) => r.call === 'ListFunctions');
    assert.equal(lists.length, 4, '7 functions at 2 per page is 4 pages');
    assert.equal(lists[0].query.Marker, undefined);
    for (const r of lists.slice(1)) assert.ok(r.query.Marker, 'later pages send the previous NextMarker');
    assert.equal(new Set(lists.map((r) => r.query.Marker)).size, 4);
    assert.equal(server.requests.filter((r) => r.call === 'ListEventSourceMappings').length, 3, '5 mappings at 2 per page is 3 pages');
    // A mapping on an alias (`:live`) still belongs to its function.
    assert.deepEqual(
      inv.units.find((u) => u.name === 'fn-4')!.events.map((e) => e.detail),
      ['arn:aws:sqs:eu-west-1:123456789012:queue-4'],
    );
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(inv.denied, []);
  });

  it('keeps at most `concurrency` requests in flight, and does use parallelism', async () => {
    const { server } = await run({ functions, mappings, pageSize: 2 }, { concurrency: 3 });
    assert.ok(server.maxInFlight() <= 3, `saw ${server.maxInFlight()} in flight`);
    assert.ok(server.maxInFlight() >= 2, 'per-function calls should overlap');
    const { server: serial } = await run({ functions, pageSize: 50 }, { concurrency: 1 });
    assert.equal(serial.maxInFlight(), 1);
  });

  it('reads image URI, reserved concurrency and URLs per function, signed with the given credentials', async () => {
    const { server, inv } = await run({ functions, mappings, pageSize: 2 });
    const img = inv.units.find((u) => u.name === 'fn-2')!;
    assert.equal(img.packageType, 'Image');
    assert.equal(img.image, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2');
    const withUrl = inv.units.find((u) => u.name === 'fn-1')!;
    assert.equal(withUrl.reservedConcurrency, 5);
    assert.deepEqual(
      withUrl.events.find((e) => e.type === 'http'),
      { type: 'http', detail: 'https://fn-10.lambda-url.eu-west-1.on.aws/', authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAM' },
    );
    assert.equal(inv.units[0].file, 'aws://lambda/eu-west-1/fn-0');
    assert.equal(inv.units[0].source, 'aws');
    for (const call of ['GetFunction', 'GetFunctionConcurrency', 'ListFunctionUrlConfigs'] as const) {
      assert.deepEqual(
        server.requests
          .filter((r) => r.call === call)
          .map((r) => r.function)
          .sort(),
        functions.map((f) => f.FunctionName).sort(),
        `${call} once per function`,
      );
    }
    assert.ok(server.requests.every((r) => r.accessKeyId === FAKE.accessKeyId));
  });

  it('never copies environment values or credentials into its output', async () => {
    const { inv } = await run({ functions, mappings, pageSize: 2 });
    for (const out of [formatInventoryJson(inv), formatInventoryText(inv)]) {
      assert.ok(!out.includes(SECRET_ENV), 'environment variable values must not be output');
      assert.ok(!out.includes(FAKE.secretAccessKey));
      assert.ok(!out.includes(FAKE.accessKeyId));
    }
  });
});

describe('fetchAwsUnits: throttling, denials, malformed bodies', () => {
  it('retries a 429 TooManyRequestsException and then succeeds', async () => {
    const { server, inv } = await run({
      functions: [fn('a'), fn('b')],
      faults: [
        { call: 'ListFunctions', kind: 'throttle', times: 1 },
        { call: 'GetFunction', function: 'b', kind: 'throttle', times: 1 },
      ],
    });
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(
      inv.units.map((u) => u.name),
      ['a', 'b'],
    );
    const lists = server.requests.filter((r) => r.call === 'ListFunctions').map((r) => r.status);
    assert.deepEqual(lists, [429, 200]);
    assert.deepEqual(
      server.requests.filter((r) => r.call === 'GetFunction' && r.function === 'b').map((r) => r.status),
      [429, 200],
    );
  });

  it('gives up on a call that keeps failing, names it, and still inventories the rest', async () => {
    const { inv } = await run(
      { functions: [fn('a'), fn('b')], faults: [{ call: 'ListFunctionUrlConfigs', function: 'b', kind: 'error' }] },
      { maxAttempts: 2 },
    );
    assert.equal(inv.errors.length, 1);
    assert.equal(inv.errors[0].file, 'aws://lambda/eu-west-1/b');
    assert.match(inv.errors[0].message, /^ListFunctionUrlConfigs for b failed with HTTP 500 .*function URLs/);
    assert.deepEqual(inv.units.find((u) => u.name === 'b')!.unresolved, ['function URLs (ListFunctionUrlConfigs failed)']);
    assert.equal(inv.units.find((u) => u.name === 'a')!.unresolved, undefined);
  });

  it('lists an AccessDenied on one call for one function exactly, and keeps going', async () => {
    const { inv } = await run({
      functions: [fn('a', { reserved: 0 }), fn('b', { reserved: 3 }), fn('c')],
      faults: [
        { call: 'GetFunctionConcurrency', function: 'a', kind: 'denied' },
        { call: 'GetFunctionConcurrency', function: 'b', kind: 'denied' },
        { call: 'GetFunction', function: 'b', kind: 'denied' },
        { call: 'ListFunctionUrlConfigs', function: 'c', kind: 'denied' },
      ],
    });
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(inv.denied, [
      { call: 'GetFunction', function: 'b', leavesUnknown: 'its code location (not used for zip packages; code size came from ListFunctions)' },
      { call: 'GetFunctionConcurrency', function: 'a', leavesUnknown: 'nothing (GetFunction reported the reserved concurrency)' },
      { call: 'GetFunctionConcurrency', function: 'b', leavesUnknown: 'its reserved concurrency (reserved-concurrency and SQS concurrency checks skipped)' },
      { call: 'ListFunctionUrlConfigs', function: 'c', leavesUnknown: 'its function URLs (HTTP entry points)' },
    ]);
    const a = inv.units.find((u) => u.name === 'a')!;
    assert.equal(a.reservedConcurrency, 0, 'GetFunction still reported the reservation');
    assert.ok(inv.findings.some((f) => f.ruleId === 'aws/reserved-concurrency-zero' && f.unit === 'a'));
    const b = inv.units.find((u) => u.name === 'b')!;
    assert.equal(b.reservedConcurrency, undefined);
    assert.deepEqual(b.unresolved, ['reservedConcurrency (GetFunctionConcurrency and GetFunction failed)']);
    const text = formatInventoryText(inv);
    assert.match(text, /lambda:GetFunctionConcurrency on b — unknown: its reserved concurrency/);
  });

  it("reports a denied account-wide ListEventSourceMappings once, leaving every function's events unknown", async () => {
    const { inv } = await run({
      functions: [fn('a'), fn('b')],
      mappings: [{ UUID: 'x', function: 'a', EventSourceArn: 'arn:aws:sqs:eu-west-1:1:q' }],
      faults: [{ call: 'ListEventSourceMappings', kind: 'denied' }],
    });
    assert.equal(inv.denied.length, 1);
    assert.equal(inv.denied[0].call, 'ListEventSourceMappings');
    assert.equal(inv.denied[0].function, undefined);
    for (const u of inv.units) {
      assert.deepEqual(u.events, []);
      assert.deepEqual(u.unresolved, ['event source mappings (ListEventSourceMappings failed)']);
    }
  });

  it('returns listed=false with the denial when ListFunctions itself is denied', async () => {
    const { server, inv } = await run({ functions: [fn('a')], faults: [{ call: 'ListFunctions', kind: 'denied' }] });
    assert.equal(inv.listed, false);
    assert.deepEqual(inv.units, []);
    assert.deepEqual(inv.denied, [{ call: 'ListFunctions', leavesUnknown: 'every function (nothing could be listed)' }]);
    assert.equal(server.requests.filter((r) => r.call === 'ListFunctions').length, 1, 'a denial is not retried');
  });

  it('turns a malformed GetFunction body into an error that names the call and the function', async () => {
    const { inv } = await run({
      functions: [fn('a'), fn('img', { PackageType: 'Image', imageUri: 'x/y:1' })],
      faults: [{ call: 'GetFunction', function: 'img', kind: 'malformed' }],
    });
    assert.equal(inv.errors.length, 1);
    assert.match(
      inv.errors[0].message,
      /^GetFunction for img returned a body that is not valid Lambda API JSON \(.+\)\. Check that http:\/\/127\.0\.0\.1:\d+ is the Lambda API/,
    );
    assert.match(inv.errors[0].message, /Unknown as a result: its container image URI\.$/);
    assert.ok(!inv.errors[0].message.includes('$response'));
    assert.equal(inv.units.find((u) => u.name === 'img')!.image, undefined);
    assert.equal(inv.units.find((u) => u.name === 'a')!.unresolved, undefined);
  });

  it('keeps the pages it read when a later ListFunctions page is malformed', async () => {
    const { inv } = await run({
      functions: [fn('a'), fn('b'), fn('c'), fn('d')],
      pageSize: 2,
      faults: [{ call: 'ListFunctions', page: 1, kind: 'malformed' }],
    });
    assert.equal(inv.listed, true);
    assert.deepEqual(
      inv.units.map((u) => u.name),
      ['a', 'b'],
    );
    assert.equal(inv.errors.length, 1);
    assert.match(
      inv.errors[0].message,
      /^ListFunctions for page 2 of eu-west-1 returned a body that is not valid Lambda API JSON.*only the first 2 functions\.$/,
    );
  });

  it('rejects with AbortError when cancelled, without waiting for the remaining calls', async () => {
    const ac = new AbortController();
    const functions = Array.from({ length: 30 }, (_, i) => fn(`f${i}`));
    const server = await startLambdaApiServer({ functions });
    servers.push(server);
    await assert.rejects(
      fetchAwsUnits({
        region: 'eu-west-1',
        endpointUrl: server.url,
        credentials: FAKE,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done === 5) ac.abort();
        },
      }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.ok(server.requests.length < 1 + 30 * 3, `stopped early (${server.requests.length} requests)`);
  });
});

describe('lambdashift inventory (CLI)', () => {
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: { cwd: process.cwd(), isTTY: false, env: {}, stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) },
    };
  };

  it('uses --profile from the shared credentials file via the SDK chain and prints JSON', async () => {
    const server = await startLambdaApiServer({ functions: [fn('alpha', { Timeout: 900 }), fn('beta')] });
    servers.push(server);
    const dir = tempDir('ls-aws-');
    writeFileSync(
      path.join(dir, 'credentials'),
      `[default]\naws_access_key_id = AKIDDEFAULTPROFILE\naws_secret_access_key = nope\n\n[demo]\naws_access_key_id = AKIDDEMOPROFILE\naws_secret_access_key = demo-secret-value\n`,
    );
    writeFileSync(path.join(dir, 'config'), '[profile demo]\nregion = eu-west-1\n');
    const saved = { ...process.env };
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[k];
    try {
      const { out, io } = capture();
      const code = await main(
        ['inventory', '--region', 'eu-west-1', '--profile', 'demo', '--endpoint-url', server.url, '--format', 'json', '--today', '2026-08-22'],
        io,
      );
      assert.equal(code, 0, out.stderr);
      const json = JSON.parse(out.stdout);
      assert.equal(json.schemaVersion, 1);
      assert.equal(json.region, 'eu-west-1');
      assert.deepEqual(
        json.units.map((u: { name: string }) => u.name),
        ['alpha', 'beta'],
      );
      assert.ok(
        json.findings.some(
          (f: { ruleId: string; file: string; line: number }) => f.ruleId === 'iac/timeout-limit' && f.file === 'aws://lambda/eu-west-1/alpha' && f.line === 1,
        ),
      );
      assert.ok(
        server.requests.every((r) => r.accessKeyId === 'AKIDDEMOPROFILE'),
        'requests signed with the chosen profile',
      );
      assert.ok(!out.stdout.includes('demo-secret-value') && !out.stderr.includes('demo-secret-value'));
    } finally {
      process.env = saved;
    }
  });

  it('exits 2 with a clear message when ListFunctions is denied', async () => {
    const server = await startLambdaApiServer({ functions: [fn('a')], faults: [{ call: 'ListFunctions', kind: 'denied' }] });
    servers.push(server);
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: FAKE.accessKeyId, AWS_SECRET_ACCESS_KEY: FAKE.secretAccessKey });
    try {
      const { out, io } = capture();
      const code = await main(['inventory', '--region', 'eu-west-1', '--endpoint-url', server.url], io);
      assert.equal(code, 2);
      assert.match(out.stderr, /no functions could be listed in eu-west-1: lambda:ListFunctions was denied/);
    } finally {
      process.env = saved;
    }
  });

  it('rejects bad options before calling AWS', async () => {
    for (const [args, msg] of [
      [['inventory'], /no region/],
      [['inventory', '--region', 'Europe'], /not an AWS region/],
      [['inventory', '--region', 'eu-west-1', '--endpoint-url', 'ftp://x'], /http:\/\/ or https:\/\//],
      [['inventory', '--region', 'eu-west-1', '--endpoint-url', 'http://u:p@localhost:1'], /user name or password/],
      [['inventory', '--region', 'eu-west-1', '--format', 'sarif'], /unknown --format/],
      [['inventory', '--region', 'eu-west-1', '--concurrency', '0'], /1 to 16/],
    ] as const) {
      const { out, io } = capture();
      assert.equal(await main([...args], io), 2, args.join(' '));
      assert.match(out.stderr, msg);
    }
  });
});
