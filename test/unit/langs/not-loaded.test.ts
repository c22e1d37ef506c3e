import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';

// Runs in its own process (node --test isolates files), before anything loads tree-sitter.
it('reports a clear error, not a crash, when a Go, Java or C# file is analysed before ensureParser()', () => {
  for (const [file, name] of [
    ['cmd/main.go', 'Go'],
    ['src/main/java/A.java', 'Java'],
    ['Function.cs', 'C#'],
  ]) {
    const a = analyzeFile('x', file);
    assert.deepEqual(a.findings, []);
    assert.equal(a.errors.length, 1, file);
    assert.match(a.errors[0].message, new RegExp(`^${name} parser not loaded.*ensureParser\\(\\)`));
    assert.equal(a.errors[0].file, file);
  }
});
