import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main';

const root = path.resolve(__dirname, '../../..');
const work = tempDir('ls-convert-cli-');
after(() => rmSync(work, { recursive: true, force: true }));
cpSync(path.join(root, 'examples/orders-sam'), path.join(work, 'orders'), { recursive: true });

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: work, isTTY: false, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('lambdashift convert', () => {
  it('--dry-run prints the files and writes nothing', async () => {
    const r = await cli('convert', 'orders', '--unit', 'NightlyCleanupFunction', '--to', 'kubernetes', '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--- orders\/k8s\/nightly-cleanup\/cronjob\.yaml\n/);
    assert.ok(!existsSync(path.join(work, 'orders/k8s')));
  });

  it('writes, then refuses to overwrite without --force (exit 2, lists files), then overwrites with --force', async () => {
    const first = await cli('convert', 'orders', '--unit', 'ExportPollerFunction', '--namespace', 'exports');
    assert.equal(first.code, 0, first.stderr);
    const sj = parse(readFileSync(path.join(work, 'orders/k8s/export-poller/scaledjob.yaml'), 'utf8'));
    assert.equal(sj.metadata.namespace, 'exports');
    const dockerfile = readFileSync(path.join(work, 'orders/k8s/export-poller/Dockerfile'), 'utf8');
    assert.match(dockerfile, /COPY k8s\/export-poller\/lambdashift-runner\.cjs/);
    // The template's CodeUri (src/) is the code folder, so the bundle lands where the handler names it.
    assert.match(dockerfile, /^COPY src\/ \.\/$/m);
    assert.match(dockerfile, /esbuild@[\d.]+ handlers\/export-poller\.ts --bundle .* --outfile=\/out\/handlers\/export-poller\.js$/m);
    const again = await cli('convert', 'orders', '--unit', 'ExportPollerFunction');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /orders\/k8s\/export-poller\/scaledjob\.yaml/);
    assert.match(again.stderr, /--force.*--out/);
    const forced = await cli('convert', 'orders', '--unit', 'ExportPollerFunction', '--force', '--format', 'helm');
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(existsSync(path.join(work, 'orders/k8s/export-poller/Chart.yaml')));
  });

  it('exits 2 naming the units when --unit is unknown, and on bad options', async () => {
    const r = await cli('convert', 'orders', '--unit', 'Nope');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no unit named 'Nope'.*NightlyCleanupFunction/);
    assert.equal((await cli('convert', 'orders', '--unit', 'NightlyCleanupFunction', '--format', 'zip')).code, 2);
    assert.equal((await cli('convert', 'orders', '--unit', 'NightlyCleanupFunction', '--identity', 'keys')).code, 2);
    assert.equal((await cli('convert', 'missing-dir', '--unit', 'X')).code, 2);
  });

  it('exits 1 with the reason when the unit cannot be converted that way', async () => {
    const r = await cli('convert', 'orders', '--unit', 'NightlyCleanupFunction', '--to', 'lambda', '--dry-run');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--to kubernetes/);
  });

  it('writes CONVERSION.md beside the output and prints the report; --deadline-allowance sets the Job headroom', async () => {
    const r = await cli('convert', 'orders', '--unit', 'NightlyCleanupFunction', '--out', 'k8s/allowance', '--deadline-allowance', '15');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Conversion report \(every setting of NightlyCleanupFunction; also in CONVERSION\.md\):\n {2}mapped +runtime = /);
    const md = readFileSync(path.join(work, 'orders/k8s/allowance/CONVERSION.md'), 'utf8');
    assert.match(md, /^# Conversion report: NightlyCleanupFunction → Kubernetes/);
    assert.match(md, /\| timeoutSeconds \| 300 \| mapped \| .*activeDeadlineSeconds 315 = timeout \+ 15 s/);
    const cj = parse(readFileSync(path.join(work, 'orders/k8s/allowance/cronjob.yaml'), 'utf8'));
    assert.equal(cj.spec.jobTemplate.spec.activeDeadlineSeconds, 315);
    for (const bad of ['-1', 'abc', '9999'])
      assert.equal((await cli('convert', 'orders', '--unit', 'NightlyCleanupFunction', '--dry-run', '--deadline-allowance', bad)).code, 2, bad);
  });

  it('a file as <path> picks the unit it declares, and its folder is still read, so the join finds the image its Dockerfile builds', async () => {
    mkdirSync(path.join(work, 'images/app'), { recursive: true });
    const fn = (name: string) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n    Metadata:\n      DockerContext: ./app\n      Dockerfile: Dockerfile\n`;
    writeFileSync(path.join(work, 'images/template.yaml'), fn('Report'));
    // The same name in another template of the folder: the file given decides.
    writeFileSync(path.join(work, 'images/other.yaml'), fn('Report'));
    writeFileSync(path.join(work, 'images/app/Dockerfile'), 'FROM public.ecr.aws/lambda/python:3.13\nCOPY app.py ${LAMBDA_TASK_ROOT}\nCMD ["app.handler"]\n');
    writeFileSync(path.join(work, 'images/app/app.py'), 'def handler(event, context):\n    return "done"\n');
    const r = await cli('convert', 'images/template.yaml', '--unit', 'Report', '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    // Python, from the Dockerfile's base image: the Python runner, FROM the function image.
    assert.match(r.stdout, /--- images\/k8s\/report\/lambdashift_runner\.py\n/);
    assert.match(r.stdout, /Report is a container image function \(Python, from/);
    const folder = await cli('convert', 'images', '--unit', 'Report', '--dry-run');
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /'Report' names 2 units \(other\.yaml, template\.yaml\); pick one by its file, as in --unit other\.yaml#Report\./);
    // FILE#NAME picks it from the folder.
    const picked = await cli('convert', 'images', '--unit', './template.yaml#Report', '--dry-run');
    assert.equal(picked.code, 0, picked.stderr);
    assert.match(picked.stdout, /lambdashift\.dev\/converted-from: template\.yaml#Report/);
    assert.equal((await cli('convert', 'images', '--unit', 'missing.yaml#Report', '--dry-run')).code, 2);
  });

  it('a code path above the folder converted: the note names the folder to convert from and the unit as FILE#NAME there', async () => {
    const module = (name: string) =>
      `module "fn" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "${name}"\n  handler       = "index.lambda_handler"\n  runtime       = "python3.12"\n  source_path   = "\${path.module}/../fixtures/app"\n}\n`;
    mkdirSync(path.join(work, 'tf/examples/async'), { recursive: true });
    mkdirSync(path.join(work, 'tf/examples/simple'), { recursive: true });
    mkdirSync(path.join(work, 'tf/examples/fixtures/app'), { recursive: true });
    writeFileSync(path.join(work, 'tf/examples/async/main.tf'), module('worker'));
    writeFileSync(path.join(work, 'tf/examples/simple/main.tf'), module('worker'));
    writeFileSync(path.join(work, 'tf/examples/fixtures/app/index.py'), 'def lambda_handler(event, context):\n    return 1\n');
    const alone = await cli('convert', 'tf/examples/async/main.tf', '--unit', 'worker', '--dry-run');
    assert.equal(alone.code, 0, alone.stderr);
    assert.match(alone.stderr, /worker's code was not found \(its code path \.\.\/fixtures\/app is outside the folder read/);
    assert.match(
      alone.stderr,
      /note: worker's code path \.\.\/fixtures\/app is outside tf\/examples\/async, the build context\. To convert it with its code: lambdashift convert tf\/examples --unit async\/main\.tf#worker\n/,
    );
    const wider = await cli('convert', 'tf/examples', '--unit', 'async/main.tf#worker', '--dry-run');
    assert.equal(wider.code, 0, wider.stderr);
    assert.match(wider.stdout, /^COPY fixtures\/app\/ \.\/$/m);
    assert.doesNotMatch(wider.stderr, /code was not found|note: worker's code path/);
  });

  it('a unit with blockers exits 1 and writes nothing; --force-blockers converts and the files start with the blockers', async () => {
    mkdirSync(path.join(work, 'grpc'), { recursive: true });
    writeFileSync(
      path.join(work, 'grpc/greeter.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: greeter }\nspec:\n  selector: { matchLabels: { app: greeter } }\n  template:\n    metadata: { labels: { app: greeter } }\n    spec:\n      containers:\n        - name: greeter\n          image: registry.example/greeter:1\n          ports: [{ name: grpc, containerPort: 50051 }]\n',
    );
    const blocked = await cli('convert', 'grpc', '--unit', 'greeter');
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /not converting greeter[\s\S]*gRPC service[\s\S]*Nothing was written\. .*--force-blockers/);
    assert.ok(!existsSync(path.join(work, 'grpc/lambda')));
    const forced = await cli('convert', 'grpc', '--unit', 'greeter', '--force-blockers');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(path.join(work, 'grpc/lambda/greeter/template.yaml'), 'utf8'), /^# BLOCKERS [^\n]*\n#\s+- gRPC service/);
    assert.match(
      readFileSync(path.join(work, 'grpc/lambda/greeter/CONVERSION.md'), 'utf8'),
      /## Blockers\n\nThe output will not behave like the source[\s\S]*gRPC/,
    );
  });
});
