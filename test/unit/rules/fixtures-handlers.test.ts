import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { handlerRules } from '../../../src/core/rules/handler';
import { analyzeWorkspace } from '../../../src/core/analyze';

const dir = path.resolve(__dirname, '../../fixtures/handlers');
const ours = new Set(handlerRules.map((r) => r.meta.id));
const ANNOTATION = /\/\/\s*(ruleid|ok):\s*([\w/,\s-]+)$/;

/** `// ruleid: <id>` on the line(s) above a finding; `// ok: <id>` above a near miss. */
function annotations(text: string): { expected: Set<string>; ok: Set<string> } {
  const lines = text.split('\n');
  const expected = new Set<string>();
  const ok = new Set<string>();
  lines.forEach((l, i) => {
    const m = ANNOTATION.exec(l.trim());
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && ANNOTATION.test(lines[target].trim())) target++;
    for (const id of m[2].split(/[\s,]+/).filter(Boolean)) (m[1] === 'ruleid' ? expected : ok).add(`${target + 1} ${id}`);
  });
  return { expected, ok };
}

const files = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => /\.(c|m)?[jt]sx?$/.test(f))
  .sort();

describe('annotated handler fixtures', () => {
  it('exist', () => assert.ok(files.length >= 4));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      // The real path sits under test/, which the analyser treats as test code; analyse it as a source file.
      const file = `src/handlers/${f}`;
      const got = new Set(
        analyzeWorkspace([{ file, text }])
          .findings.filter((x) => ours.has(x.ruleId))
          .map((x) => `${x.line} ${x.ruleId}`),
      );
      const { expected, ok } = annotations(text);
      assert.ok(expected.size > 0, 'fixture has ruleid annotations');
      assert.deepEqual([...got].sort(), [...expected].sort());
      for (const o of ok) assert.ok(!got.has(o), `unexpected finding at ${o}`);
    });
  }
});
