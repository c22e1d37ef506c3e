// Annotated Go, Java and C# fixtures: `// ruleid: <id>[, <id>]` on the line above each line that must be reported,
// `// ok: <id>` above near-misses that must stay silent; every finding of the language's rules must be annotated.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { ensureParser } from '../../../src/core/parsers/load';
import { computeLineStarts, lineColumnAt } from '../../../src/core/position';

const fixtures = path.resolve(__dirname, '../../fixtures');
const LANGUAGES = [
  { dir: 'go', ext: '.go', prefix: 'go/' },
  { dir: 'java', ext: '.java', prefix: 'java/' },
  { dir: 'csharp', ext: '.cs', prefix: 'csharp/' },
] as const;

/** `// ruleid: a, b` / `// ok: a` (also inside `/* … *\/`) on the line above → { line below → ids }. */
function annotations(text: string, kind: 'ruleid' | 'ok'): Map<number, string[]> {
  const out = new Map<number, string[]>();
  text.split('\n').forEach((l, i) => {
    const m = new RegExp(`//\\s*${kind}:\\s*(.+)$`).exec(l);
    if (m) out.set(i + 2, m[1].split(/[\s,]+/).filter(Boolean));
  });
  return out;
}

before(async () => {
  await Promise.all([ensureParser('go'), ensureParser('java'), ensureParser('csharp')]);
});

for (const lang of LANGUAGES) {
  describe(`annotated ${lang.dir} fixtures report exactly their ruleid lines`, () => {
    const dir = path.join(fixtures, lang.dir);
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(lang.ext))
      .sort();
    it('has fixtures', () => assert.ok(files.length >= 3));
    for (const file of files) {
      it(file, () => {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const a = analyzeFile(text, `src/${lang.dir}/${file}`);
        assert.deepEqual(a.errors, []);
        const ls = computeLineStarts(text);
        const got = a.findings
          .filter((f) => f.ruleId.startsWith(lang.prefix))
          .map((f) => `${lineColumnAt(ls, f.start).line} ${f.ruleId}`)
          .sort();
        const want = [...annotations(text, 'ruleid')].flatMap(([line, ids]) => ids.map((id) => `${line} ${id}`)).sort();
        assert.ok(want.length > 0, 'fixture has ruleid annotations');
        assert.deepEqual(got, want);
        for (const [line, ids] of annotations(text, 'ok')) for (const id of ids) assert.ok(!got.includes(`${line} ${id}`), `${id} at ${line}`);
        // Suppression comments need a reason: none of the fixtures' directives is reported as missing one.
        assert.deepEqual(
          a.findings.filter((f) => f.ruleId === 'core/suppression-reason').map((f) => f.message),
          [],
        );
      });
    }
  });
}
