// The CLI's cache keeps a file's line starts only as far as the join places something (src/core/join/offsets.ts
// joinLineStarts): a finding, its fix's and its suggestions' edits, a unit's fields. Whatever it drops must not move a
// reported position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/api';
import { joinLineStarts } from '../../../src/core/join/offsets';
import { computeLineStarts, toContractFinding } from '../../../src/core/position';
import type { RawFinding } from '../../../src/core/types';

describe('line starts kept for the join', () => {
  const text = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
  const all = computeLineStarts(text);
  const at = (line: number, col = 0) => all[line - 1] + col;
  const finding = (extra: Partial<RawFinding>): RawFinding =>
    ({ ruleId: 'x/y', severity: 'warning', category: 'runtime-coupling', message: 'm', start: at(3), end: at(3, 4), ...extra }) as RawFinding;

  it('cover a suggestion whose edit lies after the finding and its fix, so its position does not move', () => {
    const f = finding({
      fix: { description: 'fix', edits: [{ start: at(5), end: at(5, 2), newText: 'a' }] },
      suggestions: [{ description: 'append', edits: [{ start: at(30, 1), end: at(30, 3), newText: 'b' }] }],
    });
    const kept = joinLineStarts({ findings: [f], units: [], lineStarts: all });
    assert.ok(kept.length < all.length, 'lines after the last placed offset are dropped');
    assert.deepEqual(toContractFinding(f, 'f', kept), toContractFinding(f, 'f', all));
  });

  it("keep a Cargo.toml's lines as far as its last dependency, where build/rust-lambda-runtime points", () => {
    const cargo = '[package]\nname = "x"\n\n[dependencies]\nserde = "1"\nlambda_http = "0.13"\n\n[profile.release]\nlto = true\nopt-level = "z"\n';
    const a = analyzeFile(cargo, 'Cargo.toml');
    const crate = a.facts?.rustCrates?.find((c) => c.name === 'lambda_http');
    assert.ok(crate);
    const kept = joinLineStarts(a);
    const f = finding({ start: crate.start, end: crate.end });
    assert.equal(toContractFinding(f, 'Cargo.toml', kept).line, 6);
    assert.deepEqual(toContractFinding(f, 'Cargo.toml', kept), toContractFinding(f, 'Cargo.toml', a.lineStarts));
  });

  it('keep none for a file with nothing to place, and what an analysed file needs', () => {
    assert.equal(joinLineStarts({ findings: [], units: [], lineStarts: all }).length, 0);
    const code = "import fs from 'fs';\nexport const handler = async () => {\n  fs.writeFileSync('/var/data/out.json', '{}');\n};\n// end\n";
    const a = analyzeFile(code, 'src/handler.js', {}, 'javascript');
    assert.ok(a.findings.length > 0);
    const kept = joinLineStarts(a);
    for (const f of a.findings) assert.deepEqual(toContractFinding(f, 'f', kept), toContractFinding(f, 'f', a.lineStarts));
  });
});
