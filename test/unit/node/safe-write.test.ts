// The host-layer writer behind `convert`, `assess --output` and the editor's convert: it never writes through a
// symbolic link, whatever the link's shape. Each case plants links in its own folder and checks that an "outside"
// folder (what a link points at) is byte-for-byte unchanged.
import assert from 'node:assert/strict';
import { linkSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { inspectTargets, UnsafeWriteError, writeTarget, writeTargets, writeUserFile } from '../../../src/node/safeWrite';
import { snapshot } from '../../helpers/fsSnapshot';
import { tempDir } from '../../helpers/tmp';

const base = tempDir('ls-safewrite-');
after(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh case: `ws` (the anchor, holding `out/`) and `outside` (with one file a link can point at). */
function fresh() {
  const dir = path.join(base, `case-${++n}`);
  const ws = path.join(dir, 'ws');
  const outside = path.join(dir, 'outside');
  mkdirSync(ws, { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, '.bashrc'), 'original\n');
  return { ws, outside, out: path.join(ws, 'out'), folder: { anchor: ws, dir: path.join(ws, 'out') } };
}

const FILES = [
  { path: 'deployment.yaml', content: 'kind: Deployment\n' },
  { path: 'iam/trust-policy.json', content: '{}\n' },
];

async function refused(p: Promise<unknown>, reason: UnsafeWriteError['reason'], at: string): Promise<UnsafeWriteError> {
  const e = await p.then(
    () => assert.fail('expected the write to be refused'),
    (err: unknown) => err,
  );
  assert.ok(e instanceof UnsafeWriteError, String(e));
  assert.equal(e.reason, reason);
  assert.equal(e.abs, at);
  return e;
}

describe('safeWrite: writes only below the output folder, never through a link', () => {
  it('writes into missing folders, creating them one by one', async () => {
    const c = fresh();
    const written = await writeTargets(c.folder, FILES);
    assert.deepEqual(written, [path.join(c.out, 'deployment.yaml'), path.join(c.out, 'iam/trust-policy.json')]);
    assert.equal(readFileSync(path.join(c.out, 'iam/trust-policy.json'), 'utf8'), '{}\n');
  });

  it('refuses an output folder that is a link to an outside folder', async () => {
    const c = fresh();
    symlinkSync(c.outside, c.out);
    const before = snapshot(c.outside);
    const e = await refused(writeTargets(c.folder, FILES), 'link', c.out);
    assert.equal(e.linkTarget, c.outside);
    assert.equal(
      e.describe((p) => path.relative(c.ws, p)),
      `out is a symbolic link (to ${c.outside})`,
    );
    assert.deepEqual(snapshot(c.outside), before);
  });

  it('refuses a link above the output folder (inside the anchor)', async () => {
    const c = fresh();
    symlinkSync(c.outside, path.join(c.ws, 'k8s'));
    const folder = { anchor: c.ws, dir: path.join(c.ws, 'k8s/app') };
    const before = snapshot(c.outside);
    await refused(inspectTargets(folder, ['a.yaml']), 'link', path.join(c.ws, 'k8s'));
    await refused(writeTargets(folder, FILES), 'link', path.join(c.ws, 'k8s'));
    assert.deepEqual(snapshot(c.outside), before);
  });

  it('refuses a subfolder of the output that is a link, before writing anything', async () => {
    const c = fresh();
    mkdirSync(c.out);
    symlinkSync(c.outside, path.join(c.out, 'iam'));
    const before = snapshot(c.outside);
    await refused(writeTargets(c.folder, FILES), 'link', path.join(c.out, 'iam'));
    assert.deepEqual(snapshot(c.outside), before);
    // All or nothing: the first file was not written either.
    assert.throws(() => lstatSync(path.join(c.out, 'deployment.yaml')), { code: 'ENOENT' });
  });

  it('reports a dangling link at a target, refuses it without replaceLinks, replaces the link itself with it', async () => {
    const c = fresh();
    mkdirSync(c.out);
    const planted = path.join(c.outside, 'created-by-link');
    symlinkSync(planted, path.join(c.out, 'deployment.yaml'));
    const before = snapshot(c.outside);
    const [t] = await inspectTargets(c.folder, ['deployment.yaml']);
    assert.equal(t.state, 'link');
    assert.equal(t.linkTarget, planted);
    await refused(writeTarget(c.folder, 'deployment.yaml', 'x', { replaceFiles: true }), 'link', path.join(c.out, 'deployment.yaml'));
    await writeTargets(c.folder, FILES, { replaceFiles: true, replaceLinks: true });
    assert.deepEqual(snapshot(c.outside), before, 'the dangling link was never followed');
    const st = lstatSync(path.join(c.out, 'deployment.yaml'));
    assert.ok(st.isFile() && !st.isSymbolicLink());
    assert.equal(readFileSync(path.join(c.out, 'deployment.yaml'), 'utf8'), 'kind: Deployment\n');
  });

  it('a link to an existing outside file: refused without replaceLinks; replaced (target untouched) with it', async () => {
    const c = fresh();
    mkdirSync(c.out);
    symlinkSync(path.join(c.outside, '.bashrc'), path.join(c.out, 'deployment.yaml'));
    const before = snapshot(c.outside);
    await refused(writeTargets(c.folder, FILES, { replaceFiles: true }), 'link', path.join(c.out, 'deployment.yaml'));
    assert.deepEqual(snapshot(c.outside), before);
    await writeTargets(c.folder, FILES, { replaceFiles: true, replaceLinks: true });
    assert.deepEqual(snapshot(c.outside), before);
    assert.equal(readFileSync(path.join(c.outside, '.bashrc'), 'utf8'), 'original\n');
    assert.ok(!lstatSync(path.join(c.out, 'deployment.yaml')).isSymbolicLink());
  });

  it('replacing a hard-linked file swaps the entry: the other name keeps its content', async () => {
    const c = fresh();
    mkdirSync(c.out);
    linkSync(path.join(c.outside, '.bashrc'), path.join(c.out, 'deployment.yaml'));
    const before = snapshot(c.outside);
    await assert.rejects(writeTarget(c.folder, 'deployment.yaml', 'new'), { code: 'EEXIST' });
    await writeTarget(c.folder, 'deployment.yaml', 'new', { replaceFiles: true });
    assert.equal(readFileSync(path.join(c.out, 'deployment.yaml'), 'utf8'), 'new');
    assert.deepEqual(snapshot(c.outside), before);
  });

  it('refuses unsafe generated names (absolute, .., backslash, control characters) before touching the disk', async () => {
    const c = fresh();
    const before = snapshot(path.dirname(c.ws));
    for (const bad of ['../../.bashrc', '/etc/passwd', 'a/../../b', 'a\\..\\b', 'a\nb', 'nul\u0000', '', 'a//b', './a', 'C:x']) {
      await refused(
        writeTargets(c.folder, [{ path: bad, content: 'x' }], { replaceFiles: true, replaceLinks: true }),
        'bad-name',
        path.join(c.out, bad.replace(/[\u0000-\u001f]/g, '?')),
      );
    }
    assert.deepEqual(snapshot(path.dirname(c.ws)), before);
  });

  it('refuses an output folder that is not below the anchor, and a file where a folder should be', async () => {
    const c = fresh();
    await refused(writeTargets({ anchor: c.ws, dir: c.outside }, FILES), 'outside', c.outside);
    writeFileSync(path.join(c.ws, 'out'), 'a file');
    await refused(writeTargets(c.folder, FILES), 'not-a-folder', c.out);
  });

  it('writeUserFile (assess --output): replaces a regular file, refuses a link at the file or in its folders', async () => {
    const c = fresh();
    const before = snapshot(c.outside);
    await writeUserFile(c.ws, 'report.json', 'one');
    await writeUserFile(c.ws, 'report.json', 'two');
    assert.equal(readFileSync(path.join(c.ws, 'report.json'), 'utf8'), 'two');
    symlinkSync(path.join(c.outside, '.bashrc'), path.join(c.ws, 'linked.json'));
    await refused(writeUserFile(c.ws, 'linked.json', 'x'), 'link', path.join(c.ws, 'linked.json'));
    symlinkSync(path.join(c.outside, 'nothing-yet'), path.join(c.ws, 'dangling.json'));
    await refused(writeUserFile(c.ws, 'dangling.json', 'x'), 'link', path.join(c.ws, 'dangling.json'));
    symlinkSync(c.outside, path.join(c.ws, 'reports'));
    await refused(writeUserFile(c.ws, 'reports/r.json', 'x'), 'link', path.join(c.ws, 'reports'));
    await refused(writeUserFile(c.ws, 'missing/r.json', 'x'), 'missing-folder', path.join(c.ws, 'missing'));
    assert.deepEqual(snapshot(c.outside), before);
    // A path outside the current folder is the user's own choice: written, but still not through a link there.
    await writeUserFile(c.ws, path.join(c.outside, 'fresh.json'), 'ok');
    assert.equal(readFileSync(path.join(c.outside, 'fresh.json'), 'utf8'), 'ok');
    const elsewhere = path.join(path.dirname(c.ws), 'elsewhere.json');
    symlinkSync(path.join(c.outside, '.bashrc'), elsewhere);
    await refused(writeUserFile(c.ws, elsewhere, 'x'), 'link', elsewhere);
    assert.equal(readFileSync(path.join(c.outside, '.bashrc'), 'utf8'), 'original\n');
  });
});
