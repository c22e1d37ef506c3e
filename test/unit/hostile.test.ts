// Issue #22: hostile input never crashes, hangs or exhausts the scan. The corpus is generated into a temporary folder
// of its own (test/hostile/generate.ts) and the built CLI (dist/cli.js, `npm run build`) runs on it as a child
// process, so a crash, a hang (per-run timeout) or a stack trace shows as a failure rather than taking the runner down.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lastScanStats, scanPaths } from '../../src/node/scan';
import { WorkerFailure, WorkerPool } from '../../src/node/workers';
import { analyzeFile } from '../../src/core/analyze';
import { generatedProblem, jsNestingBeyond, MAX_NESTING, pythonNestingBeyond } from '../../src/core/limits';
import { decodeText } from '../../src/core/input';
import { parseHcl } from '../../src/core/parsers/hcl';
import { generateCorpus, generateManyFiles, minifiedBundle, SERVER_TS, type Corpus } from '../hostile/generate';
import { tempDir } from '../helpers/tmp';

const repo = path.resolve(__dirname, '../..');
const cli = path.join(repo, 'dist/cli.js');
/** Per CLI run: a hang fails the test instead of blocking the suite. */
const RUN_TIMEOUT_MS = 120_000;

interface Report {
  findings: { ruleId: string; file: string; line: number; message: string }[];
  units: { name: string; file: string }[];
  errors: { file: string; line?: number; message: string }[];
  stats: { files: number; analyzed: number; skipped: number };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, opts: { asUser?: number; node?: string[] } = {}): Run {
  const nodeArgs = [...(opts.node ?? []), cli, ...args];
  const [cmd, full] =
    opts.asUser !== undefined
      ? ['setpriv', [`--reuid=${opts.asUser}`, `--regid=${opts.asUser}`, '--clear-groups', process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const r = spawnSync(cmd, full, { cwd, encoding: 'utf8', timeout: RUN_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A completed run: exit 0, no stack trace, a JSON report. */
function report(r: Run, what: string): Report {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal} (a hang past ${RUN_TIMEOUT_MS / 1000} s?)\n${r.stderr}`);
  assert.equal(r.code, 0, `${what}: exit ${r.code}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at .+(:\d+:\d+\)?|\(native\))$/m, `${what}: a stack trace on stderr\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /fatal|Maximum call stack/i, `${what}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

const show = (file: string) => JSON.stringify(file);

/** Checks each expectation of the corpus against one report. */
function checkCorpus(out: Report, corpus: Corpus, what: string): void {
  for (const { file, expect } of corpus.expectations) {
    const errors = out.errors.filter((e) => e.file === file);
    const parseErrors = out.findings.filter((f) => f.file === file && f.ruleId === 'core/parse-error');
    const where = `${what}: ${show(file)}`;
    switch (expect.kind) {
      case 'error':
        assert.equal(errors.length, 1, `${where} should have exactly one errors entry, has ${JSON.stringify(errors)}`);
        assert.match(errors[0].message, expect.message, where);
        assert.doesNotMatch(errors[0].message, /Fix the syntax|Maximum call stack|internal error/, where);
        assert.equal(parseErrors.length, 0, where);
        break;
      case 'parse-error':
        assert.equal(parseErrors.length, 1, `${where} should have one parse-error finding: ${JSON.stringify(out.findings.filter((f) => f.file === file))}`);
        assert.equal(errors.length, 0, `${where}: ${JSON.stringify(errors)}`);
        break;
      case 'findings': {
        assert.equal(errors.length, 0, `${where}: ${JSON.stringify(errors)}`);
        const hits = out.findings.filter((f) => f.file === file && f.ruleId === expect.ruleId);
        assert.ok(hits.length > 0, `${where} lost its ${expect.ruleId} finding: ${JSON.stringify(out.findings.filter((f) => f.file === file))}`);
        if (expect.line !== undefined)
          assert.deepEqual(
            hits.map((f) => f.line),
            [expect.line],
            where,
          );
        break;
      }
      case 'units': {
        assert.equal(errors.length, 0, `${where}: ${JSON.stringify(errors)}`);
        assert.equal(parseErrors.length, 0, `${where}: ${JSON.stringify(parseErrors)}`);
        const names = new Set(out.units.filter((u) => u.file === file).map((u) => u.name));
        for (const n of expect.names) assert.ok(names.has(n), `${where} lost unit ${n}: has ${[...names].join(', ')}`);
        break;
      }
    }
  }
  for (const s of corpus.summaries) {
    const hits = out.errors.filter((e) => s.message.test(e.message));
    assert.equal(hits.length, 1, `${what}: one summary matching ${s.message}: ${JSON.stringify(out.errors.filter((e) => /link|special/.test(e.message)))}`);
    for (const m of s.mentions) assert.ok(hits[0].message.includes(`'${m}'`), `${what}: the summary names ${m}: ${hits[0].message}`);
  }
  // What a link points at (outside the folder, or back into it) is never analysed through the link.
  assert.ok(
    !out.findings.some((f) => f.file.startsWith('links/') || f.file.startsWith('..')),
    `${what}: ${JSON.stringify(out.findings.filter((f) => f.file.startsWith('links/')))}`,
  );
  assert.ok(!out.errors.some((e) => /Maximum call stack|Excessive alias/.test(e.message)), what);
}

describe('hostile input (issue #22): nothing crashes, hangs or exhausts the scan', () => {
  let work: string;
  let corpus: Corpus;

  before(() => {
    assert.ok(existsSync(cli), `${cli} is missing: run npm run build first`);
    work = tempDir('ls-hostile-');
    chmodSync(work, 0o755);
    mkdirSync(path.join(work, 'corpus'));
    mkdirSync(path.join(work, 'outside'));
    corpus = generateCorpus(path.join(work, 'corpus'), path.join(work, 'outside'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const jobs of ['1', '2']) {
    it(`--jobs ${jobs}: the report completes; each bad file has one clear entry; good files keep their findings`, (t) => {
      if (corpus.refused.length) t.diagnostic(`the file system refused these names, so their cases were skipped: ${corpus.refused.join(', ')}`);
      // both: good/app.ts is GoodFn's code, and its to-lambda finding is what shows the file survived (auto hides it).
      const out = report(
        runCli(['assess', '--format', 'json', '--fail-on', 'never', '--no-cache', '--jobs', jobs, '--direction', 'both'], corpus.root),
        `--jobs ${jobs}`,
      );
      checkCorpus(out, corpus, `--jobs ${jobs}`);
      assert.ok(out.stats.skipped > 0 && out.stats.analyzed > 0, JSON.stringify(out.stats));
    });
  }

  it('forced analysis threads: deep files are reported from the threads, which survive them', async () => {
    const deep = corpus.expectations.filter((e) => e.file.startsWith('deep/'));
    const result = await scanPaths(corpus.root, ['deep', 'good'], { jobs: 2, forceWorkers: true });
    assert.ok(lastScanStats().threaded > 0, JSON.stringify(lastScanStats()));
    checkCorpus(result as unknown as Report, { ...corpus, expectations: deep, summaries: [] }, 'forceWorkers');
    assert.ok(result.findings.some((f) => f.file === 'good/app.ts' && f.ruleId === 'handler/listening-server'));
  });

  it("--fail-on still decides the exit code (1 for the good files' warnings), never a bad file", () => {
    // An HTTP server is a warning (it moves behind an adapter), so --fail-on warning is what the good files trip.
    const r = runCli(['assess', '--format', 'json', '--fail-on', 'warning', '--no-cache', '--jobs', '1', '--direction', 'both'], corpus.root);
    assert.equal(r.code, 1, r.stderr);
    assert.ok((JSON.parse(r.stdout) as Report).findings.some((f) => f.ruleId === 'handler/listening-server'));
  });

  it('a 1.9 MB one-line bundle is skipped before parsing: peak RSS of the scan stays under 1 GB', () => {
    const dir = path.join(work, 'minified');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'bundle.js'), minifiedBundle(1.9 * 1024 * 1024));
    writeFileSync(path.join(dir, 'app.ts'), SERVER_TS);
    // The CLI's own process reports its peak resident set (threads included) when it exits.
    const probe = path.join(work, 'maxrss.cjs');
    writeFileSync(probe, `process.on('exit', () => process.stderr.write('maxRSS=' + process.resourceUsage().maxRSS + '\\n'));\n`);
    for (const jobs of ['1', '2']) {
      const r = runCli(['assess', '--format', 'json', '--fail-on', 'never', '--no-cache', '--jobs', jobs], dir, { node: ['--require', probe] });
      const maxRssKb = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1]);
      const out = report({ ...r, stderr: r.stderr.replace(/maxRSS=\d+\n/, '') }, `minified --jobs ${jobs}`);
      assert.match(out.errors.find((e) => e.file === 'bundle.js')?.message ?? '', /skipped: minified or generated \(\d+ KB on 1 line/);
      assert.ok(out.findings.some((f) => f.file === 'app.ts'));
      assert.ok(maxRssKb > 0 && maxRssKb < 1024 * 1024, `peak RSS ${Math.round(maxRssKb / 1024)} MB`);
    }
  });

  it('20,000 small files: every one analysed, in one thread and in two', () => {
    const dir = path.join(work, 'many');
    mkdirSync(dir);
    generateManyFiles(dir, 20_000);
    const outs = ['1', '2'].map((jobs) =>
      report(runCli(['assess', '--format', 'json', '--fail-on', 'never', '--no-cache', '--jobs', jobs], dir), `20,000 files --jobs ${jobs}`),
    );
    for (const out of outs) {
      assert.equal(out.stats.analyzed, 20_000);
      assert.equal(out.errors.length, 0);
      assert.equal(out.findings.filter((f) => f.ruleId === 'handler/listening-server').length, 20);
    }
    assert.deepEqual(outs[0].findings, outs[1].findings);
  });

  it('an unreadable file and folder get one entry each, the rest is analysed (run as an unprivileged user)', (t) => {
    const dir = path.join(work, 'perm');
    mkdirSync(path.join(dir, 'locked'), { recursive: true });
    writeFileSync(path.join(dir, 'readable.ts'), SERVER_TS);
    writeFileSync(path.join(dir, 'secret.ts'), SERVER_TS);
    writeFileSync(path.join(dir, 'locked/inner.ts'), SERVER_TS);
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'secret.ts'), 0o000);
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      // Root reads anything: then the CLI runs as `nobody`, which permissions do stop.
      const asRoot = process.getuid?.() === 0;
      if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) {
        t.skip('running as root without setpriv: permissions cannot deny a read');
        return;
      }
      const out = report(runCli(['assess', '--format', 'json', '--fail-on', 'never', '--no-cache'], dir, asRoot ? { asUser: 65534 } : {}), 'permissions');
      assert.match(out.errors.find((e) => e.file === 'secret.ts')?.message ?? '', /permission denied/);
      assert.match(out.errors.find((e) => e.file === 'locked')?.message ?? '', /cannot read folder: EACCES/);
      assert.ok(out.findings.some((f) => f.file === 'readable.ts' && f.ruleId === 'handler/listening-server'));
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
      chmodSync(path.join(dir, 'secret.ts'), 0o644);
    }
  });
});

