// The CLI loads the analysis core (dist/analyzer.js, with the TypeScript parser) only when a file needs analysing: a
// warm re-scan answered from the cache never compiles it. Checked on the built bundle, as users run it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

/** Runs the CLI with a preload that records, at exit, which dist bundles were loaded. */
function assess(dir: string, cacheDir: string, jobs: string) {
  const out = path.join(dir, '..', `out-${Math.random().toString(36).slice(2)}.json`);
  const loaded = path.join(dir, '..', `loaded-${Math.random().toString(36).slice(2)}.json`);
  const hook = path.join(dir, '..', 'hook.cjs');
  writeFileSync(
    hook,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('dist')).map((k) => require('path').basename(k)))));\n`,
  );
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      hook,
      cli,
      'assess',
      '.',
      '--cache-dir',
      cacheDir,
      '--jobs',
      jobs,
      '--format',
      'json',
      '-o',
      out,
      '--fail-on',
      'never',
      '--direction',
      'both',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  delete report.stats;
  return { report, bundles: JSON.parse(readFileSync(loaded, 'utf8')) as string[] };
}

describe('CLI start-up', () => {
  it('the CLI and scanner bundles do not carry the TypeScript compiler (only dist/analyzer.js does)', () => {
    // A diagnostic message key of the compiler, kept by minification too. A static import of the parser anywhere the
    // CLI reaches (the join, once) bundles all of TypeScript into dist/cli.js, which every start then compiles.
    const marker = 'Unterminated_string_literal_1002';
    assert.ok(readFileSync(path.join(root, 'dist/analyzer.js'), 'utf8').includes(marker), 'the marker names the compiler');
    for (const bundle of ['cli.js', 'scanner.js', 'worker.js'])
      assert.ok(!readFileSync(path.join(root, 'dist', bundle), 'utf8').includes(marker), `dist/${bundle} holds the TypeScript compiler`);
  });

  it('loads the analyser on a cold scan, not on a warm re-scan, with identical reports', () => {
    const base = tempDir('lambdashift-lazy-');
    const dir = path.join(base, 'ws');
    cpSync(path.join(root, 'examples'), dir, { recursive: true });
    const cacheDir = path.join(base, 'cache');
    const cold = assess(dir, cacheDir, '1');
    assert.ok(cold.bundles.includes('cli.js'), JSON.stringify(cold.bundles));
    assert.ok(cold.bundles.includes('analyzer.js'), `a cold scan analyses, so it loads the analyser: ${JSON.stringify(cold.bundles)}`);
    assert.ok(cold.report.findings.length > 10 && cold.report.units.length > 5, 'the examples have findings and units');
    const warm = assess(dir, cacheDir, '1');
    assert.deepEqual(warm.bundles, ['cli.js'], 'a warm re-scan of unchanged files needs only the CLI bundle');
    assert.deepEqual(warm.report, cold.report);
    // One changed file is analysed again, so the analyser is loaded again.
    const handler = path.join(dir, 'orders-sam/src/handlers/api.ts');
    writeFileSync(handler, readFileSync(handler, 'utf8') + '\nsetInterval(() => undefined, 1000);\n');
    const changed = assess(dir, cacheDir, '1');
    assert.ok(changed.bundles.includes('analyzer.js'));
    assert.ok(changed.report.findings.some((f: { file: string; ruleId: string }) => f.file.endsWith('api.ts') && f.ruleId === 'handler/background-work'));
  });
});
