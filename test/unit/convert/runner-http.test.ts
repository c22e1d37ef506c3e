// The runners serve HTTP as API Gateway would (issue #20): the real Node.js and Python runners are started on a free
// port (PORT=0) with our own test handlers, and real HTTP requests go to them. No fixed ports, no timing assertions.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { NODE_RUNNER, NODE_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-node';
import { PYTHON_RUNNER, PYTHON_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-python';

const dir = tempDir('ls-runner-http-');
const children: ChildProcess[] = [];
after(async () => {
  await Promise.all(
    children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => (c.once('exit', r), c.kill('SIGKILL'))))),
  );
  rmSync(dir, { recursive: true, force: true });
});
writeFileSync(path.join(dir, NODE_RUNNER_FILE), NODE_RUNNER);
writeFileSync(path.join(dir, PYTHON_RUNNER_FILE), PYTHON_RUNNER);
// Handlers that read event.pathParameters.id directly, as real ones do: without path parameters they throw (502).
writeFileSync(
  path.join(dir, 'todos.js'),
  `exports.get = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: event.pathParameters.id, version: event.version || '1.0', routeKey: event.routeKey, resource: event.resource,
    q: event.queryStringParameters, mq: event.multiValueQueryStringParameters, mh: event.multiValueHeaders && event.multiValueHeaders['x-multi'],
    h: event.headers['x-multi'], body: event.body, b64: event.isBase64Encoded, method: event.httpMethod || event.requestContext.http.method }),
});
exports.bare = async () => ({ ok: true });
`,
);
writeFileSync(
  path.join(dir, 'todos.py'),
  `import json
def get(event, context):
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({
        "id": event["pathParameters"]["id"], "version": event.get("version", "1.0"), "routeKey": event.get("routeKey"), "resource": event.get("resource"),
        "q": event.get("queryStringParameters"), "mq": event.get("multiValueQueryStringParameters"),
        "mh": (event.get("multiValueHeaders") or {}).get("x-multi"), "h": event["headers"].get("x-multi"),
        "body": event.get("body"), "b64": event.get("isBase64Encoded"), "method": event.get("httpMethod") or event["requestContext"]["http"]["method"]})}
def bare(event, context):
    return {"ok": True}
`,
);

/** Starts a runner in http mode on a free port; resolves with the port it logged. */
function start(cmd: string, file: string, handler: string, payload: string, routes: string[]): Promise<number> {
  const child = spawn(cmd, [path.join(dir, file)], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      LAMBDASHIFT_EVENT_SOURCE: 'http',
      LAMBDASHIFT_HANDLER: handler,
      LAMBDASHIFT_TIMEOUT_SECONDS: '30',
      LAMBDASHIFT_HTTP_PAYLOAD: payload,
      LAMBDASHIFT_HTTP_ROUTES: JSON.stringify(routes),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /"listening on (\d+)"/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`runner exited ${code}: ${err}`)));
  });
}

function request(port: number, method: string, p: string, headers: http.OutgoingHttpHeaders = {}, body?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ROUTES = ['GET /todos/{id}', 'POST /todos/{id}', 'ANY /todos/{id}/files/{proxy+}'];
const runners: [string, string, string, string][] = [
  ['Node.js', process.execPath, NODE_RUNNER_FILE, 'todos'],
  ['Python', 'python3', PYTHON_RUNNER_FILE, 'todos'],
];

for (const [label, cmd, file, mod] of runners) {
  describe(`${label} runner serves HTTP`, () => {
    for (const payload of ['1.0', '2.0'] as const) {
      it(`GET /todos/123 reaches a handler reading event.pathParameters.id (${payload === '1.0' ? 'REST API' : 'HTTP API'}, payload ${payload})`, async () => {
        const port = await start(cmd, file, `${mod}.get`, payload, ROUTES);
        const r = await request(port, 'GET', '/todos/123?tag=a&tag=b', { 'x-multi': ['1', '2'] });
        assert.equal(r.status, 200, r.body);
        const got = JSON.parse(r.body);
        assert.equal(got.id, '123');
        assert.equal(got.method, 'GET');
        if (payload === '2.0') {
          assert.equal(got.version, '2.0');
          assert.equal(got.routeKey, 'GET /todos/{id}');
          assert.deepEqual(got.q, { tag: 'a,b' });
          assert.equal(got.h, '1,2');
        } else {
          assert.equal(got.resource, '/todos/{id}');
          assert.deepEqual(got.q, { tag: 'b' });
          assert.deepEqual(got.mq, { tag: ['a', 'b'] });
          assert.deepEqual(got.mh, ['1', '2']);
          assert.equal(got.h, '2');
        }
        // A binary body arrives base64-encoded; a JSON body as text.
        const bin = await request(port, 'POST', '/todos/9', { 'content-type': 'application/octet-stream' }, Buffer.from([0, 1, 2, 255]));
        assert.deepEqual([JSON.parse(bin.body).b64, JSON.parse(bin.body).body], [true, Buffer.from([0, 1, 2, 255]).toString('base64')]);
        const json = await request(port, 'POST', '/todos/9', { 'content-type': 'application/json' }, Buffer.from('{"done":true}'));
        assert.deepEqual([JSON.parse(json.body).b64, JSON.parse(json.body).body], [false, '{"done":true}']);
        // Greedy path parameters, and routes the API does not have.
        const greedy = JSON.parse((await request(port, 'DELETE', '/todos/7/files/a/b.txt')).body);
        assert.deepEqual([greedy.id, greedy.method], ['7', 'DELETE']);
        assert.equal((await request(port, 'GET', '/nope')).status, 404);
      });
    }
    it('HTTP API takes a bare return value as a 200 JSON response; REST answers 502 like API Gateway', async () => {
      const v2 = await start(cmd, file, `${mod}.bare`, '2.0', []);
      const r2 = await request(v2, 'GET', '/anything');
      assert.deepEqual([r2.status, JSON.parse(r2.body)], [200, { ok: true }]);
      const v1 = await start(cmd, file, `${mod}.bare`, '1.0', []);
      assert.equal((await request(v1, 'GET', '/anything')).status, 502);
    });
  });
}
