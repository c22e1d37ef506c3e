import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../src/core/analyze';
import { lineColumnAt } from '../../src/core/position';

const dir = path.resolve(__dirname, '../fixtures/good-handlers');
const files = readdirSync(dir)
  .filter((f) => /\.[cm]?[jt]sx?$/.test(f))
  .sort();

/**
 * Fixture paths contain `test/`, which marks them as test files (no to-lambda findings at all); they are analysed
 * under a source path so every rule really looks at them.
 */
function analyse(name: string) {
  const a = analyzeFile(readFileSync(path.join(dir, name), 'utf8'), `src/handlers/${name}`);
  const show = (f: (typeof a.findings)[number]) => `${f.ruleId}@${lineColumnAt(a.lineStarts, f.start).line}: ${f.message}`;
  return { a, show };
}

/** The Lambda event shapes each handler really reads, so the to-kubernetes side is checked on realistic code too. */
const EXPECTED_SHAPES: Record<string, string[]> = {
  'api-get-item.ts': ['API Gateway'],
  'cached-config.mjs': [],
  'dynamodb-stream.ts': ['DynamoDB stream'],
  'eventbridge-order-placed.js': ['EventBridge'],
  'kinesis-firehose.cjs': ['Kinesis'],
  'powertools-metrics.ts': ['API Gateway'],
  'rds-proxy.ts': ['API Gateway'],
  's3-thumbnail.mjs': ['S3 event notification'],
  'scheduled-report.ts': [],
  'sqs-orders.ts': ['SQS batch', 'partial batch response'],
};

describe('well-written Lambda handlers (AWS best practices)', () => {
  it('there are at least 8 of them, each with an expectation', () => {
    assert.ok(files.length >= 8, `only ${files.length} fixtures`);
    assert.deepEqual(files, Object.keys(EXPECTED_SHAPES).sort());
  });

  it('control: the same path does report to-lambda findings when a handler misbehaves', () => {
    const text = readFileSync(path.join(dir, 's3-thumbnail.mjs'), 'utf8') + '\nsetInterval(() => console.log("heartbeat"), 10_000);\n';
    const a = analyzeFile(text, 'src/handlers/s3-thumbnail.mjs');
    assert.ok(a.findings.some((f) => f.direction === 'to-lambda'));
  });

  for (const name of files) {
    describe(name, () => {
      it('parses and produces zero to-lambda findings', () => {
        const { a, show } = analyse(name);
        assert.deepEqual(a.errors, []);
        assert.notEqual(a.handlerExports.length, 0, 'exports a handler');
        const bad = a.findings.filter((f) => f.direction !== 'to-kubernetes');
        assert.deepEqual(bad.map(show), []);
      });

      it('reports exactly the event shapes it reads (to-kubernetes)', () => {
        const { a } = analyse(name);
        const shapes = a.findings.filter((f) => f.ruleId === 'handler/event-source').map((f) => f.message);
        const expected = EXPECTED_SHAPES[name];
        assert.equal(shapes.length, expected.length, shapes.join('\n'));
        expected.forEach((label, i) => assert.ok(shapes[i].includes(label), `"${shapes[i]}" should name ${label}`));
      });
    });
  }
});
