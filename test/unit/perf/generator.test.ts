// The benchmark's synthetic workspaces must be valid code: a file that does not parse skips every rule, so a broken
// generator makes the analysis look cheaper than it is (an earlier version truncated 70 % of its JS/TS files).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { parseJs } from '../../../src/core/parsers/typescript';
import { analyzeFile } from '../../../src/core/analyze';

const GENERATOR = path.resolve(__dirname, '../../../bench/generate.mjs');
const out = tempDir('lambdashift-gen-');
after(() => rmSync(out, { recursive: true, force: true }));

function files(dir: string, acc: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) files(p, acc);
    else acc.push(p);
  }
  return acc;
}

describe('bench/generate.mjs', () => {
  it('writes 300 files of which every JS/TS file parses and every IaC file has no parse error', async () => {
    const { generate } = (await import(GENERATOR)) as { generate(count: number, dir: string, seed?: number): string };
    generate(300, out, 7);
    const all = files(out).filter((f) => !f.endsWith('.generated.json'));
    assert.equal(all.length, 301, 'the requested files plus package.json');
    let js = 0;
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      if (/\.(?:ts|js)$/.test(f)) {
        js++;
        const r = parseJs(text, f);
        assert.equal(r.error, undefined, `${f}: ${r.error?.message} at line ${r.error?.line}`);
      } else if (/\.ya?ml$/.test(f)) {
        const a = analyzeFile(text, path.relative(out, f));
        assert.deepEqual(
          a.findings.filter((x) => x.ruleId === 'core/parse-error'),
          [],
          f,
        );
      }
    }
    assert.ok(js > 200, `only ${js} JS/TS files`);
  });
});
