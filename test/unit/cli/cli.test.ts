import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { CATEGORIES } from '../../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

function run(args: string[], cwd: string, asUser?: number, env: Record<string, string> = {}) {
  const cmd = asUser !== undefined ? 'setpriv' : process.execPath;
  const full = asUser !== undefined ? [`--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', process.execPath, cli, ...args] : [cli, ...args];
  const r = spawnSync(cmd, full, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string | Buffer>): string {
  const dir = tempDir('lambdashift-cli-');
  chmodSync(dir, 0o755);
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

// A raw TCP listener: a blocking (error) finding. An Express app.listen is only a warning (an adapter, no redesign).
const SERVER = `import net from 'node:net';\nconst srv = net.createServer();\nsrv.listen(3000);\n`;
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Timeout: 900\n`;

describe('lambdashift CLI', () => {
  it('--version prints the package version; --help lists the commands', () => {
    const v = run(['--version'], root);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), require(path.join(root, 'package.json')).version);
    const h = run(['--help'], root);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /assess/);
    const ah = run(['assess', '--help'], root);
    assert.equal(ah.code, 0);
    assert.match(ah.stdout, /--fail-on/);
  });

  it('usage errors exit 2 with one line that says what to do', () => {
    const dir = workspace({ 'a.ts': 'export {}' });
    for (const args of [
      ['assess', '--format', 'xml'],
      ['assess', '--fail-on', 'sometimes'],
      ['assess', 'missing-folder'],
      ['frobnicate'],
      ['assess', '--bogus'],
    ]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code} ${r.stderr}`);
      assert.match(r.stderr, /^lambdashift: .+\n$/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });

  it('--format json follows the contract exactly', () => {
    const dir = workspace({ 'app.ts': SERVER, 'template.yaml': TEMPLATE });
    // both: the Lambda function's code keeps its to-lambda finding (auto would assess it for Kubernetes only).
    const r = run(['assess', '--format', 'json', '--fail-on', 'never', '--direction', 'both'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['schemaVersion', 'tool', 'findings', 'units', 'errors', 'stats']);
    assert.equal(out.schemaVersion, 1);
    assert.equal(out.tool.name, 'lambdashift');
    assert.deepEqual(Object.keys(out.stats).sort(), ['analyzed', 'files', 'ms', 'skipped']);
    for (const f of out.findings) {
      for (const k of ['ruleId', 'category', 'severity', 'direction', 'file', 'line', 'column', 'endLine', 'endColumn', 'message'])
        assert.ok(k in f, `finding lacks ${k}`);
      assert.ok((CATEGORIES as readonly string[]).includes(f.category));
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(['to-lambda', 'to-kubernetes', 'both'].includes(f.direction));
      assert.ok(!('range' in f), 'editor-only fields stay out of the contract');
      assert.ok(!f.file.includes('\\') && !path.isAbsolute(f.file));
    }
    const listen = out.findings.find((f: { ruleId: string }) => f.ruleId === 'handler/listening-server');
    assert.deepEqual([listen.file, listen.line, listen.column, listen.unit], ['app.ts', 3, 1, 'Fn']);
    const unit = out.units.find((u: { name: string }) => u.name === 'Fn');
    assert.equal(unit.kind, 'lambda-function');
    assert.equal(unit.source, 'sam');
    assert.equal(unit.codeFile, 'app.ts');
    assert.equal(unit.timeoutSeconds, 900);
    assert.ok(unit.readiness && typeof unit.readiness === 'object');
    assert.ok(!('range' in unit) && !('fieldRanges' in unit));
  });

  it('exit code follows --fail-on', () => {
    const dir = workspace({ 'template.yaml': TEMPLATE }); // one warning, no errors
    assert.equal(run(['assess'], dir).code, 0);
    assert.equal(run(['assess', '--fail-on', 'warning'], dir).code, 1);
    assert.equal(run(['assess', '--fail-on', 'never'], dir).code, 0);
    const bad = workspace({ 'app.ts': SERVER });
    assert.equal(run(['assess'], bad).code, 1);
  });

  it('honours .gitignore and .lambdashiftignore and skips node_modules, dist, .git', () => {
    const dir = workspace({
      'src/app.ts': SERVER,
      'node_modules/x/index.js': SERVER,
      'dist/app.js': SERVER,
      '.git/hooks/x.js': SERVER,
      'generated/app.ts': SERVER,
      'legacy/app.ts': SERVER,
      'nested/.gitignore': 'skip-me.ts\n',
      'nested/skip-me.ts': SERVER,
      'nested/keep-me.ts': SERVER,
      '.gitignore': 'generated/\n',
      '.lambdashiftignore': 'legacy/**\n',
    });
    const out = JSON.parse(run(['assess', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    assert.deepEqual([...new Set(out.findings.map((f: { file: string }) => f.file))].sort(), ['nested/keep-me.ts', 'src/app.ts']);
  });

  it('bad input: syntax error, broken YAML, huge and binary files each give one message, and the scan goes on', () => {
    const dir = workspace({
      'broken.ts': 'export const handler = async () => {\n  return {\n',
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: [unclosed\n`,
      'huge.js': 'x'.repeat(3 * 1024 * 1024),
      'blob.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'ok/app.ts': SERVER,
    });
    const out = JSON.parse(run(['assess', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    const parse = out.findings.filter((f: { category: string }) => f.category === 'parse-error');
    assert.deepEqual(parse.map((f: { file: string; line: number }) => `${f.file}:${f.line}`).sort(), ['broken.ts:2', 'template.yaml:3']);
    for (const f of parse) assert.match(f.message, new RegExp(f.file.replace('.', '\\.')));
    const errs = Object.fromEntries(out.errors.map((e: { file: string; message: string }) => [e.file, e.message]));
    assert.match(errs['huge.js'], /MB limit/);
    assert.match(errs['blob.js'], /binary/);
    assert.ok(
      out.findings.some((f: { file: string; ruleId: string }) => f.file === 'ok/app.ts' && f.ruleId === 'handler/listening-server'),
      'the rest of the scan went on',
    );
  });

  it('a file the user cannot read becomes one error naming it; the scan goes on', { skip: false }, () => {
    const dir = workspace({ 'secret/app.ts': SERVER, 'open/app.ts': SERVER });
    chmodSync(path.join(dir, 'secret/app.ts'), 0o000);
    // Root reads everything, so drop to an unprivileged user when running as root.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const r = run(['assess', '--format', 'json', '--fail-on', 'never'], dir, uid);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.errors.map((e: { file: string }) => e.file),
      ['secret/app.ts'],
    );
    assert.match(out.errors[0].message, /permission denied/);
    assert.ok(out.findings.some((f: { file: string }) => f.file === 'open/app.ts'));
  });

  it('text output groups by file and ends with a summary line; no colours when not a TTY', () => {
    const dir = workspace({ 'app.ts': SERVER, 'template.yaml': TEMPLATE });
    const r = run(['assess', '--fail-on', 'never', '--direction', 'both'], dir);
    assert.ok(!r.stdout.includes('\u001b['));
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'app.ts');
    assert.match(
      lines[lines.length - 1],
      /^2 findings \(1 error, 1 warning, 0 info\) in 2 analysed files; 1 unit; 0 files skipped; 0 files could not be analysed; \d+ ms$/,
    );
  });

  it('text output: units with verdict, effort, what decided it and monthly cost on both platforms, then a legend', () => {
    const dir = workspace({ 'app.ts': SERVER, 'template.yaml': TEMPLATE });
    const r = run(['assess', '--fail-on', 'never'], dir, undefined, { COLUMNS: '200' });
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('  Kind '));
    assert.ok(head > 0, r.stdout);
    assert.match(lines[head], /Kind +Name +Move +Verdict +Effort +Decided by +Code +Lambda\/mo +K8s\/mo +Cheaper on +Declared in/);
    // The top reason decides: the 900 s timeout, with where it is.
    assert.match(
      lines[head + 1],
      /^  Lambda +Fn +→ Kubernetes +changes +(S|M|L|XL) +Function Fn has a 900 s timeout \(template\.yaml:8\) +app\.ts +\$[\d.,]+ +\$[\d.,]+ +(Lambda|Kubernetes|Fargate) +template\.yaml:\d+$/,
    );
    assert.ok(
      lines.some((l) => /^  Verdict \(for the move shown\): ready/.test(l)),
      'verdict legend',
    );
    assert.ok(
      lines.some((l) => /^  Cost: monthly USD/.test(l)),
      'cost legend',
    );
  });

  it('text output wraps long messages under the message column at the given width', () => {
    const dir = workspace({ 'template.yaml': TEMPLATE });
    const r = run(['assess', '--fail-on', 'never'], dir, undefined, { COLUMNS: '72' });
    const lines = r.stdout.split('\n');
    assert.ok(
      lines.every((l) => l.length <= 72),
      lines.filter((l) => l.length > 72).join('\n'),
    );
    const at = lines.findIndex((l) => /^  \d+:\d+ +warning /.test(l));
    assert.ok(at >= 0 && /^ {19}\S/.test(lines[at + 1]), `continuation lines start under the message:\n${lines.slice(at, at + 3).join('\n')}`);
  });

  it('names with control characters reach the terminal as visible escapes, never raw', () => {
    const evil = 'a\u001b]0;pwned\u0007b\u001b[31m';
    const dir = workspace({ [`${evil}.ts`]: SERVER, 'nl\nname.ts': SERVER });
    const r = run(['assess', '--fail-on', 'never'], dir);
    assert.ok(!r.stdout.includes('\u001b') && !r.stdout.includes('\u0007'), JSON.stringify(r.stdout.slice(0, 300)));
    assert.ok(r.stdout.includes('a\\x1b]0;pwned\\x07b\\x1b[31m.ts'), r.stdout);
    assert.ok(r.stdout.split('\n').includes('nl\\x0aname.ts'), 'a newline in a name does not start a line of output');
    const bad = run(['assess', `missing-${evil}`], dir);
    assert.equal(bad.code, 2);
    assert.ok(!bad.stderr.includes('\u001b'), JSON.stringify(bad.stderr));
  });

  it('typos get "did you mean" for options, commands, formats and rule ids; unknown rule ids are refused', () => {
    const dir = workspace({ 'app.ts': SERVER });
    const cases: [string[], RegExp][] = [
      [['assess', '--formt', 'json'], /^lambdashift: unknown option '--formt'\. Did you mean '--format'\? Run 'lambdashift assess --help' for the options\.$/],
      [['asess'], /unknown command 'asess'\. Did you mean 'assess'\?/],
      [['assess', '--format', 'jsn'], /unknown --format 'jsn'\. Did you mean 'json'\?/],
      [['assess', '--rule', 'handler/listen-server=off'], /there is no rule 'handler\/listen-server'\. Did you mean 'handler\/listening-server'\?/],
      [['assess', '--rule', 'no-such-thing-at-all=off'], /^lambdashift: --rule: there is no rule 'no-such-thing-at-all'\. The rules are listed/],
      [['convert', '.', '--unitt', 'x'], /unknown option '--unitt'\. Did you mean '--unit'\?/],
    ];
    for (const [args, want] of cases) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.trim(), want);
    }
    assert.equal(run(['assess', '--rule', 'handler/listening-server=off', '--format', 'json'], dir).code, 0, 'a known rule id is accepted');
  });

  it('file paths are relative to the scanned folder, wherever the CLI runs from; files are accepted as paths', () => {
    const dir = workspace({ 'svc/app.ts': SERVER, 'svc/template.yaml': TEMPLATE, 'other/x.ts': SERVER });
    const elsewhere = workspace({});
    const folder = JSON.parse(run(['assess', path.join(dir, 'svc'), '--format', 'json', '--fail-on', 'never', '--direction', 'both'], elsewhere).stdout);
    assert.deepEqual([...new Set(folder.findings.map((f: { file: string }) => f.file))].sort(), ['app.ts', 'template.yaml']);
    const file = run(['assess', path.join(dir, 'svc/app.ts'), '--format', 'json', '--fail-on', 'never'], elsewhere);
    assert.equal(file.code, 0, file.stderr);
    assert.deepEqual(
      JSON.parse(file.stdout).findings.map((f: { file: string }) => f.file),
      ['app.ts'],
    );
    const two = JSON.parse(run(['assess', path.join(dir, 'svc/app.ts'), path.join(dir, 'other'), '--format', 'json', '--fail-on', 'never'], elsewhere).stdout);
    assert.deepEqual(
      [...new Set(two.findings.map((f: { file: string }) => f.file))].sort(),
      ['other/x.ts', 'svc/app.ts'],
      'several paths: relative to their deepest common folder',
    );
  });

  it('--output writes the report to a file', () => {
    const dir = workspace({ 'app.ts': SERVER });
    const r = run(['assess', '--format', 'sarif', '--output', 'out.sarif', '--fail-on', 'never'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(require('node:fs').readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].ruleId, 'handler/listening-server');
  });
});
