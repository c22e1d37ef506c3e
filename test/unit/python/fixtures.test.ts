import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { computeLineStarts, lineColumnAt } from '../../../src/core/position';
import { ensurePythonParser } from '../../../src/core/python/parser';

const fixtures = path.resolve(__dirname, '../../fixtures');

function pyFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.py'))
    .sort();
}

/** `# ruleid: a, b` / `# ok: a` on the line above → { line below → ids }. */
function annotations(text: string, kind: 'ruleid' | 'ok'): Map<number, string[]> {
  const out = new Map<number, string[]>();
  text.split('\n').forEach((l, i) => {
    const m = new RegExp(`#\\s*${kind}:\\s*(.+)$`).exec(l);
    if (m) out.set(i + 2, m[1].split(/[\s,]+/).filter(Boolean));
  });
  return out;
}

function pythonFindings(text: string, rel: string) {
  const a = analyzeFile(text, rel);
  assert.deepEqual(a.errors, []);
  const ls = computeLineStarts(text);
  return a.findings.filter((f) => f.ruleId.startsWith('python/') && !f.entryOnly).map((f) => ({ ...f, line: lineColumnAt(ls, f.start).line }));
}

before(() => ensurePythonParser());

describe('annotated Python fixtures report exactly their ruleid lines', () => {
  for (const file of pyFiles(path.join(fixtures, 'python'))) {
    it(file, () => {
      const text = readFileSync(path.join(fixtures, 'python', file), 'utf8');
      const got = pythonFindings(text, `src/${file}`)
        .map((f) => `${f.line} ${f.ruleId}`)
        .sort();
      const want = [...annotations(text, 'ruleid')].flatMap(([line, ids]) => ids.map((id) => `${line} ${id}`)).sort();
      assert.ok(want.length > 0, 'fixture has ruleid annotations');
      assert.deepEqual(got, want);
      for (const [line, ids] of annotations(text, 'ok')) for (const id of ids) assert.ok(!got.includes(`${line} ${id}`), `${id} at ${line}`);
    });
  }
});

describe('well-written Lambda handlers (AWS style)', () => {
  const dir = path.join(fixtures, 'good-python');
  for (const file of pyFiles(dir)) {
    it(`${file}: no to-lambda findings, only the annotated to-kubernetes ones`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const found = pythonFindings(text, `functions/${file}`);
      assert.deepEqual(
        found.filter((f) => f.direction !== 'to-kubernetes').map((f) => `${f.line} ${f.ruleId}: ${f.message}`),
        [],
      );
      const want = [...annotations(text, 'ruleid')].flatMap(([line, ids]) => ids.map((id) => `${line} ${id}`)).sort();
      assert.deepEqual(found.map((f) => `${f.line} ${f.ruleId}`).sort(), want);
    });
  }
  it('covers several handlers', () => assert.ok(pyFiles(dir).length >= 5));
});

it('examples/billing-terraform/src/invoices.py reports only the aws_request_id coupling', () => {
  const file = path.resolve(__dirname, '../../../examples/billing-terraform/src/invoices.py');
  const text = readFileSync(file, 'utf8');
  const all = analyzeFile(text, 'examples/billing-terraform/src/invoices.py').findings;
  assert.deepEqual(
    all.map((f) => f.ruleId),
    ['python/runtime-coupling'],
  );
  const found = pythonFindings(text, 'examples/billing-terraform/src/invoices.py');
  assert.deepEqual(
    found.map((f) => [f.ruleId, f.line]),
    [['python/runtime-coupling', 12]],
  );
  assert.match(found[0].message, /context\.aws_request_id/);
});
