import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { walkFiles } from '../../../src/node/files';
import { parseGitIndex } from '../../../src/node/gitIndex';
import { tempDir } from '../../helpers/tmp';

/** Writes files (relative path → text) under `dir`. */
function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

/** git, with no configuration of this machine's or user's. */
function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(cwd, '.no-global-config'), HOME: cwd },
  });
}

const listed = async (root: string) => (await walkFiles(root)).files.map((f) => f.rel).sort();

/** One index entry of version 2/3 (`extended`: with the 2 bytes of extended flags) or the head of a version 4 one. */
function entry(name: string, opts: { mode?: number; version: 2 | 3 | 4; strip?: number; extended?: boolean }): Buffer {
  const fixed = Buffer.alloc(62 + (opts.extended ? 2 : 0));
  fixed.writeUInt32BE(opts.mode ?? 0o100644, 24);
  fixed.writeUInt16BE((opts.extended ? 0x4000 : 0) | Math.min(name.length, 0xfff), 60);
  const bytes = Buffer.from(name, 'utf8');
  if (opts.version === 4) return Buffer.concat([fixed, Buffer.from([opts.strip ?? 0]), bytes, Buffer.from([0])]);
  const size = (fixed.length + bytes.length + 8) & ~7;
  return Buffer.concat([fixed, bytes, Buffer.alloc(size - fixed.length - bytes.length)]);
}

function index(version: 2 | 3 | 4, entries: Buffer[]): Buffer {
  const head = Buffer.alloc(12);
  head.write('DIRC', 0, 'latin1');
  head.writeUInt32BE(version, 4);
  head.writeUInt32BE(entries.length, 8);
  // A trailing checksum (and extensions) follow the entries; they are not read.
  return Buffer.concat([head, ...entries, Buffer.alloc(20)]);
}

describe('git index', () => {
  it('reads versions 2, 3 (extended flags) and 4 (prefix-compressed names); skips a sparse index folder', () => {
    assert.deepEqual(parseGitIndex(index(2, [entry('a.js', { version: 2 }), entry('lib/é.ts', { version: 2 })])), ['a.js', 'lib/é.ts']);
    assert.deepEqual(parseGitIndex(index(3, [entry('a.js', { version: 3, extended: true }), entry('b.js', { version: 3 })])), ['a.js', 'b.js']);
    assert.deepEqual(
      parseGitIndex(
        index(4, [
          entry('src/app/handler.js', { version: 4 }),
          // "src/app/" kept (10 bytes of "handler.js" dropped), then "index.js".
          entry('index.js', { version: 4, strip: 10 }),
          entry('docs/', { version: 4, strip: 16, mode: 0o040000 }),
          entry('lib/x.js', { version: 4, strip: 5 }),
        ]),
      ),
      ['src/app/handler.js', 'src/app/index.js', 'lib/x.js'],
    );
  });

  it('refuses what is not an index: another signature or version, a truncated entry, a name that strips too much', () => {
    assert.equal(parseGitIndex(Buffer.from([0x50, 0x41, 0x43, 0x4b, 0, 0, 0, 2, 0, 0, 0, 0])), undefined);
    const v5 = index(2, []);
    v5.writeUInt32BE(5, 4);
    assert.equal(parseGitIndex(v5), undefined);
    assert.equal(parseGitIndex(index(2, [entry('a.js', { version: 2 })]).subarray(0, 40)), undefined);
    assert.equal(parseGitIndex(index(2, [entry('a.js', { version: 2, extended: true })])), undefined);
    assert.equal(parseGitIndex(index(4, [entry('a.js', { version: 4, strip: 9 })])), undefined);
  });

  it('a .gitignore pattern does not hide a file the repository tracks; untracked matches and .lambdashiftignore stay hidden', async () => {
    const root = tempDir('ls-gitidx-');
    write(root, {
      '.gitignore': '*.js\n!jest.config.js\nout/\n',
      'lib/stack.ts': 'export {};\n',
      'lambda/handler.js': 'exports.handler = async () => 1;\n',
      'lambda/compiled.js': '// tsc output\n',
      'out/keep.js': '// committed build output\n',
      'out/other.js': '// not committed\n',
      'jest.config.js': 'module.exports = {};\n',
      'tracked-but-mine.js': '// tracked, excluded by .lambdashiftignore\n',
      '.lambdashiftignore': 'tracked-but-mine.js\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.gitignore', '.lambdashiftignore', 'lib/stack.ts', 'jest.config.js');
    git(root, 'add', '-f', 'lambda/handler.js', 'out/keep.js', 'tracked-but-mine.js');
    assert.deepEqual(await listed(root), ['.gitignore', '.lambdashiftignore', 'jest.config.js', 'lambda/handler.js', 'lib/stack.ts', 'out/keep.js']);
    // A folder of the repository, assessed on its own: the index's paths are relative to the repository's top.
    assert.deepEqual(await listed(path.join(root, 'lambda')), ['handler.js']);
  });

  it("a folder the repository ignores, assessed by name, is walked; the ignore file's other patterns still apply inside it", async () => {
    const root = tempDir('ls-gitidx-named-');
    write(root, {
      '.gitignore': '# build output\nbench/.work/\n*.log\n',
      'bench/.lambdashiftignore': '.work\nfixtures/\n',
      'bench/.work/ws/app.ts': 'export {};\n',
      'bench/.work/ws/debug.log': 'x\n',
      'bench/.work/ws/fixtures/a.ts': 'export {};\n',
      'bench/.work/ws/svc/b.ts': 'export {};\n',
      'src/c.ts': 'export {};\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.gitignore', 'bench/.lambdashiftignore', 'src/c.ts');
    // From the top, the folder stays hidden (.gitignore and .lambdashiftignore both hide it).
    assert.deepEqual(await listed(root), ['.gitignore', 'bench/.lambdashiftignore', 'src/c.ts']);
    // Named: `bench/.work/` and `.work` no longer hide it; `*.log` and `fixtures/` still hide what they match inside.
    assert.deepEqual(await listed(path.join(root, 'bench/.work/ws')), ['app.ts', 'svc/b.ts']);
    assert.deepEqual(await listed(path.join(root, 'bench/.work/ws/svc')), ['b.ts']);
  });

  it('a .git file naming the git dir (a worktree or submodule) leads to its index; no repository: .gitignore as written', async () => {
    const root = tempDir('ls-gitidx-wt-');
    write(root, { 'app/.gitignore': '*.js\n', 'app/handler.js': '// committed\n', 'app/out.js': '// built\n', 'app/.git': 'gitdir: ../meta/worktrees/app\n' });
    mkdirSync(path.join(root, 'meta/worktrees/app'), { recursive: true });
    writeFileSync(path.join(root, 'meta/worktrees/app/index'), index(2, [entry('.gitignore', { version: 2 }), entry('handler.js', { version: 2 })]));
    assert.deepEqual(await listed(path.join(root, 'app')), ['.git', '.gitignore', 'handler.js']);
    const plain = tempDir('ls-gitidx-none-');
    write(plain, { '.gitignore': '*.js\n', 'handler.js': '// no repository here\n', 'a.ts': 'export {};\n' });
    assert.deepEqual(await listed(plain), ['.gitignore', 'a.ts']);
  });
});
