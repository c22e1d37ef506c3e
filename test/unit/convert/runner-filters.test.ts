// SQS filter criteria in the generated runners: the same table through the Node.js and the Python runner's matcher
// (the generated code itself, loaded from a temp folder), and the conversion that hands the patterns to them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { convertUnit } from '../../../src/core/convert';
import { NODE_RUNNER, NODE_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-node';
import { PYTHON_RUNNER, PYTHON_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-python';

const dir = tempDir('ls-filters-');
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, NODE_RUNNER_FILE), NODE_RUNNER);
writeFileSync(path.join(dir, PYTHON_RUNNER_FILE), PYTHON_RUNNER);
const nodeRunner = createRequire(import.meta.url)(path.join(dir, NODE_RUNNER_FILE));

const record = (body: string, extra: Record<string, unknown> = {}) => ({
  messageId: 'm1',
  body,
  attributes: { ApproximateReceiveCount: '1' },
  messageAttributes: {},
  eventSource: 'aws:sqs',
  ...extra,
});

// [pattern, record, matches] — patterns as Lambda documents them (invocation-eventfiltering.html).
const TABLE: [unknown, ReturnType<typeof record>, boolean][] = [
  [{ body: { type: ['order'] } }, record('{"type":"order"}'), true],
  [{ body: { type: ['order'] } }, record('{"type":"refund"}'), false],
  [{ body: { type: ['order'] } }, record('not json'), false],
  [{ body: ['plain text'] }, record('plain text'), true],
  [{ body: { amount: [{ numeric: ['>', 100, '<=', 500] }] } }, record('{"amount":250}'), true],
  [{ body: { amount: [{ numeric: ['>', 100] }] } }, record('{"amount":"250"}'), false],
  [{ body: { sku: [{ prefix: 'EU-' }] } }, record('{"sku":"EU-1"}'), true],
  [{ body: { file: [{ suffix: '.png' }] } }, record('{"file":"a.jpg"}'), false],
  [{ body: { region: [{ 'anything-but': ['us-east-1', 'us-west-2'] }] } }, record('{"region":"eu-west-1"}'), true],
  [{ body: { region: [{ 'anything-but': ['us-east-1'] }] } }, record('{"region":"us-east-1"}'), false],
  [{ body: { region: [{ 'anything-but': { prefix: 'us-' } }] } }, record('{"region":"us-east-2"}'), false],
  [{ body: { coupon: [{ exists: false }] } }, record('{"type":"order"}'), true],
  [{ body: { coupon: [{ exists: true }] } }, record('{"type":"order"}'), false],
  [{ body: { status: [{ 'equals-ignore-case': 'PAID' }] } }, record('{"status":"paid"}'), true],
  [{ body: { tags: ['red'] } }, record('{"tags":["blue","red"]}'), true],
  [{ body: { flag: [true] } }, record('{"flag":1}'), false],
  [{ body: { note: [null] } }, record('{"note":null}'), true],
  [{ body: { note: [null] } }, record('{}'), false],
  [{ $or: [{ body: { type: ['a'] } }, { attributes: { ApproximateReceiveCount: ['1'] } }] }, record('{"type":"b"}'), true],
  [{ body: { type: ['order'] }, attributes: { ApproximateReceiveCount: ['2'] } }, record('{"type":"order"}'), false],
  [{ body: { a: { b: ['c'] } } }, record('{"a":{"b":"c"}}'), true],
  [{ body: { ip: [{ cidr: '10.0.0.0/24' }] } }, record('{"ip":"10.0.0.77"}'), true],
  [{ body: { ip: [{ cidr: '10.0.0.0/24' }] } }, record('{"ip":"10.0.1.7"}'), false],
  [{ body: { ip: [{ cidr: '10.0.0.0/24' }] } }, record('{"ip":"not an address"}'), false],
];

