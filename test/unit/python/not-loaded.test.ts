import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';

// Runs in its own process (node --test isolates files), before anything loads tree-sitter.
it('reports a clear error, not a crash, when a .py file is analysed before ensurePythonParser()', () => {
  const a = analyzeFile('def handler(event, context):\n    return 1\n', 'src/app.py');
  assert.equal(a.kind, 'python');
  assert.deepEqual(a.findings, []);
  assert.equal(a.errors.length, 1);
  assert.match(a.errors[0].message, /Python parser not loaded.*ensurePythonParser/);
  assert.equal(a.errors[0].file, 'src/app.py');
});
