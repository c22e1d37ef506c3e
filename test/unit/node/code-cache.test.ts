// The analyser's V8 code cache (src/node/codeCache.ts). A cache is only an optimisation: with none, a fresh one, a
// primed one, a damaged one or one made for another build, the module behaves the same, a bad cache is replaced, and
// --no-cache writes nothing. First the loader on small modules (every status observable), then the built CLI on the
// examples (the real dist/analyzer.js, one thread and worker threads, a Python file whose parser loads through the
// bundle's own import()). No timing is asserted: bench/lib/cold.cjs measures that.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { requireWithCodeCache } from '../../../src/node/codeCache';
import { snapshot } from '../../helpers/fsSnapshot';
import { tempDir } from '../../helpers/tmp';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

/** A cache file as the loader writes it, around any payload: what a cache made for another build looks like. */
function cacheFileBytes(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`LSCC1 ${createHash('sha256').update(payload).digest('hex')}\n`, 'latin1'), payload]);
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.v8cache')) : []);

interface Loaded {
  status: string;
  file?: string;
  /** What the module computed: the same whatever the cache. */
  behaviour: string;
  /** save()'s answer: null when it wrote or had nothing to write. */
  saveProblem: string | null;
}

describe('requireWithCodeCache', () => {
  const base = tempDir('ls-codecache-');
  const source = [
    "const path = require('node:path');",
    'exports.double = (x) => x * 2;',
    'exports.name = path.basename(__filename) + ":" + path.basename(__dirname) + ":" + (module.exports === exports);',
    '',
  ].join('\n');
  const behaviour = (dir: string) => `42 mod.js:${path.basename(dir)}:true`;
  // Each load runs in a process of its own, as it does for real: within one process V8's own compilation cache
  // answers a second compile of the same source and never looks at the cached data.
  const child = path.join(base, 'load.cjs');
  writeFileSync(
    child,
    [
      `require(${JSON.stringify(require.resolve('tsx/cjs'))});`,
      `const { requireWithCodeCache } = require(${JSON.stringify(path.join(root, 'src/node/codeCache.ts'))});`,
      'const [file, dir, save] = process.argv.slice(2);',
      "const m = requireWithCodeCache(file, dir === '-' ? false : dir);",
      "const behaviour = m.exports.double(21) + ' ' + m.exports.name;",
      "const saveProblem = save === 'save' ? (m.save() ?? null) : null;",
      'process.stdout.write(JSON.stringify({ status: m.status, file: m.file, behaviour, saveProblem }));',
      '',
    ].join('\n'),
  );
  let n = 0;
  /** A module file and a cache folder of their own. */
  const fresh = () => {
    const dir = path.join(base, `case-${++n}`);
    mkdirSync(dir);
    const file = path.join(dir, 'mod.js');
    writeFileSync(file, source);
    return { dir, file, cacheDir: path.join(dir, 'cache') };
  };
  /** Loads the module in a fresh process, then (by default) calls save() as the callers do after first use. */
  const load = (file: string, cacheDir: string | false, save = true): Loaded => {
    const r = spawnSync(process.execPath, [child, file, cacheDir || '-', save ? 'save' : ''], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'no warning');
    return JSON.parse(r.stdout) as Loaded;
  };

  it('without a folder is a plain require and writes nothing', () => {
    const { dir, file, cacheDir } = fresh();
    const before = snapshot(dir);
    const m = load(file, false);
    assert.deepEqual(m, { status: 'off', behaviour: behaviour(dir), saveProblem: null });
    assert.deepEqual(snapshot(dir), before);
    assert.equal(existsSync(cacheDir), false);
  });

  it('creates the cache when save() is called after use, then uses it and keeps it', () => {
    const { dir, file, cacheDir } = fresh();
    const unsaved = load(file, cacheDir, false);
    assert.equal(unsaved.status, 'missing');
    assert.equal(unsaved.behaviour, behaviour(dir));
    assert.deepEqual(cacheFiles(cacheDir), [], 'nothing is written before save()');

    const first = load(file, cacheDir);
    assert.deepEqual({ ...first, file: undefined }, { status: 'missing', behaviour: behaviour(dir), saveProblem: null, file: undefined });
    assert.deepEqual(cacheFiles(cacheDir), [path.basename(first.file!)]);
    assert.equal(readFileSync(first.file!, 'latin1').slice(0, 6), 'LSCC1 ');

    const bytes = readFileSync(first.file!);
    const stamp = statSync(first.file!).mtimeMs;
    const primed = load(file, cacheDir);
    assert.deepEqual(primed, { ...first, status: 'accepted' });
    assert.equal(statSync(primed.file!).mtimeMs, stamp, 'an accepted cache is not rewritten');
    assert.deepEqual(readFileSync(primed.file!), bytes);
    assert.deepEqual(readdirSync(cacheDir), [path.basename(first.file!)], 'no temp file is left');
  });

  it('a damaged cache file is ignored, then replaced', () => {
    for (const damage of [
      (b: Buffer) => b.subarray(0, b.length >> 1), // cut short
      (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 8), Buffer.from('garbage!')]), // payload changed
      () => Buffer.from('not a cache file at all\n'),
      () => Buffer.alloc(0),
    ]) {
      const { dir, file, cacheDir } = fresh();
      const made = load(file, cacheDir);
      writeFileSync(made.file!, damage(readFileSync(made.file!)));
      const m = load(file, cacheDir);
      assert.deepEqual(m, { ...made, status: 'invalid' });
      assert.equal(m.behaviour, behaviour(dir));
      assert.equal(load(file, cacheDir).status, 'accepted', 'the rewritten cache is used');
    }
  });

  it('a cache made for another build is rejected by V8, the module still loads, and the cache is rewritten', () => {
    const { dir, file, cacheDir } = fresh();
    const made = load(file, cacheDir);
    // Well-formed and with a correct checksum, but V8's data for other code (an earlier build of the bundle).
    const foreign = cacheFileBytes(new vm.Script('(function () { return "an older build of the bundle, of another length"; })').createCachedData());
    writeFileSync(made.file!, foreign);
    const m = load(file, cacheDir);
    assert.deepEqual(m, { ...made, status: 'rejected' });
    assert.equal(m.behaviour, behaviour(dir));
    assert.notDeepEqual(readFileSync(m.file!), foreign);
    assert.equal(load(file, cacheDir).status, 'accepted');
  });

  it('a rebuilt module gets a cache file of its own; the old one is removed when the new one is written', () => {
    const { file, cacheDir } = fresh();
    const old = load(file, cacheDir);
    writeFileSync(file, source + 'exports.name += ":rebuilt";\n');
    const m = load(file, cacheDir);
    assert.equal(m.status, 'missing');
    assert.notEqual(m.file, old.file);
    assert.match(m.behaviour, /:rebuilt$/);
    assert.deepEqual(cacheFiles(cacheDir), [path.basename(m.file!)]);
  });

  it('an unwritable cache folder is reported by save(), never thrown, and the module works', () => {
    const { dir, file, cacheDir } = fresh();
    writeFileSync(cacheDir, 'a file where the folder should be');
    const m = load(file, cacheDir);
    assert.equal(m.behaviour, behaviour(dir));
    assert.match(m.saveProblem ?? '', /could not write the code cache/);
  });

  it('registers the module in require.cache; an already loaded module is returned as it is', () => {
    const { file, cacheDir } = fresh();
    const m = requireWithCodeCache<{ double(x: number): number }>(file, cacheDir);
    assert.equal(m.status, 'missing');
    assert.equal(require.cache[file]?.exports, m.exports);

    assert.equal(require(file), m.exports, 'a later plain require gets the same exports');
    const again = requireWithCodeCache(file, cacheDir);
    assert.equal(again.status, 'loaded');
    assert.equal(again.exports, m.exports);
    assert.equal(again.save(), undefined);
    assert.equal(existsSync(cacheDir), false, 'save() of an already loaded module writes nothing');
  });
});