describe('hostile input: the pieces', () => {
  it('the nesting scans count brackets, not strings, comments, regexes or template text', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    assert.equal(jsNestingBeyond(`x = ${deep(MAX_NESTING)};`), -1);
    assert.equal(jsNestingBeyond(`x = ${deep(MAX_NESTING + 1)};`), 4 + MAX_NESTING);
    const noise = `const s = "${'['.repeat(500)}"; // ${'('.repeat(500)}\n/* ${'{'.repeat(500)} */ const r = /[(]{2}/; const t = \`${'['.repeat(500)}\${a}\`;`;
    assert.equal(jsNestingBeyond(noise.repeat(3)), -1);
    // A regex after a keyword (also across a comment), division after a name.
    const keywordRegex = `function f(a) {\n  if (a) return /* first */ /[${'('.repeat(500)}]/.test(a);\n  return typeof a / 2 / (a);\n}\nconst z = x / y / (w);\n`;
    assert.equal(jsNestingBeyond(keywordRegex.repeat(3)), -1);
    assert.equal(jsNestingBeyond(`const q = a / b; const r = c /${'('.repeat(MAX_NESTING + 1)}`), 30 + MAX_NESTING);
    const templates = (n: number) => 'x = ' + '`${'.repeat(n) + '1' + '}`'.repeat(n) + ';';
    assert.equal(jsNestingBeyond(templates(MAX_NESTING)), -1);
    assert.ok(jsNestingBeyond(templates(MAX_NESTING + 1)) >= 0, 'template interpolations nest');
    assert.equal(pythonNestingBeyond(`x = ${deep(MAX_NESTING)}\n`), -1);
    assert.ok(pythonNestingBeyond(`x = ${deep(MAX_NESTING + 1)}\n`) >= 0);
    assert.equal(pythonNestingBeyond(`s = """${'('.repeat(500)}\n"""\n# ${'['.repeat(500)}\nx = (1,\n  2) + 3\n`), -1);
    const indented = Array.from({ length: MAX_NESTING + 1 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('');
    assert.ok(pythonNestingBeyond(indented + ' '.repeat(MAX_NESTING + 1) + 'pass\n') >= 0);
  });

  it('deep but legal input just under the limit is analysed, in every language', () => {
    const n = MAX_NESTING - 5;
    const cases: [string, string][] = [
      ['a.ts', `export const x = ${'['.repeat(n)}${']'.repeat(n)};\n${SERVER_TS}`],
      // Nested callbacks: two brackets a level, the construct TypeScript's parser spends the most stack on.
      ['b.js', `${'f(function () { '.repeat(Math.floor(n / 2))}g()${' })'.repeat(Math.floor(n / 2))};\n`],
      ['main.tf', `locals {\n  x = ${'['.repeat(n)}${']'.repeat(n)}\n}\n`],
      ['template.yaml', `AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  X: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ];
    for (const [file, text] of cases) {
      const a = analyzeFile(text, file);
      assert.deepEqual(a.errors, [], file);
      assert.ok(!a.skipped, file);
      assert.ok(!a.findings.some((f) => f.ruleId === 'core/parse-error'), file);
    }
  });

  it('heredocs end at a line holding only their identifier; values and positions are exact', () => {
    const text = 'a = <<-EOT\n    one\n      two EOT\n    EOT\nb = <<EOF\nx ${var.y} $${z}\nEOF\nc = "after"\n';
    const f = parseHcl(text);
    assert.deepEqual(f.errors, []);
    const a = f.body.attributes.get('a')!.value;
    assert.deepEqual(a, { kind: 'literal', value: 'one\n  two EOT\n', range: [4, text.indexOf('EOT\nb') + 3] });
    const b = f.body.attributes.get('b')!.value;
    assert.equal(b.kind, 'template');
    assert.deepEqual(b.kind === 'template' && b.parts, ['x ', { ref: ['var', 'y'] }, ' ${z}\n']);
    const c = f.body.attributes.get('c')!;
    assert.deepEqual(c.value, { kind: 'literal', value: 'after', range: [text.indexOf('"after"'), text.indexOf('"after"') + 7] });
    assert.match(parseHcl('a = <<EOF\nnever closed\n').errors[0].message, /heredoc <<EOF is never closed/);
  });

  it('long quoted strings read here give the same values as Lezer', () => {
    const text = [
      'resource "aws_lambda_function" "f" {',
      '  function_name = "fn-${var.env}-${local.name}-and-a-long-enough-tail"',
      '  a = "x\\ny\\t\\"q\\" \\\\ back and more text to be long enough"',
      '  b = "arn:aws:${aws_sqs_queue.q[0].arn}/x/and/more/text/to/be/long"',
      '  c = "${aws_sqs_queue.q.*.arn} and ${data.x.y["k"]} long long long"',
      '  d = "%{ if var.x }yes%{ endif } tail that is long long long"',
      '  e = "$${not} $$${also} $$ lone $ end %%{x} long long long long"',
      '  g = "${upper(var.x)} plus ${var.a + 1} long long long long long"',
      '  j = ["a long string inside a tuple, long enough", "third ${var.q} long long long long"]',
      '  k = { "key long key long key long key long" = "value ${local.v} long long long long" }',
      '}',
    ].join('\n');
    const plain = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? Object.fromEntries(x) : x));
    assert.equal(plain(parseHcl(text, { maskStringsFrom: 2 })), plain(parseHcl(text, { maskStringsFrom: Infinity })));
  });

  it('UTF-16 with and without a BOM is decoded; UTF-32 and binary are refused by name', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo', 'utf16le')]);
    assert.deepEqual(decodeText(le, 'Add it'), { text: 'héllo' });
    assert.deepEqual(decodeText(Buffer.from(le.subarray(2)).swap16(), 'Add it'), { text: 'héllo' });
    assert.deepEqual(decodeText(Buffer.from('x = 1\n', 'utf16le'), 'Add it'), { text: 'x = 1\n' });
    assert.match((decodeText(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'Add it') as { error: string }).error, /UTF-32/);
    assert.match((decodeText(Buffer.from([1, 0, 2, 0, 0, 0, 0, 9, 9]), 'Add it') as { error: string }).error, /binary/);
  });

  it('minified detection: large files of long lines only', () => {
    assert.match(generatedProblem(minifiedBundle(200_000)) ?? '', /minified or generated \(\d+ KB on 1 line/);
    assert.equal(generatedProblem(minifiedBundle(50_000)), undefined, 'small files are cheap to parse');
    assert.equal(generatedProblem(`${SERVER_TS}\n`.repeat(3000)), undefined);
  });

  it('a thread that dies reports the file it was analysing and the pool goes on; a file over the time limit is stopped', async () => {
    const dir = tempDir('ls-hostile-pool-');
    const script = path.join(dir, 'fake-worker.js');
    // A stand-in for dist/worker.js: dies on crash.ts, never answers hang.ts, analyses nothing else.
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  if (req.file === 'crash.ts') process.exit(3);
  if (req.file === 'hang.ts') for (;;);
  parentPort.postMessage({ id: req.id, analysis: { file: req.file, kind: req.kind, findings: [], units: [], errors: [], imports: [], handlerExports: [], lineStarts: [0] } });
});`,
    );
    const pool = new WorkerPool(1, script, 2000);
    try {
      const settle = (file: string) =>
        pool.analyze('', file, 'typescript', {}).then(
          (a) => `ok ${a.file}`,
          (e: Error) => `${e instanceof WorkerFailure && e.culprit ? 'culprit' : 'retry'}: ${e.message}`,
        );
      const [crash, behind] = await Promise.all([settle('crash.ts'), settle('queued.ts')]);
      assert.match(crash, /^culprit: the analysis thread crashed on this file/);
      assert.match(behind, /^retry: /, 'a file queued behind the dead one is handed back, not blamed');
      assert.equal(await settle('after.ts'), 'ok after.ts', "a new thread took the dead one's place");
      assert.match(await settle('hang.ts'), /^culprit: analysis took longer than 2 s and was stopped/);
      assert.equal(await settle('later.ts'), 'ok later.ts');
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
