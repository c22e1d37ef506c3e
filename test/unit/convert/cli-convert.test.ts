import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
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
    assert.match(readFileSync(path.join(work, 'orders/k8s/export-poller/Dockerfile'), 'utf8'), /COPY k8s\/export-poller\/lambdashift-runner\.cjs/);
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
});