function python(code: string): string {
  const r = spawnSync('python3', ['-c', `import sys, json; sys.path.insert(0, ${JSON.stringify(dir)}); import lambdashift_runner as r\n${code}`], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('SQS filter criteria in the runners', () => {
  it('the Node.js runner matches as Lambda documents', () => {
    const got = TABLE.map(([p, rec]) => nodeRunner.matchesPattern(p, nodeRunner.filterView(rec)));
    assert.deepEqual(
      got,
      TABLE.map((t) => t[2]),
    );
  });

  it('the Python runner agrees, row for row', () => {
    const out = python(
      `table = json.loads(${JSON.stringify(JSON.stringify(TABLE.map(([p, rec]) => [p, rec])))})\nprint(json.dumps([r.matches_pattern(p, r.filter_view(rec)) for p, rec in table]))`,
    );
    assert.deepEqual(
      JSON.parse(out),
      TABLE.map((t) => t[2]),
    );
  });

  it('an operator the runners do not know is a configuration error before any message is received, not a pass or a drop', () => {
    assert.throws(
      () => nodeRunner.parseFilters(JSON.stringify([JSON.stringify({ body: { x: [{ wildcard: 'a*' }] } })])),
      /filter operator "wildcard" is not supported/,
    );
    assert.throws(() => nodeRunner.parseFilters('[not json'), /LAMBDASHIFT_SQS_FILTERS must be a JSON array/);
    const py = python(`
try:
    r.parse_filters(json.dumps([json.dumps({"body": {"x": [{"wildcard": "a*"}]}})]))
    print("accepted")
except r.ConfigError as e:
    print("ConfigError: %s" % e)`);
    assert.match(py, /ConfigError: filter operator 'wildcard' is not supported/);
  });

  it('a SAM queue function with FilterCriteria converts with LAMBDASHIFT_SQS_FILTERS, and CONVERSION.md says it is applied', () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
            FilterCriteria:
              Filters:
                - Pattern: '{"body": {"type": ["order"]}}'
`;
    const u = analyzeWorkspace([{ file: 'template.yaml', text: sam }]).units[0];
    const out = convertUnit(u, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/orders', findings: [], forceBlockers: true });
    const job = out.files.find((f) => f.path === 'scaledjob.yaml')!.content;
    assert.match(job, /- name: LAMBDASHIFT_SQS_FILTERS\n\s+value: '\[\{"body":\{"type":\["order"\]\}\}\]'/);
    assert.match(
      out.files.find((f) => f.path === 'CONVERSION.md')!.content,
      /filterCriteria.*\| mapped \| LAMBDASHIFT_SQS_FILTERS: the runner matches each message/,
    );
  });

  it('a pattern with an operator the runners do not apply stays a note at conversion, never a Pod that stops on it', () => {
    const u = analyzeWorkspace([
      {
        file: 'template.yaml',
        text: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n',
      },
    ]).units[0];
    u.events = [
      {
        type: 'sqs',
        detail: 'q',
        filterCriteria: {
          Filters: [
            { Pattern: '{"body": {"name": [{"wildcard": "a*"}]}}' },
            { Pattern: '{"$or": [{"body": {"a": ["x"]}}, {"body": {"b": [{"prefix": "y"}]}}]}' },
          ],
        },
      },
    ];
    const out = convertUnit(u, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/f', findings: [], forceBlockers: true });
    assert.ok(!out.files.some((f) => /- name: LAMBDASHIFT_SQS_FILTERS\n/.test(f.content)));
    u.events[0].filterCriteria = { Filters: [{ Pattern: '{"$or": [{"body": {"a": ["x"]}}, {"body": {"b": [{"prefix": "y"}]}}]}' }] };
    const ok = convertUnit(u, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/f', findings: [], forceBlockers: true });
    assert.ok(ok.files.some((f) => /- name: LAMBDASHIFT_SQS_FILTERS\n/.test(f.content)));
  });

  it('patterns written as code (CDK FilterCriteria.filter) are not applied, and the report says to filter in the handler', () => {
    const u = analyzeWorkspace([
      {
        file: 'template.yaml',
        text: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n',
      },
    ]).units[0];
    u.events = [{ type: 'sqs', detail: 'q', filterCriteria: "[FilterCriteria.filter({ body: { type: FilterRule.isEqual('order') } })]" }];
    const out = convertUnit(u, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/f', findings: [], forceBlockers: true });
    assert.ok(!out.files.some((f) => f.content.includes('LAMBDASHIFT_SQS_FILTERS\n')));
    assert.match(out.files.find((f) => f.path === 'CONVERSION.md')!.content, /filterCriteria.*\| note \| Lambda dropped non-matching messages/);
  });
});