describe('the CLI with the analyser code cache (dist/cli.js, dist/analyzer.js)', () => {
  const base = tempDir('ls-codecache-cli-');
  const ws = path.join(base, 'ws');
  cpSync(path.join(root, 'examples'), ws, { recursive: true });
  // Enough files for the parallel scan (MIN_FILES_FOR_WORKERS) when run with --jobs 2.
  for (let i = 0; i < 60; i++) {
    writeFileSync(
      path.join(ws, 'orders-sam/src', `gen${i}.js`),
      `const seen = new Map();\nexports.handler = async (event) => {\n  seen.set(event.id, ${i});\n  setInterval(() => undefined, 1000);\n  return seen.size;\n};\n`,
    );
  }

  const assess = (extra: string[], jobs = '1') => {
    const out = path.join(base, `out-${Math.random().toString(36).slice(2)}.json`);
    const r = spawnSync(
      process.execPath,
      [cli, 'assess', '.', '--format', 'json', '-o', out, '--fail-on', 'never', '--direction', 'both', '--jobs', jobs, ...extra],
      {
        cwd: ws,
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /code cache/, 'no warning about the code cache');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    delete report.stats;
    return JSON.stringify(report);
  };
  /** A cache folder holding only the code cache: the analysis cache is dropped so the analyser must run again. */
  const onlyCodeCache = (dir: string) => {
    for (const f of readdirSync(dir)) if (!f.endsWith('.v8cache')) rmSync(path.join(dir, f), { recursive: true, force: true });
    const files = cacheFiles(dir);
    assert.equal(files.length, 1, `one code cache in ${readdirSync(dir).join(', ')}`);
    return path.join(dir, files[0]);
  };

  it('the analyser bundle is pure ASCII, so the loader decodes it as Latin-1 (esbuild.mjs escapes comments)', () => {
    const bytes = readFileSync(path.join(root, 'dist/analyzer.js'));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `non-ASCII at byte ${at}: ${bytes.subarray(Math.max(0, at - 80), at + 20).toString('utf8')}`);
  });

  it('gives the same report with no cache, a fresh, primed, damaged and foreign cache; --no-cache writes nothing', () => {
    const before = snapshot(ws);
    const reference = assess(['--no-cache']);
    assert.deepEqual(snapshot(ws), before, '--no-cache writes nothing in the workspace (not even node_modules/.cache)');
    assert.ok(reference.includes('"python/') && reference.includes('handler/background-work'), 'the examples give Python and JS findings');

    const cacheDir = path.join(base, 'cache');
    assert.equal(assess(['--cache-dir', cacheDir]), reference, 'fresh cache');
    const codeCache = onlyCodeCache(cacheDir);
    assert.match(readFileSync(codeCache, 'latin1').slice(0, 6), /^LSCC1 $/);
    const written = readFileSync(codeCache);

    assert.equal(assess(['--cache-dir', cacheDir]), reference, 'primed cache');
    assert.deepEqual(readFileSync(onlyCodeCache(cacheDir)), written, 'a cache V8 accepted is kept as it is');

    writeFileSync(codeCache, written.subarray(0, written.length >> 1));
    assert.equal(assess(['--cache-dir', cacheDir]), reference, 'damaged cache');
    assert.ok(readFileSync(onlyCodeCache(cacheDir)).length > written.length >> 1, 'the damaged cache is replaced');

    const foreign = cacheFileBytes(new vm.Script('(function () { return 1; })').createCachedData());
    writeFileSync(codeCache, foreign);
    assert.equal(assess(['--cache-dir', cacheDir]), reference, 'cache of another build');
    assert.notDeepEqual(readFileSync(onlyCodeCache(cacheDir)), foreign, 'the rejected cache is replaced');
  });

  it('worker threads use and write the same cache, with the same report', () => {
    const reference = assess(['--no-cache'], '2');
    assert.equal(reference, assess(['--no-cache']), 'threads or not, the same report');
    const cacheDir = path.join(base, 'cache-threads');
    assert.equal(assess(['--cache-dir', cacheDir], '2'), reference);
    const codeCache = onlyCodeCache(cacheDir);
    const written = readFileSync(codeCache);
    assert.equal(assess(['--cache-dir', cacheDir], '2'), reference);
    assert.deepEqual(readFileSync(onlyCodeCache(cacheDir)), written, 'the threads accepted the cache and kept it');
  });
});
